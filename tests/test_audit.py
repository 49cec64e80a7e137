"""The audit log: entries per change and per entity, undo, and its refusals.

Only :class:`~graph.stores.base.Store` methods are used, so the same round trips
can run on Neo4j.
"""

from __future__ import annotations

import json

import pytest

from graph.accounts.permissions import PermissionDenied
from graph.accounts.user import User
from graph.audit.errors import AuditBusy, AuditWriteFailed, UndoRefused
from graph.audit.log import AuditLog
from graph.model import Node
from graph.stores.changes import ChangeSet
from importers import editing, upload
from importers.pipeline import import_path
from tests.conftest import SAMPLE

EDITOR = User("ayse", "editor")
OTHER_EDITOR = User("mehmet", "editor")
ADMIN = User("deniz", "admin")
ANTALYA = "city-tr-antalya"


@pytest.fixture
def audit(tmp_path) -> AuditLog:
    return AuditLog(tmp_path / "data" / "audit.sqlite")


def snapshot(store) -> tuple[dict, dict]:
    """Every node and relation with its properties, ``updated_at`` aside (an undo is a change)."""

    def strip(props: dict) -> dict:
        return {k: v for k, v in props.items() if k != "updated_at"}

    return (
        {n.id: (n.label, strip(n.props)) for n in store.nodes()},
        {r.key: strip(r.props) for r in store.relations()},
    )


def add_city(store, audit, name="Tallinn", country="Estonia", **more):
    return editing.save(store, audit, EDITOR, "cities", {"name": name, "country": country, **more})


def test_edit_is_recorded_with_who_when_and_before_after(sample_store, audit):
    entry = editing.save(
        sample_store, audit, EDITOR, "cities", {"population": "2696249"}, entity_id=ANTALYA
    )
    assert (entry.user, entry.action, entry.subject, entry.backend) == (
        "ayse",
        "edit",
        ANTALYA,
        "embedded",
    )
    assert entry.at.endswith("+00:00") and "population" in entry.summary
    (change,) = entry.changes
    assert change.key == ANTALYA and change.fields == ["population"]
    assert "population" not in change.before and change.after["population"] == 2696249


def test_edit_then_undo_restores_the_before_state_exactly(sample_store, audit):
    before = snapshot(sample_store)
    entry = editing.save(
        sample_store,
        audit,
        EDITOR,
        "cities",
        {
            "name_tr": "Antalya (Büyükşehir)",
            "population": "2696249",
            "lat": "",
            "themes": "tourism; agriculture; culture",
            "notes": "edited",
        },
        entity_id=ANTALYA,
    )
    assert snapshot(sample_store) != before
    undo = audit.undo(sample_store, entry.id, EDITOR)
    assert snapshot(sample_store) == before
    assert (undo.action, undo.undoes) == ("undo", entry.id)
    assert audit.get(entry.id).undone_by == undo.id


def test_undo_removes_a_source_the_change_added(embedded, audit):
    embedded.apply(ChangeSet(nodes=[Node("city-tr-kas", "City", {"name": "Kaş", "country": "TR"})]))
    before = snapshot(embedded)
    entry = editing.save(
        embedded, audit, EDITOR, "cities", {"source": "https://kas.bel.tr"}, entity_id="city-tr-kas"
    )
    audit.undo(embedded, entry.id, EDITOR)
    assert snapshot(embedded) == before


def test_undo_is_refused_while_a_later_change_depends_on_it(sample_store, audit):
    city = add_city(sample_store, audit)
    agreement = editing.save(
        sample_store,
        audit,
        EDITOR,
        "agreements",
        {"type": "sister_city", "parties": "Antalya; Tallinn"},
    )
    with pytest.raises(UndoRefused, match=f"undo the later change #{agreement.id} first"):
        audit.undo(sample_store, city.id, EDITOR)
    assert audit.blockers(city.id) == [agreement.id]
    audit.undo(sample_store, agreement.id, EDITOR)
    audit.undo(sample_store, city.id, EDITOR)
    assert sample_store.find("city-ee-tallinn") is None


