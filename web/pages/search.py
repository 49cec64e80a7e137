"""Autocomplete: ``/search.json?q=…[&kind=City][&limit=10]``.

Returns ``{"query", "results": [summary + score + matched]}``, best first, for
the search boxes of every page (``static/js/search.js``). Matching is described
in :mod:`web.search`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from graph.accounts.permissions import READ
from graph.errors import EntityNotFound
from graph.model import LABELS
from web import params
from web.auth import requires
from web.present import summary
from web.search import SearchIndex
from web.store import access

bp = Blueprint("search", __name__)


def find(query: str, limit: int = 10, kinds: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Search results as summaries, for this page and for pages that accept a name."""
    acc = access()
    index = acc.derived("search-index", SearchIndex)
    G = acc.graph()
    return [
        {**summary(G, hit.id), "score": round(hit.score, 1), "matched": hit.matched}
        for hit in index.search(query, limit=limit, kinds=kinds)
        if hit.id in G
    ]


def pick(name: str) -> str | None:
    """The entity a form's picker names: the id in ``name``, else the best match for ``name_q``.

    Returns None when both are empty; raises :class:`EntityNotFound` for an unknown id
    or a text that matches nothing.
    """
    chosen = params.one(name)
    if chosen:
        access().node(chosen)
        return chosen
    text = params.one(f"{name}_q")
    if not text:
        return None
    found = find(text[:200], limit=1)
    if not found:
        raise EntityNotFound(
            f"nothing matches {text!r}",
            hint="try another spelling, or pick a name from the list while typing",
        )
    return found[0]["id"]


def asked(name: str) -> bool:
    """True when the form sent ``name`` or ``name_q`` at all (even empty)."""
    return name in request.args or f"{name}_q" in request.args


@bp.get("/search.json")
@requires(READ)
def search_json():
    query = params.one("q", "") or ""
    limit = params.number("limit", 10, 1, 50)
    kinds = params.many("kind", LABELS)
    return jsonify(query=query, results=find(query[:200], limit, kinds))
