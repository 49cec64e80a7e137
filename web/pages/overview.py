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
from graph.errors import EntityNotFound
from graph.model import LABELS
from graph.plan.cards import plan_cards
from graph.plan.view import plan_ids
from graph.reference.city_resolver import is_reference
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
    agreements = [  # ours: the public reference layer is not the department's record
        G.nodes[a]
        for a in G.successors(home)
        if G.has_edge(home, a, "PARTY_TO") and not is_reference(G.nodes[a])
    ]
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
    """Entities per kind (the department's records), with the statuses of agreements and
    projects, and how many more the public reference layer adds (``reference``)."""
    by_kind: dict[str, Counter] = {k: Counter() for k in LABELS}
    public: Counter = Counter()
    for _, d in G.nodes(data=True):
        label = d.get("label")
        if label not in by_kind:
            continue
        if is_reference(d):
            public[label] += 1
        else:
            by_kind[label][d.get("status") or ""] += 1
    return [
        {
            "kind": k,
            "count": sum(c.values()),
            "reference": public[k],
            "statuses": {s: n for s, n in c.most_common() if s},
        }
        for k, c in by_kind.items()
    ]


def relation_counts(G: nx.MultiDiGraph) -> tuple[int, int]:
    """(the department's relations, those of the public reference layer)."""
    public = sum(1 for _, _, d in G.edges(data=True) if is_reference(d))
    return G.number_of_edges() - public, public


def plan_card_data(G: nx.MultiDiGraph, home: str, months: int) -> dict[str, Any] | None:
    """The plan's four cards (:func:`graph.plan.cards.plan_cards`) with links; None without a plan."""
    if not plan_ids(G):
        return None
    try:
        cards = plan_cards(G, home=home, months=months)
    except EntityNotFound:
        return None
    for items in cards.values():
        for item in items:
            item["link"] = summary(G, item["id"])
            if "activity" in item:
                item["activity"]["link"] = summary(G, item["activity"]["id"])
    return cards


@page(bp, "/", "overview.html")
@requires(READ)
def overview() -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    home = acc.home()
    ours, public = acc.derived("relation-counts", relation_counts)
    data: dict[str, Any] = {
        "home": summary(G, home) if home else None,
        "counts": graph_counts(G),
        "relations": ours,
        "relations_reference": public,
        "home_ties": home_ties(G, home) if home else [],
        "events": recent_events(G),
        "dormant": [],
        "suggestions": [],
        "themes": None,
        "plan_cards": None,
    }
    if home:
        months = acc.settings["DIPLOMAP_DORMANT_MONTHS"]
        dormant = insights.dormant_ties(G, months, home)
        data["dormant"] = dormant[:DORMANT_SHOWN]
        data["dormant_total"] = len(dormant)
        data["dormant_months"] = months
        data["suggestions"] = insights.suggestions(G, home, limit=5, home=home)
        data["themes"] = insights.theme_coverage(G, home)
        data["plan_cards"] = plan_card_data(G, home, months)
    return data
