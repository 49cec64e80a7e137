"""Check and refine fitted weights on held-out inner queries, by the ranking itself.

:func:`graph.synergy.fit.fit_weights` learns the weights with a logistic regression, which
judges one candidate at a time; what matters is the *ranking* of every city. This module
measures, once, every part for every city of each inner check query (:func:`measure`),
keeping apart the raw sums that the constants reshape (resource allocation, shared networks,
distances), so that any weights and constants can then be scored in a fraction of a second
(:func:`figures`: MRR and recall@50 over every city, as the evaluation counts them).

:func:`refine` then walks each weight along :data:`LADDER` and each constant along its grid
in :data:`CONSTANTS` (``third_step``, ``half_saturation``, ``proximity_km``,
``domestic_proximity``, ``near_partner_km``), keeping a change only when it raises
``MRR + recall@50 / 2`` on the check queries, for ``rounds`` rounds. Everything here comes
from the graph it is given (in the evaluation: the inner split of the training graph), never
from evaluation ties.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> cached = measure(G, {"city-tr-antalya": {"city-us-austin"}}, ["city-tr-antalya"], Weights())
>>> mrr, recall = figures(cached, Weights())
>>> 0 < mrr <= 1 and recall == 1.0
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.city_table import city_table
from graph.synergy.focus import make_focus
from graph.synergy.metrics import array_metrics
from graph.synergy.partner_parts import measured as partners
from graph.synergy.partner_parts import near_values
from graph.synergy.place_parts import domestic_rows, focus_place, proximity_values
from graph.synergy.vector import _saturate, _scatter, city_parts, network_raw, reach_raw
from graph.synergy.weights import Weights

#: weights tried for every part (``partners_of_partners`` stays 1.0: the scale)
LADDER = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
#: values tried for the constants that shape a part
CONSTANTS = {
    "third_step": (0.5, 1.0, 2.0, 4.0, 8.0),
    "half_saturation": (0.1, 0.25, 0.5, 1.0, 2.0),
    "proximity_km": (50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0),
    "domestic_proximity": (0.0, 0.25, 0.5, 1.0),
    "near_partner_km": (2.0, 5.0, 10.0, 20.0, 50.0, 100.0),
}
SHAPED = ("partners_of_partners", "shared_networks", "proximity", "near_partners")


@dataclass
class Query:
    """One check query, measured over its candidates (every city but the query and its
    partners): its fixed parts, raw sums, and whom to find."""

    fixed: dict[str, np.ndarray]  # parts that no searched constant changes (float32)
    two: np.ndarray  # two-step resource allocation (float32)
    three: np.ndarray
    networks: np.ndarray | None  # raw shared-network sum, None when not measurable
    km: np.ndarray | None  # distance to the query city, None when it has no coordinates
    domestic: np.ndarray | None  # whether each candidate is in the query city's country
    near_km: np.ndarray | None  # distance to its nearest partner
    hidden: list[int]  # positions of its hidden partners among the candidates
    missing: int  # hidden partners that are not candidates


def measure(
    G: nx.MultiDiGraph, hidden: Mapping[str, set[str]], queries: list[str], base: Weights
) -> list[Query]:
    """Measure every part for every city of each query of ``queries`` (see the module docstring).

    Parameters
    ----------
    G : MultiDiGraph
        The graph the queries are ranked on (an inner training graph).
    hidden : mapping
        The hidden partners of each query city.
    queries : list of str
        The query cities.
    base : Weights
        The constants of the parts that are not searched.

    Returns
    -------
    list of Query
        One measured query each.
    """
    idx = index(G)
    table = city_table(idx)
    on = replace(base, **dict.fromkeys(Weights.PARTS, 1.0))
    out = []
    for u in queries:
        f = make_focus(G, u, weights=on)
        _, parts = city_parts(idx, f, on)
        lat, lon, _ = focus_place(idx, f)
        keep = np.ones(len(table), bool)
        keep[[table.pos[c] for c in (u, *idx.ties[u]) if c in table.pos]] = False
        rows = np.flatnonzero(keep)  # the candidates, as the evaluation counts them
        wanted = [table.pos[h] for h in hidden.get(u, ()) if h in table.pos]
        inside = sorted(int(np.searchsorted(rows, h)) for h in wanted if keep[h])

        def cut(values: np.ndarray, rows: np.ndarray = rows) -> np.ndarray:
            return np.asarray(values[rows], np.float32)

        out.append(
            Query(
                {n: cut(v) for n, v in parts.items() if n not in SHAPED},
                cut(reach_raw(table, f, 0.0)),
                cut(_scatter(table, f.three)),
                cut(network_raw(idx, table, f)) if "shared_networks" in parts else None,
                cut(table.distance_km(lat, lon)) if "proximity" in parts else None,
                domestic_rows(table, f.country)[rows] if "proximity" in parts else None,
                cut(partners(idx, f)["km"]) if "near_partners" in parts else None,
                inside,
                len(hidden.get(u, ())) - len(inside),
            )
        )
    return out


def score(q: Query, w: Weights) -> np.ndarray:
    """The score of every city for the measured query ``q`` under ``w`` (up to a constant factor)."""
    got = np.zeros(len(q.two), np.float32)
    for name, values in q.fixed.items():
        if getattr(w, name):
            got += getattr(w, name) * values
    if w.partners_of_partners:
        raw = q.two + w.third_step * q.three
        got += w.partners_of_partners * _saturate(raw, w.half_saturation)
    if w.shared_networks and q.networks is not None:
        got += w.shared_networks * _saturate(q.networks, w.half_saturation)
    if w.proximity and q.km is not None:
        got += w.proximity * proximity_values(q.km, w, q.domestic)
    if w.near_partners and q.near_km is not None:
        got += w.near_partners * near_values(q.near_km, w)
    return got


def figures(cached: list[Query], w: Weights) -> tuple[float, float]:
    """(MRR, recall@50) over every city, averaged over the measured queries.

    Parameters
    ----------
    cached : list of Query
        Measured queries (:func:`measure`).
    w : Weights
        The weights and constants to score with.

    Returns
    -------
    tuple
        The two figures, counted as :func:`graph.synergy.metrics.array_metrics` counts them.
    """
    if not cached:
        return 0.0, 0.0
    total = np.zeros(3)
    for q in cached:
        total += array_metrics(score(q, w), q.hidden, missing=q.missing)
    return float(total[2] / len(cached)), float(total[1] / len(cached))


def objective(cached: list[Query], w: Weights) -> float:
    """``MRR + recall@50 / 2`` on the measured queries: what :func:`refine` raises."""
    mrr, recall = figures(cached, w)
    return mrr + recall / 2


def refine(cached: list[Query], start: Weights, rounds: int = 2) -> tuple[Weights, float, float]:
    """Walk each weight and constant along its grid, keeping what raises :func:`objective`.

    Parameters
    ----------
    cached : list of Query
        Measured check queries.
    start : Weights
        Where to start (the weights of the logistic regression).
    rounds : int
        Passes over every weight and constant.

    Returns
    -------
    tuple
        The refined weights, the objective at the start and at the end.
    """
    measured = set()
    for q in cached:
        measured |= set(q.fixed) | {"partners_of_partners"}
        raws = (q.networks, q.km, q.near_km)
        measured |= {n for n, v in zip(SHAPED[1:], raws, strict=True) if v is not None}
    grid = {p: LADDER for p in Weights.PARTS if p in measured and p != "partners_of_partners"}
    grid.update(CONSTANTS)
    best = w = start
    first = top = objective(cached, start)
    for _ in range(rounds):
        moved = False
        for name, values in grid.items():
            for value in values:
                if value == getattr(best, name):
                    continue
                w = replace(best, **{name: value})
                got = objective(cached, w)
                if got > top + 1e-4:
                    best, top, moved = w, got, True
        if not moved:
            break
    return best, first, top
