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


def nearest_partner(
    table: CityTable, rows: np.ndarray, block: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """(km to the nearest of the partners ``rows``, its row) for every city.

    The nearest partner is the one whose unit vector has the largest dot product with the
    city's (one matrix product per ``block`` partners); the distance is the great-circle
    angle times 6,371 km. A partner is not its own nearest partner; a city with no
    coordinates, or no partner with coordinates, is infinitely far (row -1).

    Parameters
    ----------
    table : CityTable
        The cities.
    rows : ndarray
        Rows of our partners.
    block : int
        Partners per matrix product (bounds the memory: cities x block).

    Returns
    -------
    tuple
        The distances in km and the rows of the nearest partners.
    """
    placed = rows[np.isfinite(table.lat[rows])] if len(rows) else rows
    best = np.full(len(table), -np.inf)
    which = np.full(len(table), -1, int)
    for start in range(0, len(placed), block):
        chunk = placed[start : start + block]
        dots = table.xyz @ table.xyz[chunk].T
        dots[chunk, np.arange(len(chunk))] = -np.inf  # not its own nearest partner
        top = np.argmax(dots, axis=1)
        got = dots[np.arange(len(table)), top]
        closer = got > best
        best[closer], which[closer] = got[closer], chunk[top[closer]]
    km = np.full(len(table), np.inf)
    found = (which >= 0) & np.isfinite(table.lat)
    km[found] = 6371.0 * np.arccos(np.clip(best[found], -1.0, 1.0))
    which[~found] = -1
    return km, which


def measured(index: SynergyIndex, focus: Focus) -> dict[str, np.ndarray]:
    """Rows of our partners, the share in each city's country, the nearest partner of each
    city and its distance: measured once per focus (kept in ``focus.memo``)."""
    found = focus.memo.get("partner_parts")
    if found is None:
        table = city_table(index)
        rows = partner_rows(table, focus)
        km, which = nearest_partner(table, rows)
        share = partner_country_values(table, rows)
        found = focus.memo["partner_parts"] = {
            "rows": rows,
            "share": share,
            "km": km,
            "which": which,
        }
    return found


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
    if row is None:
        return 0.0, []
    got = measured(index, focus)
    value = float(got["share"][row])
    evidence = []
    if with_evidence and value > 0:
        rows = got["rows"]
        same = rows[table.country[rows] == table.country[row]]
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
    if row is None:
        return 0.0, []
    got = measured(index, focus)
    value = float(near_values(got["km"][row : row + 1], weights)[0])
    evidence = []
    if with_evidence and value > 0:
        nearest = int(got["which"][row])
        evidence = [{**_who(index, table.ids[nearest]), "km": round(float(got["km"][row]))}]
    return value, evidence


def can_measure(index: SynergyIndex, focus: Focus) -> dict[str, bool]:
    """Whether ``partner_country`` and ``near_partners`` can be measured for ``focus``.

    The first needs a partner of known country; the second a partner with coordinates.
    """
    found = focus.memo.get("can_measure")
    if found is None:
        table = city_table(index)
        rows = measured(index, focus)["rows"]
        found = focus.memo["can_measure"] = {
            "partner_country": bool(len(rows)) and bool(np.any(table.country[rows] >= 0)),
            "near_partners": bool(len(rows)) and bool(np.any(np.isfinite(table.lat[rows]))),
        }
    return dict(found)
