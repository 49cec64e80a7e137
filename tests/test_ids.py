"""Ids of any shape: the user's own ids work as node ids, references, in generated agreement
ids, in URLs, in editing and undo, and through export and re-import (issue 11, part 1)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from graph.errors import ImportFailed
from importers.export import export_graph
from importers.pipeline import import_path

IDS = ["izmir", "42", "IZM-01", "Kardeş Şehir", "Konya büyükşehir"]


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def own_ids_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write(
        folder,
        "cities.csv",
        "id,name,country\n"
        "izmir,İzmir,TR\n42,Mersin,TR\nIZM-01,Bornova,TR\n"
        "Kardeş Şehir,Nürnberg,DE\nKonya büyükşehir,Konya,TR\n",
    )
    write(
        folder,
        "agreements.csv",
        "type,parties,status\n"
        "sister_city,izmir;Kardeş Şehir,active\nmou,42;IZM-01,dormant\n"
        "sister_city,Konya büyükşehir;42,active\n",
    )
    return folder


def test_own_ids_import_reference_each_other_and_name_agreements(store, tmp_path):
    import_path(store, own_ids_folder(tmp_path))
    assert {n.id for n in store.nodes("City")} == set(IDS)
    agreements = {n.id for n in store.nodes("Agreement")}
    assert agreements == {
        "agreement-izmir-kardes-sehir-sister-city",
        "agreement-42-izm-01-mou",
        "agreement-42-konya-buyuksehir-sister-city",
    }
    parties = {r.start for r in store.relations("PARTY_TO")}
    assert parties == set(IDS)


def test_importing_own_ids_twice_changes_nothing(store, tmp_path):
    folder = own_ids_folder(tmp_path)
    import_path(store, folder)
    again = import_path(store, folder)
    assert again.result.counts("node")["create"] == again.result.counts("node")["update"] == 0


def test_export_and_reimport_keep_own_ids(store, tmp_path):
    import_path(store, own_ids_folder(tmp_path))
    export_graph(store, "csv", tmp_path / "out")
    from graph.stores.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "copy.sqlite") as copy:
        import_path(copy, tmp_path / "out")
        assert {n.id for n in copy.nodes("City")} == set(IDS)
        assert {n.id for n in copy.nodes("Agreement")} == {n.id for n in store.nodes("Agreement")}


@pytest.mark.parametrize(
    ("bad", "why"),
    [("a/b", "/, \\ or |"), ("x|y", "/, \\ or |"), ("tab\tid", "control")],
    ids=["slash", "bar", "control"],
)
def test_ids_that_would_break_urls_are_refused_with_the_cell(store, tmp_path, bad, why):
    write(tmp_path / "in", "cities.csv", f'id,name,country\n"{bad}",Mersin,TR\n')
    with pytest.raises(ImportFailed) as failed:
        import_path(store, tmp_path / "in")
    text = "\n".join(str(p) for p in failed.value.report.errors)
    assert "cities.csv:2" in text and (why in text or "id" in text)
    assert list(store.nodes()) == []


def test_entity_pages_edit_and_undo_work_with_own_ids(editor, staff_app, tmp_path):
    from tests.staff_fixtures import audit_of, node_props
    from web.store import access

    with staff_app.app_context():
        import_path(access().store, own_ids_folder(tmp_path))
    for entity_id in IDS:
        url = "/entity/" + urllib.parse.quote(entity_id)
        assert editor.get(url + ".json").get_json()["entity"]["id"] == entity_id
    url = "/entity/" + urllib.parse.quote("Kardeş Şehir") + "/edit"
    opened = editor.get(url + ".json").get_json()
    form = {f["name"]: f["value"] for f in opened["fields"]} | {"population": "518370"}
    from tests.test_web_edit import save

    response = save(editor, url, form, version=opened["version"])
    assert response.status_code == 303
    assert node_props(staff_app, "Kardeş Şehir")["population"] == 518370
    entry = audit_of(staff_app).entries()[0]
    undo = editor.post(
        f"/audit/{entry.id}/undo",
        data={"csrf_token": __import__("tests.web_fixtures").web_fixtures.csrf_token(editor, "/")},
    )
    assert undo.status_code in (302, 303)
    assert "population" not in node_props(staff_app, "Kardeş Şehir")
