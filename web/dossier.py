"""The partner dossier: a briefing on one city, network or organisation, for the mayor or a delegation.

:func:`dossier` gathers, from the home city's side: who they are, our agreements with
them (dates, status), the events they took part in (with us or not), the networks and
projects we share, their other partners (and which of them are ours too), the open
synergy suggestions that involve them, and, when we have no tie with them, the answer
to a partnership request: the synergy parts of this one pair
(:func:`graph.synergy.pair.fit`), the two populations, and the peer municipalities that
already work with them (:func:`graph.analysis.peers.peers_working_with`).

Sources are gathered once, as numbered references (:class:`web.references.References`, as on
the entity pages); every item lists the numbers of its sources (``refs``). Internal notes
such as ``local copy: research/...`` are never shown (:func:`web.present.internal_path`).

The page (``/dossier/<id>``), its JSON twin and the PDF (:mod:`web.pdf`) show the same dict.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from flask_babel import lazy_gettext as _l

from graph.analysis.live import LIVE_AGREEMENT, LIVE_MEMBERSHIP
from graph.analysis.peers import peers_working_with
from graph.analysis.tiegraph import index
from graph.synergy.pair import fit, sizes
from graph.synergy.ranking import Suggestion, suggest
from web import insights
from web.i18n import lang, parse_date
from web.present import aliases, entity_props, safe_link, sources, summary
from web.references import References
from web.store import access
from web.vocab import term

#: The kinds of entity a dossier is written about.
KINDS = ("City", "Network", "Organization")
#: Most items of a long list (events, their partners) in a briefing.
LIST_MAX = 20
#: The suggestions for home counted as "open" (the first of the ranking).
OPEN_MAX = 50
#: Properties shown under "who they are", with their labels (others stay on the entity page).
PROP_LABELS = {
    "population": _l("Population"),
    "acronym": _l("Acronym"),
    "kind": _l("Kind of organisation"),
    "scope": _l("Scope"),
    "founded": _l("Founded"),
    "notes": _l("Notes"),
}


def _when(value: Any) -> str:
    parsed = parse_date(value)
    return parsed[0].isoformat() if parsed else "0000"


def agreements_with(G: nx.MultiDiGraph, home: str, other: str, refs: References) -> list[dict]:
    """The agreements both ``home`` and ``other`` are parties to, newest first."""
    found = [
        a
        for a in G.successors(other)
        if G.has_edge(other, a, "PARTY_TO") and G.has_edge(home, a, "PARTY_TO")
    ]
    rows = []
    for a in found:
        attrs = G.nodes[a]
        rows.append(
            {
                **summary(G, a),
                "type": attrs.get("type"),
                "type_text": term(attrs.get("type")),
                "status": attrs.get("status") or "active",
                "status_text": term(attrs.get("status") or "active"),
                "live": attrs.get("status") in LIVE_AGREEMENT,
                "signed_on": attrs.get("signed_on"),
                "council_decision": attrs.get("council_decision"),
                "notes": attrs.get("notes"),
                "refs": refs.cite(sources(attrs)),
            }
        )
    rows.sort(key=lambda r: (_when(r["signed_on"]), r["display"]), reverse=True)
    return rows


def membership(G: nx.MultiDiGraph, member: str, network: str, refs: References) -> dict | None:
    """``member``'s membership of ``network`` (since, status, role), or None."""
    data = G.get_edge_data(member, network, "MEMBER_OF")
    if data is None:
        return None
    return {
        "since": data.get("since"),
        "status": data.get("status") or "active",
        "status_text": term(data.get("status") or "active"),
        "role": data.get("role"),
        "role_text": term(data.get("role")) if data.get("role") else None,
        "refs": refs.cite(sources(data)),
    }


def shared_networks(G: nx.MultiDiGraph, home: str, other: str, refs: References) -> list[dict]:
    """Networks both are live members of (for a network: itself, when we are a member)."""
    idx = index(G)
    if idx.label.get(other) == "Network":
        ours = membership(G, home, other, refs)
        return [{**summary(G, other), "ours": ours, "theirs": None}] if ours else []
    rows = []
    mine, theirs = idx.networks_of.get(home, {}), idx.networks_of.get(other, {})
    for n in sorted(set(mine) & set(theirs), key=idx.name):
        if mine[n] in LIVE_MEMBERSHIP and theirs[n] in LIVE_MEMBERSHIP:
            rows.append(
                {
                    **summary(G, n),
                    "ours": membership(G, home, n, refs),
                    "theirs": membership(G, other, n, refs),
                }
            )
    return rows


