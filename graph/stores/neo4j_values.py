"""Values between Diplomap records and Neo4j: whitelisted labels and types, storable properties."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import graph as neo4j_graph

from graph.errors import (
    InvalidData,
)
from graph.model import LABELS, REL_TYPES, Node, Relation

KNOWN_LABELS = frozenset(LABELS)
#: The columns :func:`relation_from_record` reads, for a relationship bound to ``r``.
REL_COLUMNS = (
    "startNode(r).id AS start, type(r) AS type, endNode(r).id AS end, properties(r) AS props"
)


def cypher_label(name: str) -> str:
    """``name`` if it is a label of the model (safe to put in Cypher text), else :class:`InvalidData`."""
    if name not in KNOWN_LABELS:
        raise InvalidData(f"unknown label {name!r}", hint=f"use one of {', '.join(LABELS)}")
    return name


def cypher_rel_type(name: str) -> str:
    """``name`` if it is a relationship type of the model (safe in Cypher text), else :class:`InvalidData`."""
    if name not in REL_TYPES:
        raise InvalidData(
            f"unknown relationship type {name!r}", hint=f"use one of {', '.join(REL_TYPES)}"
        )
    return name


def node_from_neo4j(n: neo4j_graph.Node) -> Node:
    """A driver node as a model :class:`Node` (its model label, its ``id`` out of the properties)."""
    props = dict(n)
    nid = props.pop("id")
    return Node(nid, next((lb for lb in n.labels if lb in KNOWN_LABELS), "Entity"), props)


def relation_from_record(record: Any) -> Relation:
    """A record with ``type``, ``start``, ``end`` and ``props`` as a model :class:`Relation`."""
    return Relation(record["type"], record["start"], record["end"], dict(record["props"]))


def check_storable(owner: str, props: dict[str, Any]) -> None:
    """Neo4j stores lists of one type only; say so before the server does."""
    for key, value in props.items():
        if isinstance(value, list) and len({type(v) for v in value}) > 1:
            raise InvalidData(
                f"{owner}.{key}: a list mixes {', '.join(sorted({type(v).__name__ for v in value}))}",
                hint="Neo4j stores lists of one type only",
            )


def plain_value(value: Any) -> Any:
    """A query result value as plain data (nodes and relations as in ``to_dict``)."""
    if isinstance(value, neo4j_graph.Node):
        props = {k: plain_value(v) for k, v in value.items()}
        label = next((lb for lb in value.labels if lb in KNOWN_LABELS), None)
        return {
            "id": props.pop("id", value.element_id),
            "label": label or sorted(value.labels),
            **props,
        }
    if isinstance(value, neo4j_graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node and value.start_node.get("id"),
            "end": value.end_node and value.end_node.get("id"),
            **{k: plain_value(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [plain_value(n) for n in value.nodes],
            "relations": [plain_value(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # temporal and spatial values


def batches(rows: list, size: int) -> Iterator[list]:
    """``rows`` in consecutive lists of at most ``size``."""
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
