"""How the explorer sizes, labels and colours what it draws: centrality and communities.

Both are measured on the **drawn view** (its entities, and its ties taken as
undirected links, an agreement drawn as a link counting once per pair of parties),
so that the biggest nodes are the most central in the picture a user looks at:

``pagerank``
    PageRank (:func:`graph.analysis.centrality.pagerank`, damping 0.85): the default;
    a node is important when important nodes link to it.
``degree``
    the number of drawn ties.
``betweenness``
    how often a node lies on shortest paths between others (networkx; sampled from
    200 sources above 400 entities, seeded, so the picture is the same for everyone).

Communities are networkx's Louvain communities of the same graph (seed 0), numbered
from the largest.

>>> edges = [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}, {"from": "d", "to": "e"}]
>>> scores = measure(["a", "b", "c", "d", "e"], edges, "degree")
>>> scores["a"], scores["b"]
(2.0, 1.0)
>>> groups = communities(["a", "b", "c", "d", "e"], edges)
>>> groups["a"] == groups["b"] != groups["d"]
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.centrality import pagerank

MEASURES = ("pagerank", "degree", "betweenness")
#: Above this many entities, betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS = 400


def view_graph(nodes: list[str], edges: list[dict[str, Any]]) -> nx.Graph:
    """The drawn view as a simple undirected graph."""
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] != e["to"])
    return H


def measure(nodes: list[str], edges: list[dict[str, Any]], name: str) -> dict[str, float]:
    """The centrality ``name`` (one of :data:`MEASURES`) of every drawn entity."""
    H = view_graph(nodes, edges)
    if name == "degree":
        return {n: float(d) for n, d in H.degree()}
    if name == "betweenness":
        k = 200 if len(H) > EXACT_BETWEENNESS else None
        return nx.betweenness_centrality(H, k=k, seed=0) if len(H) > 2 else dict.fromkeys(H, 0.0)
    return pagerank(H)


def communities(nodes: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    """Community number of every drawn entity (0 = the largest community)."""
    H = view_graph(nodes, edges)
    if not H.number_of_edges():
        return dict.fromkeys(nodes, 0)
    found = nx.community.louvain_communities(H, seed=0)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {n: i for i, group in enumerate(ordered) for n in group}
