"""Hostile and broken files get a clear, located error in bounded time and memory, from the
CLI and the web upload alike, and the store stays as it was (issue 11, part 6, first part)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from graph.errors import ImportFailed
from graph.model import Node
from graph.stores.changes import ChangeSet
from importers.export import export_graph
from importers.pipeline import import_path
from tests.test_cli import run  # noqa: F401 - the CLI fixture


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


BILLION_LAUGHS = (
    "a: &a ['x','x','x','x','x','x','x','x','x']\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "cities: *i\n"
).encode()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<a>" + "x" * (210 * 2**20) + "</a>")
    return buffer.getvalue()


CASES = {
    "yaml alias bomb": ("bomb.yaml", lambda: BILLION_LAUGHS, "anchors and aliases"),
    "json nested deep": (
        "deep.json",
        lambda: ("[" * 100_000 + "]" * 100_000).encode(),
        "nested more than",
    ),
    "million columns": (
        "cities.csv",
        lambda: (",".join(f"c{i}" for i in range(1_000_000)) + "\n").encode(),
        "columns; the limit",
    ),
    "nul in a cell": ("cities.csv", lambda: b"name,country\nMer\x00sin,TR\n", "U+0000"),
    "utf-16": ("cities.csv", lambda: "name,country\nMersin,TR\n".encode("utf-16"), "UTF-16"),
    "shift-jis": (
        "cities.csv",
        lambda: "name,country\n東京,JP\n大阪,JP\n".encode("shift_jis"),
        "Shift-JIS",
    ),
    "zip bomb": ("in.xlsx", zip_bomb, "unpacks to"),
    "file over the limit": (
        "cities.csv",
        lambda: b"name,country\n" + b"Mersin,TR\n" * (51 * 2**20 // 10),
        "the limit is 50 MiB",
    ),
    "huge cell": ("cities.csv", lambda: b"name,country\n" + b"x" * 20_000 + b",TR\n", "characters"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_files_are_refused_with_where_and_the_store_is_unchanged(
    sample_store, tmp_path, case
):
    name, make, expected = CASES[case]
    path = write_bytes(tmp_path / "in", name, make())
    before = sorted(n.id for n in sample_store.nodes())
    with pytest.raises(ImportFailed) as failed:
        import_path(sample_store, path)
    text = str(failed.value) + "\n" + "\n".join(str(p) for p in failed.value.report.problems)
    assert expected in text
    assert name in text  # where
    assert sorted(n.id for n in sample_store.nodes()) == before


@pytest.mark.parametrize("case", ["yaml alias bomb", "nul in a cell", "zip bomb"])
def test_the_cli_refuses_them_without_a_traceback(run, tmp_path, case):  # noqa: F811
    name, make, expected = CASES[case]
    path = write_bytes(tmp_path / "in", name, make())
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and expected in result.output


def test_exports_never_fail_on_control_characters_already_stored(embedded, tmp_path):
    import xml.etree.ElementTree as ET

    from openpyxl import load_workbook

    embedded.apply(
        ChangeSet([Node("city-tr-mersin", "City", {"name": "Mer\x00s\x07in", "country": "TR"})])
    )
    export_graph(embedded, "xlsx", tmp_path / "out.xlsx")
    assert load_workbook(tmp_path / "out.xlsx")["cities"]["B2"].value == "Mersin"
    export_graph(embedded, "graphml", tmp_path / "out.graphml")
    ET.parse(tmp_path / "out.graphml")  # well-formed XML


@pytest.mark.parametrize("case", ["yaml alias bomb", "json nested deep", "nul in a cell"])
def test_the_web_upload_refuses_them_with_the_same_message(editor, staff_app, case):
    from tests.staff_fixtures import node_props
    from tests.test_web_upload import upload

    name, make, expected = CASES[case]
    editor.get("/?lang=en")  # the messages as the CLI prints them (Turkish: test_import_messages)
    response = upload(editor, name, make(), sheet="cities")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="confirm-import"' not in html
    # The upload's own content check may refuse it first (a NUL: "not a text file").
    assert (expected in html or "not a text file" in html) and "Traceback" not in html
    assert name in html
    assert node_props(staff_app, "city-tr-antalya")["name"] == "Antalya"


def entity_bomb_workbook() -> bytes:
    """A real workbook whose sheet XML declares an entity-expansion bomb."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.title = "cities"
    book.active.append(["name", "country"])
    book.active.append(["Mersin", "TR"])
    book.save(buffer)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', "")
                text = text.replace("<?xml version='1.0' encoding='UTF-8'?>", "")
                data = (bomb + text.replace("Mersin", "&lol9;")).encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_a_workbook_with_an_entity_bomb_is_refused_by_defusedxml(sample_store, tmp_path):
    import defusedxml  # noqa: F401 - installed, so openpyxl parses through it

    path = write_bytes(tmp_path / "in", "bomb.xlsx", entity_bomb_workbook())
    with pytest.raises(ImportFailed) as failed:
        import_path(sample_store, path)
    assert "bomb.xlsx" in str(failed.value.report.problems[0])
    assert "declares entities (EntitiesForbidden)" in str(failed.value.report.problems[0])
