"""Computed indicators: named queries over the graph, evaluated on a date.

An :class:`~graph.model.Node` labelled ``Indicator`` may name one of :data:`NAMED_QUERIES`
in its ``query`` property instead of (or beside) recorded measurements. Each named query
is written twice, once over the networkx projection (the figure every backend shows) and
once in Cypher with ``$home``, ``$as_of`` and ``$words`` parameters (:func:`cypher_params`),
for a check or a report straight from Neo4j; ``tests/test_plan.py`` checks that both agree
on the sample.

Dates are compared as the graph stores them (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
as text: a record dated only by its year counts from the start of that year, and an
undated record counts on every date.

>>> from graph.analysis.example import example_graph
>>> evaluate(example_graph(), "sister_cities_active", as_of="2025-01-01")
1.0
>>> evaluate(example_graph(), "sister_cities_active", as_of="1990-01-01")
0.0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.analysis.dates import as_today
from graph.errors import InvalidData
from graph.home import home_city

#: Words of a project's ``programme`` that mark it as EU-funded (lower case, matched as text).
EU_PROGRAMME_WORDS: tuple[str, ...] = (
    "horizon",
    "interreg",
    "erasmus",
    "eu-funded",
    "eu funded",
    "urbact",
    "creative europe",
    "cosme",
    "ipa ",
    "life programme",
    "eu delegation",
)
COOPERATION_TYPES = ("cooperation_protocol", "mou", "letter_of_intent")


@dataclass(frozen=True)
class NamedQuery:
    """A computed indicator: its id, names in English and Turkish, unit, and both versions."""

    id: str
    name_en: str
    name_tr: str
    unit: str
    compute: Callable[[nx.MultiDiGraph, str, str], float]
    cypher: str


def _dated_by(value: object, as_of: str) -> bool:
    return value in (None, "") or str(value) <= as_of


def _home_agreements(G: nx.MultiDiGraph, home: str, types: tuple[str, ...], as_of: str) -> float:
    count = 0
    country = G.nodes[home].get("country")
    for _, agreement, key in G.out_edges(home, keys=True):
        data = G.nodes[agreement]
        if key != "PARTY_TO" or data.get("type") not in types or data.get("status") != "active":
            continue
        if not _dated_by(data.get("signed_on"), as_of):
            continue
        others = [
            p for p, _, k in G.in_edges(agreement, keys=True) if k == "PARTY_TO" and p != home
        ]
        if any(G.nodes[p].get("country") != country for p in others):
            count += 1
    return float(count)


def _sister_cities(G: nx.MultiDiGraph, home: str, as_of: str) -> float:
    return _home_agreements(G, home, ("sister_city",), as_of)


def _cooperation(G: nx.MultiDiGraph, home: str, as_of: str) -> float:
    return _home_agreements(G, home, COOPERATION_TYPES, as_of)


def _memberships(G: nx.MultiDiGraph, home: str, as_of: str) -> float:
    count = 0
    for _, network, key, data in G.out_edges(home, keys=True, data=True):
        if key != "MEMBER_OF" or data.get("status", "active") != "active":
            continue
        if G.nodes[network].get("scope") == "national" or not _dated_by(data.get("since"), as_of):
            continue
        count += 1
    return float(count)


def _eu_projects(G: nx.MultiDiGraph, home: str, as_of: str) -> list[str]:
    found = []
    for _, project, key in G.out_edges(home, keys=True):
        data = G.nodes[project]
        if key != "PARTNER_IN" or data.get("status") == "cancelled":
            continue
        programme = str(data.get("programme") or "").lower()
        if any(word in programme for word in EU_PROGRAMME_WORDS) and _dated_by(
            data.get("start_date"), as_of
        ):
            found.append(project)
    return found


def _eu_project_count(G: nx.MultiDiGraph, home: str, as_of: str) -> float:
    return float(len(_eu_projects(G, home, as_of)))


def _eu_budget(G: nx.MultiDiGraph, home: str, as_of: str) -> float:
    return float(sum(G.nodes[p].get("budget_eur") or 0 for p in _eu_projects(G, home, as_of)))


_AGREEMENTS_CYPHER = """
MATCH (h:City {id: $home})-[:PARTY_TO]->(a:Agreement)
WHERE a.type IN $types AND a.status = 'active'
  AND (a.signed_on IS NULL OR a.signed_on = '' OR toString(a.signed_on) <= $as_of)
  AND EXISTS { MATCH (other)-[:PARTY_TO]->(a)
               WHERE other.id <> $home AND coalesce(other.country, '') <> coalesce(h.country, '') }
