"""Map rows to pending records: check every cell, keep references unresolved.

Each sheet of DESIGN.md has a :class:`SheetSpec`: its columns, which are
required, and each column's type. :func:`map_table` checks a table against its
spec and turns each good row into :class:`PendingNode` and :class:`PendingRel`
records whose references (a member, a network, a party...) are still text;
:mod:`importers.resolve` links them. Every problem becomes a :class:`Problem`
that names file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from graph.ids import fold, id_problem, make_id, slugify
from graph.model import ACTORS, allowed_values
from graph.reference.countries import country_code
from importers.limits import Limits, cell_problem
from importers.readers import Location, Row, Table
from importers.vocabulary import field_for, value_for


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class Ref:
    """A reference to an entity, as written in a cell."""

    text: str
    labels: tuple[str, ...]
    loc: Location
    country: str | None = None


@dataclass
class PendingNode:
    label: str
    id: str | None
    props: dict[str, Any]
    loc: Location
    explicit_id: bool = False
    aliases: list[str] = field(default_factory=list)
    parties: list[Ref] = field(default_factory=list)  # agreements: their id depends on these


@dataclass
class PendingRel:
    type: str
    start: Ref | PendingNode
    end: Ref | PendingNode
    props: dict[str, Any]
    loc: Location


# -- column types ---------------------------------------------------------------------------
class CellError(ValueError):
    pass


_DATE_FORMATS = (
    ("%Y-%m-%d", "day"),
    ("%d.%m.%Y", "day"),
    ("%d/%m/%Y", "day"),
    ("%Y-%m", "month"),
    ("%m.%Y", "month"),
    ("%Y", "year"),
)


def parse_date(text: str) -> str:
    """ISO date, month (YYYY-MM) or year; Turkish DD.MM.YYYY is accepted too.

    >>> parse_date("11.03.2024"), parse_date("2024-06"), parse_date("1997")
    ('2024-03-11', '2024-06', '1997')
    """
    text = text.strip()
    for fmt, precision in _DATE_FORMATS:
        try:
            d = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if not 1800 <= d.year <= 2100:
            break
        return {
            "day": d.strftime("%Y-%m-%d"),
            "month": d.strftime("%Y-%m"),
            "year": d.strftime("%Y"),
        }[precision]
    raise CellError(f"{text!r} is not a date: write YYYY-MM-DD (or DD.MM.YYYY), YYYY-MM or YYYY")


def _number(kind: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        clean = text.replace(" ", "").replace("\u00a0", "")
        if kind is int:
            clean = (
                clean.replace(".", "").replace(",", "")
                if re.fullmatch(r"\d{1,3}([.,]\d{3})+", clean)
                else clean
            )
        else:
            clean = clean.replace(",", ".") if clean.count(",") == 1 and "." not in clean else clean
        try:
            return kind(clean)
        except ValueError:
            raise CellError(
                f"{text!r} is not a {'whole number' if kind is int else 'number'}"
            ) from None

    return parse


def _bounded(lo: float, hi: float, what: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = _number(float)(text)
        if not lo <= value <= hi:
            raise CellError(f"{what} {value} is out of range ({lo} to {hi})")
        return value

    return parse


def parse_bool(text: str) -> bool:
    from graph.ids import fold

    key = fold(text)
    if key in ("true", "yes", "evet", "1", "x", "dogru", "y", "e"):
        return True
    if key in ("false", "no", "hayir", "0", "yanlis", "n", "h"):
        return False
    raise CellError(f"{text!r} is not yes/no: write true or false (evet / hayır)")


def parse_country(text: str) -> str:
    code = country_code(text)
    if code is None:
        raise CellError(
            f"unknown country {text!r}: write an ISO code (DE) or a name in English or Turkish"
        )
    return code


def split_list(text: str) -> list[str]:
    parts = re.split(r"[;|]", text)
    return [p.strip() for p in parts if p.strip()]


def parse_url(text: str) -> str:
    if not re.match(r"^https?://[^\s]+$", text):
        raise CellError(f"{text!r} is not a web address: start it with https://")
    return text


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    parse: Callable[[str], Any] | None = None
    enum_of: tuple[str, str] | None = None  # (owner, property) in graph.model.ENUMS
    help: str = ""


def _c(name: str, required: bool = False, parse=None, enum_of=None, help: str = "") -> Column:
    return Column(name, required, parse, enum_of, help)


COMMON = (
    _c("source", help="URL or document"),
    _c("confidence", enum_of=("*", "confidence")),
    _c("notes"),
)
THEMES_COL = _c("themes", help="theme ids or names, ; separated")


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    title_tr: str
    title_en: str

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


SHEETS: dict[str, SheetSpec] = {
    s.name: s
    for s in (
        SheetSpec(
            "themes",
            (
                _c("id", True),
                _c("name_en", True),
                _c("name_tr"),
                _c("parent"),
                _c("sdg", help="SDG numbers 1-17, ; separated"),
            )
            + COMMON,
            "Temalar",
            "Themes",
        ),
        SheetSpec(
            "cities",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("country", True, parse_country),
                _c("lat", parse=_bounded(-90, 90, "latitude")),
                _c("lon", parse=_bounded(-180, 180, "longitude")),
                _c("population", parse=_number(int)),
                _c("aliases"),
                THEMES_COL,
                _c("priority_themes"),
                _c("is_home", parse=parse_bool),
                _c("official_networks", parse=_number(int)),
                _c("official_sister_cities", parse=_number(int)),
                _c("official_protocols", parse=_number(int)),
            )
            + COMMON,
            "Şehirler",
            "Cities",
        ),
        SheetSpec(
            "networks",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("acronym"),
                _c("scope"),
                _c("website", parse=parse_url),
                _c("aliases"),
                THEMES_COL,
            )
            + COMMON,
            "Ağlar",
            "Networks",
        ),
        SheetSpec(
            "organizations",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("kind", True, enum_of=("Organization", "kind")),
                _c("city"),
                _c("part_of"),
                _c("website", parse=parse_url),
                _c("aliases"),
                THEMES_COL,
            )
            + COMMON,
            "Kurumlar",
            "Organizations",
        ),
        SheetSpec(
            "projects",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("programme"),
                _c("status", enum_of=("Project", "status")),
                _c("start_date", parse=parse_date),
                _c("end_date", parse=parse_date),
                _c("budget_eur", parse=_number(float)),
                THEMES_COL,
            )
            + COMMON,
            "Projeler",
            "Projects",
        ),
        SheetSpec(
            "memberships",
            (
                _c("member", True),
                _c("network", True),
                _c("since", parse=parse_date),
                _c("role"),
                _c("status", enum_of=("MEMBER_OF", "status")),
            )
            + COMMON,
            "Üyelikler",
            "Memberships",
        ),
        SheetSpec(
            "agreements",
            (
                _c("id"),
                _c("type", True, enum_of=("Agreement", "type")),
                _c("parties", True, help="two or more, ; separated"),
                _c("name"),
                _c("signed_on", parse=parse_date),
                _c("status", enum_of=("Agreement", "status")),
                THEMES_COL,
                _c("council_decision"),
            )
            + COMMON,
            "Anlaşmalar",
            "Agreements",
        ),
        SheetSpec(
            "project_partners",
            (_c("project", True), _c("partner", True), _c("role", enum_of=("PARTNER_IN", "role")))
            + COMMON,
            "Proje ortakları",
            "Project partners",
        ),
        SheetSpec(
            "stakeholders",
            (_c("organization", True), _c("city", True), _c("role"), THEMES_COL) + COMMON,
            "Paydaşlar",
            "Stakeholders",
        ),
        SheetSpec(
            "events",
            (
                _c("id"),
                _c("date", True, parse_date),
                _c("title", True),
                _c("title_tr"),
                _c("type", enum_of=("Event", "type")),
                _c("participants"),
                THEMES_COL,
            )
            + COMMON,
            "Etkinlikler",
            "Events",
        ),
    )
}

#: Order in which sheets are mapped (entities first, then ties).
ORDER = tuple(SHEETS)


def sheet_for(kind: str) -> SheetSpec | None:
    aliases = {
        "organisations": "organizations",
        "partners": "project_partners",
        "sehirler": "cities",
        "aglar": "networks",
        "kurumlar": "organizations",
        "projeler": "projects",
        "uyelikler": "memberships",
        "anlasmalar": "agreements",
        "paydaslar": "stakeholders",
        "etkinlikler": "events",
        "temalar": "themes",
        "proje_ortaklari": "project_partners",
    }
    return SHEETS.get(aliases.get(kind, kind))


# -- mapping ---------------------------------------------------------------------------------
@dataclass
class Mapped:
    nodes: list[PendingNode] = field(default_factory=list)
    rels: list[PendingRel] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    #: Ids and names of rows that could not be mapped (their problems are reported); a
    #: reference to one of them is not reported again as unknown.
    broken: set[str] = field(default_factory=set)


def _suggest(text: str, choices: list[str]) -> str:
    best = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean {best[0]!r}?)" if best else ""


def translate_headers(table: Table, spec: SheetSpec) -> None:
    """Rename headers written in Turkish (or with a common synonym) to the sheet's fields:
    ``Şehir``, ``Ülke``, ``İmza Tarihi``, ``Durum``, ``Taraflar``... (see
    :mod:`importers.vocabulary`). A field already named by its own header is left alone."""
    known = [c.name for c in spec.columns]
    for key in [k for k in table.headers if k not in known]:
        target = field_for(table.raw_headers.get(key, key), known)
        if target is None or target in table.headers:
            continue
        table.headers[target] = table.headers.pop(key)
        table.raw_headers[target] = table.raw_headers.pop(key)
        for row in table.rows:
            for mapping in (row.values, row.columns, row.lines):
                if key in mapping:
                    mapping[target] = mapping.pop(key)


def check_headers(table: Table, spec: SheetSpec) -> list[Problem]:
    problems = []
    known = [c.name for c in spec.columns]
    for key, col in table.headers.items():
        if key not in known:
            problems.append(
                Problem(
                    Location(table.source, table.header_line, col),
                    f"unknown column {table.raw_headers[key]!r} in {spec.name}{_suggest(key, known)}; "
                    f"known columns: {', '.join(known)}",
                )
            )
    for name in spec.required:
        if name not in table.headers:
            hint = ""
            if len(table.headers) == 1:
                hint = " - the header reads as one column: is the delimiter , ; or tab?"
            problems.append(
                Problem(
                    Location(table.source, table.header_line),
                    f"missing required column {name!r} in {spec.name}{hint}",
                )
            )
    return problems


def _cells(
    row: Row, spec: SheetSpec, problems: list[Problem], limits: Limits
) -> dict[str, Any] | None:
    """Parse every cell of ``row``; None when a required value is missing or a cell is bad."""
    out: dict[str, Any] = {}
    ok = True
    for col in spec.columns:
        text = row.get(col.name)
        refused = cell_problem(text, limits) if text is not None else None
        if refused:
            problems.append(Problem(row.loc(col.name), refused))
            ok = False
            continue
        if text is None:
            if col.required:
                problems.append(
                    Problem(
                        row.loc(col.name)
                        if col.name in row.columns
                        else Location(row.table.source, row.line),
                        f"{col.name} is required in {spec.name}",
                    )
                )
                ok = False
            continue
        try:
            if col.enum_of:
                vocab = allowed_values(*col.enum_of) or ()
                value = slugify(text).replace("-", "_")
                if value not in vocab:
                    value = value_for(text) or value
                if value not in vocab:
                    raise CellError(
                        f"{col.name} {text!r} is not one of {', '.join(vocab)}"
                        f"{_suggest(value, list(vocab))}"
                    )
                out[col.name] = value
            elif col.parse:
                out[col.name] = col.parse(text)
            elif col.name == "id" and id_problem(text):
                raise CellError(
                    f"id {text!r}: {id_problem(text)}; any other id works (e.g. IZM-01, 42)"
                )
            else:
                out[col.name] = text
        except CellError as exc:
            problems.append(Problem(row.loc(col.name), str(exc)))
            ok = False
    return out if ok else None


def _prov(cells: dict[str, Any]) -> dict[str, Any]:
    return {k: cells.get(k) for k in ("source", "confidence", "notes")}


def _theme_rels(
    owner: PendingNode | Ref,
    cells: dict[str, Any],
    column: str,
    kind: str,
    row: Row,
    out: Mapped,
    skip: frozenset[str] = frozenset(),
) -> None:
    """One HAS_THEME of ``kind`` per theme listed in ``column`` (except those in ``skip``)."""
    for text in split_list(cells.get(column) or ""):
        if fold(text) in skip:
            continue
        out.rels.append(
            PendingRel(
                "HAS_THEME",
                owner,
                Ref(text, ("Theme",), row.loc(column)),
                {"kind": kind, "source": cells.get("source")},
                row.loc(column),
            )
        )


def _node(
    label: str,
    cells: dict[str, Any],
    row: Row,
    props: dict[str, Any],
    id_from: tuple[str, ...],
    country: str | None = None,
) -> PendingNode:
    explicit = cells.get("id")
    node_id = explicit or make_id(
        label, " ".join(str(cells[k]) for k in id_from if cells.get(k)), country
    )
    return PendingNode(
        label,
        node_id,
        {**props, **_prov(cells)},
        row.loc("id" if explicit else "name"),
        explicit_id=bool(explicit),
        aliases=split_list(cells.get("aliases") or ""),
    )


def _map_themes(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the themes sheet: a theme and its parent."""
    loc = Location(row.table.source, row.line)
    node = PendingNode(
        "Theme",
        f"theme-{slugify(cells['id'])}",
        {
            "name": cells["name_en"],
            "name_en": cells["name_en"],
            "name_tr": cells.get("name_tr"),
            "catalogue_id": slugify(cells["id"]),
            "sdg": [int(s) for s in split_list(cells.get("sdg") or "") if s.isdigit()] or None,
            **_prov(cells),
        },
        row.loc("id"),
        explicit_id=True,
    )
    out.nodes.append(node)
    if cells.get("parent"):
        out.rels.append(
            PendingRel(
                "PART_OF",
                node,
                Ref(cells["parent"], ("Theme",), row.loc("parent")),
                {"source": cells.get("source")},
                loc,
            )
        )


