"""The Cypher console is read-only, time-limited and row-capped, enforced by Neo4j itself.

Every refusal test checks that the database is unchanged afterwards (nodes,
relationships, labels, property keys, indexes and constraints). The Neo4j tests run
against the real server of ``tests/neo4j_support.py``.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest

from graph import settings as settings_mod
from graph.console.checks import check_plan, check_text, procedure_refusal
from graph.console.execute import CLIENT_GRACE, execute_read
from graph.console.results import ConsoleResult
from graph.console.run import Console, run_query
from graph.errors import QueryRejected, SettingError
from graph.model import Node, Relation
from graph.stores.changes import ChangeSet
from tests.conftest import in_ci

RUNAWAY = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n"
CARTESIAN = (
    "UNWIND range(1, 100000) AS i UNWIND range(1, 100000) AS j "
    "WITH i * j AS k WHERE k % 7 = 1 RETURN count(*) AS n"
)


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture
def seeded(neo4j_store):
    """A Neo4j store holding a tiny graph: two cities, a network, an agreement."""
    neo4j_store.apply(
        ChangeSet(
            nodes=[
                Node(
                    "city-tr-antalya", "City", {"name": "Antalya", "country": "TR", "is_home": True}
                ),
                Node("city-de-nuremberg", "City", {"name": "Nuremberg", "country": "DE"}),
                Node("network-medcities", "Network", {"name": "MedCities"}),
                Node(
                    "agreement-antalya-nuremberg",
                    "Agreement",
                    {"name": "Antalya - Nuremberg", "type": "sister_city", "signed_on": "1997"},
                ),
            ],
            relations=[
                Relation("MEMBER_OF", "city-tr-antalya", "network-medcities", {"since": "2010"}),
                Relation("PARTY_TO", "city-tr-antalya", "agreement-antalya-nuremberg"),
                Relation("PARTY_TO", "city-de-nuremberg", "agreement-antalya-nuremberg"),
            ],
        )
    )
    yield neo4j_store
    # A timed-out console query returns at once while the server terminates its worker thread;
    # the app's driver outlives it, this test's does not: let the worker close its session first.
    for worker in threading.enumerate():
        if worker.name == "diplomap-console-query":
            worker.join(60)


@pytest.fixture
def console(seeded, neo4j_test_database) -> Console:
    return Console.for_store(seeded, neo4j_test_database)


@pytest.fixture
def apoc(seeded) -> bool:
    """Whether APOC core is installed; under CI=true its absence fails (CI must run these tests)."""
    found = bool(
        execute_read(
            seeded._driver,
            seeded.database,
            "SHOW PROCEDURES YIELD name WHERE name = 'apoc.create.node' RETURN name",
        ).rows
    )
    if not found and in_ci():
        pytest.fail("APOC is not installed on the test Neo4j; under CI=true that is a failure")
    return found


def snapshot(store) -> dict[str, Any]:
    """Everything a refused query could have changed, read with a plain (write-capable) session."""

    def one(q: str) -> Any:
        records, _, _ = store._driver.execute_query(q, database_=store.database)
        return [list(r.values()) for r in records]

    return {
        "nodes": one("MATCH (n) RETURN count(n)"),
        "relationships": one("MATCH ()-[r]->() RETURN count(r)"),
        "properties": one("MATCH (n) RETURN n.id, properties(n) ORDER BY n.id"),
        "labels": one("CALL db.labels() YIELD label RETURN label ORDER BY label"),
        "property_keys": one(
            "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey"
        ),
        "types": one(
            "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType "
            "ORDER BY relationshipType"
        ),
        "indexes": one("SHOW INDEXES YIELD name RETURN name ORDER BY name"),
        "constraints": one("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name"),
        "users": one("SHOW USERS YIELD user RETURN user ORDER BY user"),
    }


# -- refusals ----------------------------------------------------------------------------------
REFUSED = [
    ("create", "CREATE (n:Intruder {name: 'x'}) RETURN n", "query type"),
    ("merge", "MERGE (n:City {id: 'city-xx-intruder'}) RETURN n", "query type"),
    ("set", "MATCH (n:City) SET n.name = 'pwned' RETURN n", "query type"),
    ("set_label", "MATCH (n:City) SET n:Intruder", "query type"),
    ("delete", "MATCH (n:Network) DELETE n", "query type"),
    ("detach_delete", "MATCH (n) DETACH DELETE n", "query type"),
    ("remove", "MATCH (n:City) REMOVE n.name RETURN n", "query type"),
    ("foreach", "FOREACH (x IN range(1, 3) | CREATE (:Intruder))", "query type"),
    (
        "create_after_read",
        "MATCH (c:City) WITH c LIMIT 1 CREATE (c)-[:MEMBER_OF]->(:Network {id: 'x'})",
        "query type",
    ),
    ("load_csv_file", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    (
        "load_csv_url",
        "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row RETURN row",
        "LOAD CSV",
    ),
    ("db_create_label", "CALL db.createLabel('Intruder')", "query type"),
    ("db_create_property", "CALL db.createProperty('intruder')", "query type"),
    ("db_create_rel_type", "CALL db.createRelationshipType('INTRUDES')", "query type"),
    ("db_clear_query_caches", "CALL db.clearQueryCaches()", "query type"),
    (
        "in_transactions_write",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
        "query type",
    ),
    (
        "in_transactions_read",
        "UNWIND range(1, 3) AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
        "IN TRANSACTIONS",
    ),
    ("dbms_components", "CALL dbms.components()", "query type"),
    ("dbms_list_config", "CALL dbms.listConfig() YIELD name RETURN name", "query type"),
    ("dbms_kill_connections", "CALL dbms.killConnections(['bolt-1'])", "query type"),
    ("tx_set_metadata", "CALL tx.setMetaData({who: 'intruder'})", "query type"),
    ("show_settings", "SHOW SETTINGS", "ShowSettings"),
    ("show_transactions", "SHOW TRANSACTIONS", "ShowTransactions"),
    ("terminate_transactions", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    (
        "create_index",
        "CREATE INDEX intruder IF NOT EXISTS FOR (n:City) ON (n.intruder)",
        "query type",
    ),
    ("drop_constraint", "DROP CONSTRAINT entity_id IF EXISTS", "query type"),
    ("create_user", "CREATE USER intruder SET PASSWORD 'intruder-password'", "query type"),
]
APOC_REFUSED = [
    (
        "apoc_create_node",
        "CALL apoc.create.node(['Intruder'], {name: 'x'}) YIELD node RETURN node",
        "query type",
    ),
    (
        "apoc_merge_node",
        "CALL apoc.merge.node(['City'], {id: 'city-xx-intruder'}) YIELD node RETURN node",
        "query type",
    ),
    (
        "apoc_periodic_iterate",
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {batchSize: 10})",
        "query type",
    ),
    (
        "apoc_cypher_run",
        "CALL apoc.cypher.run('MATCH (n) DETACH DELETE n RETURN 1 AS x', {}) "
        "YIELD value RETURN value",
        "apoc.cypher.run",
    ),
    (
        "apoc_cypher_function",
        "RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n RETURN 1', {}) AS x",
        "apoc.cypher",
    ),
    (
        "apoc_load_json",
        "CALL apoc.load.json('https://example.com/x.json') YIELD value RETURN value",
        "apoc.load.json",
    ),
    (
        "apoc_export_csv",
        "CALL apoc.export.csv.all(null, {stream: true}) YIELD data RETURN data",
        "apoc.export.csv.all",
    ),
    (
        "apoc_trigger_add",
        "CALL apoc.trigger.add('wipe', 'MATCH (n) DETACH DELETE n', {})",
        "query type",
    ),
    (
        "apoc_refactor",
        "MATCH (n:City) WITH collect(n) AS ns CALL apoc.refactor.mergeNodes(ns) "
        "YIELD node RETURN node",
        "query type",
    ),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("query", "reason"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_console_refuses_and_database_is_unchanged(console, seeded, query, reason):
    before = snapshot(seeded)
    with pytest.raises(QueryRejected, match="refused") as refused:
        console.run(query)
    assert reason in refused.value.message
    assert snapshot(seeded) == before


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("query", "reason"), [c[1:] for c in APOC_REFUSED], ids=[c[0] for c in APOC_REFUSED]
)
def test_console_refuses_apoc_writes_loads_and_exports(console, seeded, apoc, query, reason):
    if not apoc:
        pytest.skip("APOC is not installed on this Neo4j")
    before = snapshot(seeded)
    with pytest.raises(QueryRejected, match="refused") as refused:
        console.run(query)
    assert reason in refused.value.message
    assert snapshot(seeded) == before


PLAN_ONLY = [  # refused by the EXPLAIN plan alone, before the text check
    ("load_csv", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LoadCSV"),
    (
        "in_transactions",
        "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
        "TransactionApply",
    ),
    ("db_create_label", "CALL db.createLabel('Intruder')", "query type 'w'"),
    ("dbms", "CALL dbms.components()", "query type 's'"),
    ("terminate", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
    ("show_settings", "SHOW SETTINGS", "ShowSettings"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("query", "reason"), [c[1:] for c in PLAN_ONLY], ids=[c[0] for c in PLAN_ONLY]
)
def test_plan_check_refuses_without_the_text_check(console, query, reason):
    query_type, plan = console.explain(query)
    with pytest.raises(QueryRejected) as refused:
        check_plan(query_type, plan, console.procedure_modes())
    assert reason in refused.value.message


@pytest.mark.neo4j
def test_plan_check_refuses_apoc_read_mode_procedures_by_name(console, apoc):
    if not apoc:
        pytest.skip("APOC is not installed on this Neo4j")
    for query, name in [
        (
            "CALL apoc.load.json('https://example.com/x.json') YIELD value RETURN value",
            "apoc.load.json",
        ),
        ("CALL apoc.cypher.run('RETURN 1 AS x', {}) YIELD value RETURN value", "apoc.cypher.run"),
        (
            "CALL apoc.export.csv.all(null, {stream: true}) YIELD data RETURN data",
            "apoc.export.csv.all",
        ),
        (
            "RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x",
            "apoc.cypher.runFirstColumnSingle",
        ),
    ]:
        query_type, plan = console.explain(query)
        assert query_type == "r"  # the server calls them reads: only the name check stops them
        with pytest.raises(QueryRejected, match=name.replace(".", r"\.")):
            check_plan(query_type, plan, console.procedure_modes())


# -- the database itself enforces read-only ---------------------------------------------------
DB_ENFORCED = [
    ("create", "CREATE (n:Intruder) RETURN n"),
    ("merge", "MERGE (n:City {id: 'city-xx-intruder'}) RETURN n"),
    ("set", "MATCH (n:City) SET n.name = 'pwned'"),
    ("detach_delete", "MATCH (n) DETACH DELETE n"),
    ("db_create_label", "CALL db.createLabel('Intruder')"),
    ("in_transactions", "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", [c[1] for c in DB_ENFORCED], ids=[c[0] for c in DB_ENFORCED])
def test_read_transaction_refuses_writes_without_the_checks(seeded, query):
    """execute_read skips EXPLAIN and the text check: Neo4j's READ transaction alone refuses."""
    before = snapshot(seeded)
    with pytest.raises(QueryRejected) as refused:
        execute_read(seeded._driver, seeded.database, query, timeout=10)
    assert any(
        w in refused.value.message for w in ("read-only", "read access", "implicit transaction")
    )
    assert snapshot(seeded) == before