def test_earlier_change_can_be_undone_once_the_later_one_is(sample_store, audit):
    before = snapshot(sample_store)
    first = editing.save(
        sample_store, audit, EDITOR, "cities", {"population": "1"}, entity_id=ANTALYA
    )
    second = editing.save(
        sample_store, audit, EDITOR, "cities", {"population": "2"}, entity_id=ANTALYA
    )
    with pytest.raises(UndoRefused, match=f"#{second.id}"):
        audit.undo(sample_store, first.id, EDITOR)
    audit.undo(sample_store, second.id, EDITOR)
    audit.undo(sample_store, first.id, EDITOR)
    assert snapshot(sample_store) == before


def test_undo_twice_is_refused(sample_store, audit):
    entry = editing.save(
        sample_store, audit, EDITOR, "cities", {"population": "1"}, entity_id=ANTALYA
    )
    undo = audit.undo(sample_store, entry.id, EDITOR)
    with pytest.raises(UndoRefused, match=f"already undone \\(by #{undo.id}\\)"):
        audit.undo(sample_store, entry.id, EDITOR)
    with pytest.raises(UndoRefused, match="itself the undo"):
        audit.undo(sample_store, undo.id, EDITOR)


def test_delete_then_undo_restores_the_entity_and_its_ties(sample_store, audit):
    before = snapshot(sample_store)
    ties = sample_store.relations_of(["city-de-nuremberg"])
    assert len(ties) > 3
    entry = editing.delete(sample_store, audit, EDITOR, "city-de-nuremberg")
    assert sample_store.find("city-de-nuremberg") is None
    assert {c.key for c in entry.changes if c.kind == "relation"} == {r.key for r in ties}
    audit.undo(sample_store, entry.id, EDITOR)
    assert snapshot(sample_store) == before


def test_import_upload_then_undo_removes_what_the_import_created(sample_store, audit):
    before = snapshot(sample_store)
    data = (
        b"cities:\n"
        b"  - {name: Tallinn, country: EE, themes: smart-city}\n"
        b"  - {id: city-us-austin, name: Austin, country: US, population: 961855}\n"
        b"memberships:\n"
        b"  - {member: Tallinn, network: Cittaslow International, since: 2024}\n"
    )
    result = upload.import_upload(sample_store, audit, EDITOR, "new.yaml", data, dry_run=False)
    entry = result.entry
    assert entry.action == "import" and "new.yaml" in entry.summary
    created = {c.key for c in entry.changes if c.action == "create"}
    assert {
        "city-ee-tallinn",
        "country-ee",
        ("city-ee-tallinn", "MEMBER_OF", "network-cittaslow"),
    } <= created
    assert [c.key for c in entry.changes if c.action == "update"] == ["city-us-austin"]
    audit.undo(sample_store, entry.id, EDITOR)
    assert snapshot(sample_store) == before


def test_undo_is_refused_when_records_changed_outside_the_log(sample_store, audit, tmp_path):
    entry = add_city(sample_store, audit)
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "memberships.csv").write_text(
        "member,network\ncity-ee-tallinn,network-cittaslow\n", encoding="utf-8"
    )
    import_path(sample_store, tmp_path / "cli")  # a command-line import: not audited
    with pytest.raises(UndoRefused, match="changed outside the audit log"):
        audit.undo(sample_store, entry.id, EDITOR)
    assert sample_store.find("city-ee-tallinn") is not None


def test_undo_is_refused_on_another_backend(sample_store, audit):
    result = sample_store.apply(ChangeSet(nodes=[Node("city-tr-kas", "City", {"name": "Kaş"})]))
    entry = audit.record("script", "create", "Created Kaş", result, "neo4j")
    with pytest.raises(UndoRefused, match="neo4j store"):
        audit.undo(sample_store, entry.id, "script")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [(EDITOR, True), (OTHER_EDITOR, False), (ADMIN, True), (User("ali", "analyst"), False)],
    ids=["own-editor", "other-editor", "admin", "analyst"],
)
def test_editors_undo_their_own_changes_and_admins_anyones(sample_store, audit, who, allowed):
    entry = editing.save(
        sample_store, audit, EDITOR, "cities", {"population": "1"}, entity_id=ANTALYA
    )
    if allowed:
        assert audit.undo(sample_store, entry.id, who).user == who.username
    else:
        with pytest.raises(PermissionDenied, match="may not undo"):
            audit.undo(sample_store, entry.id, who)
        assert sample_store.get(ANTALYA).props["population"] == 1


