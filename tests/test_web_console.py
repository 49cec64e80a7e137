"""The console page on the real Neo4j (``tests/neo4j_support.py``), and in embedded mode.

Saved queries with parameters, ad-hoc Cypher, refusals (400, database unchanged),
the CSV and JSON downloads, truncation, the drawing data, and escaping.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest

from tests.web_fixtures import mini_graph, sign_in

CREATE = "CREATE (:City {id: 'city-xx-evil', name: 'Evil'}) RETURN 1"


@pytest.fixture
def neo4j_app(make_app, neo4j_store, neo4j_test_database):
    """An app on the Neo4j test database holding the mini graph."""
    neo4j_store.apply(mini_graph())

    def build(**config):
        keys = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
        return make_app(
            DIPLOMAP_BACKEND="neo4j", **{k: neo4j_test_database[k] for k in keys}, **config
        )

    return build


@pytest.fixture
def analyst(neo4j_app):
    client = neo4j_app().test_client()
    sign_in(client, "analyst")
    return client


def ask(client, fmt: str = "", **args):
    return client.get(f"/console{fmt}?{urlencode(args)}")


@pytest.mark.neo4j
def test_saved_query_with_parameters(analyst):
    page = ask(analyst, ".json", name="network_members", p_network="Cittaslow", p_live_only="true")
    assert page.status_code == 200, page.get_json()
    data = page.get_json()
    result = data["result"]
    assert result["columns"][:2] == ["network", "network_name"]
    assert {r[result["columns"].index("member")] for r in result["rows"]} == {
        "city-tr-antalya",
        "city-us-austin",
    }
    assert data["asked"] == {
        "name": "network_members",
        "q": None,
        "params": {"network": "Cittaslow", "live_only": "true"},
    }
    assert (
        data["links"]["csv"]
        == "/console.csv?name=network_members&p_network=Cittaslow&p_live_only=true"
    )
    picker = next(q for q in data["library"] if q["name"] == "network_members")
    assert [(p["name"], p["type"], p["value"]) for p in picker["params"]] == [
        ("network", "string", "Cittaslow"),
        ("live_only", "bool", "true"),
    ]
    html = ask(analyst, name="network_members", p_network="Cittaslow").get_data(as_text=True)
    assert 'id="result-table"' in html and "city-us-austin" in html
    assert 'href="/console.csv?name=network_members&amp;p_network=Cittaslow"' in html


@pytest.mark.neo4j
def test_a_parameter_of_the_wrong_type_is_a_400(analyst):
    page = ask(analyst, ".json", name="ego_network", p_hops="many")
    assert page.status_code == 400
    assert "hops" in page.get_json()["error"]["message"]


@pytest.mark.neo4j
def test_ad_hoc_query_gives_a_table_and_a_graph(analyst):
    q = "MATCH (c:City)-[m:MEMBER_OF]->(n:Network) RETURN c, m, n ORDER BY c.id"
    data = ask(analyst, ".json", q=q).get_json()
    assert data["result"]["columns"] == ["c", "m", "n"] and len(data["result"]["rows"]) == 2
    assert {n["id"] for n in data["graph"]["nodes"]} == {
        "city-tr-antalya",
        "city-us-austin",
        "network-cittaslow",
    }
    assert {(e["from"], e["to"]) for e in data["graph"]["edges"]} == {
        ("city-tr-antalya", "network-cittaslow"),
        ("city-us-austin", "network-cittaslow"),
    }
    html = ask(analyst, q=q).get_data(as_text=True)
    assert 'id="graph-data"' in html and 'id="network"' in html and "vis-network.min.js" in html


@pytest.mark.neo4j
def test_ad_hoc_parameters_come_from_p_fields(analyst):
    data = ask(
        analyst, ".json", q="MATCH (c:City {country: $cc}) RETURN c.id AS id", p_cc="DE"
    ).get_json()
    assert data["result"]["rows"] == [["city-de-nurnberg"]]
    refused = ask(analyst, ".json", q="RETURN 1 AS one", p_unused="x")
    assert refused.status_code == 400


@pytest.mark.neo4j
def test_console_refuses_create_and_the_database_is_unchanged(analyst, neo4j_store):
    before = len(list(neo4j_store.nodes()))
    page = ask(analyst, q=CREATE)
    assert page.status_code == 400
    assert 'id="console-error"' in page.get_data(as_text=True)
    body = ask(analyst, ".json", q=CREATE)
    assert body.status_code == 400 and body.get_json()["error"]["message"]
    assert ask(analyst, ".csv", q=CREATE).status_code == 400
    assert len(list(neo4j_store.nodes())) == before
    assert neo4j_store.find("city-xx-evil") is None


@pytest.mark.neo4j
def test_csv_and_json_downloads_carry_the_same_rows(analyst):
    q = "MATCH (c:City) RETURN c.id AS id, c.name AS name, '=1+2' AS trap ORDER BY id"
    data = ask(analyst, ".json", q=q).get_json()["result"]
    response = ask(analyst, ".csv", q=q)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["id", "name", "trap"]
    assert [r[:2] for r in rows[1:]] == [r[:2] for r in data["rows"]]
    assert {r[2] for r in rows[1:]} == {"'=1+2"}  # neutralised for spreadsheets
    nodes = ask(analyst, ".csv", q="MATCH (c:City {id: 'city-tr-antalya'}) RETURN c").get_data()
    assert b'"city-tr-antalya"' in nodes or b"city-tr-antalya" in nodes  # a node as JSON text


@pytest.mark.neo4j
def test_truncation_is_shown(neo4j_app):
    client = neo4j_app(DIPLOMAP_ROW_CAP=3).test_client()
    sign_in(client, "analyst")
    q = "UNWIND range(1, 10) AS x RETURN x"
    data = ask(client, ".json", q=q).get_json()["result"]
    assert data["truncated"] and len(data["rows"]) == 3
    html = ask(client, q=q).get_data(as_text=True)
    assert 'id="truncated"' in html and "3" in html
    assert (
        len(list(csv.reader(io.StringIO(ask(client, ".csv", q=q).get_data().decode("utf-8-sig")))))
        == 4
    )


@pytest.mark.neo4j
def test_results_are_escaped(analyst):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    html = ask(analyst, q=f"RETURN '{payload}' AS x, {{name: '{payload}'}} AS m").get_data(
        as_text=True
    )
    assert payload not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.neo4j
def test_unknown_saved_query_is_a_400(analyst):
    assert ask(analyst, ".json", name="no_such_query").status_code == 400


def test_embedded_mode_explains_how_to_start_neo4j(make_app):
    client = make_app(mini_graph()).test_client()
    sign_in(client, "analyst")
    page = ask(client, q="MATCH (n) RETURN n")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="needs-neo4j"' in text
    for hint in (
        "tools/neo4j/neo4j-local start",
        "NEO4J_URI",
        "DIPLOMAP_BACKEND=neo4j",
        "docker compose up -d neo4j",
    ):
        assert hint in text
    assert 'id="result-table"' not in text
    data = ask(client, ".json", q="MATCH (n) RETURN n").get_json()
    assert data["needs_neo4j"] and data["result"] is None and data["backend"] == "embedded"
    assert ask(client, ".csv", q="MATCH (n) RETURN n").status_code == 400


def test_console_lists_every_saved_query_with_its_inputs(make_app):
    from graph.console.library import load_library

    client = make_app().test_client()
    sign_in(client, "analyst")
    data = ask(client, ".json").get_json()
    assert {q["name"] for q in data["library"]} == set(load_library())
    assert data["result"] is None and data["error"] is None
