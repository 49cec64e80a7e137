"""Who is central, and which groups form: centrality and communities of the actor graph.

Both work on the **actor graph**: cities and organisations linked when they share an
agreement or a project (the tie graph of :mod:`graph.analysis.tiegraph`), plus an edge
from each actor to each network it is a live member of, so networks are nodes too.

>>> from graph.analysis.example import example_graph
>>> [r["name"] for r in centrality(example_graph(), top=2).degree]
['Nuremberg', 'Antalya']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.synergy_index import SynergyIndex
from graph.analysis.tiegraph import index

HUBS = ("Agreement", "Project", "Network", "Event")


def node_ref(idx: SynergyIndex, node: str) -> dict[str, Any]:
    """The id, label and display name of ``node``, as results list it."""
    return {"id": node, "label": idx.label.get(node), "name": idx.name(node)}


# -- the actor graph: centrality and communities -------------------------------------------
def actor_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked by agreements and projects, plus actor-network edges (cached with ``G``)."""
    idx = index(G)
    found = getattr(idx, "_actor_graph", None)
    if found is None:
        found = nx.Graph()
        found.add_nodes_from(idx.ties)
        found.add_edges_from(idx.ties.edges())
        found.add_nodes_from(n for n, label in idx.label.items() if label == "Network")
        found.add_edges_from(
            (a, n)
            for a, nets in idx.networks_of.items()
            if a in idx.ties
            for n, s in nets.items()
            if s in LIVE_MEMBERSHIP
        )
        idx._actor_graph = found
    return found


def pagerank(
    H: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 100
) -> dict[str, float]:
    """PageRank of an undirected graph by power iteration (pure Python; no SciPy needed)."""
    n = len(H)
    if n == 0:
        return {}
    rank = dict.fromkeys(H, 1.0 / n)
    deg = dict(H.degree())
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in H if deg[v] == 0) / n
        new = dict.fromkeys(H, (1.0 - alpha) / n + dangling)
        for v in H:
            if deg[v]:
                share = alpha * rank[v] / deg[v]
                for u in H[v]:
                    new[u] += share
        if sum(abs(new[v] - rank[v]) for v in H) < n * tol:
            return new
        rank = new
    return rank


@dataclass
class Centrality:
    """Top nodes by degree, betweenness (sampled above ``exact_limit`` nodes) and PageRank."""

    degree: list[dict[str, Any]]
    betweenness: list[dict[str, Any]]
    pagerank: list[dict[str, Any]]
    nodes: int
    betweenness_samples: int | None

    def to_dict(self) -> dict[str, Any]:
        """This Centrality as plain data for JSON twins and exports."""
        return asdict(self)


def centrality(
    G: nx.MultiDiGraph, top: int = 20, *, samples: int = 100, exact_limit: int = 2000, seed: int = 0
) -> Centrality:
    """Degree, betweenness and PageRank on the actor graph, ``top`` nodes each.

    Betweenness is exact up to ``exact_limit`` nodes and estimated from ``samples``
    source nodes (chosen with ``seed``) above that.

    >>> from graph.analysis.example import example_graph
    >>> c = centrality(example_graph(), top=2)
    >>> [(r["name"], r["value"]) for r in c.degree]
    [('Nuremberg', 4), ('Antalya', 3)]
    >>> c.betweenness[0]["name"]
    'Nuremberg'
    """
    idx, H = index(G), actor_graph(G)
    k = samples if len(H) > exact_limit else None
    between = nx.betweenness_centrality(H, k=k, seed=seed) if len(H) else {}

    def best(values: dict[str, float]) -> list[dict[str, Any]]:
        ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [
            node_ref(idx, n) | {"value": round(v, 6) if isinstance(v, float) else v}
            for n, v in ranked
        ]

    return Centrality(best(dict(H.degree())), best(between), best(pagerank(H)), len(H), k)


@dataclass
class Community:
    """One community of the actor graph: its members, size and the themes they share most."""

    index: int
    size: int
    members: list[dict[str, Any]]  # the best connected, most ``show``
    countries: dict[str, int]
    labels: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """This Community as plain data for JSON twins and exports."""
        return asdict(self)


def communities(
    G: nx.MultiDiGraph, seed: int = 0, *, resolution: float = 1.0, show: int = 10, min_size: int = 2
) -> list[Community]:
    """Louvain communities of the actor graph (networkx ``louvain_communities``), largest first.

    >>> from graph.analysis.example import example_graph
    >>> [c.size for c in communities(example_graph())]
    [4, 3]
    """
    idx, H = index(G), actor_graph(G)
    found = nx.community.louvain_communities(H, resolution=resolution, seed=seed) if len(H) else []
    groups = sorted((sorted(c) for c in found if len(c) >= min_size), key=lambda c: (-len(c), c[0]))
    out = []
    for i, group in enumerate(groups):
        ranked = sorted(group, key=lambda n: (-H.degree(n), n))[:show]
        countries = Counter(idx.country[n] for n in group if n in idx.country)
        labels = Counter(idx.label[n] for n in group)
        out.append(
            Community(
                i,
                len(group),
                [node_ref(idx, n) for n in ranked],
                dict(countries.most_common(5)),
                dict(labels),
            )
        )
    return out
