"""Every city of a graph as numpy arrays, built once per synergy index.

:func:`city_table` gives a :class:`CityTable`: one row per ``City`` node (sorted by id) with
its country, number of ties, coordinates and population, and, per network, the rows of its
live city members. :mod:`graph.synergy.vector` scores every row at once from it, and the
place parts (:mod:`graph.synergy.place_parts`) read the same arrays for one candidate, so
the two give the same numbers.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> table = city_table(index(example_graph()))
>>> table.ids[:2], int(table.degree[table.pos["city-de-nurnberg"]])
(['city-cn-kunming', 'city-de-nurnberg'], 2)
"""

from __future__ import annotations

import math
import threading
import weakref
from typing import Any

import numpy as np

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.synergy_index import SynergyIndex

_CACHE: weakref.WeakKeyDictionary[SynergyIndex, CityTable] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _number(value: Any) -> float:
    """``value`` as a float, NaN when it is missing or not a number."""
    if value in (None, ""):
        return math.nan
    try:
        found = float(value)
    except (TypeError, ValueError):
        return math.nan
    return found if math.isfinite(found) else math.nan


class CityTable:
    """The cities of ``idx`` as arrays (see the module docstring).

    Attributes
    ----------
    ids : list of City ids, sorted; ``pos`` maps an id to its row.
    country : int array, the row of each city's ISO2 code in ``codes`` (-1: unknown).
    degree : float array, ties of each city in the tie graph.
    lat, lon : float arrays, coordinates in radians (NaN: unknown).
    logpop : float array, log10 of the population (NaN: unknown).
    """

    def __init__(self, idx: SynergyIndex):
        nodes = idx.G.nodes
        self.ids: list[str] = sorted(n for n, label in idx.label.items() if label == "City")
        self.pos: dict[str, int] = {c: i for i, c in enumerate(self.ids)}
        self.codes: list[str] = sorted({idx.country[c] for c in self.ids if c in idx.country})
        code_row = {code: i for i, code in enumerate(self.codes)}
        self.country = np.array([code_row.get(idx.country.get(c, ""), -1) for c in self.ids], int)
        self.degree = np.array([idx.degree.get(c, 0) for c in self.ids], float)
        lat = np.array([_number(nodes[c].get("lat")) for c in self.ids], float)
        lon = np.array([_number(nodes[c].get("lon")) for c in self.ids], float)
        bad = (np.abs(lat) > 90) | (np.abs(lon) > 180)
        lat[bad] = lon[bad] = math.nan
        self.lat, self.lon = np.radians(lat), np.radians(lon)
        #: unit vectors of the cities on the sphere (0 where the coordinates are unknown)
        self.xyz = np.nan_to_num(
            np.stack(
                [
                    np.cos(self.lat) * np.cos(self.lon),
                    np.cos(self.lat) * np.sin(self.lon),
                    np.sin(self.lat),
                ],
                axis=1,
            )
        )
        population = np.array([_number(nodes[c].get("population")) for c in self.ids], float)
        population[~(population > 0)] = math.nan
        self.logpop = np.log10(population)
        self._members: dict[str, np.ndarray] = {}
        self._others: dict[str, frozenset[str]] = {}
        self._idx = weakref.ref(idx)
        #: rows of the cities that may have a theme part, an activity part
        self.themed = [c for c in self.ids if c in idx.own or idx.live_networks.get(c)]
        self.active = [c for c in self.ids if c in idx.activity]

    def __len__(self) -> int:
        return len(self.ids)

    def members(self, network: str) -> np.ndarray:
        """Rows of the cities that are live members of ``network``."""
        found = self._members.get(network)
        if found is None:
            idx = self._idx()
            rows = []
            if idx is not None:
                for c in idx.members.get(network, ()):
                    row = self.pos.get(c)
                    if row is not None and idx.networks_of[c].get(network) in LIVE_MEMBERSHIP:
                        rows.append(row)
            found = self._members[network] = np.array(sorted(rows), int)
        return found

    def others(self, network: str) -> frozenset[str]:
        """The live members of ``network`` that are not cities (organisations)."""
        found = self._others.get(network)
        if found is None:
            idx = self._idx()
            members = idx.members.get(network, ()) if idx is not None else ()
            found = self._others[network] = frozenset(m for m in members if m not in self.pos)
        return found

    def place(self, node: str | None) -> tuple[float, float, float]:
        """(lat, lon in radians, log10 population) of the city ``node`` (NaN where unknown)."""
        row = self.pos.get(node or "")
        if row is None:
            return math.nan, math.nan, math.nan
        return float(self.lat[row]), float(self.lon[row]), float(self.logpop[row])

    def distance_km(self, lat: float, lon: float, rows: np.ndarray | None = None) -> np.ndarray:
        """Great-circle distance in km from (lat, lon) in radians to every row (or ``rows``)."""
        la = self.lat if rows is None else self.lat[rows]
        lo = self.lon if rows is None else self.lon[rows]
        h = np.sin((la - lat) / 2) ** 2 + np.cos(lat) * np.cos(la) * np.sin((lo - lon) / 2) ** 2
        return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def city_table(idx: SynergyIndex) -> CityTable:
    """The :class:`CityTable` of ``idx``, built on first use and cached with it."""
    with _LOCK:
        found = _CACHE.get(idx)
        if found is None:
            found = _CACHE[idx] = CityTable(idx)
        return found
