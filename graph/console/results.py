"""Console results: driver values turned into JSON-safe rows, and the graph a result draws."""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import neo4j
from neo4j import graph as neo4j_graph
from neo4j import spatial as neo4j_spatial
from neo4j import time as neo4j_time

from graph.model import LABELS


@dataclass
class ConsoleResult:
    """The outcome of one console query, JSON-safe (``to_dict``).

    ``rows`` hold one list per record, in ``columns`` order: nodes as
    ``{"id", "label", "props"}``, relationships as ``{"type", "start", "end", "props"}``
    (``start``/``end`` are node ids), paths as ``{"nodes", "relationships"}``.
    ``nodes`` and ``edges`` collect every node and relationship found in the rows,
    once each, for drawing; ``edges`` only join nodes that are in ``nodes``.
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float
    query_type: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    row_cap: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """This result as plain data for the JSON twin (rows, columns, truncated, timed out...)."""
        return asdict(self)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# -- values --------------------------------------------------------------------------------
def _model_label(labels: frozenset[str] | set[str]) -> str | None:
    found = next((lb for lb in LABELS if lb in labels), None)
    return found or (sorted(labels)[0] if labels else None)


class ResultGraph:
    """Turns driver values into JSON-safe data and collects nodes and relationships."""

    def __init__(self, extra: Mapping[str, neo4j_graph.Node] | None = None):
        self.extra = dict(extra or {})
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node_id(self, n: neo4j_graph.Node) -> str:
        """The model id of a driver node (its ``id`` property), else its element id."""
        full = n if n.get("id") is not None else self.extra.get(n.element_id, n)
        value = full.get("id")
        return value if isinstance(value, str) else n.element_id

    def node(self, n: neo4j_graph.Node) -> dict[str, Any]:
        """A driver node as plain data, collected for the graph view."""
        out = {
            "id": self.node_id(n),
            "label": _model_label(n.labels),
            "props": {k: self.value(v) for k, v in n.items() if k != "id"},
        }
        self.nodes.setdefault(out["id"], out)
        return out

    def rel(self, r: neo4j_graph.Relationship) -> dict[str, Any]:
        """A driver relationship as plain data, collected with its end nodes for the graph view."""
        start = self.node_id(r.start_node) if r.start_node is not None else None
        end = self.node_id(r.end_node) if r.end_node is not None else None
        out = {
            "type": r.type,
            "start": start,
            "end": end,
            "props": {k: self.value(v) for k, v in r.items()},
        }
        self.edges.setdefault((start, r.type, end), out)
        for endpoint in (r.start_node, r.end_node):
            full = self.extra.get(endpoint.element_id) if endpoint is not None else None
            if full is not None:
                self.node(full)
        return out

    def value(self, v: Any) -> Any:
        """Any driver value as JSON-safe data, collecting the nodes and relationships in it."""
        if v is None or isinstance(v, bool | int | str):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else str(v)
        if isinstance(v, neo4j_graph.Node):
            return self.node(v)
        if isinstance(v, neo4j_graph.Relationship):
            return self.rel(v)
        if isinstance(v, neo4j_graph.Path):
            return {
                "nodes": [self.node(n) for n in v.nodes],
                "relationships": [self.rel(r) for r in v.relationships],
            }
        # temporal and spatial first: Duration and Point are tuples
        if isinstance(
            v, neo4j_time.Date | neo4j_time.DateTime | neo4j_time.Time | neo4j_time.Duration
        ):
            return v.iso_format()
        if isinstance(v, neo4j_spatial.Point):
            return {"srid": v.srid, "coordinates": list(v)}
        if isinstance(v, list | tuple):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            return {str(k): self.value(x) for k, x in v.items()}
        if isinstance(v, bytes | bytearray):
            return base64.b64encode(bytes(v)).decode("ascii")
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return str(v)

    def drawable(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Whether the result holds nodes to draw."""
        edges = [
            e for e in self.edges.values() if e["start"] in self.nodes and e["end"] in self.nodes
        ]
        return list(self.nodes.values()), edges


def endpoints_missing(records: list[neo4j.Record]) -> set[str]:
    """Element ids of relationship endpoints whose properties the result did not carry."""
    missing: set[str] = set()

    def visit(v: Any) -> None:
        if isinstance(v, neo4j_graph.Relationship):
            for n in (v.start_node, v.end_node):
                if n is not None and n.get("id") is None:
                    missing.add(n.element_id)
        elif isinstance(v, neo4j_graph.Path):
            for r in v.relationships:
                visit(r)
        elif isinstance(v, list | tuple):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for record in records:
        for v in record.values():
            visit(v)
    return missing
