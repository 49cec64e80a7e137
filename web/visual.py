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

from web.i18n import display_name
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


def _size(G: nx.MultiDiGraph, n: str) -> float:
    return round(min(40.0, 9.0 + 3.0 * math.sqrt(G.degree(n))), 1)


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
) -> dict[str, Any]:
    """``{"nodes", "edges", "options"}`` for vis-network, built with pyvis."""
    net = Network(directed=True)
    for n in nodes:
        attrs = G.nodes[n]
        label = attrs.get("label", "")
        colour, shape = KIND_STYLE.get(label, ("#475569", "dot"))
        extra: dict[str, Any] = {}
        if positions and n in positions:
            extra.update(x=positions[n][0], y=positions[n][1], physics=False)
        if n in (focus, home):
            extra.update(borderWidth=3, font={"size": 16, "bold": True})
        net.add_node(
            n,
            label=short(display_name(attrs) or n),
            title=node_tooltip(G, n),
            shape=shape,
            size=_size(G, n) + (6 if n in (focus, home) else 0),
            color=HOME_COLOUR if n == home else colour,
            kind=label,
            name=display_name(attrs) or n,
            country=attrs.get("country"),
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
            width=2.5 if e["type"] == AGREEMENT_TIE else 1.2,
            arrows={"to": {"enabled": False}} if e["type"] == AGREEMENT_TIE else None,
        )
    for e in net.edges:  # pyvis adds arrows="to" to every directed edge
        if e.get("arrows") is None:
            del e["arrows"]
    large = bool(positions)
    return {"nodes": net.nodes, "edges": net.edges, "options": options(not large, large)}


def legend(kinds: list[str], home: bool = True) -> list[dict[str, str]]:
    """``[{kind, label, colour, shape}]`` for the kinds in a view (and the home city)."""
    out = [
        {"kind": k, "label": kind_word(k), "colour": KIND_STYLE[k][0], "shape": KIND_STYLE[k][1]}
        for k in kinds
        if k in KIND_STYLE
    ]
    if home:
        out.insert(
            0, {"kind": "home", "label": str(term("home")), "colour": HOME_COLOUR, "shape": "dot"}
        )
    return out
