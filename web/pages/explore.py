"""The network explorer: ``/explore`` and ``/explore.json``.

Parameters (all optional, GET):

``focus`` (or ``focus_q``, a name)
    the entity at the centre (default: the home city; ``focus=`` empty for the
    whole graph).
``depth``
    hops from the focus, 0-4 (default 2; an agreement drawn collapsed is one hop).
``kind``, ``theme``, ``country``, ``status``
    filters, repeated or comma-separated (default kinds: cities, networks,
    organisations, projects and agreements; events, themes and countries off).
``agreements``
    ``links`` (default: an agreement is a link between its parties, styled by its
    type and status) or ``nodes`` (an agreement is an entity); ``collapse=1|0`` is
    the older spelling.
``size``
    the centrality that sizes nodes and decides whose labels show first:
    ``pagerank`` (default), ``degree`` or ``betweenness`` (see :mod:`web.importance`).
``colour``
    ``kind`` (default) or ``community`` (Louvain communities of the view).
``until``
    a year: the view as it stood at the end of that year (see :mod:`web.timeline`).
``expand``
    entities whose neighbours were added in the browser (one hop each).
``group``
    ``country``: gather the outer entities of a large view into one node per country.
``limit``
    most entities to draw (at most ``DIPLOMAP_VIEW_CAP``); the page says "showing N of M".
``layout``
    ``auto`` (server-side positions above :data:`web.layout.SERVER_LAYOUT_FROM`
    entities, browser physics below), ``server`` or ``physics``.

The browser expands a node by fetching this page's JSON twin with
``focus=<id>&depth=1`` and adding what it returns to the drawing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from flask import Blueprint, current_app

from graph.accounts.permissions import READ
from graph.model import LABELS
from web import params
from web.auth import requires
from web.i18n import lang
from web.importance import MEASURES, communities, measure
from web.layout import SERVER_LAYOUT_FROM, positions, undirected
from web.present import summary
from web.search import asked, pick
from web.selection import DEFAULT_KINDS, STATUSES, ViewSpec, filter_choices, select
from web.store import access
from web.timeline import as_of, years
from web.twin import page
from web.visual import community_legend, legend, network_data

bp = Blueprint("explore", __name__)

LAYOUTS = ("auto", "server", "physics")
COLOURS = ("kind", "community")
AGREEMENTS = ("links", "nodes")
GROUPS = ("none", "country")


def read_spec(G: nx.MultiDiGraph, home: str | None) -> ViewSpec:
    """The view asked for by the query string (see the module docstring)."""
    cap = current_app.config["DIPLOMAP"]["DIPLOMAP_VIEW_CAP"]
    focus = pick("focus") if asked("focus") else home
    links = params.flag("collapse", True)
    links = params.one("agreements", "links" if links else "nodes", AGREEMENTS) == "links"
    return ViewSpec(
        focus=focus,
        depth=params.number("depth", 2, 0, 4),
        kinds=params.many("kind", LABELS) or DEFAULT_KINDS,
        themes=params.many("theme"),
        countries=params.many("country"),
        statuses=params.many("status", STATUSES),
        collapse=links,
        cap=params.number("limit", cap, 1, cap),
        expand=tuple(n for n in params.many("expand") if n in G)[:50],
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
    size_by = params.one("size", "pagerank", MEASURES)
    colour_by = params.one("colour", "kind", COLOURS)
    group_by = params.one("group", "none", GROUPS)
    view = select(G, spec)
    span = years(G, view.edges)
    until = params.number("until", 0, 1000, 9999) or None
    nodes, edges = view.nodes, view.edges
    if until is not None:  # the slider's picture, computed by the same rule as the browser's
        nodes, edges = as_of(nodes, edges, until, spec.focus, G)
    placed = _layout(G, spec, view, mode)
    importance = acc.derived(
        f"importance:{spec}:{size_by}", lambda _G: measure(view.nodes, view.edges, size_by)
    )
    groups = acc.derived(f"communities:{spec}", lambda _G: communities(view.nodes, view.edges))
    drawn = set(nodes)
    kinds_shown = sorted({G.nodes[n].get("label") for n in nodes}, key=LABELS.index)
    counts = Counter(G.nodes[n].get("label") for n in nodes if n != home)
    return {
        "view": {
            "focus": spec.focus,
            "depth": spec.depth,
            "kinds": list(spec.kinds),
            "themes": list(spec.themes),
            "countries": list(spec.countries),
            "statuses": list(spec.statuses),
            "agreements": "links" if spec.collapse else "nodes",
            "collapse": spec.collapse,
            "limit": spec.cap,
            "layout": "server" if placed else "physics",
            "size": size_by,
            "colour": colour_by,
            "group": group_by,
            "until": until,
            "expand": list(spec.expand),
        },
        "focus": summary(G, spec.focus) if spec.focus else None,
        "home": home,
        "shown": len(nodes),
        "total": view.total,
        "capped": view.total > len(view.nodes),
        "years": span,
        "graph": network_data(
            G,
            nodes,
            edges,
            focus=spec.focus,
            home=home,
            positions=placed,
            importance=importance,
            community=groups,
            colour_by=colour_by,
        ),
        "legend": legend(kinds_shown, home=home in drawn, counts=dict(counts)),
        "communities": community_legend(
            G, {n: g for n, g in groups.items() if n in drawn}, importance
        ),
        "measure": size_by,
        "filters": acc.derived(f"filters:{lang()}", filter_choices),
    }
