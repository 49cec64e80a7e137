"""Network drawings as data: nodes, edges and options built with pyvis, drawn by vis-network.

pyvis builds the node and edge dicts and the vis options; the page never uses
pyvis' own HTML template (it loads vis-network and Bootstrap from CDNs). The
project's template passes ``{"nodes", "edges", "options"}`` to the vendored
vis-network as JSON (``|tojson`` in a ``type="application/json"`` block).

Tooltips (``title``) are plain text: vis-network 10 shows a string title with
``innerText``, so a name like ``<img onerror=…>`` is shown, never parsed.
Kinds have a colour and a shape here, the only place they are defined; the
legend and the side panel read them from the same data.
"""

from __future__ import annotations

import json
import math
from typing import Any

import networkx as nx
from flask_babel import ngettext
from pyvis.network import Network

from graph.reference.countries import country_name
from web.i18n import display_name, lang
from web.selection import AGREEMENT_TIE
from web.vocab import kind as kind_word
from web.vocab import relation, term

#: kind -> (colour, vis shape)
KIND_STYLE: dict[str, tuple[str, str]] = {
    "City": ("#2563eb", "dot"),
    "Network": ("#16a34a", "diamond"),
    "Organization": ("#7c3aed", "square"),
    "Agreement": ("#ea580c", "triangle"),
    "Project": ("#0891b2", "hexagon"),
    "Theme": ("#ca8a04", "star"),
    "Country": ("#64748b", "box"),
    "Event": ("#db2777", "triangleDown"),
}
HOME_COLOUR = "#b91c1c"

EDGE_COLOUR: dict[str, str] = {
    "MEMBER_OF": "#16a34a",
    "PARTY_TO": "#ea580c",
    AGREEMENT_TIE: "#ea580c",
    "PARTNER_IN": "#0891b2",
    "HAS_THEME": "#d4b106",
    "STAKEHOLDER_OF": "#7c3aed",
    "PART_OF": "#94a3b8",
    "LOCATED_IN": "#94a3b8",
    "PARTICIPATED_IN": "#db2777",
}
#: Statuses drawn dashed: the tie exists on paper but is not alive.
QUIET = {"dormant", "expired", "inactive", "lapsed", "planned", "cancelled", "applied"}
LABEL_MAX = 28


def short(text: str, limit: int = LABEL_MAX) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> short("Covenant of Mayors for Climate & Energy (Europe / Türkiye)", 20)
    'Covenant of Mayors …'
    """
    return text if len(text) <= limit else text[: limit - 2].rstrip() + " …"


def node_tooltip(G: nx.MultiDiGraph, n: str) -> str:
    """Plain-text tooltip: name, kind and country, number of ties."""
    attrs = G.nodes[n]
    line2 = " · ".join(
        x
        for x in (
            kind_word(attrs.get("label", "")),
            attrs.get("country") or "",
            term(attrs.get("status")) if attrs.get("status") else "",
        )
        if x
    )
    ties = ngettext("%(num)s tie", "%(num)s ties", G.degree(n))
    return f"{display_name(attrs) or n}\n{line2}\n{ties}"


def edge_tooltip(G: nx.MultiDiGraph, edge: dict[str, Any]) -> str:
    """Plain-text tooltip of a tie: "A — member of — B", then its dates and status."""
    a, b, props = G.nodes[edge["from"]], G.nodes[edge["to"]], edge["props"]
    if edge["type"] == AGREEMENT_TIE:
        verb = term(props.get("type") or "Agreement")
        when = props.get("signed_on")
    else:
        verb, when = relation(edge["type"]), props.get("since")
    facts = [
        str(x)
        for x in (
            when,
            term(props.get("status")) if props.get("status") else None,
            term(props.get("role")) if props.get("role") else None,
        )
        if x
    ]
    head = f"{display_name(a) or edge['from']} — {verb} — {display_name(b) or edge['to']}"
    return head + ("\n" + " · ".join(facts) if facts else "")


#: Colours of communities 1-12 (Tableau 10 and two more); later ones share OTHER_COLOUR.
COMMUNITY_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#8c564b", "#bcbd22",
)  # fmt: skip
OTHER_COLOUR = "#94a3b8"
#: Labels drawn from the start (the most important entities); the browser adds more as
#: room allows and shows the rest on hover (see explore.js).
LABELS_FIRST = 30


def community_colour(index: int) -> str:
    """The colour of community ``index`` (0 = largest).

    >>> community_colour(0), community_colour(40)
    ('#4e79a7', '#94a3b8')
    """
    return COMMUNITY_COLOURS[index] if index < len(COMMUNITY_COLOURS) else OTHER_COLOUR


def _size(value: float, top: float) -> float:
    """Node size in pixels from a centrality ``value`` relative to the view's ``top``."""
    share = value / top if top > 0 else 0.0
    return round(9.0 + 27.0 * math.sqrt(max(share, 0.0)), 1)