def shared_projects(G: nx.MultiDiGraph, home: str, other: str, refs: References) -> list[dict]:
    """Projects both are partners in, with their roles, newest first."""
    idx = index(G)
    rows = []
    for p, partners in idx.partners.items():
        if home in partners and other in partners:
            attrs = G.nodes[p]
            ours = G.get_edge_data(home, p, "PARTNER_IN") or {}
            theirs = G.get_edge_data(other, p, "PARTNER_IN") or {}
            rows.append(
                {
                    **summary(G, p),
                    "status": attrs.get("status"),
                    "status_text": term(attrs.get("status")) if attrs.get("status") else "",
                    "start_date": attrs.get("start_date"),
                    "end_date": attrs.get("end_date"),
                    "programme": attrs.get("programme"),
                    "our_role": term(ours.get("role")) if ours.get("role") else "",
                    "their_role": term(theirs.get("role")) if theirs.get("role") else "",
                    "refs": refs.cite(sources(attrs)),
                }
            )
    rows.sort(key=lambda r: (_when(r["start_date"]), r["display"]), reverse=True)
    return rows


def activity(G: nx.MultiDiGraph, home: str | None, other: str, refs: References) -> dict:
    """Events ``other`` took part in, newest first; ``with_us`` when home took part too."""
    rows = []
    for e in G.successors(other):
        attrs = G.nodes[e]
        if attrs.get("label") != "Event":
            continue
        rows.append(
            {
                **summary(G, e),
                "date": attrs.get("date"),
                "type_text": term(attrs.get("type")) if attrs.get("type") else "",
                "with_us": bool(home) and other != home and G.has_edge(home, e, "PARTICIPATED_IN"),
                "refs": refs.cite(sources(attrs)),
            }
        )
    rows.sort(key=lambda r: (_when(r["date"]), r["display"]), reverse=True)
    return {"events": rows[:LIST_MAX], "total": len(rows)}


def their_partners(G: nx.MultiDiGraph, home: str | None, other: str) -> dict:
    """Their other partners (agreements and projects; members, for a network), ours first."""
    idx = index(G)
    if idx.label.get(other) == "Network":
        found = set(idx.members.get(other, set()))
    else:
        found = set(idx.ties[other]) if other in idx.ties else set()
    found.discard(home)
    ours = set(idx.ties[home]) if home in idx.ties else set()
    rows = [{**summary(G, p), "also_ours": p in ours} for p in found]
    rows.sort(key=lambda r: (not r["also_ours"], r["display"]))
    return {
        "partners": rows[:LIST_MAX],
        "total": len(rows),
        "common": sum(r["also_ours"] for r in rows),
    }


def ranking(G: nx.MultiDiGraph, home: str) -> list[Suggestion]:
    """Every partner suggestion for home, best first (kept per graph version and day)."""
    w = insights.weights()
    return access().memo(
        ("dossier-ranking", home, w, date.today()),
        lambda G: suggest(G, None, limit=None, home=home, weights=w, diverse=False),
        G,
    )


def open_suggestions(G: nx.MultiDiGraph, home: str, other: str) -> list[dict]:
    """Our open partner suggestions (the first :data:`OPEN_MAX`) that are reached through ``other``,
    or that are ``other`` itself when it has a tie with us (a network to join, say)."""
    rows = []
    for rank, s in enumerate(ranking(G, home)[:OPEN_MAX], 1):
        named = {e.get("id") for p in s.parts for e in p.evidence}
        named |= {n for p in s.parts for e in p.evidence for n in e.get("path", ())}
        named |= {
            e["via"].get("id")
            for p in s.parts
            for e in p.evidence
            if isinstance(e.get("via"), dict)
        }
        if other in named and s.id != other:
            row = insights.present(G, s, rank)
            names = {summary(G, other)["display"], index(G).name(other)}
            row["why"] = next(
                (r for r in row["reasons_text"] if any(n in r for n in names)),
                row["reasons_text"][0] if row["reasons_text"] else "",
            )
            rows.append(row)
    return rows[:5]


