"""The Cypher console: ``/console`` (+ ``.json``) and ``/console.csv``, for the ``console`` permission.

Every query has a URL that can be shared, bookmarked and downloaded:

``name`` + ``p_<param>``  a saved query (``cypher/*.cypher``) with its parameters, as text
                          coerced to the declared types; an empty field takes the default
``q`` (+ ``p_<param>``)   a Cypher query typed in the textarea; ``p_x`` becomes ``$x`` (text)

The query runs read-only on Neo4j (:mod:`graph.console.run`: the plan, the text and a
READ transaction with a time limit and a row cap). A refusal or a failed query is
shown on the page with status 400; the result is a table and, when it holds nodes
and relationships, a network. ``/console.json`` is the same data; ``/console.csv``
the table. With the embedded backend the page explains how to start Neo4j (status
200) and runs nothing.

Results are data: the table is escaped by Jinja, the network gets plain-text
labels and tooltips, and no script writes HTML.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from graph.accounts.permissions import CONSOLE
from graph.console.library import SavedQuery, load_library, used_parameters
from graph.console.run import Console
from graph.errors import QueryRejected
from graph.stores.neo4j_errors import READ_ONLY_HINT, START_NEO4J
from web.auth import requires
from web.export import to_csv
from web.i18n import display_name, lang
from web.store import access
from web.visual import EDGE_COLOUR, KIND_STYLE, options, short

bp = Blueprint("console", __name__)

PARAM_PREFIX = "p_"
MAX_QUERY = 20_000
EXAMPLE = "MATCH (c:City)-[:MEMBER_OF]->(n:Network) RETURN c, n LIMIT 25"


@cache
def library() -> dict[str, SavedQuery]:
    """The saved queries (``cypher/*.cypher``), read once per process."""
    return load_library()


def asked_params() -> dict[str, str]:
    """``p_<name>`` arguments that were filled in."""
    return {
        k[len(PARAM_PREFIX) :]: v
        for k, v in request.args.items()
        if k.startswith(PARAM_PREFIX) and len(k) > len(PARAM_PREFIX) and v.strip()
    }


def describe(saved: SavedQuery, values: dict[str, str], defaults: dict[str, Any]) -> dict[str, Any]:
    """A saved query for the picker: title in the chosen language and one input per parameter."""
    return {
        "name": saved.name,
        "title": saved.title_tr if lang() == "tr" and saved.title_tr else saved.title,
        "description": saved.description,
        "query": saved.query,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.raw_default,
                "placeholder": p.raw_default
                or ("" if defaults.get(p.name) is None else str(defaults[p.name])),
                "value": values.get(p.name, ""),
            }
            for p in saved.params
        ],
    }


def share_links(args: list[tuple[str, str]]) -> dict[str, str]:
    query = urlencode(args)
    suffix = f"?{query}" if query else ""
    return {
        "page": url_for("console.console") + suffix,
        "json": url_for("console.console_json") + suffix,
        "csv": url_for("console.console_csv") + suffix,
    }


def drawing(result: dict[str, Any]) -> dict[str, Any]:
    """The nodes and relationships of a result as vis data, with plain-text labels."""
    nodes = []
    for n in result["nodes"]:
        props = n.get("props") or {}
        name = display_name(props) or str(n["id"])
        colour, shape = KIND_STYLE.get(n.get("label") or "", ("#64748b", "dot"))
        tip = "\n".join([f"{n.get('label') or ''}: {name}", str(n["id"])])
        nodes.append(
            {
                "id": n["id"],
                "label": short(name),
                "title": tip,
                "color": colour,
                "shape": shape,
                "kind": n.get("label") or "",
            }
        )
    edges = [
        {
            "from": e["start"],
            "to": e["end"],
            "title": e["type"],
            "label": "",
            "color": EDGE_COLOUR.get(e["type"], "#94a3b8"),
        }
        for e in result["edges"]
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options(physics=True, large=len(nodes) > 300),
    }


def cell(value: Any) -> Any:
    """A table cell: scalars as they are, nodes, lists and maps as JSON text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def console_data() -> tuple[dict[str, Any], int]:
    """The console's data for this request and its status (400 when the query was refused)."""
    settings = current_app.config["DIPLOMAP"]
    lib = library()
    values = asked_params()
    name = request.args.get("name", "").strip()
    text = request.args.get("q", "")
    embedded = settings["DIPLOMAP_BACKEND"] != "neo4j"
    defaults = {
        "home": settings.get("DIPLOMAP_HOME"),
        "months": settings.get("DIPLOMAP_DORMANT_MONTHS"),
    }
    data: dict[str, Any] = {
        "backend": settings["DIPLOMAP_BACKEND"],
        "needs_neo4j": {"message": "Cypher queries need the Neo4j backend", "hint": START_NEO4J}
        if embedded
        else None,
        "library": [describe(s, values if s.name == name else {}, defaults) for s in lib.values()],
        "asked": {"name": name or None, "q": text or None, "params": values},
        "example": EXAMPLE,
        "read_only": READ_ONLY_HINT,
        "row_cap": settings["DIPLOMAP_ROW_CAP"],
        "timeout": settings["DIPLOMAP_QUERY_TIMEOUT"],
        "result": None,
        "error": None,
        "links": None,
        "graph": None,
    }
    if not (name or text.strip()) or embedded:
        return data, 200
    args = [("name", name)] if name else [("q", text)]
    args += [(PARAM_PREFIX + k, v) for k, v in values.items()]
    data["links"] = share_links(args)
    try:
        result = run(name, text, values)
    except QueryRejected as exc:
        data["error"] = {
            "message": exc.message,
            "hint": exc.hint,
            "timed_out": bool(getattr(exc, "timed_out", False)),
        }
        return data, 400
    found = result.to_dict()
    data["result"] = found
    data["graph"] = drawing(found) if found["nodes"] else None
    return data, 200


def run(name: str, text: str, values: dict[str, str]):
    settings = current_app.config["DIPLOMAP"]
    console = Console.for_store(access().store, settings)
    if name:
        saved = library().get(name)
        if saved is None:
            raise QueryRejected(
                f"no saved query {name!r}",
                hint="pick one from the list; `diplomap cypher --list` shows them all",
            )
        return console.run_saved(saved, values)
    if len(text) > MAX_QUERY:
        raise QueryRejected(f"the query is longer than {MAX_QUERY} characters")
    used = set(used_parameters(text))
    unknown = sorted(set(values) - used)
    if unknown:
        raise QueryRejected(
            f"the query has no parameter ${unknown[0]}",
            hint="remove the p_ field, or use the parameter in the query",
        )
    return console.run(text, dict(values))


@bp.get("/console")
@requires(CONSOLE)
def console():
    data, status = console_data()
    return render_template("console.html", data=data), status


@bp.get("/console.json")
@requires(CONSOLE)
def console_json():
    data, status = console_data()
    return jsonify(data), status


@bp.get("/console.csv")
@requires(CONSOLE)
def console_csv() -> Response:
    settings = current_app.config["DIPLOMAP"]
    if settings["DIPLOMAP_BACKEND"] != "neo4j":
        raise QueryRejected("Cypher queries need the Neo4j backend", hint=START_NEO4J)
    name, text = request.args.get("name", "").strip(), request.args.get("q", "")
    if not (name or text.strip()):
        raise QueryRejected(
            "no query", hint="add name= (a saved query) or q= (Cypher) to the address"
        )
    result = run(name, text, asked_params())
    rows = [[cell(v) for v in row] for row in result.rows]
    stem = name or "query"
    return Response(
        to_csv(result.columns, rows),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="diplomap-console-{stem}.csv"'},
    )
