"""What only the Neo4j backend does: schema, batching, read-only queries, errors."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidData, QueryRejected, StoreUnavailable
from graph.model import Node, Relation
from graph.stores.changes import ChangeSet
from graph.stores.neo4j_store import SCHEMA_FILE, Neo4jStore


def test_unreachable_server_names_the_uri_and_what_to_do() -> None:
    with Neo4jStore("bolt://127.0.0.1:9") as store, pytest.raises(StoreUnavailable) as caught:
        store.counts()
    assert "bolt://127.0.0.1:9" in caught.value.message
    assert "neo4j-local start" in caught.value.hint and "NEO4J_URI" in caught.value.hint


@pytest.mark.parametrize(
    "uri", ["http://127.0.0.1:7474", "127.0.0.1:7687"], ids=["http", "no-scheme"]
)
def test_a_uri_that_is_not_a_bolt_address_is_refused(uri: str) -> None:
    with pytest.raises(StoreUnavailable, match="NEO4J_URI"):
        Neo4jStore(uri)


def test_from_settings_sends_credentials_only_with_a_password() -> None:
    settings = {
        "NEO4J_URI": "bolt://127.0.0.1:9",
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": "",
        "NEO4J_DATABASE": "neo4j",
        "DIPLOMAP_BATCH_SIZE": "7",
    }
    with Neo4jStore.from_settings(settings) as store:
        assert store.user is None and store.batch_size == 7
    with Neo4jStore.from_settings({**settings, "NEO4J_PASSWORD": "s3cret"}) as store:
        assert store.user == "neo4j"


def test_schema_file_has_only_idempotent_statements() -> None:
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    statements = [ln for ln in text.splitlines() if ln.startswith("CREATE")]
    assert statements and all("IF NOT EXISTS" in s for s in statements)


@pytest.mark.neo4j
def test_schema_is_applied_idempotently(neo4j_store: Neo4jStore) -> None:
    first = neo4j_store.init_schema()
    assert neo4j_store.init_schema() == first
    _, rows, _ = neo4j_store.read_query(
        "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN *"
    )
    unique = {(r[1][0], r[2][0]) for r in rows if "UNIQUENESS" in r[3]}
    for label in (
        "Entity",
        "City",
        "Network",
        "Organization",
        "Agreement",
        "Project",
        "Theme",
        "Country",
        "Event",
    ):
        assert (label, "id") in unique
    _, rows, _ = neo4j_store.read_query(
        "SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE type = 'RANGE' RETURN *"
    )
    indexed = {(r[0][0], r[1][0]) for r in rows}
    assert {
        ("City", "name"),
        ("City", "country"),
        ("Agreement", "status"),
        ("Event", "date"),
        ("Theme", "name"),
    } <= indexed


@pytest.mark.neo4j
def test_nodes_carry_their_label_and_entity_and_plain_properties(neo4j_store: Neo4jStore) -> None:
    neo4j_store.apply(
        ChangeSet(
            nodes=[Node("city-tr-antalya", "City", {"name": "Antalya", "aliases": ["Adalia"]})]
        )
    )
    _, rows, _ = neo4j_store.read_query(
        "MATCH (n:Entity {id: $id}) RETURN labels(n), n.name, n.aliases", {"id": "city-tr-antalya"}
    )
    assert sorted(rows[0][0]) == ["City", "Entity"] and rows[0][1:] == ["Antalya", ["Adalia"]]


@pytest.mark.neo4j
def test_console_refuses_create(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(QueryRejected) as caught:
        neo4j_store.read_query("CREATE (n:City {id: 'city-xx-intruder', name: 'Intruder'})")
    assert caught.value.message and "read-only" in caught.value.hint
    assert neo4j_store.counts() == {}


@pytest.mark.neo4j
def test_read_query_reports_a_syntax_error_as_rejected(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(QueryRejected, match="(?i)invalid input"):
        neo4j_store.read_query("MATCH (n RETURN n")


@pytest.mark.neo4j
def test_read_query_returns_columns_rows_and_caps_them(neo4j_store: Neo4jStore) -> None:
    cities = [
        Node(f"city-de-town-{i:02d}", "City", {"name": f"Town {i}", "country": "DE"})
        for i in range(12)
    ]
    neo4j_store.apply(ChangeSet(nodes=cities))
    columns, rows, truncated = neo4j_store.read_query(
        "MATCH (c:City) WHERE c.country = $country RETURN c.id AS id, c ORDER BY id",
        {"country": "DE"},
        timeout=5,
        row_cap=5,
    )
    assert columns == ["id", "c"] and truncated and len(rows) == 5
    assert rows[0][0] == "city-de-town-00"
    assert rows[0][1]["label"] == "City" and rows[0][1]["name"] == "Town 0"
    _, rows, truncated = neo4j_store.read_query("MATCH (c:City) RETURN count(c)", row_cap=5)
    assert rows == [[12]] and not truncated


@pytest.mark.neo4j
def test_small_batches_write_every_record(
    neo4j_settings: dict[str, Any], neo4j_store: Neo4jStore
) -> None:
    nodes = [
        Node(
            f"city-tr-town-{i:03d}",
            "City",
            {"name": f"Town {i}", "country": "TR", "aliases": [f"T{i}"]},
        )
        for i in range(100)
    ]
    nodes.append(Node("network-hundred", "Network", {"name": "Hundred"}))
    rels = [
        Relation("MEMBER_OF", n.id, "network-hundred", {"since": str(2000 + i % 20)})
        for i, n in enumerate(nodes[:100])
    ]
    with Neo4jStore.from_settings({**neo4j_settings, "DIPLOMAP_BATCH_SIZE": 7}) as small:
        assert small.batch_size == 7
        result = small.apply(ChangeSet(nodes=nodes, relations=rels))
        assert result.counts()["create"] == 201
        assert small.counts() == {"City": 100, "Network": 1, "MEMBER_OF": 100}
        assert [n.id for n in small.nodes("City")] == [n.id for n in nodes[:100]]
        assert small.get("city-tr-town-042").props["aliases"] == ["T42"]
        assert small.apply(ChangeSet(nodes=nodes, relations=rels)).changed == []
        small.clear()
        assert small.counts() == {}


@pytest.mark.neo4j
def test_a_list_that_mixes_types_is_refused_before_writing(neo4j_store: Neo4jStore) -> None:
    node = Node("city-tr-izmir", "City", {"name": "İzmir", "aliases": ["Smyrna", 1]})
    with pytest.raises(InvalidData, match="one type"):
        neo4j_store.apply(ChangeSet(nodes=[node]))
    assert neo4j_store.counts() == {}


@pytest.mark.neo4j
def test_wrong_database_is_reported_with_the_setting_to_change(
    neo4j_settings: dict[str, Any],
) -> None:
    settings = {**neo4j_settings, "NEO4J_DATABASE": "nosuchdatabase"}
    with Neo4jStore.from_settings(settings) as store, pytest.raises(StoreUnavailable) as caught:
        store.counts()
    assert "nosuchdatabase" in caught.value.message and "NEO4J_DATABASE" in caught.value.hint
