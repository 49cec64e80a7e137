"""The eight questions of DESIGN.md in one click: ``/questions`` (+ ``.json``), and each
answer as CSV (``/questions.csv?q=N``). Works on both backends (networkx on the store's
projection); each answer names the saved Cypher query that gives the same on Neo4j.

Question 4 takes ``?network=`` (default: the first of our networks), question 5 ``?to=``
(default: our first sister city), question 7 ``?programme=eu|ipa|next-med``. The answers come from the department's own
records unless ``?reference=1`` asks for the public twinning data too.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, Response, abort, request, url_for

from graph.accounts.permissions import EXPORT, READ
from graph.reference.city_resolver import is_reference
from web.auth import requires
from web.export import to_csv
from web.questions import QUESTIONS, answer, entity
from web.selection import our_records
from web.store import access
from web.twin import page

bp = Blueprint("questions", __name__)

PROGRAMMES = ("eu", "ipa", "next-med")


def _choices(G: nx.MultiDiGraph, home: str) -> dict[str, Any]:
    networks = sorted(
        (v for v, d in G.succ[home].items() if "MEMBER_OF" in d),
        key=lambda n: str(G.nodes[n].get("name") or n),
    )
    sisters = sorted(
        p
        for a, d in G.succ[home].items()
        if "PARTY_TO" in d and G.nodes[a].get("type") == "sister_city"
        for p, e in G.pred[a].items()
        if "PARTY_TO" in e and p != home
    )
    network = request.args.get("network") or (networks[0] if networks else None)
    to = request.args.get("to") or (sisters[0] if sisters else None)
    programme = request.args.get("programme", "eu")
    return {
        "network": network if network in G else None,
        "to": to if to in G else None,
        "programme": programme if programme in PROGRAMMES else "eu",
        "networks": [entity(G, n) for n in networks],
        "cities": [entity(G, c) for c in sorted(set(sisters))],
    }


def _text(cell: Any) -> str:
    if isinstance(cell, dict):
        return cell["name"]
    if isinstance(cell, list):
        return "; ".join(_text(c) for c in cell)
    return "" if cell is None else str(cell)


def _graph() -> tuple[nx.MultiDiGraph, bool]:
    """The graph the questions are answered from, and whether it holds the public
    reference layer (``reference=1``; by default only the department's own records)."""
    acc = access()
    if request.args.get("reference") == "1":
        return acc.graph(), True
    return acc.derived("our-records", our_records), False


@page(bp, "/questions", "questions.html")
@requires(READ)
def questions() -> dict[str, Any]:
    acc = access()
    G, reference = _graph()
    home = acc.home()
    if home is None:
        abort(404)
    chosen = _choices(G, home)
    params = {k: chosen[k] for k in ("network", "to", "programme")}
    out = []
    for q in QUESTIONS:
        rows = answer(q, G, home, **params)
        out.append(
            {
                "number": q.number,
                "question": str(q.text),
                "saved_query": q.query,
                "columns": [str(c) for c in q.columns],
                "rows": rows,
                "count": len(rows),
                "empty": str(q.empty) if not rows else None,
                "csv": url_for("questions.questions_csv", q=q.number, **request.args),
            }
        )
    return {
        "home": entity(G, home),
        "choices": chosen,
        "questions": out,
        "reference": reference,
        "reference_loaded": acc.derived(
            "reference-loaded", lambda H: any(is_reference(d) for _, d in H.nodes(data=True))
        ),
    }


@bp.get("/questions.csv")
@requires(EXPORT)
def questions_csv() -> Response:
    acc = access()
    G, home = _graph()[0], acc.home()
    number = request.args.get("q", type=int)
    q = next((q for q in QUESTIONS if q.number == number), None)
    if q is None or home is None:
        abort(404)
    chosen = _choices(G, home)
    rows = answer(q, G, home, **{k: chosen[k] for k in ("network", "to", "programme")})
    body = to_csv([str(c) for c in q.columns], [[_text(c) for c in row] for row in rows])
    return Response(
        body,
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="diplomap-question-{number}.csv"'},
    )