def _map_cities(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the cities sheet: a city, its country and themes."""
    loc = Location(row.table.source, row.line)
    props = {
        k: cells.get(k)
        for k in (
            "name",
            "name_tr",
            "country",
            "lat",
            "lon",
            "population",
            "is_home",
            "official_networks",
            "official_sister_cities",
            "official_protocols",
        )
    }
    props["aliases"] = split_list(cells.get("aliases") or "") or None
    node = _node("City", cells, row, props, ("name",), cells["country"])
    out.nodes.append(node)
    out.rels.append(
        PendingRel(
            "LOCATED_IN",
            node,
            Ref(
                f"country-{cells['country'].lower()}",  # ISO code, ASCII
                ("Country",),
                row.loc("country"),
            ),
            {},
            loc,
        )
    )
    # A theme listed both as a theme and a priority theme is one priority tie, not a focus tie
    # that hides the priority (one HAS_THEME per city and theme).
    priority = frozenset(fold(t) for t in split_list(cells.get("priority_themes") or ""))
    _theme_rels(node, cells, "themes", "focus", row, out, skip=priority)
    _theme_rels(node, cells, "priority_themes", "priority", row, out)


def _map_entities(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the networks, organizations or projects sheet."""
    name = spec.name
    loc = Location(row.table.source, row.line)
    label = {"networks": "Network", "organizations": "Organization", "projects": "Project"}[name]
    skip = {"id", "themes", "city", "part_of", "aliases", "source", "confidence", "notes"}
    props = {k: v for k, v in cells.items() if k not in skip}
    props["aliases"] = split_list(cells.get("aliases") or "") or None
    id_from = ("acronym",) if name == "networks" and cells.get("acronym") else ("name",)
    node = _node(label, cells, row, props, id_from)
    out.nodes.append(node)
    kind = "expertise" if name == "organizations" else "focus"
    _theme_rels(node, cells, "themes", kind, row, out)
    if cells.get("city"):
        out.rels.append(
            PendingRel("LOCATED_IN", node, Ref(cells["city"], ("City",), row.loc("city")), {}, loc)
        )
    if cells.get("part_of"):
        out.rels.append(
            PendingRel(
                "PART_OF",
                node,
                Ref(cells["part_of"], ("Organization", "City"), row.loc("part_of")),
                {},
                loc,
            )
        )


def _map_memberships(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the memberships sheet: MEMBER_OF."""
    loc = Location(row.table.source, row.line)
    out.rels.append(
        PendingRel(
            "MEMBER_OF",
            Ref(cells["member"], ACTORS, row.loc("member")),
            Ref(cells["network"], ("Network",), row.loc("network")),
            {
                "since": cells.get("since"),
                "role": cells.get("role"),
                "status": cells.get("status") or "active",
                **_prov(cells),
            },
            loc,
        )
    )


def _map_agreements(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the agreements sheet: the agreement and its parties."""
    loc = Location(row.table.source, row.line)
    parties = [Ref(p, ACTORS, row.loc("parties")) for p in split_list(cells["parties"])]
    if len(parties) < 2:
        out.problems.append(
            Problem(row.loc("parties"), "an agreement needs two or more parties, separated by ;")
        )
        return
    props = {k: cells.get(k) for k in ("type", "name", "signed_on", "status", "council_decision")}
    node = PendingNode(
        "Agreement",
        cells.get("id"),
        {**props, **_prov(cells)},
        row.loc("id" if cells.get("id") else "parties"),
        explicit_id=bool(cells.get("id")),
        parties=parties,
    )
    out.nodes.append(node)
    for ref in parties:
        out.rels.append(PendingRel("PARTY_TO", ref, node, {}, loc))
    _theme_rels(node, cells, "themes", "focus", row, out)


def _map_project_partners(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the project partners sheet: PARTNER_IN."""
    loc = Location(row.table.source, row.line)
    out.rels.append(
        PendingRel(
            "PARTNER_IN",
            Ref(cells["partner"], ACTORS, row.loc("partner")),
            Ref(cells["project"], ("Project",), row.loc("project")),
            {"role": cells.get("role"), **_prov(cells)},
            loc,
        )
    )


def _map_stakeholders(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the stakeholders sheet: STAKEHOLDER_OF."""
    loc = Location(row.table.source, row.line)
    org = Ref(cells["organization"], ("Organization",), row.loc("organization"))
    out.rels.append(
        PendingRel(
            "STAKEHOLDER_OF",
            org,
            Ref(cells["city"], ("City",), row.loc("city")),
            {"role": cells.get("role"), **_prov(cells)},
            loc,
        )
    )
    _theme_rels(org, cells, "themes", "expertise", row, out)


def _map_events(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """A row of the events sheet: the event and its participants."""
    loc = Location(row.table.source, row.line)
    explicit = cells.get("id")
    node = PendingNode(
        "Event",
        explicit or make_id("Event", f"{cells['date']} {cells['title']}"),
        {
            "name": cells["title"],
            "name_tr": cells.get("title_tr"),
            "date": cells["date"],
            "type": cells.get("type"),
            **_prov(cells),
        },
        row.loc("id" if explicit else "title"),
        explicit_id=bool(explicit),
    )
    out.nodes.append(node)
    for p in split_list(cells.get("participants") or ""):
        out.rels.append(
            PendingRel("PARTICIPATED_IN", Ref(p, ACTORS, row.loc("participants")), node, {}, loc)
        )
    _theme_rels(node, cells, "themes", "focus", row, out)


ROW_MAPPERS: dict[str, Callable[[SheetSpec, dict[str, Any], Row, Mapped], None]] = {
    "themes": _map_themes,
    "cities": _map_cities,
    "networks": _map_entities,
    "organizations": _map_entities,
    "projects": _map_entities,
    "memberships": _map_memberships,
    "agreements": _map_agreements,
    "project_partners": _map_project_partners,
    "stakeholders": _map_stakeholders,
    "events": _map_events,
}


def _map_row(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    """Map one checked row by the function of its sheet (:data:`ROW_MAPPERS`)."""
    ROW_MAPPERS[spec.name](spec, cells, row, out)


def map_table(table: Table) -> Mapped:
    """Check ``table`` against its sheet spec and map its rows."""
    out = Mapped()
    spec = sheet_for(table.kind)
    if spec is None:
        out.problems.append(
            Problem(
                Location(table.source),
                f"unknown sheet {table.kind!r}{_suggest(table.kind, list(SHEETS))}; "
                f"name files or sheets {', '.join(SHEETS)}",
            )
        )
        return out
    translate_headers(table, spec)
    out.problems.extend(check_headers(table, spec))
    if any(p.severity == "error" for p in out.problems):
        return out
    limits = Limits.from_settings()
    for row in table.rows:
        out.rows += 1
        cells = _cells(row, spec, out.problems, limits)
        if cells is not None:
            _map_row(spec, cells, row, out)
        else:
            out.broken.update(
                text for key in ("id", "name", "name_tr", "acronym") if (text := row.get(key))
            )
    return out