@pytest.mark.neo4j
def test_read_transaction_refuses_apoc_writes_without_the_checks(seeded, apoc):
    if not apoc:
        pytest.skip("APOC is not installed on this Neo4j")
    before = snapshot(seeded)
    for query in (
        "CALL apoc.create.node(['Intruder'], {}) YIELD node RETURN node",
        "CALL apoc.cypher.run('MATCH (n) DETACH DELETE n RETURN 1 AS x', {}) YIELD value RETURN value",
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    ):
        with pytest.raises(QueryRejected, match="read-only"):
            execute_read(seeded._driver, seeded.database, query, timeout=10)
    assert snapshot(seeded) == before


# -- time limit --------------------------------------------------------------------------------
@pytest.mark.neo4j
@pytest.mark.parametrize("query", [RUNAWAY, CARTESIAN], ids=["unwind", "cartesian"])
def test_console_stops_a_runaway_query_after_the_timeout(seeded, neo4j_test_database, query):
    settings = settings_mod.load({}, **{**neo4j_test_database, "DIPLOMAP_QUERY_TIMEOUT": "1"})
    console = Console.for_store(seeded, settings)
    assert console.timeout == 1.0
    started = time.monotonic()
    with pytest.raises(QueryRejected) as stopped:
        console.run(query)
    assert stopped.value.message.startswith("timed out: stopped after 1 s (DIPLOMAP_QUERY_TIMEOUT)")
    assert "DIPLOMAP_QUERY_TIMEOUT" in stopped.value.hint
    assert time.monotonic() - started < 15


