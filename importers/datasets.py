"""The three public data sets as graph changes: Wikipedia twin towns, Wikidata P190, ETMUN.

Each data set is read row by row (with the file's line numbers), mapped to plain
rows, and turned into one :class:`~graph.stores.base.ChangeSet` with a
:class:`DatasetReport` that says what was kept, dropped and skipped, and why:

- ``twin-towns`` and ``wikidata`` give sister-city *pairs*: two cities, one
  ``Agreement`` node (type ``sister_city``, status unknown) and two ``PARTY_TO``;
- ``etmun`` gives *memberships*: a city, a ``Network`` and a ``MEMBER_OF``.

Cities get the id ``make_id("City", name, iso2)``, so spellings that are the
same after :func:`~graph.ids.fold` ("Izmir", "İzmir", "IZMIR") are one node and
counted as such; names that are only similar ("Nuremberg", "Nürnberg") stay two
nodes, and those scoring at or above the fuzzy cutoff in one country are reported
as possible duplicates with their score. Rows whose country cannot be resolved are
skipped and counted, with ``file:line`` examples.

The files are read by :mod:`importers.dataset_readers` and reported on by
:mod:`importers.dataset_report` (their names are re-exported here). The files
are never copied into the repository; :func:`dataset_path` finds them
in the folder of the setting ``DIPLOMAP_DATASETS_DIR``.

>>> dataset_path("wikidata", {"DIPLOMAP_DATASETS_DIR": "/nowhere"})
Traceback (most recent call last):
...
graph.errors.ImportFailed: data set 'wikidata' not found: /nowhere/wikidata_p190_eu25_sistercities_2017.tsv
  -> put the file there, or set DIPLOMAP_DATASETS_DIR to the folder that holds it
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from graph.errors import EntityNotFound, ImportFailed
from graph.ids import fold, make_id
from graph.model import Node, Relation
from graph.reference.countries import country_props
from graph.settings import describe
from graph.stores.base import Store
from graph.stores.changes import ChangeSet
from importers.dataset_readers import (
    CityRow,
    NetworkRow,
    iter_memberships,
    iter_pairs,
)
from importers.dataset_report import EXAMPLES, FAR_KM, DatasetReport, add_example

DATASETS = {
    "twin-towns": "twin_cities_wikipedia_geocoded.csv",
    "wikidata": "wikidata_p190_eu25_sistercities_2017.tsv",
    "etmun": "etmun_city_network_memberships_geocoded.csv",
}
#: Origin repository of each file, as its description in the data-sets folder gives it.
ORIGINS = {
    "twin-towns": "GitHub Hekman/twincities",
    "wikidata": "GitHub rogorido/sistercities",
    "etmun": "GitHub pgourdongeo/Chap3_LocationalAnalysis",
}
CONFIDENCE = {"twin-towns": "low", "wikidata": "low", "etmun": "medium"}
COUNTRY_SOURCE = "ISO 3166-1 (pycountry)"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Approximate distance in km (equirectangular; good enough to flag homonyms)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def dataset_path(name: str, settings: Mapping[str, Any]) -> Path:
    """Where data set ``name`` lives: ``DIPLOMAP_DATASETS_DIR`` / its file name."""
    if name not in DATASETS:
        raise EntityNotFound(
            f"no data set named {name!r}", hint=f"use one of {', '.join(DATASETS)}"
        )
    path = Path(settings["DIPLOMAP_DATASETS_DIR"]) / DATASETS[name]
    if not path.is_file():
        raise ImportFailed(
            f"data set {name!r} not found: {path}",
            hint="put the file there, or set DIPLOMAP_DATASETS_DIR to the folder that holds it",
        )
    return path


# -- building the change set ---------------------------------------------------------------
class _CityBook:
    """Cities seen while reading: spellings, first coordinates, first population."""

    def __init__(self) -> None:
        self.spellings: dict[str, Counter[str]] = {}
        self.rows: dict[str, CityRow] = {}
        self.far: dict[str, tuple[str, str, float]] = {}  # id -> two rows' names, km apart
        self.names: dict[str, str] = {}  # id -> chosen spelling, once reading is done

    def add(self, city: CityRow) -> None:
        cid = city["id"]
        known = self.rows.get(cid)
        if known is None:
            self.rows[cid] = dict(city)  # type: ignore[assignment]
            self.spellings[cid] = Counter((city["name"],))
            return
        self.spellings[cid][city["name"]] += 1
        if known["lat"] is None:
            known["lat"], known["lon"] = city["lat"], city["lon"]
        elif city["lat"] is not None and cid not in self.far:
            km = _km(known["lat"], known["lon"], city["lat"], city["lon"])  # type: ignore[arg-type]
            if km > FAR_KM:
                self.far[cid] = (known["name"], city["name"], km)
        if "population" not in known and "population" in city:
            known["population"] = city["population"]

    def best_name(self, cid: str) -> str:
        """The most used spelling, preferring one not in capitals; the first seen on a tie."""
        counts = self.spellings[cid]
        order = {n: i for i, n in enumerate(counts)}
        return max(counts, key=lambda n: (not n.isupper(), counts[n], -order[n]))

    def finish(self, report: DatasetReport) -> None:
        """Choose each city's spelling; report merged spellings and far-apart coordinates."""
        for cid, counts in self.spellings.items():
            self.names[cid] = self.best_name(cid)
            if len(counts) > 1:
                report.same_name_merges += 1
                add_example(
                    report.same_name_examples,
                    f"{self.rows[cid]['country']}: " + " = ".join(counts) + f" ({cid})",
                )
        report.far_apart = len(self.far)
        for cid, (a, b, km) in sorted(self.far.items(), key=lambda kv: -kv[1][2])[:EXAMPLES]:
            report.far_apart_examples.append(f"{cid}: {a} / {b}, {km:,.0f} km apart")

    def nodes(self, source: str, confidence: str) -> list[Node]:
        out = []
        for cid, row in self.rows.items():
            props = {
                "name": self.names[cid],
                "country": row["country"],
                "lat": row["lat"],
                "lon": row["lon"],
                "population": row.get("population"),
                "source": source,
                "confidence": confidence,
            }
            out.append(Node(cid, "City", {k: v for k, v in props.items() if v is not None}))
        return out


