"""One entity: ``/entity/<id>`` and ``/entity/<id>.json``.

Everything known about it: its properties, every tie (with dates, status, role,
source and confidence), the timeline of its agreements, its events and themes,
the sources of the record, and synergy suggestions for actors.

The page's data is built once per graph version, entity, language and day, and
kept (:meth:`web.store.GraphAccess.memo`): staff revisit the same entities, and
an edit of the graph makes a new version, so a kept page never outlives it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from flask import Blueprint, request

from graph.accounts.permissions import READ
from web import insights
from web.auth import requires
from web.i18n import lang, parse_date
from web.present import aliases, edge_facts, entity_props, sources, summary
from web.store import access
from web.twin import page
from web.vocab import relation

bp = Blueprint("entity", __name__)

#: Most ties listed on one page (a theme or a country can have thousands).
TIES_MAX = 400
#: Relationship types in the order the page lists them.
TIE_ORDER = (
    "PARTY_TO",
    "MEMBER_OF",
    "PARTNER_IN",
    "STAKEHOLDER_OF",
    "PARTICIPATED_IN",
    "PART_OF",
    "HAS_THEME",
    "LOCATED_IN",
)


def _sort_date(value: Any) -> str:
    parsed = parse_date(value)
    return parsed[0].isoformat() if parsed else "9999"


def ties(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """Every relation of ``id``, from its side: ``{type, outgoing, verb, other, facts, sources}``."""
    rows = []
    for u, v, key, props in [
        *G.out_edges(id, keys=True, data=True),
        *G.in_edges(id, keys=True, data=True),
    ]:
        outgoing = u == id
        other = v if outgoing else u
        rows.append(
            {
                "type": key,
                "outgoing": outgoing,
                "verb": relation(key, outgoing),
                "other": summary(G, other),
                "facts": edge_facts(props),
                "sources": sources(props),
                "confidence": props.get("confidence"),
            }
        )
    order = {t: i for i, t in enumerate(TIE_ORDER)}
    rows.sort(key=lambda r: (order.get(r["type"], 99), not r["outgoing"], r["other"]["display"]))
    return rows


def agreements(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """The agreements ``id`` is party to (or, for an agreement, itself), oldest first."""
    label = G.nodes[id].get("label")
    ids = (
        [id]
        if label == "Agreement"
        else [a for a in G.successors(id) if G.has_edge(id, a, "PARTY_TO")]
    )
    out = []
    for a in ids:
        attrs = G.nodes[a]
        parties = [
            summary(G, p) for p in G.predecessors(a) if p != id and G.has_edge(p, a, "PARTY_TO")
        ]
        out.append(
            {
                **summary(G, a),
                "type": attrs.get("type"),
                "status": attrs.get("status"),
                "signed_on": attrs.get("signed_on"),
                "council_decision": attrs.get("council_decision"),
                "notes": attrs.get("notes"),
                "parties": parties,
            }
        )
    out.sort(key=lambda a: (_sort_date(a["signed_on"]), a["display"]))
    return out


def events(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """Events ``id`` took part in, newest first."""
    found = [e for e in G.successors(id) if G.nodes[e].get("label") == "Event"]
    rows = [
        {**summary(G, e), "date": G.nodes[e].get("date"), "type": G.nodes[e].get("type")}
        for e in found
    ]
    rows.sort(key=lambda e: _sort_date(e["date"]), reverse=True)
    return rows


def themes(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    rows = [
        {**summary(G, t), "kind": props.get("kind"), "weight": props.get("weight")}
        for _, t, key, props in G.out_edges(id, keys=True, data=True)
        if key == "HAS_THEME"
    ]
    rows.sort(key=lambda t: (t["kind"] != "priority", t["display"]))
    return rows


@page(bp, "/entity/<id>", "entity.html")
@requires(READ)
def entity(id: str) -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    acc.node(id, G)  # EntityNotFound (404) for an unknown id
    key = ("entity", id, lang(), request.script_root, date.today())
    return dict(acc.memo(key, lambda G: entity_data(G, id), G))


def entity_data(G: nx.MultiDiGraph, id: str) -> dict[str, Any]:
    """Everything the entity page shows about ``id`` (in the chosen language)."""
    acc = access()
    attrs = G.nodes[id]
    all_ties = ties(G, id)
    label = attrs.get("label")
    return {
        "entity": {
            **summary(G, id),
            "aliases": aliases(attrs),
            "properties": entity_props(attrs),
            "sources": sources(attrs),
            "confidence": attrs.get("confidence"),
            "updated_at": attrs.get("updated_at"),
            "is_home": id == acc.home(),
        },
        "ties": all_ties[:TIES_MAX],
        "ties_total": len(all_ties),
        "agreements": agreements(G, id) if label in ("City", "Organization", "Agreement") else [],
        "events": events(G, id),
        "themes": themes(G, id),
        "suggestions": insights.suggestions(G, id, limit=5)
        if label in insights.FOCUS_KINDS
        else [],
    }