@pytest.mark.neo4j
def test_timeout_is_enforced_by_the_server_not_by_a_parameter(seeded):
    """execute_read alone (no client-side limit) is stopped by the server-side transaction timeout."""
    with pytest.raises(QueryRejected, match=r"stopped after 0\.5 s"):
        execute_read(seeded._driver, seeded.database, RUNAWAY, timeout=0.5)


#: Builds a long string in one expression: the server checks its time limit too seldom.
REDUCE = "RETURN size(reduce(s = '', i IN range(1, 400000) | s + 'x')) AS n"


@pytest.mark.neo4j
def test_the_time_limit_holds_for_a_string_building_reduce(seeded, neo4j_test_database):
    settings = settings_mod.load({}, **{**neo4j_test_database, "DIPLOMAP_QUERY_TIMEOUT": "2"})
    console = Console.for_store(seeded, settings)
    started = time.monotonic()
    with pytest.raises(QueryRejected, match="^timed out") as stopped:
        console.run(REDUCE)
    # the limit, the client's grace (CLIENT_GRACE), then one round trip to terminate it: far
    # less than the query would take (minutes), with room for a loaded machine
    assert time.monotonic() - started < 2 + CLIENT_GRACE + 1.5
    assert stopped.value.timed_out


@pytest.mark.neo4j
def test_apoc_sleep_is_refused_and_never_looks_like_a_full_result(
    seeded, neo4j_test_database, apoc
):
    if not apoc:
        pytest.skip("APOC is not installed on this Neo4j")
    settings = settings_mod.load({}, **{**neo4j_test_database, "DIPLOMAP_QUERY_TIMEOUT": "3"})
    console = Console.for_store(seeded, settings)
    with pytest.raises(QueryRejected, match="only waits"):
        console.run("CALL apoc.util.sleep(20000) RETURN 1 AS done")
    # Past the checks, Neo4j terminates it at the limit and APOC returns normally: the
    # console still reports a time-out, not the row.
    started = time.monotonic()
    with pytest.raises(QueryRejected, match="^timed out"):
        execute_read(
            seeded._driver, seeded.database, "CALL apoc.util.sleep(20000) RETURN 1", timeout=3
        )
    assert time.monotonic() - started < 3 + CLIENT_GRACE + 1.5


