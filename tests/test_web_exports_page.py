"""The export page: the whole graph or a filtered view, as XLSX, CSV (zip), GraphML and JSON."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
from openpyxl import load_workbook

from graph.model import Node, Relation
from tests.web_fixtures import mini_graph, sign_in

TRAP = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def exporter(make_app):
    changes = mini_graph()
    changes.nodes.append(Node("city-de-trap", "City", {"name": TRAP, "country": "DE"}))
    changes.relations.append(
        Relation("MEMBER_OF", "city-de-trap", "network-cittaslow", {"status": "active"})
    )
    client = make_app(changes).test_client()
    sign_in(client, "viewer")
    return client


def download(client, fmt: str, **filters):
    query = "&".join([f"format={fmt}", *(f"{k}={v}" for k, v in filters.items())])
    response = client.get(f"/export/download?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert "attachment" in response.headers["Content-Disposition"]
    return response


def test_page_offers_every_format_with_the_filters_in_the_links(exporter):
    data = exporter.get("/export.json?kind=City&country=DE").get_json()
    assert set(data["downloads"]) == {"xlsx", "csv", "graphml", "json"}
    assert data["downloads"]["xlsx"] == "/export/download?format=xlsx&kind=City&country=DE"
    assert data["counts"] == {"entities": 2, "ties": 0} and not data["whole_graph"]
    whole = exporter.get("/export.json").get_json()
    assert whole["whole_graph"] and whole["counts"]["entities"] == 11
    html = exporter.get("/export").get_data(as_text=True)
    assert 'id="download-xlsx"' in html and 'id="download-graphml"' in html


def test_xlsx_export_neutralises_formulas(exporter):
    book = load_workbook(io.BytesIO(download(exporter, "xlsx").data))
    cities = book["cities"]
    header = [c.value for c in cities[1]]
    names = [row[header.index("name")] for row in cities.iter_rows(min_row=2, values_only=True)]
    assert "'" + TRAP in names and TRAP not in names
    assert all(c.data_type != "f" for row in cities.iter_rows() for c in row)


def test_csv_export_is_a_zip_of_import_files(exporter):
    archive = zipfile.ZipFile(io.BytesIO(download(exporter, "csv").data))
    names = archive.namelist()
    assert "diplomap-export/cities.csv" in names
    rows = list(
        csv.DictReader(io.StringIO(archive.read("diplomap-export/cities.csv").decode("utf-8")))
    )
    assert {r["name"] for r in rows} >= {"Antalya", "'" + TRAP}


def test_graphml_export_reads_back(exporter):
    G = nx.read_graphml(io.BytesIO(download(exporter, "graphml").data))
    assert "city-tr-antalya" in G and G.number_of_nodes() == 11


def test_json_export_of_a_filtered_view(exporter):
    data = json.loads(download(exporter, "json", kind="City", country="DE").data)
    assert {n["id"] for n in data["nodes"]} == {"city-de-nurnberg", "city-de-trap"}
    assert data["relations"] == []
    themed = json.loads(download(exporter, "json", kind="City", theme="theme-clean-energy").data)
    assert {n["id"] for n in themed["nodes"]} == {"city-tr-antalya", "city-us-austin"}
    whole = json.loads(download(exporter, "json").data)
    assert len(whole["nodes"]) == 11 and len(whole["relations"]) == 13


def test_unknown_format_is_a_400(exporter):
    assert exporter.get("/export/download?format=pdf").status_code == 400
