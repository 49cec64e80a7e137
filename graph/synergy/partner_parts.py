"""The parts of a score that read where *our own partners* are.

Twinning concentrates: a city's partners sit in a few countries and regions of its own
choosing, not only in those its country as a whole prefers (``geography``).

- ``partner_country``: the share of our partners that are in the candidate's country
  ("3 of our 8 partners are in Germany").
- ``near_partners``: ``k / (k + km)`` of the distance from the candidate to the nearest of
  our partners, ``k = near_partner_km`` ("12 km from our partner Nuremberg"): the next town
  of a partner's region, or its neighbour.

"Our partners" are the anchors' partners in the tie graph (:attr:`Focus.partners`). Both parts
exist for cities (an organisation scores 0, a network has neither); the vectorised forms
(:func:`partner_country_values`, :func:`nearest_partner`) are what
:mod:`graph.synergy.vector` scores every city with, and the part functions read them for
one candidate, so both give the same numbers.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> G = example_graph()
>>> idx, f, w = index(G), make_focus(G, today="2025-01-01"), Weights()
>>> part_partner_country(idx, f, "city-de-nurnberg", w, True)[1][0]["of"]
2
"""

from __future__ import annotations

import numpy as np

from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.city_table import CityTable, city_table
from graph.synergy.focus import Focus
from graph.synergy.theme_parts import PartResult
from graph.synergy.weights import Weights


def partner_rows(table: CityTable, focus: Focus) -> np.ndarray:
    """Rows of the focus's partners that are cities of ``table``, sorted."""
    return np.array(sorted(table.pos[p] for p in focus.partners if p in table.pos), int)


def partner_country_values(table: CityTable, rows: np.ndarray) -> np.ndarray:
    """For every city, the share of the partners ``rows`` that are in its country.

    Parameters
    ----------
    table : CityTable
        The cities.
    rows : ndarray
        Rows of our partners.

    Returns
    -------
    ndarray
        ``partners in the city's country / partners``; 0 for a city of unknown country.
    """
    if not len(rows):
        return np.zeros(len(table))
    slots = len(table.codes)  # the last slot: no country
    counts = np.bincount(table.country[rows] % (slots + 1), minlength=slots + 1).astype(float)
    counts[slots] = 0.0
    return counts[table.country % (slots + 1)] / len(rows)


def nearest_partner(table: CityTable, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(km to the nearest of the partners ``rows``, its row) for every city.

    A partner is not its own nearest partner; a city with no coordinates, or no partner
    with coordinates, is infinitely far (row -1).

    Parameters
    ----------
    table : CityTable
        The cities.
    rows : ndarray
        Rows of our partners.

    Returns
    -------
    tuple
        The distances in km and the rows of the nearest partners.
    """
    best = np.full(len(table), np.inf)
    which = np.full(len(table), -1, int)
    for row in rows:
        if not np.isfinite(table.lat[row]):
            continue
        km = table.distance_km(float(table.lat[row]), float(table.lon[row]))
        km[row] = np.inf
        closer = km < best  # NaN (no coordinates) is never closer
        best[closer], which[closer] = km[closer], row
    return best, which


def near_values(km: np.ndarray, weights: Weights) -> np.ndarray:
    """``k / (k + km)`` with ``k = near_partner_km``; 0 when infinitely far."""
    k = weights.near_partner_km
    out = k / (k + km)
    out[~np.isfinite(out)] = 0.0
    return out


def _who(index: SynergyIndex, node: str) -> dict[str, str]:
    return {"id": node, "name": index.name(node), "name_tr": index.name(node, "tr")}


def part_partner_country(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Share of our partners in the candidate's country (see the module docstring).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (a network).
    """
    if index.label[candidate] == "Network":
        return None
    table = city_table(index)
    row = table.pos.get(candidate)
    rows = partner_rows(table, focus)
    if row is None or not len(rows) or table.country[row] < 0:
        return 0.0, []
    same = [r for r in rows.tolist() if table.country[r] == table.country[row]]
    value = len(same) / len(rows)
    evidence = []
    if with_evidence and same:
        members = sorted((_who(index, table.ids[r]) for r in same), key=lambda e: e["name"])
        code = table.codes[table.country[row]]
        evidence = [{"country": code, "partners": len(same), "of": len(rows), "members": members}]
    return value, evidence


def part_near_partners(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Closeness to the nearest of our partners (see the module docstring).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (a network).
    """
    if index.label[candidate] == "Network":
        return None
    table = city_table(index)
    row = table.pos.get(candidate)
    rows = partner_rows(table, focus)
    if row is None or not len(rows) or not np.isfinite(table.lat[row]):
        return 0.0, []
    lat, lon = float(table.lat[row]), float(table.lon[row])
    km = table.distance_km(lat, lon, rows)
    km[rows == row] = np.inf
    km[~np.isfinite(km)] = np.inf
    nearest = int(np.argmin(km))
    value = float(near_values(km[nearest : nearest + 1], weights)[0])
    evidence = []
    if with_evidence and value > 0:
        evidence = [{**_who(index, table.ids[rows[nearest]]), "km": round(float(km[nearest]))}]
    return value, evidence


def can_measure(index: SynergyIndex, focus: Focus) -> dict[str, bool]:
    """Whether ``partner_country`` and ``near_partners`` can be measured for ``focus``.

    The first needs a partner of known country; the second a partner with coordinates.
    """
    table = city_table(index)
    rows = partner_rows(table, focus)
    return {
        "partner_country": bool(len(rows)) and bool(np.any(table.country[rows] >= 0)),
        "near_partners": bool(len(rows)) and bool(np.any(np.isfinite(table.lat[rows]))),
    }
