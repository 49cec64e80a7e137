"""Partners on a world map: ``/map`` and ``/map.json``.

The map is drawn by Leaflet over the vendored world-atlas country shapes (no tile
server). The JSON holds the focus city (default: home), each partner city with
its coordinates and the ties behind it, and one arc per partner: a curved line
computed here (:func:`arc`), so the browser only draws.

Parameters: ``focus`` (a city id), ``tie`` (``agreement``, ``project``,
``network``; default agreements and projects).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, url_for
from flask_babel import lazy_gettext as _l

from graph.accounts.permissions import READ
from graph.errors import InvalidData
from graph.reference.city_resolver import is_reference
from web import params
from web.auth import requires
from web.geo import coords
from web.present import summary
from web.search import asked, pick
from web.store import access
from web.twin import page
from web.vocab import term

bp = Blueprint("maps", __name__)

TIE_KINDS = ("agreement", "project", "network")
DEFAULT_TIES = ("agreement", "project")
#: Most partner cities drawn (network co-members can be many).
POINTS_MAX = 600
#: Which tie decides the colour of a partner's arc, strongest first.
STRENGTH = ("sister_city", "cooperation_protocol", "mou", "letter_of_intent", "project", "network")
#: Colour of each kind of tie on the map (arcs and markers).
#: Legend words of the ties that are not agreement types.
TIE_WORDS = {"project": _l("shared project"), "network": _l("shared network")}
TIE_COLOURS = {
    "sister_city": "#b91c1c",
    "cooperation_protocol": "#ea580c",
    "mou": "#d97706",
    "letter_of_intent": "#a16207",
    "project": "#0891b2",
    "network": "#16a34a",
}


def arc(
    a: tuple[float, float], b: tuple[float, float], steps: int = 24, bend: float = 0.2
) -> list[list[float]]:
    """A curved line from ``a`` to ``b`` (lat, lon): a quadratic Bézier bent to the left.

    >>> line = arc((36.9, 30.7), (49.5, 11.1))
    >>> line[0], line[-1], len(line)
    ([36.9, 30.7], [49.5, 11.1], 25)
    """
    (y1, x1), (y2, x2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    cx, cy = mx - dy * bend, my + dx * bend
    out = []
    for i in range(steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2
        y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2
        out.append([round(y, 4), round(x, 4)])
    return out


def _via(G: nx.MultiDiGraph, through: str, link: str, kind: str, focus: str, public: bool):
    for x in G.successors(focus):
        if not public and is_reference(G.nodes[x]):
            continue  # the public reference layer, unless asked for
        if G.has_edge(focus, x, link) and G.nodes[x].get("label") == through:
            for p in G.predecessors(x):
                if p != focus and G.has_edge(p, x, link):
                    attrs = G.nodes[x]
                    code = attrs.get("type") if kind == "agreement" else kind
                    yield p, {**summary(G, x), "tie": code, "status": attrs.get("status")}


def partners(
    G: nx.MultiDiGraph, focus: str, ties: tuple[str, ...], public: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """partner id -> the agreements, projects and networks shared with ``focus`` (with the
    public reference layer's twinnings when ``public``)."""
    found: dict[str, list[dict[str, Any]]] = {}
    sources = {
        "agreement": ("Agreement", "PARTY_TO"),
        "project": ("Project", "PARTNER_IN"),
        "network": ("Network", "MEMBER_OF"),
    }
    for kind in ties:
        through, link = sources[kind]
        for p, via in _via(G, through, link, kind, focus, public):
            if G.nodes[p].get("label") in ("City", "Organization"):
                found.setdefault(p, []).append(via)
    return found


@page(bp, "/map", "map.html")
@requires(READ)
def world_map() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    focus = pick("focus") if asked("focus") else acc.home()
    if focus is not None and G.nodes[focus].get("label") not in ("City", "Organization"):
        raise InvalidData(
            "the map is drawn around a city or an organisation",
            hint="choose a city, or leave the field empty for the home city",
        )
    ties = params.many("tie", TIE_KINDS) or DEFAULT_TIES
    origin = coords(G, focus) if focus else None
    points, arcs, missing = [], [], []
    public = params.flag("reference")
    found = partners(G, focus, ties, public) if focus else {}
    rank = {code: i for i, code in enumerate(STRENGTH)}
    for p in sorted(found, key=lambda p: (min(rank.get(v["tie"], 9) for v in found[p]), p))[
        :POINTS_MAX
    ]:
        where = coords(G, p)
        vias = sorted(found[p], key=lambda v: rank.get(v["tie"], 9))
        entry = {**summary(G, p), "ties": vias}
        if where is None:
            missing.append(entry)
            continue
        points.append({**entry, "lat": where[0], "lon": where[1]})
        if origin:
            arcs.append(
                {
                    "to": p,
                    "tie": vias[0]["tie"],
                    "status": vias[0]["status"],
                    "points": arc(origin, where),
                }
            )
    return {
        "focus": {**summary(G, focus), "lat": origin[0], "lon": origin[1]}
        if focus and origin
        else (summary(G, focus) if focus else None),
        "ties": list(ties),
        "reference": public,
        "points": points,
        "arcs": arcs,
        "missing": missing,
        "partners": len(found),
        "legend": [
            {"tie": code, "label": str(TIE_WORDS.get(code) or term(code)), "colour": colour}
            for code, colour in TIE_COLOURS.items()
        ],
        "shapes": url_for("static", filename="vendor/world-atlas/countries-110m.json"),
    }
