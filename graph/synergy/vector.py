"""Every city of the graph scored at once for one focus (numpy), without evidence.

:func:`city_parts` gives, for each part that can be measured for the focus, its value for
every row of the :class:`~graph.synergy.city_table.CityTable` (0..1, the numbers of
:func:`~graph.synergy.parts.score_parts`); :func:`score_cities` weighs them into the score
of :func:`graph.synergy.ranking.suggest`. Parts that a path gives (partners of partners,
shared networks) are scattered from the focus's few reached nodes; the country, distance,
size and openness parts are gathered for every city, so a city that no path reaches still
has a score. The rare theme and activity parts are measured one city at a time.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> from graph.synergy.parts import score_parts
>>> G = example_graph()
>>> idx, f, w = index(G), make_focus(G, today="2025-01-01"), Weights()
>>> table, scores, relational = score_cities(idx, f, w)
>>> row = table.pos["city-us-austin"]
>>> bool(abs(scores[row] - score_parts(idx, f, "city-us-austin", w)[0]) < 1e-12), bool(relational[row])
(True, True)
"""

from __future__ import annotations

import math

import numpy as np

from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.city_table import CityTable, city_table
from graph.synergy.focus import Focus
from graph.synergy.partner_parts import measured, near_values
from graph.synergy.parts import (
    RELATIONAL,
    applicable,
    part_activity,
    part_complementary,
    part_shared_themes,
    total_weight,
)
from graph.synergy.place_parts import domestic_rows, focus_place, proximity_values, size_values
from graph.synergy.weights import Weights


def _saturate(raw: np.ndarray, half: float) -> np.ndarray:
    """:func:`graph.synergy.weights.saturate` of every element."""
    out = np.zeros_like(raw)
    hit = raw > 0
    out[hit] = raw[hit] / (raw[hit] + half)
    return out


def _scatter(table: CityTable, values: dict[str, float]) -> np.ndarray:
    """An array over the cities holding ``values`` (by id) and 0 elsewhere."""
    out = np.zeros(len(table))
    if values:
        pos = table.pos
        rows = np.fromiter((pos.get(k, -1) for k in values), int, len(values))
        found = np.fromiter(values.values(), float, len(values))
        hit = rows >= 0
        out[rows[hit]] = found[hit]
    return out


def _one_by_one(
    idx: SynergyIndex, f: Focus, w: Weights, table: CityTable, name: str, cities: list[str]
) -> np.ndarray:
    part = {
        "shared_themes": part_shared_themes,
        "complementary": part_complementary,
        "activity": part_activity,
    }[name]
    found = {}
    for c in cities:
        got = part(idx, f, c, w, False)
        if got is not None and got[0]:
            found[c] = got[0]
    return _scatter(table, found)


def reach_raw(table: CityTable, f: Focus, third_step: float) -> np.ndarray:
    """Two-step plus ``third_step`` times three-step resource allocation, for every city."""
    return _scatter(table, f.two) + third_step * _scatter(table, f.three)


def network_raw(idx: SynergyIndex, table: CityTable, f: Focus) -> np.ndarray:
    """Sum of ``1 / log2(1 + members)`` over the focus's networks each city is a live member of."""
    raw = np.zeros(len(table))
    for n in sorted(f.networks):
        raw[table.members(n)] += 1.0 / math.log2(1 + len(idx.members[n]))
    return raw


def city_parts(idx: SynergyIndex, f: Focus, w: Weights) -> tuple[CityTable, dict[str, np.ndarray]]:
    """(table, {part: value of every city}) for the parts that can be measured for ``f``.

    Parameters
    ----------
    idx : SynergyIndex
        The synergy index of the graph.
    f : Focus
        Whom the ranking is for.
    w : Weights
        Weights and constants; a part with weight 0 is left out, as in ``applicable``.

    Returns
    -------
    tuple
        The :class:`CityTable` and, in the order of the parts, an array per part.
    """
    table = city_table(idx)
    out: dict[str, np.ndarray] = {}
    for name in applicable(idx, f, w):
        if name == "partners_of_partners":
            out[name] = _saturate(reach_raw(table, f, w.third_step), w.half_saturation)
        elif name == "shared_networks":
            out[name] = _saturate(network_raw(idx, table, f), w.half_saturation)
        elif name in ("shared_themes", "complementary"):
            out[name] = _one_by_one(idx, f, w, table, name, table.themed)
        elif name == "activity":
            out[name] = _one_by_one(idx, f, w, table, name, table.active)
        elif name in ("eligibility", "geography"):
            by_code = np.zeros(len(table.codes) + 1)  # the last one: no country
            for i, code in enumerate(table.codes):
                if name == "eligibility":
                    by_code[i] = len(f.programmes & idx.programmes(code)) / len(f.programmes)
                else:
                    pairs = idx.country_pairs.get((f.country, code), 0)
                    by_code[i] = pairs / idx.country_best[f.country or ""]
            out[name] = by_code[table.country]
        elif name == "openness":
            out[name] = np.minimum(1.0, np.log1p(table.degree) / math.log1p(w.openness_cap))
        elif name == "proximity":
            lat, lon, _ = focus_place(idx, f)
            domestic = domestic_rows(table, f.country)
            out[name] = proximity_values(table.distance_km(lat, lon), w, domestic)
        elif name == "size":
            out[name] = size_values(table.logpop - focus_place(idx, f)[2], w)
        elif name == "partner_country":
            out[name] = measured(idx, f)["share"]
        elif name == "near_partners":
            out[name] = near_values(measured(idx, f)["km"], w)
    return table, out


def score_cities(
    idx: SynergyIndex, f: Focus, w: Weights
) -> tuple[CityTable, np.ndarray, np.ndarray]:
    """(table, score of every city, whether a relational part is above zero) for ``f``.

    Parameters
    ----------
    idx : SynergyIndex
        The synergy index of the graph.
    f : Focus
        Whom the ranking is for.
    w : Weights
        Weights of the parts.

    Returns
    -------
    tuple
        The :class:`CityTable`, the scores (``sum(weight * value) / sum(weights)``, as
        :func:`~graph.synergy.parts.score_parts`) and a boolean array.
    """
    weights = applicable(idx, f, w)
    total = total_weight(weights)
    table, parts = city_parts(idx, f, w)
    got = np.zeros(len(table))
    relational = np.zeros(len(table), bool)
    for name, values in parts.items():
        got += weights[name] * values
        if name in RELATIONAL:
            relational |= values > 0
    return table, (got / total if total else got), relational
