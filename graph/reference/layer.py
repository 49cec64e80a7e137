"""The reference layer: the shipped twinning pack in a store, kept apart from curated records.

Every record the layer writes carries ``reference`` (``"twinning-pack <version>"``),
``source`` naming the data sets with their licence, and ``confidence: low``. The layer
never writes a curated record (one without ``reference``): a pack city that is one of
the department's cities - same id, same folded name or alias in the same country, or
one GeoNames city by the gazetteer ("Nuremberg" in the pack and "Nürnberg" in the
sample) - is *resolved* to it, and only the reference agreement and its ``PARTY_TO``
tie are added; a pair the department already records as a sister-city agreement is
left out. Loading twice changes nothing; loading a new pack removes what the old one
had and the new one has not; :func:`unload_reference` removes the layer, except
reference records a curated tie now uses (they are kept and counted).

>>> from graph.stores.embedded import EmbeddedStore
>>> from graph.model import Node
>>> from graph.reference.pack import PackCity
>>> from graph.stores.changes import ChangeSet
>>> import tempfile
>>> pack = ReferencePack("test", [], [
...     PackCity("city-de-nuremberg", "Nuremberg", "DE", 49.45, 11.08, None, ()),
...     PackCity("city-cn-kunming", "Kunming", "CN", 25.0, 102.7, None, ())], [(0, 1, ("wikidata",))])
>>> with tempfile.TemporaryDirectory() as d, EmbeddedStore(d + "/g.sqlite") as s:
...     _ = s.apply(ChangeSet([Node("city-de-nurnberg", "City", {"name": "Nürnberg",
...                                  "country": "DE", "confidence": "high"})]))
...     report = load_reference(s, pack)
...     sorted(report.created.items()), report.resolved, s.get("city-de-nurnberg").props["confidence"]
([('Agreement', 1), ('City', 1), ('Country', 1), ('LOCATED_IN', 1), ('PARTY_TO', 2)],
 [('Nuremberg', 'city-de-nurnberg')], 'high')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph.ids import make_id
from graph.model import Node, Relation
from graph.reference.city_resolver import (
    MARKER,
    MARKER_PREFIX,
    CityResolver,
    curated_sister_pairs,
    is_reference,
)
from graph.reference.countries import country_props
from graph.reference.layer_writes import LayerReport, apply_in_steps
from graph.reference.pack import ReferencePack, read_pack
from graph.stores.base import Store
from graph.stores.changes import ChangeSet, RelKey


@dataclass
class LayerStatus:
    """The reference layer in a store: its pack version(s) and counts."""

    versions: list[str]
    cities: int
    agreements: int
    countries: int
    ties: int

    @property
    def loaded(self) -> bool:
        """True when any reference record is in the store."""
        return bool(self.cities or self.agreements or self.ties)


def status(store: Store) -> LayerStatus:
    """The reference layer in ``store``.

    Parameters
    ----------
    store
        The store to look at.

    Returns
    -------
    LayerStatus
        Versions found on reference records and their counts.
    """
    versions: set[str] = set()
    labels: Counter = Counter()
    for node in store.nodes():
        if is_reference(node.props):
            labels[node.label] += 1
            versions.add(str(node.props[MARKER]).removeprefix(MARKER_PREFIX))
    ties = sum(1 for rel in store.relations() if is_reference(rel.props))
    return LayerStatus(
        sorted(versions), labels["City"], labels["Agreement"], labels["Country"], ties
    )


def _agreement_id(first: str, second: str) -> str:
    low, high = sorted((first.removeprefix("city-"), second.removeprefix("city-")))
    return f"agreement-ref-{low}-{high}"


def _wanted(
    stored: tuple[list[Node], list[Relation]], pack: ReferencePack, report: LayerReport
) -> ChangeSet:
    """The reference records ``pack`` gives the store whose records are ``stored``,
    curated records resolved and left alone."""
    marker = MARKER_PREFIX + pack.version
    curated = [n for n in stored[0] if not is_reference(n.props)]
    taken = {n.id for n in curated}
    resolver = CityResolver([n for n in curated if n.label == "City"])
    ids: list[str] = []
    nodes: dict[str, Node] = {}
    relations: list[Relation] = []
    countries: set[str] = set()
    for city in pack.cities:
        found = resolver.find(
            city.id, [city.name, *city.aliases], city.country, (city.lat, city.lon)
        )
        if found is not None:
            ids.append(found)
            if found != city.id or city.name != resolver.by_id[found].name:
                report.resolved.append((city.name, found))
            continue
        cid = city.id if city.id not in taken else f"ref-{city.id}"
        ids.append(cid)
        props = {
            "name": city.name,
            "country": city.country,
            "lat": city.lat,
            "lon": city.lon,
            "population": city.population,
            "aliases": list(city.aliases) or None,
            "confidence": "low",
            MARKER: marker,
        }
        nodes[cid] = Node(cid, "City", {k: v for k, v in props.items() if v is not None})
        countries.add(city.country)
    # the source of a city: the data sets of its pairs
    city_sources: dict[str, set[str]] = {}
    recorded = curated_sister_pairs(*stored)
    for first, second, keys in pack.pairs:
        a, b = ids[first], ids[second]
        if a == b:
            continue
        if frozenset((a, b)) in recorded:
            report.skipped_pairs += 1
            continue
        aid = _agreement_id(a, b)
        if aid in taken or aid in nodes:
            continue
        source = pack.source_names(keys)
        names = sorted((pack.cities[first].name, pack.cities[second].name))
        nodes[aid] = Node(
            aid,
            "Agreement",
            {
                "name": f"{names[0]} – {names[1]}",
                "type": "sister_city",
                "source": source,
                "confidence": "low",
                MARKER: marker,
            },
        )
        for end in (a, b):
            relations.append(Relation("PARTY_TO", end, aid, {"source": source, MARKER: marker}))
            city_sources.setdefault(end, set()).update(keys)
    for cid, node in nodes.items():
        if node.label == "City":
            node.props["source"] = pack.source_names(tuple(sorted(city_sources.get(cid, ()))))
    for code in sorted(countries):
        country_id = make_id("Country", code)
        if country_id not in taken:
            nodes[country_id] = Node(
                country_id,
                "Country",
                {
                    **{k: v for k, v in country_props(code).items() if v is not None},
                    "source": "ISO 3166-1 (pycountry)",
                    MARKER: marker,
                },
            )
    for cid, node in list(nodes.items()):
        if node.label == "City":
            relations.append(
                Relation(
                    "LOCATED_IN",
                    cid,
                    make_id("Country", node.props["country"]),
                    {"source": node.props["source"], MARKER: marker},
                )
            )
    return ChangeSet(nodes=list(nodes.values()), relations=relations)


def _read(store: Store) -> tuple[list[Node], list[Relation]]:
    """Every node and relation of ``store``, read once (a scan of each)."""
    return list(store.nodes()), list(store.relations())


def _layer(
    stored: tuple[list[Node], list[Relation]],
) -> tuple[dict[str, Node], dict[RelKey, Relation], set[str]]:
    """Reference nodes, reference relations, and ids of reference nodes a curated tie uses."""
    nodes = {n.id: n for n in stored[0] if is_reference(n.props)}
    relations: dict[RelKey, Relation] = {}
    used: set[str] = set()
    for rel in stored[1]:
        if is_reference(rel.props):
            relations[rel.key] = rel
        else:
            used.update(end for end in (rel.start, rel.end) if end in nodes)
    return nodes, relations, used


def load_reference(store: Store, pack: ReferencePack | None = None) -> LayerReport:
    """Bring ``pack`` (default: the shipped one) into ``store`` as the reference layer.

    Parameters
    ----------
    store
        The store to load into (embedded or Neo4j).
    pack
        The pack to load; the one shipped with Diplomap when None.

    Returns
    -------
    LayerReport
        Records created and deleted (a new pack replaces an old one), cities resolved
        against curated ones, pairs already recorded by the department.
    """
    pack = pack or read_pack()
    report = LayerReport(version=pack.version)
    stored = _read(store)
    wanted = _wanted(stored, pack, report)
    old_nodes, old_relations, used = _layer(stored)
    keep_nodes = {n.id for n in wanted.nodes}
    keep_relations = {r.key for r in wanted.relations}
    delete_relations = sorted(k for k in old_relations if k not in keep_relations)
    delete_nodes = sorted(i for i in old_nodes if i not in keep_nodes and i not in used)
    report.kept = sum(1 for i in old_nodes if i not in keep_nodes and i in used)
    # What is stored as wanted is left out of the write: loading again reads, writes nothing.
    nodes = [n for n in wanted.nodes if not _same(old_nodes.get(n.id), n)]
    relations = [r for r in wanted.relations if not _same(old_relations.get(r.key), r)]
    report.unchanged = len(wanted.nodes) - len(nodes) + len(wanted.relations) - len(relations)
    apply_in_steps(store, ChangeSet(nodes, relations, delete_nodes, delete_relations), report)
    return report


def _same(old: Node | Relation | None, new: Node | Relation) -> bool:
    """True when ``old`` is stored with exactly the properties of ``new`` (bar ``updated_at``)."""
    if old is None:
        return False
    props = {k: v for k, v in old.props.items() if k != "updated_at" and v is not None}
    return props == new.props


def unload_reference(store: Store) -> LayerReport:
    """Remove the reference layer from ``store``; curated records are never touched.

    Parameters
    ----------
    store
        The store to clean.

    Returns
    -------
    LayerReport
        Records deleted, and reference records kept because a curated tie uses them.
    """
    nodes, relations, used = _layer(_read(store))
    report = LayerReport(kept=len(used))
    changes = ChangeSet(delete_nodes=sorted(set(nodes) - used), delete_relations=sorted(relations))
    apply_in_steps(store, changes, report)
    return report
