"""``diplomap cypher``: list, show and run saved and ad-hoc queries, as a script would."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.console.library import load_library
from importers.pipeline import import_path
from tests.conftest import SAMPLE

RUNAWAY = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n"


@pytest.fixture
def invoke(tmp_path):
    runner = CliRunner()

    def call(*args: str, **env: str):
        return runner.invoke(
            cli,
            list(args),
            env={"DIPLOMAP_DATA_DIR": str(tmp_path / "data"), **env},
            catch_exceptions=False,
        )

    return call


@pytest.fixture
def on_neo4j(invoke, neo4j_store, neo4j_test_database):
    """``diplomap`` against the test Neo4j, which holds the Antalya sample."""
    import_path(neo4j_store, SAMPLE)
    env = {
        k: str(neo4j_test_database[k])
        for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
    }
    env["DIPLOMAP_BACKEND"] = "neo4j"

    def call(*args: str, **more: str):
        return invoke(*args, **{**env, **more})

    call.store = neo4j_store
    return call


def node_count(store) -> int:
    records, _, _ = store._driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=store.database
    )
    return records[0]["n"]


# -- list and show (no Neo4j) -------------------------------------------------------------------
def test_list_shows_every_saved_query(invoke):
    result = invoke("cypher", "list")
    assert result.exit_code == 0, result.output
    names = list(load_library())
    assert f"{len(names)} saved queries" in result.output
    listed = [
        line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")
    ]
    assert listed == names


def test_list_as_json_has_titles_and_parameters(invoke):
    data = json.loads(invoke("cypher", "list", "--format", "json").stdout)
    assert len(data) >= 15
    gaps = next(q for q in data if q["name"] == "theme_gaps")
    assert gaps["title_tr"].startswith("Planımızda") and gaps["params"][0]["name"] == "home"
    dormant = next(q for q in data if q["name"] == "dormant_agreements")
    assert {"name": "months", "type": "int", "default": 24, "raw_default": "24"} in dormant[
        "params"
    ]


def test_show_prints_header_and_query(invoke):
    result = invoke("cypher", "show", "dormant_agreements")
    assert result.exit_code == 0, result.output
    assert "dormant_agreements: Dormant agreements (Q3)" in result.output
    assert "TR: Uykuda olan anlaşmalar (S3)" in result.output
    assert "months             int     default 24" in result.output
    assert "MATCH (a:Agreement)" in result.output
    as_json = json.loads(invoke("cypher", "show", "dormant_agreements", "--format", "json").stdout)
    assert as_json["name"] == "dormant_agreements" and "$months" in as_json["query"]


@pytest.mark.parametrize(
    "command", [("show", "theme_gap"), ("run", "theme_gap")], ids=["show", "run"]
)
def test_unknown_saved_query_gives_a_message(invoke, command):
    result = invoke("cypher", *command, NEO4J_URI="bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert "Error: no saved query 'theme_gap'" in result.stderr
    assert "did you mean theme_gaps" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("cypher", "run"),
        ("cypher", "run", "theme_gaps", "-e", "RETURN 1"),
        ("cypher", "run", "theme_gaps", "-p", "home"),
    ],
    ids=["nothing", "both", "param-without-value"],
)
def test_wrong_usage_exits_2(invoke, args):
    assert invoke(*args, NEO4J_URI="bolt://127.0.0.1:1").exit_code == 2


def test_embedded_backend_without_neo4j_says_cypher_needs_neo4j(invoke):
    result = invoke(
        "cypher", "run", "theme_gaps", DIPLOMAP_BACKEND="embedded", NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.exit_code == 3
    assert "Cypher queries need Neo4j, and none answers at bolt://127.0.0.1:1" in result.stderr
    assert (
        "tools/neo4j/neo4j-local start" in result.stderr
        and "DIPLOMAP_BACKEND=neo4j" in result.stderr
    )


def test_neo4j_backend_not_reachable_exits_3(invoke):
    result = invoke(
        "cypher", "run", "-e", "RETURN 1", DIPLOMAP_BACKEND="neo4j", NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.exit_code == 3
    assert "not reachable" in result.stderr


def test_bad_parameter_values_exit_1_before_connecting(invoke):
    result = invoke(
        "cypher", "run", "dormant_agreements", "-p", "months=many", NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.exit_code == 1 and "months='many' is not a valid int" in result.stderr
    result = invoke(
        "cypher", "run", "dormant_agreements", "-p", "month=6", NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.exit_code == 1 and "has no parameter 'month'" in result.stderr


# -- run, on Neo4j ----------------------------------------------------------------------------
@pytest.mark.neo4j
def test_run_saved_query_as_table(on_neo4j):
    result = on_neo4j("cypher", "run", "network_members", "-p", "network=MedCities")
    assert result.exit_code == 0, result.output
    assert "city-tr-antalya" in result.stdout and "1 row (" in result.stdout


@pytest.mark.neo4j
def test_run_saved_query_as_csv(on_neo4j):
    result = on_neo4j(
        "cypher", "run", "eligible_partners", "-p", "programme=ipa", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with (SAMPLE.parent.parent / "graph" / "reference" / "data" / "countries.csv").open(
        encoding="utf-8"
    ) as f:
        ipa = {r["iso2"] for r in csv.DictReader(f) if r["ipa_beneficiary"] == "true"}
    with (SAMPLE / "cities.csv").open(encoding="utf-8") as f:
        expected = {
            r["id"] for r in csv.DictReader(f) if r["country"] in ipa and r["is_home"] != "true"
        }
    assert {r["city"] for r in rows} == expected
    assert list(rows[0]) == ["city", "name", "country", "country_name", "ties"]
    ties = {r["city"]: r["ties"] for r in rows}
    assert ties["city-ba-mostar"] == "agreement-sister-city-mostar"  # a list cell, ;-separated
    assert "rows (" in result.stderr  # the footer stays out of the CSV


@pytest.mark.neo4j
def test_run_saved_query_as_json(on_neo4j):
    result = on_neo4j("cypher", "run", "shortest_paths", "-p", "to=Dresden", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "shortest_paths" and data["params"]["to"] == "Dresden"
    assert data["columns"] == ["hops", "through", "ids", "path"]
    assert data["rows"][0][2] == ["city-tr-antalya", "project-matchup", "city-de-dresden"]
    assert {n["id"] for n in data["nodes"]} == {
        "city-tr-antalya",
        "project-matchup",
        "city-de-dresden",
    }
    assert len(data["edges"]) == 2 and data["truncated"] is False and data["query_type"] == "r"


@pytest.mark.neo4j
def test_run_saved_query_uses_diplomap_home(on_neo4j):
    result = on_neo4j(
        "cypher", "run", "our_agreements", "--format", "json", DIPLOMAP_HOME="city-de-nuremberg"
    )
    data = json.loads(result.stdout)
    assert data["params"]["home"] == "city-de-nuremberg"
    assert [row[0] for row in data["rows"]] == ["agreement-sister-city-nuremberg"]


@pytest.mark.neo4j
def test_run_ad_hoc_query_with_parameters(on_neo4j):
    hostile = "O'Brien'; MATCH (n) DETACH DELETE n //"
    before = node_count(on_neo4j.store)
    result = on_neo4j(
        "cypher",
        "run",
        "-e",
        "RETURN $name AS name, $n + 1 AS n, $l AS l",
        "-p",
        f"name={hostile}",
        "-p",
        "n=41",
        "-p",
        'l=["a", 2]',
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == [[hostile, 42, ["a", 2]]]
    assert node_count(on_neo4j.store) == before


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("MATCH (n) DETACH DELETE n", "refused: the query writes"),
        ("CREATE (n:Intruder) RETURN n", "refused: the query reads and writes"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "refused: LOAD CSV"),
        ("CALL db.createLabel('Intruder')", "refused"),
        ("CALL dbms.components()", "refused"),
        ("MATCH (n RETURN n", "Invalid input"),
    ],
    ids=["delete", "create", "load-csv", "create-label", "dbms", "syntax"],
)
def test_refused_or_failed_query_exits_1_with_the_reason(on_neo4j, query, reason):
    before = node_count(on_neo4j.store)
    result = on_neo4j("cypher", "run", "-e", query)
    assert result.exit_code == 1
    assert reason in result.stderr and "Traceback" not in result.output
    assert node_count(on_neo4j.store) == before


@pytest.mark.neo4j
def test_runaway_query_is_stopped_by_the_timeout(on_neo4j):
    result = on_neo4j("cypher", "run", "-e", RUNAWAY, DIPLOMAP_QUERY_TIMEOUT="1")
    assert result.exit_code == 1
    assert "Error: timed out: stopped after 1 s (DIPLOMAP_QUERY_TIMEOUT)" in result.stderr
    result = on_neo4j("cypher", "run", "-e", RUNAWAY, "--timeout", "0.5")
    assert "stopped after 0.5 s" in result.stderr


@pytest.mark.neo4j
def test_row_cap_truncates_and_says_so(on_neo4j):
    query = "UNWIND range(1, 1000) AS i RETURN i"
    data = json.loads(
        on_neo4j("cypher", "run", "-e", query, "--format", "json", DIPLOMAP_ROW_CAP="10").stdout
    )
    assert (len(data["rows"]), data["truncated"], data["row_cap"]) == (10, True, 10)
    table = on_neo4j("cypher", "run", "-e", query, "--row-cap", "5")
    assert "5 rows, truncated at DIPLOMAP_ROW_CAP=5" in table.stdout
    assert table.exit_code == 4 and "incomplete: more than 5 rows" in table.stderr


@pytest.mark.neo4j
def test_embedded_backend_runs_cypher_on_neo4j_with_a_note(on_neo4j):
    result = on_neo4j(
        "cypher",
        "run",
        "-e",
        "MATCH (c:City {is_home: true}) RETURN c.id AS id",
        "--format",
        "csv",
        DIPLOMAP_BACKEND="embedded",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "id\ncity-tr-antalya\n"
    assert "note: DIPLOMAP_BACKEND is embedded; Cypher runs on Neo4j" in result.stderr
