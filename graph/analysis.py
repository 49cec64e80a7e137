"""Graph analysis in the networkx manner: centrality, communities, paths, ego networks,
dormant agreements, networks of peers, and stakeholders for a network or project.

Centrality and communities work on the **actor graph**: cities and organisations
linked when they share an agreement or a project (the tie graph of
:mod:`graph.tiegraph`), plus an edge from each actor to each network it is a live
member of, so networks are nodes too. Paths go through the whole graph except
themes and countries, with agreements, projects, networks and events as hops.

>>> from graph.tiegraph import example_graph
>>> G = example_graph()
>>> for p in shortest_paths(G, "city-tr-antalya", "city-us-austin", k=3):
...     print(p.sentence["en"])
Antalya and Nuremberg are parties to Antalya – Nuremberg (sister city, 1997); Nuremberg and Austin are parties to Nuremberg – Austin (mou, 2019).
Antalya and Nuremberg took part in Nuremberg delegation visit (2022-10-15); Nuremberg and Austin are parties to Nuremberg – Austin (mou, 2019).
Antalya and Nuremberg are parties to Antalya – Nuremberg (sister city, 1997); Nuremberg is a member of ICLEI, of which Austin is also a member.
>>> [(d.name, d.reason, d.last_activity, d.months) for d in dormant(G, today="2025-01-01")]
[('Antalya – Kunming', 'status', '2011-07-08', 161), ('Antalya – Nuremberg', 'inactive', '2022-10-15', 26)]
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.errors import EntityNotFound, InvalidData
from graph.synergy import Weights, _today, home_city
from graph.tiegraph import LIVE_AGREEMENT, LIVE_MEMBERSHIP, SynergyIndex, index, to_date

HUBS = ("Agreement", "Project", "Network", "Event")


def _node(idx: SynergyIndex, n: str) -> dict[str, Any]:
    return {"id": n, "label": idx.label.get(n), "name": idx.name(n)}


# -- the actor graph: centrality and communities -------------------------------------------
def actor_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked by agreements and projects, plus actor-network edges (cached with ``G``)."""
    idx = index(G)
    found = getattr(idx, "_actor_graph", None)
    if found is None:
        found = nx.Graph()
        found.add_nodes_from(idx.ties)
        found.add_edges_from(idx.ties.edges())
        found.add_nodes_from(n for n, label in idx.label.items() if label == "Network")
        found.add_edges_from(
            (a, n)
            for a, nets in idx.networks_of.items()
            if a in idx.ties
            for n, s in nets.items()
            if s in LIVE_MEMBERSHIP
        )
        idx._actor_graph = found
    return found


def pagerank(
    H: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 100
) -> dict[str, float]:
    """PageRank of an undirected graph by power iteration (pure Python; no SciPy needed)."""
    n = len(H)
    if n == 0:
        return {}
    rank = dict.fromkeys(H, 1.0 / n)
    deg = dict(H.degree())
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in H if deg[v] == 0) / n
        new = dict.fromkeys(H, (1.0 - alpha) / n + dangling)
        for v in H:
            if deg[v]:
                share = alpha * rank[v] / deg[v]
                for u in H[v]:
                    new[u] += share
        if sum(abs(new[v] - rank[v]) for v in H) < n * tol:
            return new
        rank = new
    return rank


@dataclass
class Centrality:
    """Top nodes by degree, betweenness (sampled above ``exact_limit`` nodes) and PageRank."""

    degree: list[dict[str, Any]]
    betweenness: list[dict[str, Any]]
    pagerank: list[dict[str, Any]]
    nodes: int
    betweenness_samples: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def centrality(
    G: nx.MultiDiGraph, top: int = 20, *, samples: int = 100, exact_limit: int = 2000, seed: int = 0
) -> Centrality:
    """Degree, betweenness and PageRank on the actor graph, ``top`` nodes each.

    Betweenness is exact up to ``exact_limit`` nodes and estimated from ``samples``
    source nodes (chosen with ``seed``) above that.

    >>> from graph.tiegraph import example_graph
    >>> c = centrality(example_graph(), top=2)
    >>> [(r["name"], r["value"]) for r in c.degree]
    [('Nuremberg', 4), ('Antalya', 3)]
    >>> c.betweenness[0]["name"]
    'Nuremberg'
    """
    idx, H = index(G), actor_graph(G)
    k = samples if len(H) > exact_limit else None
    between = nx.betweenness_centrality(H, k=k, seed=seed) if len(H) else {}

    def best(values: dict[str, float]) -> list[dict[str, Any]]:
        ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [
            _node(idx, n) | {"value": round(v, 6) if isinstance(v, float) else v} for n, v in ranked
        ]

    return Centrality(best(dict(H.degree())), best(between), best(pagerank(H)), len(H), k)


