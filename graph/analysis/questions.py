"""Questions 1, 2 and 7 of DESIGN.md on the networkx projection, by the rules of their saved
queries (``cypher/sister_cities_in_our_networks.cypher``, ``partner_candidates.cypher``,
``eligible_partners.cypher``), so that the embedded store answers them as Neo4j does.

The other questions have their functions elsewhere: 3 :func:`graph.analysis.dormant.dormant`,
4 :func:`graph.synergy.stakeholders.stakeholders_for`, 5
:func:`graph.analysis.paths.shortest_paths`, 6 :func:`graph.analysis.peers.peer_networks`,
8 :func:`graph.synergy.gaps.gaps`.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> [(r["city"], r["ties"]) for r in eligible_partners(G, "eu")]
[('city-de-nurnberg', ['agreement-antalya-nurnberg', 'project-heritage-trails'])]
>>> sister_cities_in_our_networks(G)  # Nürnberg shares no network with Antalya here
[]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.home import home_city

LIVE = ("", "active")


def _out(G: nx.MultiDiGraph, node: str, rtype: str) -> list[tuple[str, dict[str, Any]]]:
    return [(v, d[rtype]) for v, d in G.succ[node].items() if rtype in d]


def _in(G: nx.MultiDiGraph, node: str, rtype: str) -> list[tuple[str, dict[str, Any]]]:
    return [(u, d[rtype]) for u, d in G.pred[node].items() if rtype in d]


def _live(props: dict[str, Any]) -> bool:
    return (props.get("status") or "") in LIVE


def _networks(G: nx.MultiDiGraph, city: str, live_only: bool = True) -> set[str]:
    return {
        n
        for n, props in _out(G, city, "MEMBER_OF")
        if G.nodes[n].get("label") == "Network" and (not live_only or _live(props))
    }


def _agreements(G: nx.MultiDiGraph, city: str) -> set[str]:
    return {a for a, _ in _out(G, city, "PARTY_TO") if G.nodes[a].get("label") == "Agreement"}


def _below(G: nx.MultiDiGraph, theme: str, depth: int = 5) -> set[str]:
    """``theme`` and its sub-themes down to ``depth`` levels (PART_OF*0..depth)."""
    found, frontier = {theme}, {theme}
    for _ in range(depth):
        frontier = {c for t in frontier for c, _ in _in(G, t, "PART_OF")} - found
        found |= frontier
    return found


def sister_cities_in_our_networks(
    G: nx.MultiDiGraph, home: str | None = None, live_only: bool = True
) -> list[dict[str, Any]]:
    """Question 1: our sister cities that are also members of a network we belong to.

    Each row: the city, its name and country, the shared networks and the sister-city
    agreements (with their status); most shared networks first.
    """
    home = home_city(G, home)
    ours = _networks(G, home, live_only)
    rows = []
    sisters: dict[str, list[str]] = {}
    for a in _agreements(G, home):
        if G.nodes[a].get("type") != "sister_city":
            continue
        for p, _ in _in(G, a, "PARTY_TO"):
            if p != home and G.nodes[p].get("label") == "City":
                sisters.setdefault(p, []).append(a)
    for city, agreements in sisters.items():
        shared = sorted(ours & _networks(G, city, live_only))
        if shared:
            rows.append(
                {
                    "city": city,
                    "name": G.nodes[city].get("name"),
                    "country": G.nodes[city].get("country"),
                    "networks": shared,
                    "agreements": sorted(agreements),
                    "agreement_status": [G.nodes[a].get("status") for a in sorted(agreements)],
                }
            )
    return sorted(rows, key=lambda r: (-len(r["networks"]), r["city"]))


def partner_candidates(
    G: nx.MultiDiGraph, home: str | None = None, min_shared_themes: int = 1
) -> list[dict[str, Any]]:
    """Question 2: cities in our live networks that share our priority themes and have no
    agreement with us yet; score = shared themes + shared networks."""
    home = home_city(G, home)
    ours = _networks(G, home)
    tied = {p for a in _agreements(G, home) for p, _ in _in(G, a, "PARTY_TO")}
    priority = [t for t, props in _out(G, home, "HAS_THEME") if props.get("kind") == "priority"]
    covers = {t: _below(G, t) for t in priority}
    rows = []
    for network in ours:
        for city, props in _in(G, network, "MEMBER_OF"):
            if city == home or city in tied or G.nodes[city].get("label") != "City":
                continue
            if not _live(props):
                continue
            if any(r["city"] == city for r in rows):
                continue
            networks = sorted(ours & _networks(G, city))
            held = {t for t, _ in _out(G, city, "HAS_THEME")}
            themes = sorted(t for t in priority if covers[t] & held)
            if len(themes) >= min_shared_themes:
                rows.append(
                    {
                        "city": city,
                        "name": G.nodes[city].get("name"),
                        "country": G.nodes[city].get("country"),
                        "shared_themes": themes,
                        "shared_networks": networks,
                        "score": len(themes) + len(networks),
                    }
                )
    return sorted(rows, key=lambda r: (-r["score"], r["city"]))


def in_our_networks_untied(G: nx.MultiDiGraph, home: str | None = None) -> set[str]:
    """Members (cities and organisations) of our live networks that have no agreement with
    us: the pool of question 2, as a filter for the synergy ranking (``untied=1``)."""
    home = home_city(G, home)
    tied = {p for a in _agreements(G, home) for p, _ in _in(G, a, "PARTY_TO")}
    return {
        member
        for network in _networks(G, home)
        for member, props in _in(G, network, "MEMBER_OF")
        if member != home and member not in tied and _live(props)
    }


PROGRAMME_FLAGS = {"eu": "eu_member", "ipa": "ipa_beneficiary", "next-med": "interreg_next_med"}


def eligible_partners(
    G: nx.MultiDiGraph, programme: str = "eu", tied_only: bool = False, home: str | None = None
) -> list[dict[str, Any]]:
    """Question 7: cities (not home) whose country takes part in ``programme`` (eu, ipa,
    next-med), with the agreements and projects they share with home."""
    home = home_city(G, home)
    flag = PROGRAMME_FLAGS.get(programme.lower().replace("_", "-").removeprefix("interreg-"))
    ours = {x for rtype in ("PARTY_TO", "PARTNER_IN") for x, _ in _out(G, home, rtype)}
    rows = []
    for city, attrs in G.nodes(data=True):
        if attrs.get("label") != "City" or city == home or flag is None:
            continue
        for country, _ in _out(G, city, "LOCATED_IN"):
            if G.nodes[country].get(flag) is True:
                mine = {x for rt in ("PARTY_TO", "PARTNER_IN") for x, _ in _out(G, city, rt)}
                ties = sorted(ours & mine)
                if tied_only and not ties:
                    continue
                rows.append(
                    {
                        "city": city,
                        "name": attrs.get("name"),
                        "country": G.nodes[country].get("iso2"),
                        "country_name": G.nodes[country].get("name"),
                        "ties": ties,
                    }
                )
    return sorted(rows, key=lambda r: (r["country"] or "", r["name"] or ""))