@pytest.mark.neo4j
def test_a_query_under_the_timeout_runs(console):
    result = console.run("UNWIND range(1, 1000) AS x RETURN sum(x) AS total")
    assert result.rows == [[500500]]


# -- row cap -----------------------------------------------------------------------------------
@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("rows", "cap", "returned", "truncated"),
    [(1000, 10, 10, True), (10, 10, 10, False), (9, 10, 9, False), (1000, 1000, 1000, False)],
    ids=["over", "exactly", "under", "default-cap"],
)
def test_console_caps_rows(console, rows, cap, returned, truncated):
    result = console.run("UNWIND range(1, $n) AS i RETURN i", {"n": rows}, row_cap=cap)
    assert len(result.rows) == returned
    assert result.truncated is truncated
    assert result.rows[0] == [1] and result.row_cap == cap


@pytest.mark.neo4j
def test_row_cap_comes_from_settings(seeded, neo4j_test_database):
    settings = settings_mod.load({}, **{**neo4j_test_database, "DIPLOMAP_ROW_CAP": "10"})
    result = Console.for_store(seeded, settings).run("UNWIND range(1, 1000) AS i RETURN i")
    assert (len(result.rows), result.truncated, result.row_cap) == (10, True, 10)


# -- parameters --------------------------------------------------------------------------------
HOSTILE = [
    "O'Brien",
    'say "hi"',
    "'; MATCH (n) DETACH DELETE n //",
    '"}) DETACH DELETE n //',
    "x` DETACH DELETE n //",
    "\\'; CREATE (:Intruder) //",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_parameters_are_passed_as_parameters(console, seeded, value):
    before = snapshot(seeded)
    assert console.run("RETURN $name AS name", {"name": value}).rows == [[value]]
    found = console.run("MATCH (c:City) WHERE c.name = $name RETURN c.id", {"name": value})
    assert found.rows == []
    assert snapshot(seeded) == before


# -- results -----------------------------------------------------------------------------------
@pytest.mark.neo4j
def test_result_is_json_safe_and_graph_ready(console):
    result = console.run(
        "MATCH p = (c:City {id: 'city-tr-antalya'})-[r:MEMBER_OF]->(n:Network) "
        "RETURN c, r, n, p, c.name AS name"
    )
    json.dumps(result.to_dict())
    assert result.columns == ["c", "r", "n", "p", "name"]
    assert result.query_type == "r" and not result.truncated and result.elapsed_ms >= 0
    c, r, n, p, name = result.rows[0]
    assert c == {
        "id": "city-tr-antalya",
        "label": "City",
        "props": {
            "name": "Antalya",
            "country": "TR",
            "is_home": True,
            "updated_at": c["props"]["updated_at"],
        },
    }
    assert r["type"] == "MEMBER_OF" and (r["start"], r["end"]) == (
        "city-tr-antalya",
        "network-medcities",
    )
    assert r["props"]["since"] == "2010"
    assert n["label"] == "Network" and name == "Antalya"
    assert [x["id"] for x in p["nodes"]] == ["city-tr-antalya", "network-medcities"]
    assert [x["type"] for x in p["relationships"]] == ["MEMBER_OF"]
    assert sorted(x["id"] for x in result.nodes) == ["city-tr-antalya", "network-medcities"]
    assert [(e["start"], e["type"], e["end"]) for e in result.edges] == [
        ("city-tr-antalya", "MEMBER_OF", "network-medcities")
    ]


@pytest.mark.neo4j
def test_relationships_alone_bring_their_end_nodes(console):
    result = console.run("MATCH ()-[r:PARTY_TO]->() RETURN r ORDER BY startNode(r).id")
    assert [(r[0]["start"], r[0]["end"]) for r in result.rows] == [
        ("city-de-nuremberg", "agreement-antalya-nuremberg"),
        ("city-tr-antalya", "agreement-antalya-nuremberg"),
    ]
    assert sorted(n["id"] for n in result.nodes) == [
        "agreement-antalya-nuremberg",
        "city-de-nuremberg",
        "city-tr-antalya",
    ]
    assert len(result.edges) == 2


@pytest.mark.neo4j
def test_temporal_spatial_and_special_values_are_json_safe(console):
    result = console.run(
        "RETURN date('2024-01-02') AS d, datetime('2024-01-02T03:04:05Z') AS dt, "
        "duration('P1M2D') AS du, point({x: 1.5, y: 2.0}) AS p, 0.0 / 0.0 AS nan, "
        "[1, 'a', null] AS l, {k: [true]} AS m"
    )
    row = result.records()[0]
    json.dumps(result.to_dict(), allow_nan=False)
    assert row["d"] == "2024-01-02" and row["dt"].startswith("2024-01-02T03:04:05")
    assert row["du"] == "P1M2D" and row["p"] == {"srid": 7203, "coordinates": [1.5, 2.0]}
    assert row["nan"] == "nan" and row["l"] == [1, "a", None] and row["m"] == {"k": [True]}


@pytest.mark.neo4j
def test_console_allows_schema_reads(console, apoc):
    assert ["City"] in console.run("CALL db.labels() YIELD label RETURN label").rows
    assert console.run("SHOW INDEXES YIELD name RETURN name").rows
    if apoc:
        assert console.run("RETURN apoc.text.join(['a', 'b'], '-') AS j").rows == [["a-b"]]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "MATCH (n RETURN n",
            r"Invalid input .*\(line 1, column 10 \(offset: 9\)\)\n\"MATCH \(n RETURN n\"",
        ),
        ("MATCH (n)\nRETURN n LIMIT x", r"\(line 2, column 16 \(offset: 25\)\)"),
        ("MATCH (n) RETURN m", "not defined"),
        ("   ", "empty"),
    ],
    ids=["syntax", "syntax-line-2", "undefined-variable", "empty"],
)
def test_console_reports_the_database_message_for_bad_queries(console, query, message):
    with pytest.raises(QueryRejected, match=message):
        console.run(query)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "query",
    ["PROFILE MATCH (n) RETURN n", "explain MATCH (n) DETACH DELETE n"],
    ids=["profile", "explain"],
)
def test_console_says_explain_and_profile_are_not_available(console, query):
    with pytest.raises(QueryRejected, match="is not available in the console"):
        console.run(query)


