"""The plan meets the network: for each activity and each plan theme without a partner, the
synergy candidates for its themes, the networks that work on them, the local stakeholders
to involve (DESIGN question 4) and the funding programmes within reach.

An activity's partners are its contributing cities (other than home) and networks, and the
parties and partners of the agreements and projects it is linked to. A plan theme has a
partner when an activity on it (or on a narrower theme) has one.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> G.add_node("plan-up", label="Plan", name="UP", period_start=2024, period_end=2029)
>>> G.add_node("activity-energy", label="Activity", name="Energy week", status="planned")
>>> _ = G.add_edge("activity-energy", "plan-up", key="ACTIVITY_OF")
>>> _ = G.add_edge("activity-energy", "theme-clean-energy", key="HAS_THEME")
>>> (need,) = [n for n in partner_needs(G, "plan-up", today="2025-01-01") if n.kind == "activity"]
>>> need.name, [c["name"] for c in need.candidates][:2], [p["id"] for p in need.funding][:1]
('Energy week', ['Austin', 'ICLEI'], ['ipa'])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today
from graph.analysis.tiegraph import index
from graph.home import home_city
from graph.plan.activities import ActivityView, plan_activities
from graph.reference.countries import PROGRAMMES, eligibility_table
from graph.synergy.ranking import suggest
from graph.synergy.stakeholders import stakeholders_for

#: The funding programmes of the country table, by the flag that marks a country's part in them.
PROGRAMME_NAMES = {
    "eu": ("EU programmes open to member states", "AB üye devletlerine açık programlar"),
    "ipa": ("IPA (Instrument for Pre-accession Assistance)", "IPA (Katılım Öncesi Yardım Aracı)"),
    "next-med": ("Interreg NEXT MED", "Interreg NEXT MED"),
}


@dataclass
class PartnerNeed:
    """An activity or plan theme without a partner, and who and what could help."""

    id: str
    kind: str  # activity or theme
    name: str
    name_tr: str | None
    themes: list[dict[str, Any]]
    candidates: list[dict[str, Any]] = field(default_factory=list)
    networks: list[dict[str, Any]] = field(default_factory=list)
    stakeholders: list[dict[str, Any]] = field(default_factory=list)
    funding: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This PartnerNeed as plain data for JSON twins."""
        return asdict(self)


def activity_partners(G: nx.MultiDiGraph, activity: ActivityView, home: str) -> list[str]:
    """The partners of ``activity``: contributing cities (not home) and networks, and the
    other parties and partners of its linked agreements and projects.

    Parameters
    ----------
    G : the networkx projection of the store.
    activity : the activity.
    home : the home city's id.
    """
    found = {p["id"] for p in activity.partners if p["id"] != home}
    for link in activity.links:
        if link["label"] in ("Agreement", "Project"):
            rtype = "PARTY_TO" if link["label"] == "Agreement" else "PARTNER_IN"
            found |= {p for p, _, k in G.in_edges(link["id"], keys=True) if k == rtype}
    found.discard(home)
    return sorted(found)


