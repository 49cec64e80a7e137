"""Hide a seeded share of a graph's twinning ties: the split of the evaluation and of the fit.

>>> from graph.analysis.example import example_graph
>>> [a for a, _, _ in sister_ties(example_graph())]
['agreement-antalya-kunming', 'agreement-antalya-nurnberg']
"""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx

from graph.analysis.tiegraph import index


def sister_ties(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(agreement, city, city) of every sister-city agreement (or untyped) between two cities.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph.

    Returns
    -------
    list of tuple
        Sorted by agreement id.
    """
    idx = index(G)
    ties = []
    for agreement, who in sorted(idx.parties.items()):
        kind = G.nodes[agreement].get("type")
        cities = list(dict.fromkeys(p for p in who if idx.label.get(p) == "City"))
        if kind in (None, "", "sister_city") and len(cities) == 2 and len(set(who)) == 2:
            ties.append((agreement, cities[0], cities[1]))
    return ties


def split(
    G: nx.MultiDiGraph, holdout: float, seed: int
) -> tuple[nx.MultiDiGraph, dict[str, set[str]], int]:
    """(training graph, hidden partners by city, number of twinning ties) for one seeded split.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph; it is not changed.
    holdout : float
        Share of the twinning ties (:func:`sister_ties`) to hide, between 0 and 1.
    seed : int
        Seed of the draw.

    Returns
    -------
    tuple
        A copy of ``G`` without the hidden agreements, the hidden partners of each city
        (ties still present through another agreement are not hidden), and the number
        of twinning ties of ``G``.
    """
    if not 0 < holdout < 1:
        raise ValueError("holdout must be between 0 and 1")
    ties = sister_ties(G)
    chosen = random.Random(seed).sample(ties, round(holdout * len(ties)))
    train = G.copy()
    train.remove_nodes_from(a for a, _, _ in chosen)
    T = index(train).ties
    hidden: dict[str, set[str]] = defaultdict(set)
    for _, u, v in chosen:
        if not T.has_edge(u, v):
            hidden[u].add(v)
            hidden[v].add(u)
    return train, dict(hidden), len(ties)