@pytest.mark.parametrize(
    ("setting", "value"),
    [("DIPLOMAP_QUERY_TIMEOUT", "0"), ("DIPLOMAP_QUERY_TIMEOUT", "-1"), ("DIPLOMAP_ROW_CAP", "0")],
)
def test_a_timeout_or_row_cap_that_would_lift_the_limit_is_refused(settings, setting, value):
    """Neo4j reads a transaction timeout of 0 as "no limit"."""
    fake_store = type("S", (), {"backend": "neo4j", "database": "neo4j", "driver": object()})()
    with pytest.raises(SettingError, match=setting):
        Console.for_store(fake_store, {**settings, setting: float(value)})


@pytest.mark.neo4j
def test_run_query_is_the_one_call_for_a_web_view(seeded, neo4j_test_database):
    result = run_query(seeded, neo4j_test_database, "MATCH (c:City) RETURN c.id AS id ORDER BY id")
    assert isinstance(result, ConsoleResult)
    assert result.to_dict()["rows"] == [["city-de-nuremberg"], ["city-tr-antalya"]]


# -- without Neo4j -----------------------------------------------------------------------------
def test_embedded_store_says_cypher_needs_neo4j(embedded, settings):
    with pytest.raises(QueryRejected) as refused:
        run_query(embedded, settings, "MATCH (n) RETURN n")
    assert "need the Neo4j backend" in refused.value.message
    assert "tools/neo4j/neo4j-local start" in refused.value.hint
    assert "DIPLOMAP_BACKEND=neo4j" in refused.value.hint
    assert "docker compose up -d neo4j" in refused.value.hint