def funding_for(G: nx.MultiDiGraph, home: str, themes: set[str]) -> list[dict[str, Any]]:
    """Funding within reach for work on ``themes``: the programmes of the country table the
    home country takes part in, then the programmes that fund recorded projects on these
    themes (most projects first).

    Parameters
    ----------
    G : the networkx projection of the store.
    home : the home city's id.
    themes : theme ids (with their narrower themes).
    """
    country = G.nodes[home].get("country")
    flags = eligibility_table().get(str(country), {})
    out = [
        {"id": p, "name": PROGRAMME_NAMES[p][0], "name_tr": PROGRAMME_NAMES[p][1], "projects": []}
        for p, flag in PROGRAMMES.items()
        if flags.get(flag)
    ]
    seen: dict[str, list[str]] = {}
    for project, data in G.nodes(data=True):
        if data.get("label") != "Project" or not data.get("programme"):
            continue
        held = {t for _, t, k in G.out_edges(project, keys=True) if k == "HAS_THEME"}
        if held & themes:
            seen.setdefault(str(data["programme"]), []).append(project)
    for name, projects in sorted(seen.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append({"id": None, "name": name, "name_tr": None, "projects": sorted(projects)})
    return out


def _need(
    G: nx.MultiDiGraph,
    node: str,
    kind: str,
    themes: list[str],
    home: str,
    today: date,
    limit: int,
    memo: dict[str, Any],
) -> PartnerNeed:
    idx = index(G)
    data = G.nodes[node]
    need = PartnerNeed(
        node,
        kind,
        str(data.get("name") or data.get("name_en") or node),
        data.get("name_tr"),
        [{"id": t, "name": idx.name(t), "name_tr": G.nodes[t].get("name_tr")} for t in themes],
    )
    best: dict[str, dict[str, Any]] = {}
    raw: dict[str, float] = {}
    for theme in themes:
        if theme not in memo:
            memo[theme] = suggest(G, theme, limit=limit, today=today, home=home)
        for s in memo[theme]:
            if s.id not in best or s.score > raw[s.id]:
                raw[s.id] = s.score
                best[s.id] = {
                    "id": s.id,
                    "label": s.label,
                    "name": s.name,
                    "name_tr": s.name_tr,
                    "country": s.country,
                    "score": round(s.score, 4),
                    "theme": theme,
                    # its own reasons, not the sentence of the group folded under it
                    "reasons": {
                        lang: s.reasons[lang][1 if s.group else 0 :][:2] for lang in ("en", "tr")
                    },
                    "reference": s.reference,
                }
    # Best score first; ties keep the ranking's own order (stable sort).
    need.candidates = sorted(best.values(), key=lambda c: -raw[c["id"]])[:limit]
    family = set().union(*(idx.descendants(t) for t in themes)) if themes else set()
    mine = idx.networks_of.get(home, {})
    need.networks = sorted(
        (
            {"id": n, "name": idx.name(n), "member": n in mine}
            for n, label in idx.label.items()
            if label == "Network" and family & idx.own.get(n, {}).keys()
        ),
        key=lambda n: (not n["member"], n["name"].casefold()),
    )
    people: dict[str, dict[str, Any]] = {}
    for theme in themes:
        for m in stakeholders_for(G, theme, home):
            if m.id not in people or m.score > people[m.id]["score"]:
                people[m.id] = {
                    "id": m.id,
                    "name": m.name,
                    "name_tr": m.name_tr,
                    "kind": m.kind,
                    "score": m.score,
                }
    need.stakeholders = sorted(people.values(), key=lambda p: (-p["score"], p["name"]))[:limit]
    need.funding = funding_for(G, home, family)
    return need


def partner_needs(
    G: nx.MultiDiGraph,
    plan: str,
    *,
    home: str | None = None,
    today: date | str | None = None,
    limit: int = 5,
) -> list[PartnerNeed]:
    """The activities of ``plan`` that are not closed and have no partner, then the plan
    themes that no activity with a partner works on, each with who and what could help.

    Parameters
    ----------
    G : the networkx projection of the store.
    plan : the id of a ``Plan`` node.
    home : the home city's id (default :func:`graph.home.home_city`).
    today : the date suggestions measure recent activity from (default today).
    limit : most candidates and stakeholders listed for each.
    """
    home = home_city(G, home)
    day = as_today(today)
    activities = plan_activities(G, plan, day)
    memo: dict[str, Any] = {}
    out, partnered = [], set()
    for activity in activities:
        within = {t["id"] for t in activity.themes} | {
            w for t in activity.themes for w in t.get("within", ())
        }
        if activity_partners(G, activity, home):
            partnered |= within
            continue
        if activity.status in ("done", "cancelled"):
            continue
        themes = [t["id"] for t in activity.themes]
        out.append(_need(G, activity.id, "activity", themes, home, day, limit, memo))
    plan_themes = sorted(t for _, t, k in G.out_edges(plan, keys=True) if k == "HAS_THEME")
    for theme in plan_themes:
        if theme not in partnered:
            out.append(_need(G, theme, "theme", [theme], home, day, limit, memo))
    return out
