"""The parts of a synergy score that describe where and how big a candidate is.

``geography`` (country affinity: how often the two countries twin), ``proximity``
(great-circle distance; for a city of our own country it counts ``domestic_proximity``
times as much, since twinning mostly crosses a border), ``size`` (populations alike) and
``openness`` (partnerships already held). They exist for cities and organisations, not
networks, and need no path from the focus: they are what lets a city that no path reaches
come up. Each is a function like those of :mod:`graph.synergy.parts` and reads the same
arrays (:mod:`graph.synergy.city_table`) as the vectorised scorer, so both give the same
numbers.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> G = example_graph()
>>> idx, f, w = index(G), make_focus(G, today="2025-01-01"), Weights()
>>> value, evidence = part_openness(idx, f, "city-us-austin", w, True)
>>> round(value, 2), evidence
(0.18, [{'ties': 1}])
"""

from __future__ import annotations

import math

import numpy as np

from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.city_table import CityTable, city_table
from graph.synergy.focus import Focus
from graph.synergy.theme_parts import PartResult
from graph.synergy.weights import Weights


def focus_place(index: SynergyIndex, focus: Focus) -> tuple[float, float, float]:
    """(lat, lon in radians, log10 population) of the focus's city: its actor, else an anchor."""
    table = city_table(index)
    for node in (focus.actor, *sorted(focus.anchors)):
        if node in table.pos:
            return table.place(node)
    return math.nan, math.nan, math.nan


def proximity_values(
    km: np.ndarray, weights: Weights, domestic: np.ndarray | None = None
) -> np.ndarray:
    """``k / (k + km)`` with ``k = proximity_km``: 1 next door, 0.5 at ``proximity_km``; 0 unknown.

    Where ``domestic`` (a boolean array: the city is in our own country) is true, the value is
    multiplied by ``domestic_proximity``.
    """
    k = weights.proximity_km
    out = k / (k + km)
    out[~np.isfinite(out)] = 0.0
    if domestic is not None and weights.domestic_proximity != 1.0:
        out[domestic] *= weights.domestic_proximity
    return out


def domestic_rows(table: CityTable, country: str | None) -> np.ndarray:
    """For every city of ``table``, whether it is in ``country`` (all false when unknown)."""
    if not country or country not in table.codes:
        return np.zeros(len(table), bool)
    return table.country == table.codes.index(country)


def size_values(diff: np.ndarray, weights: Weights) -> np.ndarray:
    """``s / (s + d)``, ``d`` = difference of log10 populations, ``s = size_decades``; 0 unknown."""
    s = weights.size_decades
    out = s / (s + np.abs(diff))
    out[~np.isfinite(out)] = 0.0
    return out


def part_geography(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Ties between the two countries, relative to the focus country's busiest pair.

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`graph.synergy.parts.PARTS`).
    """
    if index.label[candidate] == "Network" or not index.country_best.get(focus.country or ""):
        return None
    other = index.country.get(candidate)
    n = index.country_pairs.get((focus.country, other), 0) if other else 0
    best = index.country_best[focus.country]
    evidence = (
        [{"countries": [focus.country, other], "ties": n, "most": best}]
        if with_evidence and n
        else []
    )
    return n / best, evidence


def part_proximity(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Closeness: ``k / (k + km)`` of the great-circle distance (see :func:`proximity_values`).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (a network, or a focus with no coordinates).
    """
    lat, lon, _ = focus_place(index, focus)
    table = city_table(index)
    if index.label[candidate] == "Network" or math.isnan(lat):
        return None
    row = table.pos.get(candidate)
    if row is None:
        return 0.0, []
    km = table.distance_km(lat, lon, np.array([row]))
    domestic = np.array([bool(focus.country) and index.country.get(candidate) == focus.country])
    value = float(proximity_values(km, weights, domestic)[0])
    evidence = [{"km": round(float(km[0]))}] if with_evidence and value > 0 else []
    return value, evidence


def part_size(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Populations alike: ``s / (s + d)`` of their log10 difference (see :func:`size_values`).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (a network, or a focus with no population).
    """
    _, _, ours = focus_place(index, focus)
    table = city_table(index)
    if index.label[candidate] == "Network" or math.isnan(ours):
        return None
    row = table.pos.get(candidate)
    if row is None:
        return 0.0, []
    theirs = table.logpop[row : row + 1]
    value = float(size_values(theirs - ours, weights)[0])
    evidence = (
        [{"population": round(10 ** float(theirs[0])), "ours": round(10**ours)}]
        if with_evidence and value > 0
        else []
    )
    return value, evidence


def part_openness(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """How many ties the candidate already has (log scale, capped).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`graph.synergy.parts.PARTS`).
    """
    if index.label[candidate] == "Network":
        return None
    n = index.degree.get(candidate, 0)
    evidence = [{"ties": n}] if with_evidence and n else []
    return min(1.0, math.log1p(n) / math.log1p(weights.openness_cap)), evidence
