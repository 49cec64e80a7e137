"""How two entities are connected: ``/path?a=…&b=…`` (+ ``.json``).

``a`` and ``b`` are ids; ``a_q`` and ``b_q`` may give names instead (the best
match is taken). Up to ``k`` (1-5, default 3) shortest paths from
:func:`graph.analysis.paths.shortest_paths`, each told in words in the chosen language,
and all of them drawn together as a small network.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint

from graph.accounts.permissions import READ
from web import insights, params
from web.auth import requires
from web.present import summary
from web.search import pick
from web.store import access
from web.twin import page
from web.visual import network_data

bp = Blueprint("paths", __name__)


def path_edges(G: nx.MultiDiGraph, routes: list[list[str]]) -> list[dict[str, Any]]:
    """One drawn edge per consecutive pair of every route, in the graph's own direction."""
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for route in routes:
        for x, y in zip(route, route[1:], strict=False):
            u, v = (x, y) if G.has_edge(x, y) else (y, x)
            key = next(iter(G.succ[u][v]))
            edges.setdefault(
                (u, key, v),
                {"from": u, "to": v, "type": key, "props": G.edges[u, v, key], "agreement": None},
            )
    return list(edges.values())


@page(bp, "/path", "path.html")
@requires(READ)
def path() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    a, b = pick("a"), pick("b")
    k = params.number("k", 3, 1, 5)
    found = insights.paths(G, a, b, k) if a and b else []
    routes = [[n["id"] for n in p["nodes"]] for p in found]
    nodes = list(dict.fromkeys(n for r in routes for n in r))
    return {
        "a": summary(G, a) if a else None,
        "b": summary(G, b) if b else None,
        "k": k,
        "asked": bool(a and b),
        "paths": found,
        "graph": network_data(G, nodes, path_edges(G, routes), focus=a, home=acc.home()),
    }
