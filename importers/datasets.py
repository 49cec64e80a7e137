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

The files are never copied into the repository; :func:`dataset_path` finds them
in the folder of the setting ``DIPLOMAP_DATASETS_DIR``.

>>> dataset_path("wikidata", {"DIPLOMAP_DATASETS_DIR": "/nowhere"})
Traceback (most recent call last):
...
graph.errors.ImportFailed: data set 'wikidata' not found: /nowhere/wikidata_p190_eu25_sistercities_2017.tsv
  -> put the file there, or set DIPLOMAP_DATASETS_DIR to the folder that holds it
>>> simplify_locality("Antalya Metropolitan Municipality"), simplify_locality("Comune di Ledro")
('Antalya', 'Ledro')
>>> parse_number("3,412055"), parse_number("NA"), parse_number("43.39")
(3.412055, None, 43.39)
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from graph.countries import country_code, country_props
from graph.errors import EntityNotFound, ImportFailed
from graph.ids import fold, make_id
from graph.model import Node, Relation
from graph.settings import describe
from graph.stores.base import ChangeSet, Store

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
EXAMPLES = 10  # examples kept per kind of problem
FAR_KM = 50.0  # one city id seen this far apart is reported
_PROGRESS_EVERY = 1000

# (delimiter, side 1 columns, side 2 columns); a side is (name, country, lat, lon, population).
_PAIR_FORMATS: dict[str, tuple[str, tuple[str | None, ...], tuple[str | None, ...]]] = {
    "twin-towns": (",", ("city1", "country1", "lat1", "lng1", None),
                   ("city2", "country2", "lat2", "lng2", None)),
    "wikidata": ("\t", ("origincitylabel", "origincountry", "originlat", "originlong", "originpopulation"),
                 ("sistercitylabel", "destination_countrylabel", "destinationlat", "destinationlong",
                  "destinationpopulation")),
}
_ETMUN_COLUMNS = ("full_name", "locality_siege", "countrycode", "y", "x", "pop_collect", "statut",
                  "year_of_joining", "network_name", "entitysimplified", "lon", "lat")
_CITY_KINDS = {"City", "Municipality"}
_WIKIDATA_ITEM = re.compile(r"^[Qt]\d+$")  # an item or value without a label
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_LOCALITY_AFFIXES = re.compile(
    r"^(?:comune di|municipality of|ayuntamiento(?: de)?|concello de|ajuntament(?: de| d')?|"
    r"munic[ií]pio(?: de)?|op[cć]ina|gmina|dimos|commune de|ville de)\s+"
    r"|\s+(?:metropolitan municipality|metropolitan|municipality|(?:city|town|borough|county) council|"
    r"council|b[uü]y[uü]k[sş]ehir belediyesi|belediyesi|kommune|kommun|gmina)$",
    re.IGNORECASE)


class CityRow(TypedDict):
    id: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: NotRequired[int]


class NetworkRow(TypedDict):
    id: str
    name: str
    acronym: str