def test_entries_per_entity_hold_only_its_changes(sample_store, audit):
    add_city(sample_store, audit)
    editing.save(
        sample_store,
        audit,
        EDITOR,
        "agreements",
        {"type": "sister_city", "parties": "Antalya; Tallinn"},
    )
    editing.save(
        sample_store, audit, ADMIN, "networks", {"acronym": "CS"}, entity_id="network-cittaslow"
    )
    assert audit.count() == 3
    history = audit.entries("city-ee-tallinn")
    assert [e.action for e in history] == [
        "create",
        "create",
    ]  # the agreement tied it, newest first
    assert all(c.touches("city-ee-tallinn") for e in history for c in e.changes)
    assert [e.user for e in audit.entries(user="deniz")] == ["deniz"]
    assert audit.entries(limit=1, offset=2)[0].id == history[-1].id
    assert json.loads(json.dumps(history[0].to_dict()))["undoable"] is True


def test_a_save_that_changes_nothing_records_nothing(sample_store, audit):
    assert editing.save(sample_store, audit, EDITOR, "cities", {}, entity_id=ANTALYA) is None
    assert audit.count() == 0


def test_failed_audit_write_keeps_the_change_and_logs_it_for_recovery(
    sample_store, audit, monkeypatch, caplog
):
    def broken(con):
        raise OSError("disk full")

    monkeypatch.setattr(audit, "_before_commit", broken)
    with pytest.raises(AuditWriteFailed, match="saved, but the audit log could not record it"):
        editing.save(sample_store, audit, EDITOR, "cities", {"population": "7"}, entity_id=ANTALYA)
    assert sample_store.get(ANTALYA).props["population"] == 7  # the store committed first
    assert audit.count() == 0
    (line,) = audit.failure_log.read_text(encoding="utf-8").splitlines()
    lost = json.loads(line)
    assert lost["user"] == "ayse" and lost["changes"][0]["after"]["population"] == 7
    assert "disk full" in lost["error"]
    assert any(r.levelname == "CRITICAL" for r in caplog.records)


def test_audited_writes_of_two_workers_are_serialised(sample_store, audit):
    other_worker = AuditLog(audit.path, lock_timeout=0.1)
    with audit.transaction():
        with pytest.raises(AuditBusy, match="another change is being saved"):
            editing.save(
                sample_store, other_worker, EDITOR, "cities", {"population": "1"}, entity_id=ANTALYA
            )
    assert "population" not in sample_store.get(ANTALYA).props
    assert (
        editing.save(
            sample_store, other_worker, EDITOR, "cities", {"population": "1"}, entity_id=ANTALYA
        ).id
        == 1
    )


def test_edit_delete_and_import_round_trips_restore_the_graph_on_every_backend(store, audit):
    """``store`` is embedded, and Neo4j when a server is available (``-m neo4j``)."""
    import_path(store, SAMPLE)
    before = snapshot(store)
    edit = editing.save(
        store,
        audit,
        EDITOR,
        "cities",
        {"population": "2696249", "lat": "", "themes": "tourism; culture"},
        entity_id=ANTALYA,
    )
    gone = editing.delete(store, audit, EDITOR, "city-de-nuremberg")
    uploaded = upload.import_upload(
        store, audit, EDITOR, "cities.csv", b"name,country\nTallinn,EE\n", dry_run=False
    ).entry
    assert snapshot(store) != before
    for entry in (uploaded, gone, edit):
        audit.undo(store, entry.id, EDITOR)
    assert snapshot(store) == before
    assert {e.backend for e in audit.entries()} == {store.backend}
