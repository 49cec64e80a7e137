"""The sheets of the action plan (issue 13): plans, stages, committees and their members,
activities and their contributors, indicators and measurements.

They are checked and mapped like every other sheet of :mod:`importers.mapping`: this
module registers them there when first imported, and :mod:`importers.mapping` imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.ids import make_id, slugify
from graph.model import ACTORS, Node, Relation
from graph.plan.indicators import NAMED_QUERIES
from importers import mapping
from importers.mapping import (
    COMMON,
    THEMES_COL,
    CellError,
    Mapped,
    PendingNode,
    PendingRel,
    Problem,
    Ref,
    SheetSpec,
    _c,
    _number,
    _prov,
    _theme_rels,
    parse_date,
    split_list,
)
from importers.readers import Location, Row

_PROV = ("source", "confidence", "notes")


def parse_targets(text: str) -> list[tuple[int, float]]:
    """Targets per year written ``2025: 3; 2026: 5`` (``=`` works too).

    >>> parse_targets("2025: 3; 2026=5,5")
    [(2025, 3.0), (2026, 5.5)]
    """
    out = []
    for part in split_list(text):
        year, sep, value = part.replace("=", ":").partition(":")
        if not sep or not year.strip().isdigit():
            raise CellError(f"{part!r} is not a target: write YEAR: VALUE, e.g. 2025: 3; 2026: 5")
        out.append((int(year.strip()), _number(float)(value.strip())))
    return sorted(out)


def parse_query(text: str) -> str:
    """A named query of :mod:`graph.plan.indicators`."""
    name = slugify(text).replace("-", "_")
    if name not in NAMED_QUERIES:
        raise CellError(f"query {text!r} is not one of {', '.join(NAMED_QUERIES)}")
    return name


PLAN_SHEETS: dict[str, SheetSpec] = {
    s.name: s
    for s in (
        SheetSpec(
            "plans",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("period_start", parse=_number(int)),
                _c("period_end", parse=_number(int)),
                _c("status", enum_of=("Plan", "status")),
                _c("council_decision"),
                _c("council_decision_date", parse=parse_date),
                _c("council_decision_item", parse=_number(int)),
                _c("summary"),
                _c("summary_tr"),
                THEMES_COL,
            )
            + COMMON,
            "Planlar",
            "Plans",
        ),
        SheetSpec(
            "plan_stages",
            (
                _c("id"),
                _c("plan", True),
                _c("order", True, _number(int)),
                _c("name", True),
                _c("name_tr"),
                _c("status", enum_of=("Stage", "status")),
                _c("start_date", parse=parse_date),
                _c("end_date", parse=parse_date),
                _c("summary"),
                _c("summary_tr"),
                _c("content_tr", help="detailed content and goals"),
                _c("results_tr", help="expected results"),
                _c("roles_tr", help="the stakeholders' roles"),
            )
            + COMMON,
            "Plan aşamaları",
            "Plan stages",
        ),
        SheetSpec(
            "plan_committees",
            (
                _c("id"),
                _c("plan", True),
                _c("name", True),
                _c("name_tr"),
                _c("kind", True, enum_of=("Committee", "kind")),
            )
            + COMMON,
            "Plan komiteleri",
            "Plan committees",
        ),
        SheetSpec(
            "committee_members",
            (_c("committee", True), _c("member", True), _c("role")) + COMMON,
            "Komite üyeleri",
            "Committee members",
        ),
        SheetSpec(
            "plan_activities",
            (
                _c("id"),
                _c("plan", True),
                _c("name", True),
                _c("name_tr"),
                _c("description"),
                THEMES_COL,
                _c("lead", help="the lead unit (organization), ; separated"),
                _c("contributors", help="cities, organizations or networks, ; separated"),
                _c("links", help="projects, agreements or events, ; separated"),
                _c("funding_source"),
                _c("budget_eur", parse=_number(float)),
                _c("planned_start", parse=parse_date),
                _c("planned_end", parse=parse_date),
                _c("actual_start", parse=parse_date),
                _c("actual_end", parse=parse_date),
                _c("status", enum_of=("Activity", "status")),
                _c("plan_year", parse=_number(int)),
            )
            + COMMON,
            "Plan faaliyetleri",
            "Plan activities",
        ),
        SheetSpec(
            "activity_contributors",
            (_c("activity", True), _c("contributor", True), _c("role")) + COMMON,
            "Faaliyete katkı verenler",
            "Activity contributors",
        ),
        SheetSpec(
            "plan_indicators",
            (
                _c("id"),
                _c("name", True),
                _c("name_tr"),
                _c("of", True, help="the plan, activities or themes it measures, ; separated"),
                _c("unit"),
                _c("baseline", parse=_number(float)),
                _c("baseline_year", parse=_number(int)),
                _c("targets", parse=parse_targets, help="YEAR: VALUE; ..."),
                _c("query", parse=parse_query, help=", ".join(NAMED_QUERIES)),
                _c("direction", enum_of=("Indicator", "direction")),
            )
            + COMMON,
            "Plan göstergeleri",
            "Plan indicators",
        ),
        SheetSpec(
            "indicator_measurements",
            (
                _c("id"),
                _c("indicator", True),
                _c("date", True, parse_date),
                _c("value", True, _number(float)),
            )
            + COMMON,
            "Gösterge ölçümleri",
            "Indicator measurements",
        ),
    )
}

#: Turkish (folded) names of the plan sheets.
PLAN_ALIASES = {
    "planlar": "plans",
    "plan_asamalari": "plan_stages",
    "plan_komiteleri": "plan_committees",
    "komite_uyeleri": "committee_members",
    "plan_faaliyetleri": "plan_activities",
    "faaliyete_katki_verenler": "activity_contributors",
    "plan_gostergeleri": "plan_indicators",
    "gosterge_olcumleri": "indicator_measurements",
}


def _loc(row: Row) -> Location:
    return Location(row.table.source, row.line)


def _own(
    label: str, cells: dict[str, Any], row: Row, props: dict[str, Any], seed: str
) -> PendingNode:
    explicit = cells.get("id")
    return PendingNode(
        label,
        explicit or make_id(label, seed),
        {**{k: v for k, v in props.items()}, **_prov(cells)},
        row.loc("id" if explicit else "name"),
        explicit_id=bool(explicit),
    )


def _refs(
    node: PendingNode,
    rel: str,
    cells: dict[str, Any],
    column: str,
    labels: tuple,
    row: Row,
    out: Mapped,
    outward: bool = True,
) -> None:
    for text in split_list(cells.get(column) or ""):
        other = Ref(text, labels, row.loc(column))
        start, end = (node, other) if outward else (other, node)
        out.rels.append(PendingRel(rel, start, end, {"source": cells.get("source")}, _loc(row)))


def _map_plans(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    keys = ("name", "name_tr", "period_start", "period_end", "status", "council_decision")
    keys += ("council_decision_date", "council_decision_item", "summary", "summary_tr")
    node = _own("Plan", cells, row, {k: cells.get(k) for k in keys}, cells["name"])
    out.nodes.append(node)
    _theme_rels(node, cells, "themes", "priority", row, out)


def _map_stages(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    skip = {"id", "plan", "source", "confidence", "notes"}
    props = {k: v for k, v in cells.items() if k not in skip}
    node = _own("Stage", cells, row, props, f"{cells['plan']} {cells['order']}")
    out.nodes.append(node)
    _refs(node, "STAGE_OF", cells, "plan", ("Plan",), row, out)


def _map_committees(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    props = {k: cells.get(k) for k in ("name", "name_tr", "kind")}
    node = _own("Committee", cells, row, props, f"{cells['plan']} {cells['name']}")
    out.nodes.append(node)
    _refs(node, "COMMITTEE_OF", cells, "plan", ("Plan",), row, out)


def _tie(rel: str, start: Ref, end: Ref, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    out.rels.append(
        PendingRel(rel, start, end, {"role": cells.get("role"), **_prov(cells)}, _loc(row))
    )


def _map_members(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    member = Ref(cells["member"], ACTORS, row.loc("member"))
    _tie(
        "SITS_ON",
        member,
        Ref(cells["committee"], ("Committee",), row.loc("committee")),
        cells,
        row,
        out,
    )


def _map_activities(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    keep = ("name", "name_tr", "description", "funding_source", "budget_eur", "status", "plan_year")
    keep += ("planned_start", "planned_end", "actual_start", "actual_end")
    node = _own(
        "Activity", cells, row, {k: cells.get(k) for k in keep}, f"{cells['plan']} {cells['name']}"
    )
    out.nodes.append(node)
    _refs(node, "ACTIVITY_OF", cells, "plan", ("Plan",), row, out)
    _refs(node, "LED_BY", cells, "lead", ACTORS, row, out)
    _refs(
        node, "CONTRIBUTES_TO", cells, "contributors", (*ACTORS, "Network"), row, out, outward=False
    )
    _refs(node, "LINKED_TO", cells, "links", ("Project", "Agreement", "Event"), row, out)
    _theme_rels(node, cells, "themes", "focus", row, out)


def _map_contributors(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    who = Ref(cells["contributor"], (*ACTORS, "Network"), row.loc("contributor"))
    _tie(
        "CONTRIBUTES_TO",
        who,
        Ref(cells["activity"], ("Activity",), row.loc("activity")),
        cells,
        row,
        out,
    )


def _map_indicators(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    props = {k: cells.get(k) for k in ("name", "name_tr", "unit", "baseline", "baseline_year")}
    props.update(query=cells.get("query"), direction=cells.get("direction"))
    wanted = cells.get("targets") or []
    props["target_years"] = [year for year, _ in wanted] or None
    props["targets"] = [value for _, value in wanted] or None
    node = _own("Indicator", cells, row, props, cells["name"])
    out.nodes.append(node)
    _refs(node, "INDICATOR_OF", cells, "of", ("Plan", "Activity", "Theme"), row, out)


def _map_measurements(spec: SheetSpec, cells: dict[str, Any], row: Row, out: Mapped) -> None:
    props = {"date": cells["date"], "value": cells["value"]}
    node = _own("Measurement", cells, row, props, f"{cells['indicator']} {cells['date']}")
    node.loc = row.loc("id" if cells.get("id") else "indicator")
    out.nodes.append(node)
    _refs(node, "MEASUREMENT_OF", cells, "indicator", ("Indicator",), row, out)


PLAN_MAPPERS: dict[str, Callable[[SheetSpec, dict[str, Any], Row, Mapped], None]] = {
    "plans": _map_plans,
    "plan_stages": _map_stages,
    "plan_committees": _map_committees,
    "committee_members": _map_members,
    "plan_activities": _map_activities,
    "activity_contributors": _map_contributors,
    "plan_indicators": _map_indicators,
    "indicator_measurements": _map_measurements,
}

#: Label -> (sheet, {column: relationship type whose other end fills it}).
_EXPORTED = {
    "Plan": ("plans", {}),
    "Stage": ("plan_stages", {"plan": "STAGE_OF"}),
    "Committee": ("plan_committees", {"plan": "COMMITTEE_OF"}),
    "Activity": (
        "plan_activities",
        {"plan": "ACTIVITY_OF", "lead": "LED_BY", "links": "LINKED_TO"},
    ),
    "Indicator": ("plan_indicators", {"of": "INDICATOR_OF"}),
    "Measurement": ("indicator_measurements", {"indicator": "MEASUREMENT_OF"}),
}
#: Relationship type -> (sheet, column of the start, column of the end).
_TIES = {
    "SITS_ON": ("committee_members", "member", "committee"),
    "CONTRIBUTES_TO": ("activity_contributors", "contributor", "activity"),
}


def plan_rows(nodes: list[Node], relations: list[Relation]) -> dict[str, list[dict[str, Any]]]:
    """The plan sheets' rows for ``nodes`` and ``relations`` (used by :mod:`importers.export`),
    so that an export imports back to the same graph."""
    out: dict[str, list[dict[str, Any]]] = {}
    ends: dict[tuple[str, str], list[str]] = {}
    for rel in relations:
        ends.setdefault((rel.start, rel.type), []).append(rel.end)
        if rel.type in _TIES:
            sheet, start_col, end_col = _TIES[rel.type]
            row = {start_col: rel.start, end_col: rel.end, "role": rel.props.get("role")}
            out.setdefault(sheet, []).append(row | {k: rel.props.get(k) for k in _PROV})
    for node in nodes:
        if node.label not in _EXPORTED:
            continue
        sheet, columns = _EXPORTED[node.label]
        props = node.props
        row: dict[str, Any] = {"id": node.id, **props}
        for column, rel_type in columns.items():
            row[column] = ";".join(sorted(ends.get((node.id, rel_type), [])))
        themes = ends.get((node.id, "HAS_THEME"), [])
        row["themes"] = ";".join(sorted(t.removeprefix("theme-") for t in themes))
        if node.label == "Indicator" and props.get("target_years"):
            pairs = zip(props["target_years"], props.get("targets") or [], strict=False)
            row["targets"] = "; ".join(f"{year}: {value:g}" for year, value in pairs)
        out.setdefault(sheet, []).append(row)
    return out


mapping.SHEETS.update(PLAN_SHEETS)
mapping.ROW_MAPPERS.update(PLAN_MAPPERS)
mapping.EXTRA_ALIASES.update(PLAN_ALIASES)
mapping.ORDER = tuple(mapping.SHEETS)

__all__ = ["PLAN_ALIASES", "PLAN_MAPPERS", "PLAN_SHEETS", "Problem", "parse_targets", "plan_rows"]
