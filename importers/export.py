"""Export the graph: CSV (a folder in the import format), XLSX (a workbook in the
import format), JSON and GraphML.

CSV and XLSX use the same sheets and columns as the importers, so an export can
be edited and imported again. Text cells that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
prefixed with an apostrophe; the importers remove it again.

>>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-12.5"), safe_cell("Antalya")
('\\'=HYPERLINK("http://x")', '-12.5', 'Antalya')
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.convert import to_networkx
from graph.model import Node, Relation
from graph.reference.themes import catalogue
from graph.stores.base import Store
from importers.mapping import SHEETS
from importers.plan_sheets import plan_rows
from importers.values import as_text

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: Characters XML 1.0 (and so XLSX and GraphML) cannot hold: C0 controls but tab and
#: line breaks. Records stored before imports refused them are exported without them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value: Any) -> Any:
    """``value`` without the control characters XML cannot hold (other values as they are)."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def safe_cell(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would evaluate as a formula; drop control
    characters that a workbook cannot hold."""
    value = xml_text(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def _theme_ref(theme_id: str) -> str:
    return theme_id.removeprefix("theme-")


def _join(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values if v not in (None, ""))


def to_sheets(nodes: list[Node], relations: list[Relation]) -> dict[str, list[dict[str, Any]]]:
    """Rows per sheet of the import format (columns as in :data:`importers.mapping.SHEETS`)."""
    by_id = {n.id: n for n in nodes}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rel_from: dict[str, list[Relation]] = defaultdict(list)
    rel_to: dict[str, list[Relation]] = defaultdict(list)
    for r in relations:
        rel_from[r.start].append(r)
        rel_to[r.end].append(r)

    def themes(node_id: str, kinds: tuple[str, ...]) -> str:
        return _join(
            _theme_ref(r.end)
            for r in rel_from[node_id]
            if r.type == "HAS_THEME" and (r.props.get("kind") or "focus") in kinds
        )

    def out_of(node_id: str, rtype: str, label: str | None = None) -> str:
        return _join(
            r.end
            for r in rel_from[node_id]
            if r.type == rtype
            and (label is None or (by_id.get(r.end) and by_id[r.end].label == label))
        )

    cat = catalogue()
    for n in nodes:
        p = n.props
        prov = {
            "source": p.get("source"),
            "confidence": p.get("confidence"),
            "notes": p.get("notes"),
        }
        aliases = _join(p.get("aliases") or [])
        if n.label == "Theme" and cat.get(n.id) is None:
            out["themes"].append(
                {
                    "id": _theme_ref(n.id),
                    "name_en": p.get("name_en") or p.get("name"),
                    "name_tr": p.get("name_tr"),
                    "parent": _theme_ref(out_of(n.id, "PART_OF")),
                    "sdg": _join(p.get("sdg") or []),
                    **prov,
                }
            )
        elif n.label == "City":
            out["cities"].append(
                {
                    "id": n.id,
                    **{
                        k: p.get(k)
                        for k in ("name", "name_tr", "country", "lat", "lon", "population")
                    },
                    "aliases": aliases,
                    "themes": themes(n.id, ("focus", "expertise")),
                    "priority_themes": themes(n.id, ("priority",)),
                    "is_home": p.get("is_home"),
                    **{
                        k: p.get(k)
                        for k in (
                            "official_networks",
                            "official_sister_cities",
                            "official_protocols",
                        )
                    },
                    **prov,
                }
            )
        elif n.label == "Network":
            out["networks"].append(
                {
                    "id": n.id,
                    **{k: p.get(k) for k in ("name", "name_tr", "acronym", "scope", "website")},
                    "aliases": aliases,
                    "themes": themes(n.id, ("focus", "expertise")),
                    **prov,
                }
            )
        elif n.label == "Organization":
            out["organizations"].append(
                {
                    "id": n.id,
                    **{k: p.get(k) for k in ("name", "name_tr", "kind")},
                    "city": out_of(n.id, "LOCATED_IN", "City"),
                    "part_of": out_of(n.id, "PART_OF"),
                    "website": p.get("website"),
                    "aliases": aliases,
                    "themes": themes(n.id, ("expertise", "focus")),
                    **prov,
                }
            )
        elif n.label == "Project":
            out["projects"].append(
                {
                    "id": n.id,
                    **{
                        k: p.get(k)
                        for k in (
                            "name",
                            "name_tr",
                            "programme",
                            "status",
                            "start_date",
                            "end_date",
                            "budget_eur",
                        )
                    },
                    "themes": themes(n.id, ("focus", "expertise")),
                    **prov,
                }
            )
        elif n.label == "Agreement":
            parties = _join(r.start for r in rel_to[n.id] if r.type == "PARTY_TO")
            out["agreements"].append(
                {
                    "id": n.id,
                    "type": p.get("type"),
                    "parties": parties,
                    **{k: p.get(k) for k in ("name", "signed_on", "status")},
                    "themes": themes(n.id, ("focus", "expertise")),
                    "council_decision": p.get("council_decision"),
                    **prov,
                }
            )
        elif n.label == "Event":
            out["events"].append(
                {
                    "id": n.id,
                    "date": p.get("date"),
                    "title": p.get("name"),
                    "title_tr": p.get("name_tr"),
                    "type": p.get("type"),
                    "participants": _join(
                        r.start for r in rel_to[n.id] if r.type == "PARTICIPATED_IN"
                    ),
                    "themes": themes(n.id, ("focus", "expertise")),
                    **prov,
                }
            )
    for r in relations:
        prov = {
            "source": r.props.get("source"),
            "confidence": r.props.get("confidence"),
            "notes": r.props.get("notes"),
        }
        if r.type == "MEMBER_OF":
            out["memberships"].append(
                {
                    "member": r.start,
                    "network": r.end,
                    **{k: r.props.get(k) for k in ("since", "role", "status")},
                    **prov,
                }
            )
        elif r.type == "PARTNER_IN":
            out["project_partners"].append(
                {"project": r.end, "partner": r.start, "role": r.props.get("role"), **prov}
            )
        elif r.type == "STAKEHOLDER_OF":
            out["stakeholders"].append(
                {"organization": r.start, "city": r.end, "role": r.props.get("role"), **prov}
            )
    for sheet, rows in plan_rows(nodes, relations).items():
        out[sheet].extend(rows)
    return dict(out)


def _columns(sheet: str) -> list[str]:
    return [c.name for c in SHEETS[sheet].columns]


def write_csv_folder(sheets: dict[str, list[dict]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in sheets.items():
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            cols = _columns(sheet)
            w.writerow(cols)
            for row in rows:
                w.writerow([safe_cell(as_text(row.get(c))) for c in cols])


def write_xlsx(sheets: dict[str, list[dict]], target: Path | io.BytesIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        if sheet not in sheets:
            continue
        ws = wb.create_sheet(sheet)
        cols = _columns(sheet)
        ws.append(cols)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheets[sheet]:
            ws.append(
                [
                    safe_cell(row.get(c))
                    if not isinstance(row.get(c), list)
                    else safe_cell(_join(row.get(c)))
                    for c in cols
                ]
            )
    if not wb.worksheets:
        wb.create_sheet("cities").append(_columns("cities"))
    wb.save(target)


def to_json(nodes: list[Node], relations: list[Relation]) -> str:
    return json.dumps(
        {"nodes": [n.to_dict() for n in nodes], "relations": [r.to_dict() for r in relations]},
        ensure_ascii=False,
        indent=1,
    )


def to_graphml_graph(nodes: list[Node], relations: list[Relation]) -> nx.MultiDiGraph:
    """A graph whose attributes GraphML can hold (lists joined with ';', no None)."""

    def clean(d: dict) -> dict:
        return {
            k: xml_text(_join(v) if isinstance(v, list) else v)
            for k, v in d.items()
            if v is not None
        }

    G = to_networkx(nodes, relations)
    H = nx.MultiDiGraph()
    H.add_nodes_from((xml_text(n), clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from(
        (xml_text(u), xml_text(v), k, clean(d)) for u, v, k, d in G.edges(keys=True, data=True)
    )
    return H


def select(store: Store, labels: set[str] | None = None) -> tuple[list[Node], list[Relation]]:
    nodes = [n for n in store.nodes() if labels is None or n.label in labels]
    ids = {n.id for n in nodes}
    rels = [r for r in store.relations() if r.start in ids and r.end in ids]
    return nodes, rels


def export_graph(
    store: Store, fmt: str, output: Path | None, labels: set[str] | None = None
) -> str | None:
    """Write the (filtered) graph in ``fmt``; returns what was written, or None for stdout."""
    nodes, rels = select(store, labels)
    if fmt == "json":
        text = to_json(nodes, rels)
        if output is None:
            sys.stdout.write(text + "\n")
            return None
        output.write_text(text, encoding="utf-8")
    elif fmt == "graphml":
        output = output or Path("diplomap.graphml")
        nx.write_graphml(to_graphml_graph(nodes, rels), output)
    elif fmt == "csv":
        output = output or Path("diplomap-export")
        write_csv_folder(to_sheets(nodes, rels), output)
    elif fmt == "xlsx":
        output = output or Path("diplomap-export.xlsx")
        write_xlsx(to_sheets(nodes, rels), output)
    return str(output)
