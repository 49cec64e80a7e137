"""Which curated city a reference city is, and what marks a record as reference.

A record of the reference layer carries the property ``reference``; anything
without it is curated (the department's own). :class:`CityResolver` finds the
curated city a pack city names: by id, by folded name, name_tr or alias in the same
country, or by one GeoNames id (the gazetteer: "Nuremberg" and "Nürnberg").

>>> from graph.model import Node
>>> r = CityResolver([Node("city-de-nurnberg", "City", {"name": "Nürnberg", "country": "DE"})])
>>> r.find("city-de-nuremberg", ["Nuremberg"], "DE"), r.find("city-de-berlin", ["Berlin"], "DE")
('city-de-nurnberg', None)
"""

from __future__ import annotations

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

    def find(self, cid: str, names: list[str], country: str) -> str | None:
        """The id of the one curated city that ``cid`` / ``names`` in ``country`` is, else None.

        Parameters
        ----------
        cid
            The pack's id of the city.
        names
            Its name and aliases.
        country
            Its ISO2 country code.

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
                return next(iter(found))
        return None


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