@dataclass
class DatasetReport:
    """What an import of a public data set kept, dropped and skipped."""

    dataset: str
    file: str
    rows_read: int = 0
    pairs_kept: int = 0
    memberships_kept: int = 0
    duplicates_dropped: int = 0
    reverse_duplicates: int = 0  # of duplicates_dropped: the same pair in the other direction
    self_loops_dropped: int = 0
    rows_skipped: int = 0
    skipped_examples: list[str] = field(default_factory=list)
    skipped_reasons: Counter[str] = field(default_factory=Counter)
    same_name_merges: int = 0  # cities written in several spellings that fold to one id
    same_name_examples: list[str] = field(default_factory=list)
    far_apart: int = 0  # one id, coordinates more than FAR_KM apart: homonyms or bad geocodes
    far_apart_examples: list[str] = field(default_factory=list)
    near_duplicates: int = 0  # similar names in one country, NOT merged
    near_duplicate_examples: list[str] = field(default_factory=list)
    names_simplified: int = 0  # ETMUN rows whose seat lost "Municipality", "Comune di"... or was split
    simplified_examples: list[str] = field(default_factory=list)
    non_city_members: Counter[str] = field(default_factory=Counter)  # EntitySimplified -> rows
    non_city_examples: list[str] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    existing_kept: int = 0  # records already in the store: their values kept, only gaps filled

    def skip(self, line: int, reason: str, value: str) -> None:
        self.rows_skipped += 1
        self.skipped_reasons[reason] += 1
        if len(self.skipped_examples) < EXAMPLES:
            self.skipped_examples.append(f"{self.file}:{line}: {reason}: {value!r}")

    def render(self) -> str:
        """The report as plain text for the CLI and the web page."""
        kept = (f"memberships kept       {self.memberships_kept:,}" if self.dataset == "etmun"
                else f"pairs kept             {self.pairs_kept:,}")
        dup = f"duplicates dropped     {self.duplicates_dropped:,}"
        if self.reverse_duplicates:
            dup += f" ({self.reverse_duplicates:,} the same pair in the other direction)"
        lines = [f"{self.dataset}: {self.file}", f"  rows read              {self.rows_read:,}",
                 f"  {kept}", f"  {dup}", f"  self-loops dropped     {self.self_loops_dropped:,}"]
        reasons = ", ".join(f"{r} {n:,}" for r, n in self.skipped_reasons.most_common())
        lines.append(f"  rows skipped           {self.rows_skipped:,}" + (f" ({reasons})" if reasons else ""))
        lines += [f"    {e}" for e in self.skipped_examples]
        sections = (
            ("same name after normalisation (one node)", self.same_name_merges, self.same_name_examples),
            (f"one id, places more than {FAR_KM:.0f} km apart (homonyms or bad geocodes)",
             self.far_apart, self.far_apart_examples),
            ("possible duplicates, NOT merged", self.near_duplicates, self.near_duplicate_examples),
            ("seat names simplified or split", self.names_simplified, self.simplified_examples),
        )
        for title, count, examples in sections:
            if count:
                lines.append(f"  {title}: {count:,}")
                lines += [f"    {e}" for e in examples]
        if self.non_city_members:
            kinds = ", ".join(f"{k} {n:,}" for k, n in self.non_city_members.most_common())
            lines.append(f"  members that are not cities, attached to their seat: {kinds}")
            lines += [f"    {e}" for e in self.non_city_examples]
        lines.append("  nodes built            " + _counts(self.nodes))
        lines.append("  relations built        " + _counts(self.relations))
        if self.existing_kept:
            lines.append(f"  already in the store   {self.existing_kept:,} (their values kept, only gaps filled)")
        return "\n".join(lines)


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(counter.items())) or "none"


def _example(examples: list[str], text: str) -> None:
    if len(examples) < EXAMPLES:
        examples.append(text)


# -- small parsers -------------------------------------------------------------------------
def parse_number(text: str | None) -> float | None:
    """A float from ``3.41`` or ``3,41`` (decimal comma); None for empty, ``NA`` or junk."""
    if not text or text == "NA":
        return None
    try:
        return float(text.replace(",", ".", 1) if "." not in text else text)
    except ValueError:
        return None


