"""Autocomplete: ``/search.json?q=…[&kind=City][&limit=10]``.

Returns ``{"query", "results": [summary + score + matched]}``, best first, for
the search boxes of every page (``static/js/search.js``). Matching is described
in :mod:`web.search`.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from graph.accounts.permissions import READ
from graph.model import LABELS
from web import params
from web.auth import requires
from web.search import find

bp = Blueprint("search", __name__)


@bp.get("/search.json")
@requires(READ)
def search_json():
    query = params.one("q", "") or ""
    limit = params.number("limit", 10, 1, 50)
    kinds = params.many("kind", LABELS)
    return jsonify(query=query, results=find(query[:200], limit, kinds))