def near_duplicates(
    names: Mapping[str, str], countries: Mapping[str, str], cutoff: int
) -> list[tuple[int, str, str, str]]:
    """Pairs of city names in one country whose folded forms score >= ``cutoff`` (rapidfuzz ratio).

    Names are compared within blocks of the same country and first two folded letters,
    like :meth:`graph.matching.NameIndex.near`. Returns (score, country, name a, name b),
    best first. Nothing is merged.

    >>> near_duplicates({"a": "Saint Petersburg", "b": "Sankt-Peterburg", "c": "Sankt Petersburg",
    ...                  "d": "Nuremberg", "e": "Nürnberg"}, dict.fromkeys("abcde", "RU"), 85)
    [(97, 'RU', 'Sankt Petersburg', 'Sankt-Peterburg'), (94, 'RU', 'Saint Petersburg', 'Sankt Petersburg'),
     (90, 'RU', 'Saint Petersburg', 'Sankt-Peterburg')]
    """
    from rapidfuzz import fuzz, process

    blocks: dict[tuple[str, str], dict[str, str]] = {}
    for cid, name in names.items():
        key = fold(name)
        blocks.setdefault((countries[cid], key[:2]), {}).setdefault(key, name)
    found = []
    for (country, _), block in blocks.items():
        keys = list(block)
        for i, key in enumerate(keys[:-1]):
            rest = keys[i + 1 :]
            for _, score, j in process.extract(
                key, rest, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                a, b = sorted((block[key], block[rest[j]]))
                found.append((round(score), country, a, b))
    return sorted(found, key=lambda f: (-f[0], f[1], f[2], f[3]))


def source_of(name: str) -> str:
    """The ``source`` written on records of data set ``name``."""
    return f"{DATASETS[name]} ({ORIGINS[name]})"


def dataset_changeset(
    name: str,
    path: str | Path,
    *,
    progress: Callable[[int], None] | None = None,
    store: Store | None = None,
    fuzzy_cutoff: int | None = None,
) -> tuple[ChangeSet, DatasetReport]:
    """Read data set ``name`` from ``path`` and build the change set that imports it.

    Applying the result twice changes nothing the second time. ``progress(n)`` is
    called as rows are read (n rows at a time; the total is the number of data rows).
    With ``store``, records already there keep their values (see :func:`keep_existing`),
    so a public list never overwrites curated data; without it, the store's merge
    rule applies (given values replace stored ones).
    """
    if name not in DATASETS:
        raise EntityNotFound(
            f"no data set named {name!r}", hint=f"use one of {', '.join(DATASETS)}"
        )
    path = Path(path)
    report = DatasetReport(name, path.name)
    source, confidence = source_of(name), CONFIDENCE[name]
    book = _CityBook()
    extra_nodes: list[Node] = []
    relations: list[Relation] = []
    if name == "etmun":
        networks: dict[str, NetworkRow] = {}
        members: dict[tuple[str, str], dict[str, str | None]] = {}
        for city, network, membership in iter_memberships(path, report=report, progress=progress):
            book.add(city)
            networks.setdefault(network["id"], network)
            key = (city["id"], network["id"])
            if key in members:
                report.duplicates_dropped += 1
                _merge_membership(members[key], membership)
            else:
                members[key] = dict(membership)
        report.memberships_kept = len(members)
        book.finish(report)
        extra_nodes = [
            Node(
                n["id"],
                "Network",
                {
                    "name": n["name"],
                    "acronym": n["acronym"],
                    "source": source,
                    "confidence": confidence,
                },
            )
            for n in networks.values()
        ]
        relations = [
            Relation(
                "MEMBER_OF",
                c,
                n,
                {k: v for k, v in {**m, "source": source}.items() if v is not None},
            )
            for (c, n), m in members.items()
        ]
    else:
        pairs = []
        for a, b in iter_pairs(name, path, report=report, progress=progress):
            book.add(a)
            book.add(b)
            pairs.append((a["id"], b["id"]) if a["id"] < b["id"] else (b["id"], a["id"]))
        book.finish(report)
        for low, high in pairs:
            aid = f"agreement-{low.removeprefix('city-')}-{high.removeprefix('city-')}-sister-city"
            extra_nodes.append(
                Node(
                    aid,
                    "Agreement",
                    {
                        "name": f"{book.names[low]} – {book.names[high]}",
                        "type": "sister_city",
                        "source": source,
                        "confidence": confidence,
                    },
                )
            )
            relations += [
                Relation("PARTY_TO", low, aid, {"source": source}),
                Relation("PARTY_TO", high, aid, {"source": source}),
            ]
    cities = book.nodes(source, confidence)
    country_ids = {c: make_id("Country", c) for c in sorted({n.props["country"] for n in cities})}
    country_nodes = [
        Node(
            cid,
            "Country",
            {
                **{k: v for k, v in country_props(c).items() if v is not None},
                "source": COUNTRY_SOURCE,
            },
        )
        for c, cid in country_ids.items()
    ]
    relations += [
        Relation("LOCATED_IN", n.id, country_ids[n.props["country"]], {"source": source})
        for n in cities
    ]
    cutoff = fuzzy_cutoff if fuzzy_cutoff is not None else describe("DIPLOMAP_FUZZY_CUTOFF").default
    near = near_duplicates(
        {n.id: n.props["name"] for n in cities}, {n.id: n.props["country"] for n in cities}, cutoff
    )
    report.near_duplicates = len(near)
    report.near_duplicate_examples = [f"{c}: {a} ~ {b} ({s})" for s, c, a, b in near[:EXAMPLES]]
    nodes = cities + country_nodes + extra_nodes
    report.nodes = Counter(n.label for n in nodes)
    report.relations = Counter(r.type for r in relations)
    changes = ChangeSet(nodes=nodes, relations=relations)
    if store is not None:
        changes, report.existing_kept = keep_existing(changes, store)
    return changes, report


_REFERENCE_LABELS = {"Country"}  # written from the project's own tables, always refreshed


def keep_existing(changes: ChangeSet, store: Store) -> tuple[ChangeSet, int]:
    """Reduce ``changes`` so records already in ``store`` only get missing properties.

    A stored record keeps every value it has (a curated ``confidence: high``, a
    population from the city's own site); the data set only fills gaps and adds its
    name to ``source`` (``"old | new"``). Country nodes are reference data from
    ``graph/reference/data/countries.csv`` and are written as given. The change set is
    marked ``fill_only``: the store compares with what it holds inside its write
    transaction, so a record edited while the data set loads keeps the edit. Returns the
    change set and how many stored records were found (for the report).

    >>> from graph.stores.embedded import EmbeddedStore
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, EmbeddedStore(d + "/g.sqlite") as s:
    ...     _ = s.apply(ChangeSet([Node("city-tr-antalya", "City", {"name": "Antalya",
    ...                                  "population": 2696249, "confidence": "high", "source": "UP"})]))
    ...     new = ChangeSet([Node("city-tr-antalya", "City", {"name": "Antalya", "lat": 36.9,
    ...                           "population": 1068099, "confidence": "low", "source": "wikidata"})])
    ...     kept, n = keep_existing(new, s)
    ...     _ = s.apply(kept)
    ...     s.get("city-tr-antalya").props["population"], s.get("city-tr-antalya").props["source"], n
    (2696249, 'UP | wikidata', 1)
    """
    looked_up = len(store.get_many(n.id for n in changes.nodes)) + len(
        store.get_relations(r.key for r in changes.relations)
    )
    kept = ChangeSet(
        list(changes.nodes),
        list(changes.relations),
        list(changes.delete_nodes),
        list(changes.delete_relations),
        changes.replace,
        fill_only=True,
    )
    return kept, looked_up


def _merge_membership(kept: dict[str, str | None], more: dict[str, str | None]) -> None:
    """Two rows for one city in one network: the earliest year, the first role, active wins."""
    if more["since"] and (kept["since"] is None or more["since"] < kept["since"]):
        kept["since"] = more["since"]
    kept["role"] = kept["role"] or more["role"]
    if more["status"] == "active":
        kept["status"] = "active"
