"""The best candidates of a pool, cities scored all at once (numpy), the others one by one.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> G = example_graph()
>>> f = make_focus(G, today="2025-01-01")
>>> scored, count = score_pool(index(G), f, Weights(), ["city-us-austin", "network-iclei"], True)
>>> [(round(-s, 3), c) for s, c in sorted(scored)], count
([(0.327, 'city-us-austin'), (0.29, 'network-iclei')], 2)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.city_table import city_table
from graph.synergy.focus import Focus
from graph.synergy.scorer import Scorer
from graph.synergy.vector import score_cities
from graph.synergy.weights import Weights


def score_pool(
    idx: SynergyIndex,
    f: Focus,
    w: Weights,
    pool: Iterable[str],
    relational_only: bool,
    wanted: int | None = None,
    cities: np.ndarray | None = None,
) -> tuple[list[tuple[float, str]], int]:
    """((-score, id) of the best candidates, how many candidates count) of ``pool``.

    Parameters
    ----------
    idx, f, w : the synergy index, the focus and the weights.
    pool : candidate ids (cities among them are used when ``cities`` is None).
    relational_only : networks and organisations need a relational part above zero.
    wanted : how many of the best are needed (None: all).
    cities : a mask over the city table: the cities that are candidates.

    Returns
    -------
    tuple
        The (-score, id) pairs and the number of candidates that count.

    Cities are scored all at once (numpy): those of ``pool``, or the rows of the mask
    ``cities`` when given; only the ``wanted`` best of them (and those tied with the last)
    are returned. A city needs no relational part (its country, distance, size and
    partnerships can bring it up); a network or organisation does, when ``relational_only``.
    """
    table = city_table(idx)
    others = []
    if cities is None:
        cities = np.zeros(len(table), bool)
        for c in pool:
            row = table.pos.get(c)
            if row is None:
                others.append(c)
            else:
                cities[row] = True
    else:
        others = [c for c in pool if c not in table.pos]
    scored = []
    picked = np.flatnonzero(cities)
    count = len(picked)
    if count:
        _, scores, _ = score_cities(idx, f, w)
        if wanted and len(picked) > wanted:  # keep the best (and all tied with the last)
            values = scores[picked]
            cut = np.partition(values, len(values) - wanted)[len(values) - wanted]
            picked = picked[values >= cut]
        for row, score in zip(picked.tolist(), (-scores[picked]).tolist(), strict=True):
            scored.append((score, table.ids[row]))
    scorer = Scorer(idx, f, w)
    for c in others:
        score, relational = scorer(c)
        if relational or not relational_only:
            scored.append((-score, c))
            count += 1
    return scored, count
