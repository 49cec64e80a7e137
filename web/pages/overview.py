"""The overview: ``/`` and ``/index.json``.

What the department looks at first: how many ties of each kind are recorded,
beside the official counts (data, not code: the home city's properties
``official_networks``, ``official_sister_cities`` and ``official_protocols``;
"–" when absent), recent events, dormant agreements, the top suggestions and the
coverage of the plan's priority themes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from flask import Blueprint

from graph.accounts.permissions import READ
from graph.model import LABELS
from web import insights
from web.auth import requires
from web.i18n import parse_date
from web.present import summary
from web.store import access
from web.twin import page

bp = Blueprint("overview", __name__)

PROTOCOL_TYPES = ("cooperation_protocol", "mou", "letter_of_intent")
RECENT_EVENTS = 8
DORMANT_SHOWN = 10


def home_ties(G: nx.MultiDiGraph, home: str) -> list[dict[str, Any]]:
    """Recorded ties of home by family, with status counts and the official count."""
    attrs = G.nodes[home]
    agreements = [G.nodes[a] for a in G.successors(home) if G.has_edge(home, a, "PARTY_TO")]
    memberships = [d for _, n, k, d in G.out_edges(home, keys=True, data=True) if k == "MEMBER_OF"]
    projects = [G.nodes[p] for p in G.successors(home) if G.has_edge(home, p, "PARTNER_IN")]

    def row(key: str, items: list[dict[str, Any]], official: str | None) -> dict[str, Any]:
        statuses = Counter(i.get("status") or "unknown" for i in items)
        return {
            "key": key,
            "recorded": len(items),
            "official": attrs.get(official) if official else None,
            "statuses": dict(statuses.most_common()),
        }

    return [
        row(
            "sister_cities",
            [a for a in agreements if a.get("type") == "sister_city"],
            "official_sister_cities",
        ),
        row(
            "protocols",
            [a for a in agreements if a.get("type") in PROTOCOL_TYPES],
            "official_protocols",
        ),
        row("networks", memberships, "official_networks"),
        row("projects", projects, None),
    ]


def recent_events(G: nx.MultiDiGraph, limit: int = RECENT_EVENTS) -> list[dict[str, Any]]:
    events = [
        (parse_date(d.get("date")), n) for n, d in G.nodes(data=True) if d.get("label") == "Event"
    ]
    events = sorted(((p[0], n) for p, n in events if p), reverse=True)[:limit]
    out = []
    for _, n in events:
        who = [
            summary(G, p)
            for p in G.predecessors(n)
            if G.nodes[p].get("label") in ("City", "Organization")
        ]
        out.append(
            {
                **summary(G, n),
                "date": G.nodes[n].get("date"),
                "type": G.nodes[n].get("type"),
                "participants": who[:4],
                "more": max(0, len(who) - 4),
            }
        )
    return out


def graph_counts(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Entities per kind, with the statuses of agreements and projects."""
    by_kind: dict[str, Counter] = {k: Counter() for k in LABELS}
    for _, d in G.nodes(data=True):
        label = d.get("label")
        if label in by_kind:
            by_kind[label][d.get("status") or ""] += 1
    return [
        {"kind": k, "count": sum(c.values()), "statuses": {s: n for s, n in c.most_common() if s}}
        for k, c in by_kind.items()
    ]


@page(bp, "/", "overview.html")
@requires(READ)
def overview() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    home = acc.home()
    data: dict[str, Any] = {
        "home": summary(G, home) if home else None,
        "counts": graph_counts(G),
        "relations": G.number_of_edges(),
        "home_ties": home_ties(G, home) if home else [],
        "events": recent_events(G),
        "dormant": [],
        "suggestions": [],
        "themes": None,
    }
    if home:
        months = acc.settings["DIPLOMAP_DORMANT_MONTHS"]
        dormant = insights.dormant_ties(G, months, home)
        data["dormant"] = dormant[:DORMANT_SHOWN]
        data["dormant_total"] = len(dormant)
        data["dormant_months"] = months
        data["suggestions"] = insights.suggestions(G, home, limit=5, home=home)
        data["themes"] = insights.theme_coverage(G, home)
    return data
