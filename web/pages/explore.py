"""The network explorer: ``/explore`` and ``/explore.json``.

Parameters (all optional, GET):

``focus`` (or ``focus_q``, a name)
    the entity at the centre (default: the home city; ``focus=`` empty for the
    whole graph).
``depth``
    hops from the focus, 0-4 (default 2; an agreement drawn collapsed is one hop).
``kind``, ``theme``, ``country``, ``status``
    filters, repeated or comma-separated.
``collapse``
    draw agreements as ties between their parties.
``limit``
    most entities to draw (at most ``DIPLOMAP_VIEW_CAP``); the page says "showing N of M".
``layout``
    ``auto`` (server-side positions above :data:`web.layout.SERVER_LAYOUT_FROM`
    entities, browser physics below), ``server`` or ``physics``.

The browser expands a node by fetching this page's JSON twin with
``focus=<id>&depth=1`` and adding what it returns to the drawing.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, current_app

from graph.accounts.permissions import READ
from graph.model import LABELS
from web import params
from web.auth import requires
from web.i18n import lang
from web.layout import SERVER_LAYOUT_FROM, positions, undirected
from web.present import summary
from web.search import asked, pick
from web.selection import DEFAULT_KINDS, STATUSES, ViewSpec, filter_choices, select
from web.store import access
from web.twin import page
from web.visual import legend, network_data

bp = Blueprint("explore", __name__)

LAYOUTS = ("auto", "server", "physics")


def read_spec(G: nx.MultiDiGraph, home: str | None) -> ViewSpec:
    """The view asked for by the query string (see the module docstring)."""
    cap = current_app.config["DIPLOMAP"]["DIPLOMAP_VIEW_CAP"]
    focus = pick("focus") if asked("focus") else home
    return ViewSpec(
        focus=focus,
        depth=params.number("depth", 2, 0, 4),
        kinds=params.many("kind", LABELS) or DEFAULT_KINDS,
        themes=params.many("theme"),
        countries=params.many("country"),
        statuses=params.many("status", STATUSES),
        collapse=params.flag("collapse"),
        cap=params.number("limit", cap, 1, cap),
    )


def _layout(G: nx.MultiDiGraph, spec: ViewSpec, view, mode: str) -> dict | None:
    if mode == "physics" or (mode == "auto" and len(view.nodes) <= SERVER_LAYOUT_FROM):
        return None
    key = f"layout:{spec}"
    return access().derived(
        key, lambda _G: positions(undirected(view.nodes, view.edges), spec.focus, view.distance)
    )


@page(bp, "/explore", "explore.html")
@requires(READ)
def explore() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    home = acc.home()
    spec = read_spec(G, home)
    mode = params.one("layout", "auto", LAYOUTS)
    view = select(G, spec)
    placed = _layout(G, spec, view, mode)
    kinds_shown = sorted({G.nodes[n].get("label") for n in view.nodes}, key=LABELS.index)
    return {
        "view": {
            "focus": spec.focus,
            "depth": spec.depth,
            "kinds": list(spec.kinds),
            "themes": list(spec.themes),
            "countries": list(spec.countries),
            "statuses": list(spec.statuses),
            "collapse": spec.collapse,
            "limit": spec.cap,
            "layout": "server" if placed else "physics",
        },
        "focus": summary(G, spec.focus) if spec.focus else None,
        "home": home,
        "shown": len(view.nodes),
        "total": view.total,
        "capped": view.total > len(view.nodes),
        "graph": network_data(
            G, view.nodes, view.edges, focus=spec.focus, home=home, positions=placed
        ),
        "legend": legend(kinds_shown, home=home in view.distance),
        "filters": acc.derived(f"filters:{lang()}", filter_choices),
    }