@dataclass
class Community:
    index: int
    size: int
    members: list[dict[str, Any]]  # the best connected, most ``show``
    countries: dict[str, int]
    labels: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def communities(
    G: nx.MultiDiGraph, seed: int = 0, *, resolution: float = 1.0, show: int = 10, min_size: int = 2
) -> list[Community]:
    """Louvain communities of the actor graph (networkx ``louvain_communities``), largest first.

    >>> from graph.tiegraph import example_graph
    >>> [c.size for c in communities(example_graph())]
    [4, 3]
    """
    idx, H = index(G), actor_graph(G)
    found = nx.community.louvain_communities(H, resolution=resolution, seed=seed) if len(H) else []
    groups = sorted((sorted(c) for c in found if len(c) >= min_size), key=lambda c: (-len(c), c[0]))
    out = []
    for i, group in enumerate(groups):
        ranked = sorted(group, key=lambda n: (-H.degree(n), n))[:show]
        countries = Counter(idx.country[n] for n in group if n in idx.country)
        labels = Counter(idx.label[n] for n in group)
        out.append(
            Community(
                i,
                len(group),
                [_node(idx, n) for n in ranked],
                dict(countries.most_common(5)),
                dict(labels),
            )
        )
    return out


# -- paths ----------------------------------------------------------------------------------
def path_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """``G`` without themes and countries, undirected and simple (cached with ``G``)."""
    idx = index(G)
    found = getattr(idx, "_path_graph", None)
    if found is None:
        skip = {n for n, label in idx.label.items() if label in ("Theme", "Country")}
        found = nx.Graph()
        # sorted, so that paths of equal length come in the same order on every backend
        found.add_nodes_from(sorted(n for n in G if n not in skip))
        found.add_edges_from(
            sorted(
                (u, v) if u < v else (v, u)
                for u, v in G.edges()
                if u not in skip and v not in skip and u != v
            )
        )
        idx._path_graph = found
    return found


def _edge_type(G: nx.MultiDiGraph, x: str, y: str) -> tuple[str, bool]:
    """(relationship type, True when it goes from x to y) of one edge between x and y."""
    if y in G.succ[x]:
        return next(iter(G.succ[x][y])), True
    return next(iter(G.succ[y][x])), False


def _hub_detail(G: nx.MultiDiGraph, hub: str) -> str:
    d = G.nodes[hub]
    bits = [d.get("type", "").replace("_", " ")] if d.get("label") == "Agreement" else []
    when = d.get("signed_on") or d.get("date")
    if when:
        bits.append(str(when)[:4] if d.get("label") == "Agreement" else str(when))
    bits = [b for b in bits if b]
    return f" ({', '.join(bits)})" if bits else ""


def _triple(G, idx, x, hub, y) -> tuple[str, str]:
    a, h, b = idx.name(x), idx.name(hub), idx.name(y)
    a_tr, h_tr, b_tr = idx.name(x, "tr"), idx.name(hub, "tr"), idx.name(y, "tr")
    label, more = idx.label[hub], _hub_detail(G, hub)
    if label == "Network":
        return (
            f"{a} is a member of {h}, of which {b} is also a member",
            f"{a_tr} ve {b_tr}, {h_tr} ağının üyeleri",
        )
    if label == "Agreement":
        return (
            f"{a} and {b} are parties to {h}{more}",
            f"{a_tr} ile {b_tr}, {h_tr} anlaşmasının tarafları{more}",
        )
    if label == "Project":
        return f"{a} and {b} are partners in {h}", f"{a_tr} ile {b_tr}, {h_tr} projesinde ortak"
    return (
        f"{a} and {b} took part in {h}{more}",
        f"{a_tr} ile {b_tr}, {h_tr} etkinliğine katıldı{more}",
    )


_SINGLE = {  # type -> (English, Turkish) with {a} = start of the edge, {b} = end
    "MEMBER_OF": ("{a} is a member of {b}", "{a}, {b} ağının üyesi"),
    "PARTY_TO": ("{a} is a party to {b}", "{a}, {b} anlaşmasının tarafı"),
    "PARTNER_IN": ("{a} is a partner in {b}", "{a}, {b} projesinin ortağı"),
    "PARTICIPATED_IN": ("{a} took part in {b}", "{a}, {b} etkinliğine katıldı"),
    "LOCATED_IN": ("{a} is located in {b}", "{a}, {b} kentinde bulunuyor"),
    "STAKEHOLDER_OF": ("{a} is a stakeholder of {b}", "{a}, {b} kentinin paydaşı"),
    "PART_OF": ("{a} is part of {b}", "{a}, {b} bünyesinde"),
}


