"""The eight questions of DESIGN.md, answered on the networkx projection of any store.

Each answer is a table (columns, rows of cells), the saved Cypher query that gives the same
answer on Neo4j (checked by tests/test_questions.py), and, when the table is empty, a
sentence that says why and what to import. A cell is text, a number, or an entity
(``{"id", "name"}``) that the page shows as a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from flask_babel import lazy_gettext as _l

from graph.analysis.dormant import dormant
from graph.analysis.paths import shortest_paths
from graph.analysis.peers import peer_networks
from graph.analysis.questions import eligible_partners, partner_candidates
from graph.analysis.questions import sister_cities_in_our_networks as our_sisters_in_networks
from graph.synergy.gaps import gaps
from graph.synergy.stakeholders import stakeholders_for
from web.present import summary


def entity(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """A cell that links to an entity page (``name`` is the name in the user's language)."""
    if node not in G:
        return {"id": node, "name": node, "display": node, "url": None}
    found = summary(G, node)
    return found | {"name": found["display"]}


@dataclass
class Question:
    number: int
    text: Any  # lazy text: the question, in the user's language
    query: str  # the saved query in cypher/ that answers it on Neo4j
    columns: tuple[Any, ...]
    empty: Any  # why an empty answer is empty, and what to do
    answer: Callable[..., list[list[Any]]]


def _q1(G: nx.MultiDiGraph, home: str, **_: Any) -> list[list[Any]]:
    return [
        [entity(G, r["city"]), r["country"], [entity(G, n) for n in r["networks"]]]
        for r in our_sisters_in_networks(G, home)
    ]


def _q2(G: nx.MultiDiGraph, home: str, **_: Any) -> list[list[Any]]:
    return [
        [
            entity(G, r["city"]),
            r["country"],
            [entity(G, t) for t in r["shared_themes"]],
            [entity(G, n) for n in r["shared_networks"]],
            r["score"],
        ]
        for r in partner_candidates(G, home)
    ]


REASONS = {
    "inactive": _l("no recorded activity"),
    "status": _l("marked dormant"),
    "undated": _l("no date recorded"),
}


def _q3(G: nx.MultiDiGraph, home: str, **_: Any) -> list[list[Any]]:
    rows = []
    for tie in dormant(G, home=home):
        parties = [p["id"] for p in tie.to_dict()["parties"]]
        if home in parties:  # our agreements only
            d = tie.to_dict()
            reason = str(REASONS.get(d["reason"], d["reason"]))
            rows.append([entity(G, d["id"]), d["last_activity"] or "–", d["months"], reason])
    return rows


def _q4(G: nx.MultiDiGraph, home: str, network: str | None = None, **_: Any) -> list[list[Any]]:
    if not network:
        return []
    return [
        [entity(G, m.id), m.kind, round(100 * m.score), [entity(G, s["id"]) for s in m.shared]]
        for m in stakeholders_for(G, network, home)
    ]


def _q5(G: nx.MultiDiGraph, home: str, to: str | None = None, **_: Any) -> list[list[Any]]:
    if not to or to not in G:
        return []
    return [
        [p.hops, [entity(G, n["id"]) for n in p.to_dict()["nodes"]]]
        for p in shortest_paths(G, home, to)
    ]


def _q6(G: nx.MultiDiGraph, home: str, **_: Any) -> list[list[Any]]:
    return [
        [entity(G, p.id), round(p.score, 2), [entity(G, x["id"]) for x in p.to_dict()["peers"]]]
        for p in peer_networks(G, home)
    ]


def _q7(G: nx.MultiDiGraph, home: str, programme: str = "eu", **_: Any) -> list[list[Any]]:
    return [
        [entity(G, r["city"]), r["country"], [entity(G, t) for t in r["ties"]]]
        for r in eligible_partners(G, programme, home=home)
    ]


def _q8(G: nx.MultiDiGraph, home: str, **_: Any) -> list[list[Any]]:
    return [
        [
            entity(G, g.id),
            [entity(G, c.id) for c in g.candidates],
            [entity(G, n["id"]) for n in g.networks],
        ]
        for g in gaps(G, home, limit=3)
    ]


QUESTIONS = (
    Question(1, _l("Which of our sister cities are also in networks we belong to?"),
             "sister_cities_in_our_networks", (_l("City"), _l("Country"), _l("Shared networks")),
             _l("None of our sister cities has a recorded membership in one of our networks: "
                "import the memberships of our sister cities (memberships sheet)."), _q1),
    Question(2, _l("Which cities share our priority themes and sit in our networks, but have no "
                   "agreement with us yet?"),
             "partner_candidates",
             (_l("City"), _l("Country"), _l("Shared themes"), _l("Shared networks"), _l("Score")),
             _l("No city in our networks has recorded themes that match our priority themes: "
                "import the themes of the cities in our networks (themes column)."), _q2),
    Question(3, _l("Which of our agreements are dormant (no recorded activity for two years)?"),
             "dormant_agreements",
             (_l("Agreement"), _l("Last activity"), _l("Months quiet"), _l("Reason")),
             _l("Every agreement of ours has recorded activity in the last two years."), _q3),
    Question(4, _l("Which local stakeholders work on the themes of a network, so we can involve "
                   "them?"),
             "stakeholders_for_network",
             (_l("Organisation"), _l("Kind"), _l("Match %"), _l("Shared themes")),
             _l("No stakeholder of ours works on this network's themes: import stakeholders "
                "with their themes (stakeholders sheet)."), _q4),
    Question(5, _l("How are we connected to a city (shortest paths, through whom)?"),
             "shortest_paths", (_l("Steps"), _l("Path")),
             _l("No path leads there: the city has no recorded tie to any of our partners."),
             _q5),
    Question(6, _l("Which networks do peer metropolitan municipalities belong to that we do "
                   "not?"),
             "peer_networks", (_l("Network"), _l("Score"), _l("Peers in it")),
             _l("No peer municipality has recorded memberships in a network we are not in: "
                "import the peers' memberships (data/peers shows how)."), _q6),
    Question(7, _l("Which candidate partners are eligible for a funding programme?"),
             "eligible_partners", (_l("City"), _l("Country"), _l("Our ties with it")),
             _l("No recorded city is in a country eligible for this programme."), _q7),
    Question(8, _l("Which themes of our plan have no international partner yet?"),
             "theme_gaps", (_l("Theme"), _l("Candidates"), _l("Our networks on it")),
             _l("Every priority theme of ours has a live partner."), _q8),
)  # fmt: skip


def answer(question: Question, G: nx.MultiDiGraph, home: str, **params: Any) -> list[list[Any]]:
    """The rows that answer ``question`` on ``G`` for ``home``."""
    return question.answer(G, home, **params)
