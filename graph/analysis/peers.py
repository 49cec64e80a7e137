"""Networks that peer municipalities belong to and the home city does not (DESIGN question 6)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.centrality import node_ref
from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.tiegraph import index
from graph.errors import EntityNotFound
from graph.home import home_city


# -- peer cities --------------------------------------------------------------------------------
def peer_cities(G: nx.MultiDiGraph, home: str | None = None) -> list[str]:
    """The peer municipalities of home, sorted: the rule of :func:`peer_networks`.

    Peers are the other cities of home's country that are live members of a network,
    and the cities that took part in an event with home.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph.
    home : str, optional
        The home city's id when the graph marks several.

    Returns
    -------
    list of str
        Ids of the peer cities.

    Examples
    --------
    >>> from graph.analysis.example import example_graph
    >>> peer_cities(example_graph())
    ['city-de-nurnberg']
    """
    idx = index(G)
    home = home_city(G, home)
    country = idx.country.get(home)
    chosen = {
        c
        for c, label in idx.label.items()
        if label == "City"
        and c != home
        and country
        and idx.country.get(c) == country
        and any(s in LIVE_MEMBERSHIP for s in idx.networks_of.get(c, {}).values())
    }
    for event in G.succ[home]:
        if "PARTICIPATED_IN" in G.succ[home][event]:
            chosen |= {p for p in idx.participants.get(event, []) if idx.label.get(p) == "City"}
    chosen.discard(home)
    return sorted(chosen)


def peers_working_with(
    G: nx.MultiDiGraph, target: str, home: str | None = None, peers: list[str] | None = None
) -> list[dict[str, Any]]:
    """The peers of home that already work with ``target``, and how.

    A peer works with a city or an organisation when it is a party to an agreement or
    a partner in a project with it, and with a network when it is a live member.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph.
    target : str
        The id of a city, organisation or network.
    home : str, optional
        The home city's id when the graph marks several.
    peers : list of str, optional
        The peers to look at (default: :func:`peer_cities`).

    Returns
    -------
    list of dict
        ``{id, name, label, via: [{id, kind, status}]}`` per peer, sorted by name; ``via``
        names the agreements and projects (or the membership) behind the tie.

    Examples
    --------
    >>> from graph.analysis.example import example_graph
    >>> [p["name"] for p in peers_working_with(example_graph(), "city-us-austin")]
    ['Nuremberg']
    """
    idx = index(G)
    if target not in G:
        raise EntityNotFound(f"no entity with id {target!r}")
    found = []
    for p in peer_cities(G, home) if peers is None else peers:
        if p == target:
            continue
        if idx.label.get(target) == "Network":
            status = idx.networks_of.get(p, {}).get(target, "none")
            via = [{"id": target, "kind": "membership", "status": status}]
            ok = status in LIVE_MEMBERSHIP
        else:
            ok = idx.ties.has_edge(p, target)
            via = [dict(v) for v in idx.ties.edges[p, target]["via"]] if ok else []
        if ok:
            found.append(node_ref(idx, p) | {"via": via})
    return sorted(found, key=lambda r: r["name"])


# -- networks of peers ----------------------------------------------------------------------
@dataclass
class PeerNetwork:
    """A network that peers belong to and home does not, with the peers and the score behind it."""

    id: str
    name: str
    score: float
    peers: list[dict[str, Any]]
    shared_themes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This PeerNetwork as plain data for JSON twins and exports."""
        return asdict(self)


def peer_networks(
    G: nx.MultiDiGraph, home: str | None = None, peers: list[str] | None = None
) -> list[PeerNetwork]:
    """Networks that peers of home belong to and home does not, best first.

    Peers, unless given: the other cities of home's country that are live members
    of a network, and the cities that took part in an event with home. A network's
    score is the sum of its peers' similarity to home, ``0.5 + 0.5 * Jaccard`` of
    their sets of networks and own themes, so that many peers, and peers like
    home, rank a network higher.

    >>> from graph.analysis.example import example_graph
    >>> [(p.name, p.score, [x["name"] for x in p.peers]) for p in peer_networks(example_graph())]
    [('Eurocities', 0.5625, ['Nuremberg']), ('ICLEI', 0.5625, ['Nuremberg'])]
    """
    idx = index(G)
    home = home_city(G, home)
    if peers is None:
        chosen = set(peer_cities(G, home))
    else:
        chosen = set(peers)
        for p in chosen:
            if p not in G:
                raise EntityNotFound(f"no entity with id {p!r}")

    def profile(c: str) -> set[str]:
        return {n for n, s in idx.networks_of.get(c, {}).items() if s in LIVE_MEMBERSHIP} | set(
            idx.own.get(c, {})
        )

    mine, own_nets = profile(home), set(idx.networks_of.get(home, {}))
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in sorted(chosen):
        theirs = profile(p)
        sim = 0.5 + 0.5 * (len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0)
        for n, s in idx.networks_of.get(p, {}).items():
            if s in LIVE_MEMBERSHIP and n not in own_nets:
                found[n].append(node_ref(idx, p) | {"similarity": round(sim, 4)})
    home_themes = set(idx.own.get(home, {}))
    out = [
        PeerNetwork(
            n,
            idx.name(n),
            round(sum(p["similarity"] for p in ps), 4),
            ps,
            [
                {"id": t, "name": idx.name(t)}
                for t in sorted(home_themes & idx.own.get(n, {}).keys())
            ],
        )
        for n, ps in found.items()
    ]
    return sorted(out, key=lambda p: (-p.score, -len(p.peers), p.name))


# -- stakeholders ---------------------------------------------------------------------------