RETURN toFloat(count(DISTINCT a)) AS value
"""
_EU_CYPHER = """
MATCH (h:City {id: $home})-[:PARTNER_IN]->(p:Project)
WHERE coalesce(p.status, '') <> 'cancelled'
  AND any(word IN $words WHERE toLower(coalesce(p.programme, '')) CONTAINS word)
  AND (p.start_date IS NULL OR p.start_date = '' OR toString(p.start_date) <= $as_of)
"""

NAMED_QUERIES: dict[str, NamedQuery] = {
    q.id: q
    for q in (
        NamedQuery(
            "sister_cities_active",
            "Active international sister-city agreements",
            "Etkin uluslararası kardeş şehir anlaşmaları",
            "count",
            _sister_cities,
            _AGREEMENTS_CYPHER.replace("$types", "['sister_city']"),
        ),
        NamedQuery(
            "cooperation_agreements_active",
            "Active cooperation protocols, MoUs and letters of intent",
            "Etkin iş birliği protokolleri, mutabakat zaptları ve niyet mektupları",
            "count",
            _cooperation,
            _AGREEMENTS_CYPHER.replace("$types", str(list(COOPERATION_TYPES))),
        ),
        NamedQuery(
            "network_memberships_active",
            "International networks with active membership",
            "Etkin üyelik bulunan uluslararası ağlar",
            "count",
            _memberships,
            """
MATCH (h:City {id: $home})-[m:MEMBER_OF]->(n:Network)
WHERE coalesce(m.status, 'active') = 'active' AND coalesce(n.scope, '') <> 'national'
  AND (m.since IS NULL OR m.since = '' OR toString(m.since) <= $as_of)
RETURN toFloat(count(DISTINCT n)) AS value
""",
        ),
        NamedQuery(
            "eu_funded_projects",
            "EU-funded projects started",
            "Başlamış AB destekli projeler",
            "count",
            _eu_project_count,
            _EU_CYPHER + "RETURN toFloat(count(DISTINCT p)) AS value",
        ),
        NamedQuery(
            "eu_funded_budget_eur",
            "Recorded budget of EU-funded projects",
            "AB destekli projelerin kayıtlı bütçesi",
            "EUR",
            _eu_budget,
            _EU_CYPHER + "WITH DISTINCT p RETURN toFloat(sum(coalesce(p.budget_eur, 0))) AS value",
        ),
    )
}


def named_query(name: str) -> NamedQuery:
    """The named query ``name``; raises :class:`InvalidData` naming the known ones otherwise."""
    found = NAMED_QUERIES.get(name)
    if found is None:
        raise InvalidData(
            f"unknown indicator query {name!r}", hint=f"use one of {', '.join(NAMED_QUERIES)}"
        )
    return found


def evaluate(
    G: nx.MultiDiGraph, name: str, as_of: date | str | None = None, home: str | None = None
) -> float:
    """The figure of the named query ``name`` on the date ``as_of`` (default today).

    Parameters
    ----------
    G : the networkx projection of the store.
    name : an id of :data:`NAMED_QUERIES`.
    as_of : the date of the report, ``YYYY-MM-DD`` text or a date.
    home : the home city's id (default: :func:`graph.home.home_city`).
    """
    query = named_query(name)
    return query.compute(G, home_city(G, home), as_today(as_of).isoformat())


def cypher_params(name: str, home: str, as_of: date | str | None = None) -> dict[str, object]:
    """The parameters of the Cypher version of ``name`` (its text is ``NAMED_QUERIES[name].cypher``).

    Parameters
    ----------
    name : an id of :data:`NAMED_QUERIES`.
    home : the home city's id.
    as_of : the date of the report (default today).
    """
    named_query(name)
    return {"home": home, "as_of": as_today(as_of).isoformat(), "words": list(EU_PROGRAMME_WORDS)}