def own_rank(G: nx.MultiDiGraph, home: str, other: str) -> dict | None:
    """``{rank, candidates, score_100}`` when ``other`` itself is among our suggestions, else None."""
    ranked = ranking(G, home)
    for rank, s in enumerate(ranked, 1):
        if s.id == other:
            return {"rank": rank, "candidates": len(ranked), "score_100": round(s.score * 100)}
    return None


def request_answer(G: nx.MultiDiGraph, home: str, other: str) -> dict:
    """The answer to a partnership request from ``other``: how well they fit us, and who knows them."""
    found = insights.present(
        G, fit(G, other, home=home, weights=insights.weights(), today=date.today()), 1
    )
    found["score_100"] = round(found["score"] * 100)
    for p in found["parts"]:
        if p["name"] == "openness" and p["evidence"]:
            count = p["evidence"][0].get("ties", 0)
            p["evidence_text"] = [str(_l("Recorded partnerships: %(count)s", count=count))]
    ranked = ranking(G, home)
    found["rank"] = next((i for i, s in enumerate(ranked, 1) if s.id == other), None)
    found["candidates"] = len(ranked)
    peers = []
    for p in peers_working_with(G, other, home):
        via = [
            {
                **v,
                "status_text": term(v.get("status") or "active"),
                "display": str(_l("member"))
                if v.get("kind") == "membership"
                else summary(G, v["id"])["display"],
            }
            for v in p["via"]
        ]
        peers.append({**summary(G, p["id"]), "via": via})
    return {
        "fit": found,
        "sizes": sizes(G, home, other) if index(G).label.get(other) == "City" else None,
        "peers": peers,
    }


def dossier(G: nx.MultiDiGraph, id: str) -> dict[str, Any]:
    """Everything the dossier of ``id`` shows, in the chosen language (see the module docstring)."""
    attrs = G.nodes[id]
    home = access().home()
    refs = References()
    who = {
        **summary(G, id),
        "aliases": aliases(attrs),
        "properties": [
            {**p, "label": str(PROP_LABELS[p["key"]])}
            for p in entity_props(attrs)
            if p["key"] in PROP_LABELS
        ],
        "themes": sorted(
            (
                summary(G, t)["display"]
                for _, t, k in G.out_edges(id, keys=True)
                if k == "HAS_THEME"
            ),
        ),
        "refs": refs.cite(sources(attrs)),
        "website": safe_link(attrs.get("website")),
    }
    data: dict[str, Any] = {
        "entity": who,
        "home": summary(G, home) if home else None,
        "is_home": id == home,
        "language": lang(),
        "written_on": date.today().isoformat(),
        "agreements": [],
        "networks": [],
        "projects": [],
        "suggestions": [],
        "suggested": None,
        "request": None,
    }
    if home and id != home:
        data["agreements"] = agreements_with(G, home, id, refs)
        data["networks"] = shared_networks(G, home, id, refs)
        data["projects"] = shared_projects(G, home, id, refs)
        data["suggestions"] = open_suggestions(G, home, id)
        data["suggested"] = own_rank(G, home, id)
    data["activity"] = activity(G, home, id, refs)
    data["partners"] = their_partners(G, home, id)
    live = (
        any(a["live"] for a in data["agreements"])
        or any(p["status"] in (None, "", "active", "planned") for p in data["projects"])
        or bool(data["networks"])
    )
    # A tie of our own: an agreement or a shared project (for a network, our membership).
    # Sharing a network with a city is no tie yet: its request is answered, networks included.
    data["tied"] = bool(data["agreements"] or data["projects"]) or (
        attrs.get("label") == "Network" and bool(data["networks"])
    )
    data["live"] = live
    data["local"] = bool(home) and id in index(G).local.get(home, set())
    if (
        home
        and id != home
        and not data["tied"]
        and not data["local"]
        and attrs.get("label") in KINDS
    ):
        data["request"] = request_answer(G, home, id)
    data["references"] = refs.items()
    return data
