"""One Neo4j write transaction: ``UNWIND ... MERGE`` batches for a change set.

Labels and relationship types are checked against the model's whitelist
(:func:`~graph.stores.neo4j_values.cypher_label`) before they are formatted into the text;
every value is a ``$parameter``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.errors import InvalidData
from graph.model import Node, Relation
from graph.stores.changes import RelKey
from graph.stores.neo4j_values import (
    REL_COLUMNS,
    batches,
    check_storable,
    cypher_label,
    cypher_rel_type,
    node_from_neo4j,
    relation_from_record,
)

#: Counts commits; written first in every write transaction, so it also serialises them.
BUMP_VERSION = (
    "MERGE (m:DiplomapMeta {key: 'version'}) "
    "ON CREATE SET m.value = 0, m.epoch = randomUUID() "
    "SET m.value = m.value + 1"
)


#: Taken first in every write transaction: a write lock on the version node that
#: serialises Diplomap's writers without changing the version.
WRITE_LOCK = (
    "MERGE (m:DiplomapMeta {key: 'version'}) "
    "ON CREATE SET m.value = 0, m.epoch = randomUUID() "
    "SET m.locked_at = timestamp()"
)


def nodes_in(tx: Any, ids: list[str]) -> dict[str, Node]:
    """The stored nodes among ``ids``, read in the transaction ``tx``."""
    rows = tx.run("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n", ids=ids)
    return {(n := node_from_neo4j(r["n"])).id: n for r in rows}


def relations_in(tx: Any, keys: list[RelKey]) -> dict[RelKey, Relation]:
    """The stored relations among ``keys`` (start, type, end), read in the transaction ``tx``."""
    rows = tx.run(
        "UNWIND $keys AS k MATCH (a:Entity {id: k[0]})-[r]->(b:Entity {id: k[2]}) "
        f"WHERE type(r) = k[1] RETURN {REL_COLUMNS}",
        keys=[list(k) for k in keys],
    )
    return {(rel := relation_from_record(r)).key: rel for r in rows}


@dataclass
class PlannedWrites:
    """Rows to write, grouped by label or relationship type (already checked)."""

    nodes: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    relations: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    delete_relations: dict[str, list[list[str]]] = field(default_factory=lambda: defaultdict(list))
    delete_nodes: list[str] = field(default_factory=list)


def plan_writes(
    nodes: list[Node],
    relations: list[Relation],
    delete_nodes: list[str],
    delete_relations: list[RelKey],
) -> PlannedWrites:
    """Group and check what to write; raises :class:`InvalidData` for values Neo4j cannot store."""
    out = PlannedWrites(delete_nodes=list(delete_nodes))
    for n in nodes:
        check_storable(n.label, n.props)
        out.nodes[cypher_label(n.label)].append({"id": n.id, "props": {**n.props, "id": n.id}})
    for r in relations:
        check_storable(r.type, r.props)
        out.relations[cypher_rel_type(r.type)].append(
            {"start": r.start, "end": r.end, "props": r.props}
        )
    for start, type_, end in delete_relations:
        out.delete_relations[cypher_rel_type(type_)].append([start, end])
    return out


def write_changes(tx: Any, planned: PlannedWrites, batch_size: int) -> None:
    """Write ``planned`` in the transaction ``tx``, in batches of ``batch_size`` rows."""
    tx.run(BUMP_VERSION).consume()  # first: it also serialises concurrent commits
    for label, rows in planned.nodes.items():
        for batch in batches(rows, batch_size):
            # SET inside ON CREATE / ON MATCH: the planner needs no Eager step.
            tx.run(
                f"UNWIND $rows AS row MERGE (n:Entity {{id: row.id}}) "
                f"ON CREATE SET n:{label}, n = row.props ON MATCH SET n = row.props",
                rows=batch,
            ).consume()
    for type_, rows in planned.relations.items():
        for batch in batches(rows, batch_size):
            write_relations(tx, type_, batch)
    for type_, rows in planned.delete_relations.items():
        for batch in batches(rows, batch_size):
            tx.run(
                f"UNWIND $rows AS k MATCH (:Entity {{id: k[0]}})-[r:{type_}]->"
                "(:Entity {id: k[1]}) DELETE r",
                rows=batch,
            ).consume()
    for batch in batches(planned.delete_nodes, batch_size):
        tx.run("UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n", ids=batch).consume()


def write_relations(tx: Any, type_: str, rows: list[dict]) -> None:
    """MERGE one batch of ``type_`` relations on (start, type, end); all endpoints must exist."""
    written = tx.run(
        f"UNWIND $rows AS row MATCH (a:Entity {{id: row.start}}) "
        f"MATCH (b:Entity {{id: row.end}}) MERGE (a)-[r:{cypher_rel_type(type_)}]->(b) "
        "SET r = row.props RETURN count(r) AS n",
        rows=rows,
    ).single()["n"]
    if written != len(rows):
        raise InvalidData(
            f"{len(rows) - written} {type_} relations refer to entities that are not in the graph"
        )