def options(physics: bool, large: bool) -> dict[str, Any]:
    """vis options: pyvis' defaults set through its API, then interaction and fonts."""
    net = Network(directed=True)
    net.toggle_physics(physics)
    if physics:
        net.barnes_hut(
            gravity=-9000,
            central_gravity=0.25,
            spring_length=140,
            spring_strength=0.03,
            damping=0.4,
            overlap=0.2,
        )
    net.set_edge_smooth("continuous" if not large else "straightCross")
    opts = json.loads(net.options.to_json())
    opts["edges"]["smooth"]["enabled"] = not large  # straight lines draw fastest
    if physics:
        opts["physics"]["stabilization"].update(iterations=400, updateInterval=25, fit=True)
    opts["interaction"].update(
        hover=True,
        tooltipDelay=150,
        navigationButtons=False,
        keyboard={"enabled": True, "bindToWindow": False},
        hideEdgesOnDrag=large,
        hideEdgesOnZoom=large,
    )
    opts["nodes"] = {
        "font": {
            "size": 13,
            "face": "sans-serif",
            "color": "#1f2937",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
        "borderWidth": 1,
        "scaling": {"label": {"drawThreshold": 6}},
    }
    opts["edges"].update(
        width=1.2, selectionWidth=2, arrows={"to": {"enabled": True, "scaleFactor": 0.45}}
    )
    opts["layout"] = {"improvedLayout": not large, "randomSeed": 7}
    return opts


def network_data(
    G: nx.MultiDiGraph,
    nodes: list[str],
    edges: list[dict[str, Any]],
    *,
    focus: str | None = None,
    home: str | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    importance: dict[str, float] | None = None,
    community: dict[str, int] | None = None,
    colour_by: str = "kind",
) -> dict[str, Any]:
    """``{"nodes", "edges", "options"}`` for vis-network, built with pyvis.

    Sizes follow ``importance`` (a centrality per node; the number of ties when None);
    ``rank`` orders nodes by it (0 = most important) and the first
    :data:`LABELS_FIRST` carry ``labelled``. Colours follow the kind, or the
    ``community`` when ``colour_by="community"``; both colours travel with each node
    so the browser can switch without asking again. Ties carry their ``year``.
    """
    from web.timeline import tie_year

    importance = importance or {n: float(G.degree(n)) for n in nodes}
    top = max(importance.values(), default=0.0)
    ranked = sorted(nodes, key=lambda n: (n not in (focus, home), -importance.get(n, 0.0), n))
    rank = {n: i for i, n in enumerate(ranked)}
    net = Network(directed=True)
    for n in nodes:
        attrs = G.nodes[n]
        label = attrs.get("label", "")
        colour, shape = KIND_STYLE.get(label, ("#475569", "dot"))
        kind_colour = HOME_COLOUR if n == home else colour
        group = (community or {}).get(n, 0)
        extra: dict[str, Any] = {}
        if positions and n in positions:
            extra.update(x=positions[n][0], y=positions[n][1], physics=False)
        if n in (focus, home):
            extra.update(borderWidth=3, emphasis=True)
        net.add_node(
            n,
            label=short(display_name(attrs) or n),
            title=node_tooltip(G, n),
            shape=shape,
            size=_size(importance.get(n, 0.0), top) + (6 if n in (focus, home) else 0),
            color=community_colour(group) if colour_by == "community" else kind_colour,
            kindColour=kind_colour,
            groupColour=community_colour(group),
            community=group,
            importance=round(importance.get(n, 0.0), 6),
            rank=rank[n],
            labelled=rank[n] < LABELS_FIRST,
            kind=label,
            name=display_name(attrs) or n,
            country=attrs.get("country"),
            countryName=country_name(attrs["country"], lang()) if attrs.get("country") else None,
            font={"size": 13 if rank[n] < LABELS_FIRST else 0},
            **extra,
        )
    for i, e in enumerate(edges):
        props = e["props"]
        net.add_edge(
            e["from"],
            e["to"],
            id=f"{e['from']}|{e['type']}|{e['to']}|{e['agreement'] or i}",
            title=edge_tooltip(G, e),
            color=EDGE_COLOUR.get(e["type"], "#94a3b8"),
            dashes=props.get("status") in QUIET,
            type=e["type"],
            year=tie_year(G, e),
            width=2.5 if e["type"] == AGREEMENT_TIE else 1.2,
            arrows={"to": {"enabled": False}} if e["type"] == AGREEMENT_TIE else None,
        )
    for e in net.edges:  # pyvis adds arrows="to" to every directed edge
        if e.get("arrows") is None:
            del e["arrows"]
    large = bool(positions)
    return {"nodes": net.nodes, "edges": net.edges, "options": options(not large, large)}


def legend(
    kinds: list[str], home: bool = True, counts: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """``[{kind, label, colour, shape, count}]`` for the kinds in a view (and the home city)."""
    counts = counts or {}
    out: list[dict[str, Any]] = [
        {
            "kind": k,
            "label": kind_word(k),
            "colour": KIND_STYLE[k][0],
            "shape": KIND_STYLE[k][1],
            "count": counts.get(k, 0),
        }
        for k in kinds
        if k in KIND_STYLE
    ]
    if home:
        out.insert(
            0,
            {
                "kind": "home",
                "label": str(term("home")),
                "colour": HOME_COLOUR,
                "shape": "dot",
                "count": 1,
            },
        )
    return out


def community_legend(
    G: nx.MultiDiGraph, community: dict[str, int], importance: dict[str, float]
) -> list[dict[str, Any]]:
    """``[{group, label, colour, shape, count}]``: each community named by its most central member."""
    members: dict[int, list[str]] = {}
    for n, group in community.items():
        members.setdefault(group, []).append(n)
    out = []
    for group in sorted(members):
        best = max(members[group], key=lambda n: (importance.get(n, 0.0), n))
        out.append(
            {
                "group": group,
                "label": short(display_name(G.nodes[best]) or best, 22),
                "colour": community_colour(group),
                "shape": "dot",
                "count": len(members[group]),
            }
        )
    return out
