"""The column mapper: a sheet with headers of its own is mapped once, in the web upload or with
``diplomap import --map``, and the mapping is offered again for the same headers (issue 11,
part 4)."""

from __future__ import annotations

import json
import re

from tests.staff_fixtures import node_props, post_form
from tests.test_cli import run  # noqa: F401 - the CLI fixture
from tests.test_web_upload import token_of, upload

OWN = "Belediye;Ülke Kodu;Bizim Not\nEskişehir;TR;eski\nKütahya;TR;yeni\n".encode()


def map_form(html: str) -> dict[str, str]:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    selects = re.findall(r'<select name="(col-\d+)"', html)
    return {"token": token, **dict.fromkeys(selects, "ignore")}


def test_a_sheet_with_its_own_headers_is_mapped_in_the_web_upload(editor, staff_app):
    first = upload(editor, "liste.csv", OWN, sheet="cities")
    html = first.get_data(as_text=True)
    assert first.status_code == 400 and 'id="column-mapper"' in html
    assert "Eskişehir" in html  # the preview of the first rows
    form = map_form(html) | {"sheet": "cities", "col-0": "name", "col-1": "country"}
    checked = post_form(editor, "/import/map", form, form="/import")
    assert checked.status_code == 200, checked.get_data(as_text=True)[-2000:]
    post_form(editor, "/import/confirm", {"token": token_of(checked.get_data(as_text=True))})
    assert node_props(staff_app, "city-tr-eskisehir")["name"] == "Eskişehir"
    assert node_props(staff_app, "city-tr-kutahya")["country"] == "TR"
    # The next file with the same headers gets the mapping filled in.
    again = upload(
        editor, "liste-2.csv", OWN.replace("Kütahya".encode(), "Uşak".encode()), sheet="cities"
    )
    html = again.get_data(as_text=True)
    assert (
        "A mapping saved for these columns is filled in." in html
        or "kaydedilmiş bir eşleştirme" in html
    )
    assert re.search(r'name="col-0"[^>]*>.*?<option value="name" selected', html, re.S)


def test_the_same_mapping_works_from_the_cli(run, tmp_path):  # noqa: F811
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "liste.csv").write_bytes(OWN)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "sheet": "cities",
                "columns": {"Belediye": "name", "Ülke Kodu": "country", "Bizim Not": "ignore"},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    refused = run("import", str(folder / "liste.csv"))
    assert refused.exit_code == 1
    done = run("import", str(folder / "liste.csv"), "--map", str(mapping))
    assert done.exit_code == 0, done.output
    assert "2 rows" in done.output and "nodes: 0 created" not in done.output


def test_a_bad_mapping_file_says_what_is_wrong(run, tmp_path):  # noqa: F811
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"columns": {"Belediye": "nmae"}}', encoding="utf-8")
    (tmp_path / "cities.csv").write_bytes(OWN)
    result = run("import", str(tmp_path / "cities.csv"), "--map", str(mapping))
    assert result.exit_code == 1 and "maps to 'nmae', which is no field" in result.output
