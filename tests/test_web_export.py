"""Synergy exports: the same ranking as the page, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from web.export import neutralise, to_csv, to_xlsx


@pytest.mark.parametrize(
    "cell",
    ["=1+2", "+1", "-1", "@SUM(A1)", "\t=x", "\r=x", '=HYPERLINK("http://x")'],
    ids=["equals", "plus", "minus", "at", "tab", "cr", "hyperlink"],
)
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    row = next(csv.reader(io.StringIO(to_csv(["a"], [[cell]]).decode("utf-8-sig")).readlines()[1:]))
    assert row == ["'" + cell]
    sheet = load_workbook(io.BytesIO(to_xlsx(["a"], [[cell]]))).active
    assert sheet["A2"].value.startswith("'") and sheet["A2"].data_type == "s"  # XLSX keeps \r as \n


def test_numbers_and_plain_text_are_kept():
    assert neutralise(-0.5) == -0.5 and neutralise("Antalya") == "Antalya"


def test_csv_and_xlsx_hold_the_ranking_of_the_page(viewer_client):
    query = "kind=City&limit=5"
    ranking = viewer_client.get(f"/synergy.json?{query}").get_json()["results"]
    r = viewer_client.get(f"/synergy.csv?{query}")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.get_data().decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [s["id"] for s in ranking]
    assert float(rows[0]["score"]) == ranking[0]["score"]
    book = load_workbook(io.BytesIO(viewer_client.get(f"/synergy.xlsx?{query}").get_data()))
    values = list(book.active.values)
    assert values[0][:3] == ("rank", "id", "kind") and [v[1] for v in values[1:]] == [
        s["id"] for s in ranking
    ]


def test_payload_names_are_neutralised_in_exports(xss_dir):
    from tests.web_fixtures import app_config, signed_in
    from web import create_app

    client = signed_in(create_app(app_config(xss_dir)).test_client())
    text = client.get("/synergy.csv?kind=Network&limit=100").get_data().decode("utf-8-sig")
    names = [row["name"] for row in csv.DictReader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://127.0.0.1/x","y")' in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)