def _single(G, idx, x, y) -> tuple[str, str]:
    rel, forward = _edge_type(G, x, y)
    start, end = (x, y) if forward else (y, x)
    en, tr = _SINGLE.get(rel, ("{a} is linked to {b}", "{a}, {b} ile bağlantılı"))
    return (
        en.format(a=idx.name(start), b=idx.name(end)),
        tr.format(a=idx.name(start, "tr"), b=idx.name(end, "tr")),
    )


def explain_path(G: nx.MultiDiGraph, path: list[str]) -> list[dict[str, str]]:
    """One sentence (English and Turkish) per step of ``path``; a hub between two nodes is one step."""
    idx, steps, i = index(G), [], 0
    while i < len(path) - 1:
        x, y = path[i], path[i + 1]
        if idx.label.get(y) in HUBS and i + 2 < len(path) and idx.label.get(x) not in HUBS:
            en, tr = _triple(G, idx, x, y, path[i + 2])
            i += 2
        else:
            en, tr = _single(G, idx, x, y)
            i += 1
        steps.append({"en": en, "tr": tr})
    return steps


@dataclass
class PathResult:
    nodes: list[dict[str, Any]]
    hops: int
    steps: list[dict[str, str]]
    sentence: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def shortest_paths(G: nx.MultiDiGraph, a: str, b: str, k: int = 3) -> list[PathResult]:
    """Up to ``k`` shortest simple paths from ``a`` to ``b``, each explained in English and Turkish.

    Agreements, projects, networks and events are hops; themes and countries are left out.
    """
    H = path_graph(G)
    for n in (a, b):
        if n not in G:
            raise EntityNotFound(f"no entity with id {n!r}", hint="give an id, or a name")
        if n not in H:
            raise InvalidData(
                f"{n!r} is a {G.nodes[n].get('label')}; paths join cities, "
                "organisations, networks, agreements, projects and events"
            )
    if a == b:
        return []
    idx, out = index(G), []
    try:
        for path in itertools.islice(nx.shortest_simple_paths(H, a, b), k):
            steps = explain_path(G, path)
            out.append(
                PathResult(
                    [_node(idx, n) for n in path],
                    len(path) - 1,
                    steps,
                    {lang: "; ".join(s[lang] for s in steps) + "." for lang in ("en", "tr")},
                )
            )
    except nx.NetworkXNoPath:
        pass
    return out


@dataclass
class Ego:
    center: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ego(G: nx.MultiDiGraph, id: str, depth: int = 1, *, limit: int = 500) -> Ego:
    """``id`` and everything within ``depth`` hops (either direction), at most ``limit`` nodes.

    >>> from graph.tiegraph import example_graph
    >>> e = ego(example_graph(), "city-us-austin")
    >>> sorted(n["id"] for n in e.nodes if n["label"] != "Theme")
    ['agreement-nurnberg-austin', 'city-us-austin', 'country-us', 'event-austin-forum-2024', 'network-iclei']
    """
    if id not in G:
        raise EntityNotFound(f"no entity with id {id!r}")
    idx, seen, frontier, truncated = index(G), {id: 0}, [id], False
    for level in range(1, depth + 1):
        nxt = []
        for n in frontier:
            for m in itertools.chain(G.succ[n], G.pred[n]):
                if m not in seen:
                    if len(seen) >= limit:
                        truncated = True
                        break
                    seen[m] = level
                    nxt.append(m)
        frontier = nxt
    nodes = [_node(idx, n) | {"depth": d} for n, d in seen.items()]
    edges = [{"start": u, "end": v, "type": k} for u, v, k in G.subgraph(seen).edges(keys=True)]
    return Ego(id, nodes, edges, truncated)


