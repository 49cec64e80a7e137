"""Readers of the public data sets' files: rows in, plain city, network and pair rows out.

:func:`iter_pairs` reads the sister-city pairs of ``twin-towns`` and ``wikidata``,
:func:`iter_memberships` the ETMUN memberships, each row by row with the file's
line numbers, counting what they skip in a :class:`~importers.dataset_report.DatasetReport`.
:mod:`importers.datasets` turns these rows into a change set.

>>> simplify_locality("Antalya Metropolitan Municipality"), simplify_locality("Comune di Ledro")
('Antalya', 'Ledro')
>>> parse_number("3,412055"), parse_number("NA"), parse_number("43.39")
(3.412055, None, 43.39)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NotRequired, TypedDict

from graph.errors import EntityNotFound, ImportFailed
from graph.ids import make_id
from graph.reference.countries import country_code
from importers.dataset_report import DatasetReport, add_example

_PROGRESS_EVERY = 1000

# (delimiter, side 1 columns, side 2 columns); a side is (name, country, lat, lon, population).
_PAIR_FORMATS: dict[str, tuple[str, tuple[str | None, ...], tuple[str | None, ...]]] = {
    "twin-towns": (
        ",",
        ("city1", "country1", "lat1", "lng1", None),
        ("city2", "country2", "lat2", "lng2", None),
    ),
    "wikidata": (
        "\t",
        ("origincitylabel", "origincountry", "originlat", "originlong", "originpopulation"),
        (
            "sistercitylabel",
            "destination_countrylabel",
            "destinationlat",
            "destinationlong",
            "destinationpopulation",
        ),
    ),
}
_ETMUN_COLUMNS = (
    "full_name",
    "locality_siege",
    "countrycode",
    "y",
    "x",
    "pop_collect",
    "statut",
    "year_of_joining",
    "network_name",
    "entitysimplified",
    "lon",
    "lat",
)
_CITY_KINDS = {"City", "Municipality"}
_WIKIDATA_ITEM = re.compile(r"^[Qt]\d+$")  # an item or value without a label
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_LOCALITY_AFFIXES = re.compile(
    r"^(?:comune di|municipality of|ayuntamiento(?: de)?|concello de|ajuntament(?: de| d')?|"
    r"munic[ií]pio(?: de)?|op[cć]ina|gmina|dimos|commune de|ville de)\s+"
    r"|\s+(?:metropolitan municipality|metropolitan|municipality|(?:city|town|borough|county) council|"
    r"council|b[uü]y[uü]k[sş]ehir belediyesi|belediyesi|kommune|kommun|gmina)$",
    re.IGNORECASE,
)


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
def _rows(
    path: Path,
    delimiter: str,
    needed: tuple[str, ...],
    report: DatasetReport | None,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {lower-case header: value}) for every data row of ``path``."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip().casefold() for h in next(reader, [])]
        missing = [c for c in needed if c not in header]
        if missing:
            raise ImportFailed(
                f"{path.name}: missing column(s) {', '.join(missing)}",
                hint=f"the file has {', '.join(header) or 'no header'}",
            )
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


def iter_pairs(
    name: str,
    path: str | Path,
    *,
    report: DatasetReport | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[CityRow, CityRow]]:
    """Sister-city pairs of ``twin-towns`` or ``wikidata``, each unordered pair once.

    Rows whose country cannot be resolved, or whose city has no label, are skipped;
    self-loops and repeated pairs (either direction) are dropped; all are counted in
    ``report``. ``progress(n)`` is called with the number of rows read since its last call.
    """
    if name not in _PAIR_FORMATS:
        raise EntityNotFound(
            f"{name!r} is not a data set of pairs", hint=f"use one of {', '.join(_PAIR_FORMATS)}"
        )
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


def _city(
    row: dict[str, str],
    cols: tuple[str | None, ...],
    resolve: _Resolver,
    report: DatasetReport,
    line: int,
) -> CityRow | None:
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
    city: CityRow = {
        "id": resolve.city_id(name, code),
        "name": name,
        "country": code,
        "lat": lat,
        "lon": lon,
    }
    population = _population(row.get(pop_col)) if pop_col else None
    if population is not None:
        city["population"] = population
    return city


def iter_memberships(
    path: str | Path,
    *,
    report: DatasetReport | None = None,
    progress: Callable[[int], None] | None = None,
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
            report.skip(
                line, "no seat locality" if not raw_name else "no network", row["full_name"]
            )
            continue
        code = resolve.country(row["countrycode"])
        if code is None:
            report.skip(line, "CountryCode not recognised", row["countrycode"])
            continue
        seats = [s.strip() for s in raw_name.split(";") if s.strip()]
        names = [simplified.get(s) or simplified.setdefault(s, simplify_locality(s)) for s in seats]
        if names != [raw_name]:
            report.names_simplified += 1
            add_example(
                report.simplified_examples,
                f"{path.name}:{line}: {raw_name!r} -> " + ", ".join(repr(n) for n in names),
            )
        kind = _clean(row["entitysimplified"]) or "unknown"
        if kind not in _CITY_KINDS:
            report.non_city_members[kind] += 1
            add_example(
                report.non_city_examples,
                f"{path.name}:{line}: {_clean(row['full_name'])} "
                f"({kind}) -> {', '.join(names)}, {code}",
            )
        lat, lon = _coords(row["y"], row["x"])
        if lat is None:
            lat, lon = _coords(row["lat"], row["lon"])
        population = _population(row["pop_collect"]) if kind in _CITY_KINDS else None
        network = networks.get(acronym) or networks.setdefault(
            acronym, {"id": make_id("Network", acronym), "name": acronym, "acronym": acronym}
        )
        role = _clean(row["statut"]) or None
        year = _YEAR.search(row["year_of_joining"] or "")
        status = "inactive" if role and role.casefold().startswith("former") else "active"
        joint = len(names) > 1
        for name in names:
            city: CityRow = {
                "id": resolve.city_id(name, code),
                "name": name,
                "country": code,
                "lat": None if joint else lat,
                "lon": None if joint else lon,
            }
            if population is not None and not joint:
                city["population"] = population
            yield (
                city,
                network,
                {"since": year.group(1) if year else None, "role": role, "status": status},
            )