def _coords(lat: str | None, lon: str | None) -> tuple[float | None, float | None]:
    y, x = parse_number(lat), parse_number(lon)
    if y is None or x is None or not (-90 <= y <= 90 and -180 <= x <= 180):
        return None, None
    return y, x


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Approximate distance in km (equirectangular; good enough to flag homonyms)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _population(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _clean(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces); ``NA`` is empty."""
    return "" if not text or text == "NA" else " ".join(text.split())


def simplify_locality(name: str) -> str:
    """Strip administrative words from a seat locality ("X Municipality", "Comune di X")."""
    short = _LOCALITY_AFFIXES.sub("", name).strip(" -,")
    return short or name


class _Resolver:
    """Country codes and city ids, each computed once per distinct raw text."""

    def __init__(self) -> None:
        self._countries: dict[str, str | None] = {}
        self._ids: dict[tuple[str, str], str] = {}

    def country(self, raw: str) -> str | None:
        try:
            return self._countries[raw]
        except KeyError:
            code = self._countries[raw] = country_code(raw)
            return code

    def city_id(self, name: str, country: str) -> str:
        try:
            return self._ids[(name, country)]
        except KeyError:
            cid = self._ids[(name, country)] = make_id("City", name, country)
            return cid


# -- reading -------------------------------------------------------------------------------
def dataset_path(name: str, settings: Mapping[str, Any]) -> Path:
    """Where data set ``name`` lives: ``DIPLOMAP_DATASETS_DIR`` / its file name."""
    if name not in DATASETS:
        raise EntityNotFound(f"no data set named {name!r}", hint=f"use one of {', '.join(DATASETS)}")
    path = Path(settings["DIPLOMAP_DATASETS_DIR"]) / DATASETS[name]
    if not path.is_file():
        raise ImportFailed(f"data set {name!r} not found: {path}",
                           hint="put the file there, or set DIPLOMAP_DATASETS_DIR to the folder that holds it")
    return path


def _rows(path: Path, delimiter: str, needed: tuple[str, ...], report: DatasetReport | None,
          progress: Callable[[int], None] | None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {lower-case header: value}) for every data row of ``path``."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip().casefold() for h in next(reader, [])]
        missing = [c for c in needed if c not in header]
        if missing:
            raise ImportFailed(f"{path.name}: missing column(s) {', '.join(missing)}",
                               hint=f"the file has {', '.join(header) or 'no header'}")
        pending = 0
        for values in reader:
            if not values:
                continue
            if report is not None:
                report.rows_read += 1
            pending += 1
            if progress is not None and pending == _PROGRESS_EVERY:
                progress(pending)
                pending = 0
            yield reader.line_num, dict(zip(header, values, strict=False))
        if progress is not None and pending:
            progress(pending)


def iter_pairs(name: str, path: str | Path, *, report: DatasetReport | None = None,
               progress: Callable[[int], None] | None = None) -> Iterator[tuple[CityRow, CityRow]]:
    """Sister-city pairs of ``twin-towns`` or ``wikidata``, each unordered pair once.

    Rows whose country cannot be resolved, or whose city has no label, are skipped;
    self-loops and repeated pairs (either direction) are dropped; all are counted in
    ``report``. ``progress(n)`` is called with the number of rows read since its last call.
    """
    if name not in _PAIR_FORMATS:
        raise EntityNotFound(f"{name!r} is not a data set of pairs", hint=f"use one of {', '.join(_PAIR_FORMATS)}")
    path = Path(path)
    report = report if report is not None else DatasetReport(name, path.name)
    delimiter, side1, side2 = _PAIR_FORMATS[name]
    needed = tuple(c for c in side1 + side2 if c)
    resolve = _Resolver()
    seen: dict[tuple[str, str], bool] = {}  # unordered id pair -> first row was (low, high)
    for line, row in _rows(path, delimiter, needed, report, progress):
        a = _city(row, side1, resolve, report, line)
        b = _city(row, side2, resolve, report, line) if a else None
        if a is None or b is None:
            continue
        if a["id"] == b["id"]:
            report.self_loops_dropped += 1
            continue
        forward = a["id"] < b["id"]
        key = (a["id"], b["id"]) if forward else (b["id"], a["id"])
        first = seen.get(key)
        if first is not None:
            report.duplicates_dropped += 1
            report.reverse_duplicates += first != forward
            continue
        seen[key] = forward
        report.pairs_kept += 1
        yield a, b


def _city(row: dict[str, str], cols: tuple[str | None, ...], resolve: _Resolver,
          report: DatasetReport, line: int) -> CityRow | None:
    name_col, country_col, lat_col, lon_col, pop_col = cols
    name, raw_country = _clean(row.get(name_col)), row.get(country_col) or ""
    if not name or _WIKIDATA_ITEM.match(name):
        report.skip(line, f"{name_col} has no name", name)
        return None
    code = resolve.country(raw_country)
    if code is None:
        report.skip(line, f"{country_col} not recognised", raw_country)
        return None
    lat, lon = _coords(row.get(lat_col), row.get(lon_col))
    city: CityRow = {"id": resolve.city_id(name, code), "name": name, "country": code, "lat": lat, "lon": lon}
    population = _population(row.get(pop_col)) if pop_col else None
    if population is not None:
        city["population"] = population
    return city


def iter_memberships(path: str | Path, *, report: DatasetReport | None = None,
                     progress: Callable[[int], None] | None = None
                     ) -> Iterator[tuple[CityRow, NetworkRow, dict[str, str | None]]]:
    """ETMUN memberships: (seat city, network, {since, role, status}), one per seat and row.

    The city is the seat locality (``Locality_Siege``, stripped of words such as
    "Municipality") in ``CountryCode``; regions and intermunicipal bodies attach to
    their seat too (without their population), and are counted in
    ``report.non_city_members``. A joint member listing several seats ("Beveren;
    Lokeren; ...") gives one membership per seat, without coordinates. The same city
    can appear in one network more than once (several bodies, repeated rows):
    :func:`dataset_changeset` merges those.
    """
    path = Path(path)
    report = report if report is not None else DatasetReport("etmun", path.name)
    resolve = _Resolver()
    simplified: dict[str, str] = {}
    networks: dict[str, NetworkRow] = {}
    for line, row in _rows(path, ";", _ETMUN_COLUMNS, report, progress):
        raw_name, acronym = _clean(row["locality_siege"]), _clean(row["network_name"])
        if not raw_name or not acronym:
            report.skip(line, "no seat locality" if not raw_name else "no network", row["full_name"])
            continue
        code = resolve.country(row["countrycode"])
        if code is None:
            report.skip(line, "CountryCode not recognised", row["countrycode"])
            continue
        seats = [s.strip() for s in raw_name.split(";") if s.strip()]
        names = [simplified.get(s) or simplified.setdefault(s, simplify_locality(s)) for s in seats]
        if names != [raw_name]:
            report.names_simplified += 1
            _example(report.simplified_examples, f"{path.name}:{line}: {raw_name!r} -> "
                     + ", ".join(repr(n) for n in names))
        kind = _clean(row["entitysimplified"]) or "unknown"
        if kind not in _CITY_KINDS:
            report.non_city_members[kind] += 1
            _example(report.non_city_examples, f"{path.name}:{line}: {_clean(row['full_name'])} "
                     f"({kind}) -> {', '.join(names)}, {code}")
        lat, lon = _coords(row["y"], row["x"])
        if lat is None:
            lat, lon = _coords(row["lat"], row["lon"])
        population = _population(row["pop_collect"]) if kind in _CITY_KINDS else None
        network = networks.get(acronym) or networks.setdefault(
            acronym, {"id": make_id("Network", acronym), "name": acronym, "acronym": acronym})
        role = _clean(row["statut"]) or None
        year = _YEAR.search(row["year_of_joining"] or "")
        status = "inactive" if role and role.casefold().startswith("former") else "active"
        joint = len(names) > 1
        for name in names:
            city: CityRow = {"id": resolve.city_id(name, code), "name": name, "country": code,
                             "lat": None if joint else lat, "lon": None if joint else lon}
            if population is not None and not joint:
                city["population"] = population
            yield city, network, {"since": year.group(1) if year else None, "role": role,
                                  "status": status}


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
                _example(report.same_name_examples,
                         f"{self.rows[cid]['country']}: " + " = ".join(counts) + f" ({cid})")
        report.far_apart = len(self.far)
        for cid, (a, b, km) in sorted(self.far.items(), key=lambda kv: -kv[1][2])[:EXAMPLES]:
            report.far_apart_examples.append(f"{cid}: {a} / {b}, {km:,.0f} km apart")

    def nodes(self, source: str, confidence: str) -> list[Node]:
        out = []
        for cid, row in self.rows.items():
            props = {"name": self.names[cid], "country": row["country"], "lat": row["lat"],
                     "lon": row["lon"], "population": row.get("population"), "source": source,
                     "confidence": confidence}
            out.append(Node(cid, "City", {k: v for k, v in props.items() if v is not None}))
        return out


def near_duplicates(names: Mapping[str, str], countries: Mapping[str, str],
                    cutoff: int) -> list[tuple[int, str, str, str]]:
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
            rest = keys[i + 1:]
            for _, score, j in process.extract(key, rest, scorer=fuzz.ratio, score_cutoff=cutoff,
                                               limit=None):
                a, b = sorted((block[key], block[rest[j]]))
                found.append((round(score), country, a, b))
    return sorted(found, key=lambda f: (-f[0], f[1], f[2], f[3]))


def source_of(name: str) -> str:
    """The ``source`` written on records of data set ``name``."""
    return f"{DATASETS[name]} ({ORIGINS[name]})"


def dataset_changeset(name: str, path: str | Path, *,
                      progress: Callable[[int], None] | None = None,
                      store: Store | None = None,
                      fuzzy_cutoff: int | None = None) -> tuple[ChangeSet, DatasetReport]:
    """Read data set ``name`` from ``path`` and build the change set that imports it.

    Applying the result twice changes nothing the second time. ``progress(n)`` is
    called as rows are read (n rows at a time; the total is the number of data rows).
    With ``store``, records already there keep their values (see :func:`keep_existing`),
    so a public list never overwrites curated data; without it, the store's merge
    rule applies (given values replace stored ones).
    """
    if name not in DATASETS:
        raise EntityNotFound(f"no data set named {name!r}", hint=f"use one of {', '.join(DATASETS)}")
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
        extra_nodes = [Node(n["id"], "Network", {"name": n["name"], "acronym": n["acronym"],
                                                 "source": source, "confidence": confidence})
                       for n in networks.values()]
        relations = [Relation("MEMBER_OF", c, n, {k: v for k, v in {**m, "source": source}.items()
                                                  if v is not None})
                     for (c, n), m in members.items()]
    else:
        pairs = []
        for a, b in iter_pairs(name, path, report=report, progress=progress):
            book.add(a)
            book.add(b)
            pairs.append((a["id"], b["id"]) if a["id"] < b["id"] else (b["id"], a["id"]))
        book.finish(report)
        for low, high in pairs:
            aid = f"agreement-{low.removeprefix('city-')}-{high.removeprefix('city-')}-sister-city"
            extra_nodes.append(Node(aid, "Agreement", {
                "name": f"{book.names[low]} – {book.names[high]}", "type": "sister_city",
                "source": source, "confidence": confidence}))
            relations += [Relation("PARTY_TO", low, aid, {"source": source}),
                          Relation("PARTY_TO", high, aid, {"source": source})]
    cities = book.nodes(source, confidence)
    country_ids = {c: make_id("Country", c) for c in sorted({n.props["country"] for n in cities})}
    country_nodes = [Node(cid, "Country", {
        **{k: v for k, v in country_props(c).items() if v is not None}, "source": COUNTRY_SOURCE})
        for c, cid in country_ids.items()]
    relations += [Relation("LOCATED_IN", n.id, country_ids[n.props["country"]], {"source": source})
                  for n in cities]
    cutoff = fuzzy_cutoff if fuzzy_cutoff is not None else describe("DIPLOMAP_FUZZY_CUTOFF").default
    near = near_duplicates({n.id: n.props["name"] for n in cities},
                           {n.id: n.props["country"] for n in cities}, cutoff)
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


def _fill(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``new`` that fills gaps of ``old``, and ``new``'s source added to old's."""
    out = {k: v for k, v in new.items() if k not in old and k != "source"}
    src, old_src = new.get("source"), old.get("source")
    if src and old_src and src not in old_src.split(" | "):
        out["source"] = f"{old_src} | {src}"
    elif src and not old_src:
        out["source"] = src
    return out


def keep_existing(changes: ChangeSet, store: Store) -> tuple[ChangeSet, int]:
    """Reduce ``changes`` so records already in ``store`` only get missing properties.

    A stored record keeps every value it has (a curated ``confidence: high``, a
    population from the city's own site); the data set only fills gaps and adds its
    name to ``source`` (``"old | new"``). Country nodes are reference data from
    ``graph/data/countries.csv`` and are written as given. Returns the new change set
    and how many stored records were looked up.

    >>> from graph.stores.embedded import EmbeddedStore
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, EmbeddedStore(d + "/g.sqlite") as s:
    ...     _ = s.apply(ChangeSet([Node("city-tr-antalya", "City", {"name": "Antalya",
    ...                                  "population": 2696249, "confidence": "high", "source": "UP"})]))
    ...     new = ChangeSet([Node("city-tr-antalya", "City", {"name": "Antalya", "lat": 36.9,
    ...                           "population": 1068099, "confidence": "low", "source": "wikidata"})])
    ...     kept, n = keep_existing(new, s)
    ...     kept.nodes[0].props, n
    ({'lat': 36.9, 'source': 'UP | wikidata'}, 1)
    """
    old_nodes = store.get_many(n.id for n in changes.nodes)
    old_rels = store.get_relations(r.key for r in changes.relations)
    nodes = [Node(n.id, n.label, _fill(old_nodes[n.id].props, n.props))
             if n.id in old_nodes and n.label not in _REFERENCE_LABELS else n for n in changes.nodes]
    relations = [Relation(r.type, r.start, r.end, _fill(old_rels[r.key].props, r.props))
                 if r.key in old_rels else r for r in changes.relations]
    kept = ChangeSet(nodes, relations, list(changes.delete_nodes), list(changes.delete_relations),
                     changes.replace)
    return kept, len(old_nodes) + len(old_rels)


def _merge_membership(kept: dict[str, str | None], more: dict[str, str | None]) -> None:
    """Two rows for one city in one network: the earliest year, the first role, active wins."""
    if more["since"] and (kept["since"] is None or more["since"] < kept["since"]):
        kept["since"] = more["since"]
    kept["role"] = kept["role"] or more["role"]
    if more["status"] == "active":
        kept["status"] = "active"