# -- dormant agreements ---------------------------------------------------------------------
@dataclass
class DormantTie:
    id: str
    name: str
    type: str | None
    status: str | None
    parties: list[dict[str, Any]]
    last_activity: str | None  # as recorded (YYYY or YYYY-MM-DD); None when nothing is dated
    last_source: str | None  # "signed_on" or the id of the event
    months: int | None  # whole months from last activity to today
    reason: str  # status (marked dormant), inactive (no activity for N months), undated

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def dormant(
    G: nx.MultiDiGraph, months: int = 24, today: date | str | None = None, home: str | None = None
) -> list[DormantTie]:
    """Agreements with no recorded activity for ``months`` months, oldest first.

    Last activity is the latest of ``signed_on`` and the dates of events in which a
    party other than home took part (a year alone counts as its last day). Agreements
    whose status is ``dormant`` are always listed; expired and planned ones never.
    Agreements with no date at all are listed after the dated ones, as ``undated``.
    """
    idx, day = index(G), _today(today)
    try:
        home = home_city(G, home)
    except EntityNotFound:
        home = None
    dated, undated = [], []
    for agreement, who in idx.parties.items():
        d = G.nodes[agreement]
        status = d.get("status") or None
        if status not in LIVE_AGREEMENT and status != "dormant":
            continue
        last, raw, source = to_date(d.get("signed_on")), d.get("signed_on"), "signed_on"
        for party in set(who) - {home}:
            for event in G.succ[party]:
                if "PARTICIPATED_IN" in G.succ[party][event]:
                    when = to_date(G.nodes[event].get("date"))
                    if when and (last is None or when > last):
                        last, raw, source = when, G.nodes[event].get("date"), event
        gone = _months(last, day) if last else None
        if status == "dormant":
            reason = "status"
        elif last is None:
            reason = "undated"
        elif gone >= months:
            reason = "inactive"
        else:
            continue
        tie = DormantTie(
            agreement,
            idx.name(agreement),
            d.get("type"),
            status,
            [_node(idx, p) | {"country": idx.country.get(p)} for p in dict.fromkeys(who)],
            str(raw) if last else None,
            source if last else None,
            gone,
            reason,
        )
        (dated if last else undated).append(tie)
    dated.sort(key=lambda t: (to_date(t.last_activity), t.name, t.id))
    undated.sort(key=lambda t: (t.name, t.id))
    return dated + undated


# -- networks of peers ----------------------------------------------------------------------
@dataclass
class PeerNetwork:
    id: str
    name: str
    score: float
    peers: list[dict[str, Any]]
    shared_themes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
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

    >>> from graph.tiegraph import example_graph
    >>> [(p.name, p.score, [x["name"] for x in p.peers]) for p in peer_networks(example_graph())]
    [('Eurocities', 0.5625, ['Nuremberg']), ('ICLEI', 0.5625, ['Nuremberg'])]
    """
    idx = index(G)
    home = home_city(G, home)
    if peers is None:
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
                found[n].append(_node(idx, p) | {"similarity": round(sim, 4)})
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
@dataclass
class StakeholderMatch:
    id: str
    name: str
    name_tr: str | None
    kind: str | None
    score: float
    shared: list[dict[str, Any]]
    involved: bool  # already a member of the network or a partner in the project

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stakeholders_for(
    G: nx.MultiDiGraph, target_id: str, home: str | None = None, weights: Weights | None = None
) -> list[StakeholderMatch]:
    """Home's stakeholders (``Organization -STAKEHOLDER_OF-> home``) that work on the themes of
    ``target_id`` (a network, project, agreement or event; or a theme), with the shared themes.

    The score is the share of the target's themes the organisation holds; a sub-theme
    counts fully, a parent or sibling theme counts ``related_theme`` (0.5).

    >>> from graph.tiegraph import example_graph
    >>> [(m.name, m.score) for m in stakeholders_for(example_graph(), "network-iclei")]
    [('Akdeniz University', 0.5)]
    """
    idx, w = index(G), weights or Weights()
    if target_id not in G:
        raise EntityNotFound(f"no entity with id {target_id!r}")
    home = home_city(G, home)
    themes = [target_id] if idx.label[target_id] == "Theme" else sorted(idx.own.get(target_id, {}))
    if not themes:
        return []
    involved_in = (
        set(idx.members.get(target_id, ()))
        | set(idx.partners.get(target_id, ()))
        | set(idx.parties.get(target_id, ()))
        | set(idx.participants.get(target_id, ()))
    )
    out = []
    for org in sorted(idx.stakeholders.get(home, ())):
        held = idx.own.get(org, {})
        shared, got = [], 0.0
        for t in themes:
            close = idx.descendants(t) & held.keys()
            near = idx.related(t) & held.keys()
            if close or near:
                exact = bool(close)
                got += 1.0 if exact else w.related_theme
                via = sorted(close or near)[0]
                shared.append(
                    {
                        "id": t,
                        "name": idx.name(t),
                        "name_tr": idx.name(t, "tr"),
                        "match": "exact" if exact else "related",
                        "via": via,
                    }
                )
        if shared:
            out.append(
                StakeholderMatch(
                    org,
                    idx.name(org),
                    G.nodes[org].get("name_tr"),
                    G.nodes[org].get("kind"),
                    round(got / len(themes), 4),
                    shared,
                    org in involved_in,
                )
            )
    return sorted(out, key=lambda m: (-m.score, m.name))