@pytest.mark.parametrize(
    "query",
    [
        "LOAD CSV FROM 'file:///x' AS r RETURN r",
        "load  csv with headers from $u as r return r",
        "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
        "CALL (x) { CREATE (n) } IN 4 CONCURRENT TRANSACTIONS",
        "MATCH (n) DETACH DELETE n",
        "match (n) set n.x = 1",
        "CREATE (n)",
        "CALL dbms.components()",
        "CALL apoc.periodic.iterate('a', 'b', {})",
        "RETURN apoc.cypher.runFirstColumnSingle('x', {})",
        "TERMINATE TRANSACTIONS 'x'",
    ],
    ids=lambda q: q[:30],
)
def test_text_check_refuses(query):
    with pytest.raises(QueryRejected, match="refused"):
        check_text(query)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN n.set, n.created, n.`delete me`",
        "MATCH (n {name: 'CREATE (x) // DELETE'}) RETURN n // SET is only a word here",
        "MATCH (start:City)-[:MEMBER_OF]->(n) RETURN start, {set: 1} AS m",
        "RETURN apoc.text.join(['a'], ',') AS j, date.truncate('month', date()) AS d",
        "/* MERGE */ MATCH (n) WHERE n.name CONTAINS 'load csv' RETURN n",
    ],
    ids=lambda q: q[:30],
)
def test_text_check_lets_reads_through(query):
    check_text(query)


@pytest.mark.parametrize(
    ("name", "mode", "refused"),
    [
        ("db.labels", "READ", False),
        ("db.createLabel", "WRITE", True),
        ("db.index.fulltext.createNodeIndex", None, True),
        ("db.index.fulltext.queryNodes", "READ", False),
        ("dbms.components", "DBMS", True),
        ("apoc.help", "DEFAULT", False),
        ("apoc.load.json", "DEFAULT", True),
        ("apoc.cypher.runTimeboxed", "DEFAULT", True),
        ("apoc.create.node", "WRITE", True),
        ("apoc.export.csv.all", "DEFAULT", True),
        ("apoc.periodic.list", "DEFAULT", True),
        ("apoc.trigger.list", "READ", True),
        ("apoc.somethingNew", "WRITE", True),
        ("gds.graph.project", "READ", True),
        ("custom.plugin.proc", "READ", True),
    ],
    ids=lambda v: str(v),
)
def test_procedure_policy(name, mode, refused):
    assert (procedure_refusal(name, mode) is not None) is refused


@pytest.mark.neo4j
def test_the_local_neo4j_ends_every_transaction_within_its_own_ceiling(seeded, neo4j_uri):
    from tests.neo4j_support import local_neo4j_running

    if not local_neo4j_running():
        pytest.skip("the server is not the project's local Neo4j (docker-compose sets its own)")
    rows = seeded.read_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'db.transaction.timeout' RETURN value"
    )[1]
    assert rows == [["2m"]] or rows == [["120s"]]
