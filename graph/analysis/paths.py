"""How two entities are connected: shortest paths told in words, and ego networks.

Paths go through the whole graph except themes and countries, with agreements,
projects, networks and events as hops.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> for p in shortest_paths(G, "city-tr-antalya", "city-us-austin", k=3):
...     print(p.sentence["en"])
Antalya and Nuremberg are parties to Antalya – Nuremberg (sister city, 1997); Nuremberg and Austin are parties to Nuremberg – Austin (memorandum of understanding, 2019).
Antalya and Nuremberg took part in Nuremberg delegation visit (2022-10-15); Nuremberg and Austin are parties to Nuremberg – Austin (memorandum of understanding, 2019).
Antalya and Nuremberg are parties to Antalya – Nuremberg (sister city, 1997); Nuremberg is a member of ICLEI, of which Austin is also a member.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from graph.analysis.centrality import HUBS, node_ref
from graph.analysis.tiegraph import index
from graph.errors import EntityNotFound, InvalidData
from graph.words import agreement_type


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


def _hub_detail(G: nx.MultiDiGraph, hub: str, lang: str = "en") -> str:
    d = G.nodes[hub]
    is_agreement = d.get("label") == "Agreement"
    bits = [agreement_type(d["type"], lang)] if is_agreement and d.get("type") else []
    when = d.get("signed_on") or d.get("date")
    if when:
        bits.append(str(when)[:4] if d.get("label") == "Agreement" else str(when))
    bits = [b for b in bits if b]
    return f" ({', '.join(bits)})" if bits else ""


def _triple(G, idx, x, hub, y) -> tuple[str, str]:
    a, h, b = idx.name(x), idx.name(hub), idx.name(y)
    a_tr, h_tr, b_tr = idx.name(x, "tr"), idx.name(hub, "tr"), idx.name(y, "tr")
    label, more, more_tr = idx.label[hub], _hub_detail(G, hub), _hub_detail(G, hub, "tr")
    if label == "Network":
        return (
            f"{a} is a member of {h}, of which {b} is also a member",
            f"{a_tr} ve {b_tr}, {h_tr} ağının üyeleri",
        )
    if label == "Agreement":
        return (
            f"{a} and {b} are parties to {h}{more}",
            f"{a_tr} ile {b_tr}, {h_tr} anlaşmasının tarafları{more_tr}",
        )
    if label == "Project":
        return f"{a} and {b} are partners in {h}", f"{a_tr} ile {b_tr}, {h_tr} projesinde ortak"
    return (
        f"{a} and {b} took part in {h}{more}",
        f"{a_tr} ile {b_tr}, {h_tr} etkinliğine katıldı{more_tr}",
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
    """One path between two entities: its nodes, its steps in words (EN/TR) and one sentence."""

    nodes: list[dict[str, Any]]
    hops: int
    steps: list[dict[str, str]]
    sentence: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """This PathResult as plain data for JSON twins and exports."""
        return asdict(self)


def shortest_paths(G: nx.MultiDiGraph, source: str, target: str, k: int = 3) -> list[PathResult]:
    """Up to ``k`` shortest simple paths from ``source`` to ``target``, each explained in English and Turkish.

    Agreements, projects, networks and events are hops; themes and countries are left out.
    """
    H = path_graph(G)
    for n in (source, target):
        if n not in G:
            raise EntityNotFound(f"no entity with id {n!r}", hint="give an id, or a name")
        if n not in H:
            raise InvalidData(
                f"{n!r} is a {G.nodes[n].get('label')}; paths join cities, "
                "organisations, networks, agreements, projects and events"
            )
    if source == target:
        return []
    idx, out = index(G), []
    try:
        for path in itertools.islice(nx.shortest_simple_paths(H, source, target), k):
            steps = explain_path(G, path)
            out.append(
                PathResult(
                    [node_ref(idx, n) for n in path],
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
    """The neighbourhood of one entity up to a depth: nodes, edges and whether it was cut at the limit."""

    center: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """This Ego as plain data for JSON twins and exports."""
        return asdict(self)


def ego(G: nx.MultiDiGraph, id: str, depth: int = 1, *, limit: int = 500) -> Ego:
    """``id`` and everything within ``depth`` hops (either direction), at most ``limit`` nodes.

    >>> from graph.analysis.example import example_graph
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
    nodes = [node_ref(idx, n) | {"depth": d} for n, d in seen.items()]
    edges = [{"start": u, "end": v, "type": k} for u, v, k in G.subgraph(seen).edges(keys=True)]
    return Ego(id, nodes, edges, truncated)
