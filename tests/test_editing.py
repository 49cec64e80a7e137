"""Editing through forms: the importers' checks by field, duplicates, ties, and uploads."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from graph.accounts.permissions import PermissionDenied
from graph.accounts.user import User
from graph.audit.log import AuditLog
from graph.errors import ImportFailed
from graph.model import Node
from graph.stores.changes import ChangeSet
from importers import editing, upload

EDITOR = User("ayse", "editor")
ANTALYA = "city-tr-antalya"


@pytest.fixture
def audit(tmp_path) -> AuditLog:
    return AuditLog(tmp_path / "data" / "audit.sqlite")


def problems(preview) -> dict[str | None, str]:
    return {field: " | ".join(msgs) for field, msgs in preview.by_field().items()}


# -- checks, located by field -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("events", {"date": "31.02.2024", "title": "Visit"}, "date", "is not a date"),
        (
            "events",
            {"date": "2024-03-01", "title": "Visit", "type": "party"},
            "type",
            "is not one of visit, workshop",
        ),
        (
            "cities",
            {"name": "Tallinn", "country": "EE", "lat": "95"},
            "lat",
            "latitude 95.0 is out of range (-90 to 90)",
        ),
        ("cities", {"name": "Tallinn", "country": "EE", "lon": "200"}, "lon", "out of range"),
        (
            "cities",
            {"name": "Tallinn", "country": "Atlantis"},
            "country",
            "unknown country 'Atlantis'",
        ),
        ("cities", {"country": "EE"}, "name", "name is required"),
        (
            "agreements",
            {"type": "sister citty", "parties": "Antalya; Nuremberg"},
            "type",
            "did you mean 'sister_city'",
        ),
        ("agreements", {"type": "mou", "parties": "Antalya; Nurnbreg City"}, "parties", "unknown"),
        (
            "memberships",
            {"member": "Antalya", "network": "Cittaslow", "since": "someday"},
            "since",
            "is not a date",
        ),
        (
            "networks",
            {"name": "Eurocities", "website": "eurocities.eu"},
            "website",
            "start it with https://",
        ),
    ],
    ids=[
        "bad-date",
        "bad-enum",
        "latitude",
        "longitude",
        "country",
        "required",
        "agreement-type",
        "unknown-party",
        "membership-date",
        "website",
    ],
)
def test_preview_locates_each_problem_at_its_field(sample_store, kind, values, field, message):
    preview = editing.preview(sample_store, kind, values)
    assert not preview.ok and preview.plan is None and not preview.changes
    assert message in problems(preview)[field]


def test_preview_reports_every_bad_cell_at_once(sample_store):
    preview = editing.preview(
        sample_store, "cities", {"name": "X", "country": "EE", "lat": "95", "population": "lots"}
    )
    assert set(problems(preview)) == {"lat", "population"}


def test_unknown_field_is_reported(sample_store):
    preview = editing.preview(
        sample_store, "cities", {"name": "X", "country": "EE", "colour": "red"}
    )
    assert "unknown field 'colour'" in problems(preview)[None]


def test_every_sample_entity_and_tie_round_trips_through_its_form_unchanged(sample_store):
    records = [n.id for n in sample_store.nodes() if n.label in editing.ENTITY_KINDS.values()]
    records += [
        editing.tie_id(r.key)
        for r in sample_store.relations()
        if r.type in editing.TIE_KINDS.values()
    ]
    for record in records:
        kind, values = editing.form_values(sample_store, record)
        preview = editing.preview(sample_store, kind, values, entity_id=record)
        assert preview.ok and not preview.plan.changed and not preview.duplicates, record


# -- duplicates --------------------------------------------------------------------------------
def test_near_duplicate_city_is_shown_with_its_score_and_save_waits_for_confirmation(
    sample_store, audit
):
    values = {"name": "Antalyia", "country": "TR"}
    preview = editing.preview(sample_store, "cities", values)
    assert preview.ok
    (dup,) = preview.duplicates
    assert (dup.id, dup.via) == (ANTALYA, "fuzzy") and 85 <= dup.score < 100
    with pytest.raises(
        editing.DuplicateNotConfirmed, match=r"Antalya \(city-tr-antalya, score \d+\)"
    ) as exc:
        editing.save(sample_store, audit, EDITOR, "cities", values)
    assert exc.value.status == 409 and exc.value.preview.duplicates == [dup]
    assert sample_store.find("city-tr-antalyia") is None and audit.count() == 0
    entry = editing.save(sample_store, audit, EDITOR, "cities", values, confirm_duplicates=True)
    assert entry.subject == "city-tr-antalyia" and sample_store.find("city-tr-antalyia")


def test_renaming_an_entity_to_a_near_name_shows_the_duplicate(sample_store):
    preview = editing.preview(
        sample_store, "cities", {"name": "Austinn"}, entity_id="city-us-miami"
    )
    assert [d.id for d in preview.duplicates] == ["city-us-austin"]


def test_creating_an_entity_that_exists_is_refused_with_a_hint(sample_store, audit):
    with pytest.raises(editing.EditRejected) as exc:
        editing.save(
            sample_store, audit, EDITOR, "cities", {"name": "ANTALYA", "country": "Türkiye"}
        )
    assert "already exists: edit it instead" in problems(exc.value.preview)["name"]


# -- entities ----------------------------------------------------------------------------------
def test_sister_city_agreement_with_a_new_city_by_name_is_saved_and_audited(sample_store, audit):
    editing.save(
        sample_store,
        audit,
        EDITOR,
        "cities",
        {"name": "Tallinn", "country": "Estonya", "lat": "59.437", "lon": "24.7536"},
    )
    entry = editing.save(
        sample_store,
        audit,
        EDITOR,
        "agreements",
        {
            "type": "sister_city",
            "parties": "Antalya; Tallinn",
            "signed_on": "01.05.2024",
            "status": "active",
            "themes": "smart city",
        },
    )
    agreement = sample_store.get(entry.subject)
    assert agreement.props["type"] == "sister_city" and agreement.props["signed_on"] == "2024-05-01"
    parties = {r.start for r in sample_store.relations_of([agreement.id]) if r.type == "PARTY_TO"}
    assert parties == {ANTALYA, "city-ee-tallinn"}
    assert (entry.action, entry.user) == ("create", "ayse")
    assert {c.key for c in entry.changes} >= {agreement.id, (ANTALYA, "PARTY_TO", agreement.id)}
    assert audit.entries(ANTALYA)[0].id == entry.id


def test_edit_keeps_the_id_source_and_properties_no_form_shows(sample_store, audit):
    sample_store.apply(ChangeSet(nodes=[Node(ANTALYA, "City", {"wikidata": "Q40249"})]))
    source = sample_store.get(ANTALYA).props["source"]
    editing.save(
        sample_store,
        audit,
        EDITOR,
        "cities",
        {"name": "Antalya Büyükşehir", "source": "", "lat": ""},
        entity_id=ANTALYA,
    )
    props = sample_store.get(ANTALYA).props
    assert props["name"] == "Antalya Büyükşehir" and props["wikidata"] == "Q40249"
    assert props["source"] == source  # provenance is kept when the field is left empty
    assert "lat" not in props  # a cleared field removes the property


def test_clearing_a_field_of_ties_deletes_those_ties_only(sample_store, audit):
    before = {r.key for r in sample_store.relations_of([ANTALYA])}
    entry = editing.save(
        sample_store, audit, EDITOR, "cities", {"priority_themes": ""}, entity_id=ANTALYA
    )
    removed = {c.key for c in entry.changes if c.action == "delete"}
    assert removed and all(k[1] == "HAS_THEME" for k in removed)
    assert {r.key for r in sample_store.relations_of([ANTALYA])} == before - removed


def test_id_of_an_entity_cannot_be_changed(sample_store):
    preview = editing.preview(
        sample_store, "cities", {"id": "city-tr-antalya-2"}, entity_id=ANTALYA
    )
    assert "never changes" in problems(preview)["id"]


def test_themes_and_countries_are_not_edited_with_forms(sample_store, audit):
    with pytest.raises(editing.InvalidData, match="reference data"):
        editing.delete(sample_store, audit, EDITOR, "country-tr")


def test_viewer_may_not_save_delete_or_import(sample_store, audit):
    viewer = User("veli", "viewer")
    with pytest.raises(PermissionDenied):
        editing.save(sample_store, audit, viewer, "cities", {"population": "1"}, entity_id=ANTALYA)
    with pytest.raises(PermissionDenied):
        editing.delete(sample_store, audit, viewer, ANTALYA)
    with pytest.raises(PermissionDenied):
        upload.import_upload(sample_store, audit, viewer, "a.csv", b"name\n", dry_run=True)


# -- ties --------------------------------------------------------------------------------------
def test_membership_is_added_by_names_and_removed_by_tie_id(sample_store, audit):
    added = editing.save(
        sample_store,
        audit,
        EDITOR,
        "memberships",
        {"member": "Nürnberg", "network": "Cittaslow International", "since": "2020"},
    )
    key = ("city-de-nuremberg", "MEMBER_OF", "network-cittaslow")
    assert added.subject == editing.tie_id(key) and added.summary.startswith("Added membership")
    assert sample_store.get_relations([key])[key].props["since"] == "2020"
    with pytest.raises(editing.EditRejected):  # adding it again
        editing.save(
            sample_store,
            audit,
            EDITOR,
            "memberships",
            {"member": "city-de-nuremberg", "network": "network-cittaslow"},
        )
    edited = editing.save(
        sample_store, audit, EDITOR, "memberships", {"since": ""}, entity_id=added.subject
    )
    assert "since" not in sample_store.get_relations([key])[key].props and edited.action == "edit"
    removed = editing.delete(sample_store, audit, EDITOR, added.subject)
    assert key not in sample_store.get_relations([key]) and removed.summary.startswith(
        "Removed membership"
    )
    audit.undo(sample_store, removed.id, EDITOR)
    assert key in sample_store.get_relations([key])


def test_stakeholder_tie_adds_themes_to_the_organization_without_removing_others(
    sample_store, audit
):
    org = "org-akdeniz-university"
    themes = {r.end for r in sample_store.relations_of([org]) if r.type == "HAS_THEME"}
    editing.save(
        sample_store,
        audit,
        EDITOR,
        "stakeholders",
        {
            "organization": "Akdeniz Üniversitesi",
            "city": "Nuremberg",
            "role": "partner university",
            "themes": "culture",
        },
    )
    after = {r.end for r in sample_store.relations_of([org]) if r.type == "HAS_THEME"}
    assert after == themes | {"theme-culture"}


# -- uploads -----------------------------------------------------------------------------------
def xlsx(rows: list[list[str]], sheet: str = "cities") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_upload_dry_run_writes_nothing_and_the_import_is_audited(sample_store, audit):
    data = xlsx([["name", "country"], ["Tallinn", "EE"]])
    dry = upload.import_upload(sample_store, audit, EDITOR, "yeni.xlsx", data, dry_run=True)
    assert dry.entry is None and dry.report.counts()["nodes"]["create"] == 2  # the city and Estonia
    assert sample_store.find("city-ee-tallinn") is None
    done = upload.import_upload(
        sample_store, audit, EDITOR, "C:\\Users\\ayse\\yeni.xlsx", data, dry_run=False
    )
    assert done.entry.action == "import" and "yeni.xlsx" in done.entry.summary
    assert sample_store.find("city-ee-tallinn")


def test_csv_upload_names_its_sheet_by_file_name_or_by_choice(sample_store, audit):
    data = b"name,country\nTallinn,Estonya\n"
    with pytest.raises(ImportFailed) as exc:
        upload.import_upload(sample_store, audit, EDITOR, "Şehir listesi.csv", data, dry_run=True)
    assert "unknown sheet" in str(exc.value.report.errors[0])
    result = upload.import_upload(
        sample_store, audit, EDITOR, "Şehir listesi.csv", data, dry_run=False, sheet="Şehirler"
    )
    assert sample_store.find("city-ee-tallinn") and result.entry.action == "import"
    with pytest.raises(upload.UploadRejected, match="unknown sheet 'towns'"):
        upload.import_upload(
            sample_store, audit, EDITOR, "a.csv", data, dry_run=True, sheet="towns"
        )


def test_upload_with_bad_rows_writes_and_records_nothing(sample_store, audit):
    data = b"name,country,lat\nTallinn,EE,95\n"
    with pytest.raises(ImportFailed) as exc:
        upload.import_upload(sample_store, audit, EDITOR, "cities.csv", data, dry_run=False)
    assert "latitude 95.0 is out of range" in str(exc.value.report.errors[0])
    assert sample_store.find("city-ee-tallinn") is None and audit.count() == 0


def zip_without_content_types() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("cities.csv", "name,country\n")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("cities.exe", b"MZ\x90\x00", "files of type .exe cannot be imported"),
        ("cities", b"name,country\n", "files of type (none)"),
        ("cities.xlsx", b"name,country\nTallinn,EE\n", "is not an Excel workbook"),
        ("cities.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel file (.xls)"),
        ("cities.xlsx", zip_without_content_types(), "a zip archive, not an Excel workbook"),
        ("cities.csv", xlsx([["name"]]), "is a zip archive"),
        ("cities.csv", "name,country\n".encode("utf-16"), "UTF-16"),
        ("cities.json", b"{\x00\x01}", "not a text file"),
        ("cities.yaml", b"cities:\x07\x08", "control characters"),
        ("cities.csv", b"", "is empty"),
    ],
    ids=[
        "exe",
        "no-extension",
        "csv-named-xlsx",
        "xls-named-xlsx",
        "plain-zip",
        "xlsx-named-csv",
        "utf16",
        "binary-json",
        "control-chars",
        "empty",
    ],
)
def test_upload_is_checked_by_extension_and_content(filename, data, message):
    with pytest.raises(
        upload.UploadRejected, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        upload.check_upload(filename, data)


def test_upload_over_the_size_limit_is_413():
    with pytest.raises(upload.UploadTooLarge, match="the limit is 1 MiB") as exc:
        upload.check_upload("cities.csv", b"name\n" + b"x" * (1024 * 1024), max_mb=1)
    assert exc.value.status == 413


def test_windows_1254_csv_is_accepted():
    assert (
        upload.check_upload("../../şehirler.csv", "name,country\nİzmir,TR\n".encode("cp1254"))
        == "şehirler.csv"
    )


def test_fields_describe_the_form(sample_store):
    by_name = {f.name: f for f in editing.fields("agreements")}
    assert by_name["type"].required and by_name["type"].choices[0] == "sister_city"
    assert by_name["parties"].type == "refs" and by_name["signed_on"].type == "date"
    assert {
        f.type for f in editing.fields("cities") if f.name in ("lat", "country", "is_home")
    } == {"number", "country", "bool"}
