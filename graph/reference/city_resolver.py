"""Which curated city a reference city is, and what marks a record as reference.

A record of the reference layer carries the property ``reference``; anything
without it is curated (the department's own). :class:`CityResolver` finds the
curated city a pack city names: by id, by folded name, name_tr or alias in the same
country, or by one GeoNames id (the gazetteer: "Nuremberg" and "Nürnberg").

>>> from graph.model import Node
>>> r = CityResolver([Node("city-de-nurnberg", "City", {"name": "Nürnberg", "country": "DE"})])
>>> r.find("city-de-nuremberg", ["Nuremberg"], "DE"), r.find("city-de-berlin", ["Berlin"], "DE")
('city-de-nurnberg', None)
>>> r = CityResolver([Node("city-ru-rostov-on-don", "City", {"name": "Rostov-on-Don",
...                        "country": "RU", "lat": 47.23, "lon": 39.72})])
>>> r.find("city-ru-rostov", ["Rostov"], "RU", (57.18, 39.41))  # Rostov the Great: a homonym
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from graph.ids import fold
from graph.model import Node, Relation
from graph.reference.gazetteer import gazetteer

#: The property that marks a record of the reference layer (its value names the pack).
MARKER = "reference"
#: Property value prefix of the marker.
MARKER_PREFIX = "twinning-pack "


def is_reference(props: dict) -> bool:
    """True when a record with properties ``props`` belongs to the reference layer.

    Parameters
    ----------
    props
        The record's properties.

    Returns
    -------
    bool
        Whether the ``reference`` marker is set.
    """
    return bool(props.get(MARKER))


class CityResolver:
    """Finds the curated city a pack city is, by id, folded name or alias, or GeoNames id."""

    def __init__(self, curated: list[Node]):
        self.gaz = gazetteer()
        self.by_id = {n.id: n for n in curated}
        self.by_name: dict[tuple[str, str], set[str]] = {}
        self.by_geoname: dict[tuple[str, str], set[str]] = {}
        for node in curated:
            country = node.props.get("country")
            if not country:
                continue
            for name in _names(node.props):
                self.by_name.setdefault((country, fold(name)), set()).add(node.id)
                gid = self.gaz.geoname_id(name, country)
                if gid:
                    self.by_geoname.setdefault((country, gid), set()).add(node.id)

    def find(
        self,
        cid: str,
        names: list[str],
        country: str,
        where: tuple[float | None, float | None] = (None, None),
    ) -> str | None:
        """The id of the one curated city that ``cid`` / ``names`` in ``country`` is, else None.

        Parameters
        ----------
        cid
            The pack's id of the city.
        names
            Its name and aliases.
        country
            Its ISO2 country code.
        where
            Its latitude and longitude, if known: a name match more than :data:`FAR_KM`
            away is a homonym ("Rostov" is not Rostov-on-Don), not this city.

        Returns
        -------
        str or None
            The curated city's id, or None when none (or several) match.
        """
        if cid in self.by_id:
            return cid
        for table, key in (
            *((self.by_name, fold(name)) for name in names),
            *((self.by_geoname, self.gaz.geoname_id(name, country)) for name in names),
        ):
            found = table.get((country, key)) if key else None
            if found and len(found) == 1:
                match = next(iter(found))
                props = self.by_id[match].props
                if km(where, (props.get("lat"), props.get("lon"))) <= FAR_KM:
                    return match
        return None


#: Two places with one name further apart than this are two cities.
FAR_KM = 100.0


def km(
    first: tuple[float | None, float | None], second: tuple[float | None, float | None]
) -> float:
    """Approximate distance in km between two (lat, lon); 0 when either is unknown.

    Parameters
    ----------
    first, second
        Latitude and longitude in degrees, or None.

    Returns
    -------
    float
        Equirectangular distance (good enough to tell homonyms apart).

    Examples
    --------
    >>> round(km((47.19, 39.72), (57.18, 39.41))), km((47.19, 39.72), (None, None))
    (1111, 0.0)
    """
    if None in first or None in second:
        return 0.0
    (lat1, lon1), (lat2, lon2) = first, second
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _names(props: dict) -> list[str]:
    aliases = props.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return [n for n in (props.get("name"), props.get("name_tr"), *aliases) if n]


def curated_sister_pairs(
    nodes: Iterable[Node], relations: Iterable[Relation]
) -> set[frozenset[str]]:
    """Pairs of cities that a curated sister-city agreement joins.

    Parameters
    ----------
    nodes
        The store's nodes (read once by the caller).
    relations
        The store's relations.

    Returns
    -------
    set of frozenset
        Each pair of parties of one curated ``sister_city`` agreement.
    """
    sister = {
        n.id
        for n in nodes
        if n.label == "Agreement"
        and not is_reference(n.props)
        and n.props.get("type") == "sister_city"
    }
    parties: dict[str, set[str]] = {}
    for rel in relations:
        if rel.type == "PARTY_TO" and rel.end in sister and not is_reference(rel.props):
            parties.setdefault(rel.end, set()).add(rel.start)
    pairs: set[frozenset[str]] = set()
    for members in parties.values():
        ordered = sorted(members)
        pairs.update(frozenset((a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return pairs
