"""Exports: ``/export`` (+ ``.json``) and ``/export/download``, for the ``export`` permission.

The whole graph, or a filtered view of it chosen with the explorer's filters
(:func:`web.selection.select` without a focus), in four formats:

``xlsx``     a workbook in the import format (one sheet per kind and tie)
``csv``      a zip of the import-format CSV files (what ``diplomap import`` reads back)
``graphml``  for Gephi, yEd, networkx
``json``     ``{"nodes": [...], "relations": [...]}``

GET parameters: ``format``, ``kind`` (entity kinds), ``theme``, ``country``; the
same on the page and the download, so a filtered export has a URL. Spreadsheet
cells that would run as formulas are neutralised by
:func:`importers.export.safe_cell` (``write_xlsx``, ``write_csv_folder``).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from flask import Blueprint, Response, url_for

from graph.accounts.permissions import EXPORT
from graph.model import LABELS, Node, Relation
from importers.export import to_graphml_graph, to_json, to_sheets, write_csv_folder, write_xlsx
from web import params
from web.auth import requires
from web.i18n import lang
from web.selection import ViewSpec, filter_choices, select
from web.store import access
from web.twin import page
from web.vocab import kind as kind_word

bp = Blueprint("exports", __name__)

FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("application/zip", "csv.zip"),
    "graphml": ("application/graphml+xml", "graphml"),
    "json": ("application/json", "json"),
}


def read_filters() -> dict[str, list[str]]:
    return {
        "kinds": list(params.many("kind", LABELS)),
        "themes": list(params.many("theme")),
        "countries": [c.upper() for c in params.many("country")],
    }


def chosen_ids(G: nx.MultiDiGraph, filters: dict[str, list[str]]) -> set[str] | None:
    """Ids of the entities in the filtered view; None for the whole graph."""
    if not any(filters.values()):
        return None
    spec = ViewSpec(
        kinds=tuple(filters["kinds"] or LABELS),
        themes=tuple(filters["themes"]),
        countries=tuple(filters["countries"]),
        cap=max(len(G), 1),
    )
    return set(select(G, spec).nodes)


def selection(filters: dict[str, list[str]]) -> tuple[list[Node], list[Relation]]:
    """The records to export: every entity in the view and every tie between two of them."""
    acc = access()
    ids = chosen_ids(acc.graph(), filters)
    store = acc.store
    nodes = [n for n in store.nodes() if ids is None or n.id in ids]
    kept = {n.id for n in nodes}
    rels = [r for r in store.relations() if r.start in kept and r.end in kept]
    return nodes, rels


def _query(filters: dict[str, list[str]], fmt: str | None = None) -> str:
    args = [("format", fmt)] if fmt else []
    args += [("kind", k) for k in filters["kinds"]] + [("theme", t) for t in filters["themes"]]
    args += [("country", c) for c in filters["countries"]]
    return urlencode(args)


@page(bp, "/export", "export.html")
@requires(EXPORT)
def export_page() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    filters = read_filters()
    ids = chosen_ids(G, filters)
    nodes = set(G) if ids is None else ids
    ties = sum(1 for u, v in G.edges() if u in nodes and v in nodes)
    choices = acc.derived(f"filters:{lang()}", filter_choices)
    return {
        "filters": filters,
        "whole_graph": ids is None,
        "counts": {"entities": len(nodes), "ties": ties},
        "choices": {
            "kinds": [{"id": k, "name": kind_word(k)} for k in LABELS],
            "themes": choices["themes"],
            "countries": choices["countries"],
        },
        "downloads": {
            fmt: url_for("exports.download") + "?" + _query(filters, fmt) for fmt in FORMATS
        },
    }


@bp.get("/export/download")
@requires(EXPORT)
def download() -> Response:
    fmt = params.one("format", "xlsx", FORMATS)
    filters = read_filters()
    nodes, rels = selection(filters)
    mimetype, extension = FORMATS[fmt]
    if fmt == "json":
        body = to_json(nodes, rels).encode("utf-8")
    elif fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(to_graphml_graph(nodes, rels), out)
        body = out.getvalue()
    elif fmt == "xlsx":
        out = io.BytesIO()
        write_xlsx(to_sheets(nodes, rels), out)
        body = out.getvalue()
    else:
        body = csv_zip(to_sheets(nodes, rels))
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="diplomap-export.{extension}"'},
    )


def csv_zip(sheets: dict[str, list[dict]]) -> bytes:
    """The import-format CSV files, zipped (``cities.csv``, ``networks.csv``...)."""
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="diplomap-export-") as tmp:
        folder = Path(tmp)
        write_csv_folder(sheets, folder)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.glob("*.csv")):
                zf.write(path, f"diplomap-export/{path.name}")
    return out.getvalue()
