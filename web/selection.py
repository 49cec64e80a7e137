"""What the network explorer shows: which entities and ties, for a focus and filters.

:func:`select` takes the whole graph and a :class:`ViewSpec` and returns a
:class:`View`: the entities in order of importance (distance from the focus, then
number of ties), the ties between them, and how many entities matched before the
cap. With ``collapse=True`` (the default) an agreement is not drawn as a node but as
one tie between each pair of its parties, and counts as a single hop; the status
filter follows ties, so an entity reached only through a filtered-out tie is not drawn.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, lab in [("ant", "City"), ("nue", "City"), ("agr", "Agreement"), ("cs", "Network")]:
...     G.add_node(n, label=lab, name=n)
>>> G.add_edge("ant", "agr", "PARTY_TO"); G.add_edge("nue", "agr", "PARTY_TO")
'PARTY_TO'
'PARTY_TO'
>>> G.add_edge("ant", "cs", "MEMBER_OF", status="active")
'MEMBER_OF'
>>> v = select(G, ViewSpec(focus="ant", depth=1, collapse=False))
>>> v.nodes, v.total
(['ant', 'agr', 'cs'], 3)
>>> v = select(G, ViewSpec(focus="ant", depth=1))
>>> v.nodes, [(e["from"], e["to"], e["type"]) for e in v.edges]
(['ant', 'cs', 'nue'], [('ant', 'cs', 'MEMBER_OF'), ('ant', 'nue', 'AGREEMENT')])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from graph.model import ENUMS, LABELS
from graph.reference.city_resolver import is_reference
from graph.reference.countries import country_name
from web.i18n import display_name, lang
from web.vocab import kind as kind_word
from web.vocab import term

#: Kinds drawn when the user has not chosen: actors, networks and projects, agreements as links
#: between their parties (events, themes and countries are hubs that crowd a view).
DEFAULT_KINDS = ("City", "Network", "Organization", "Agreement", "Project")
#: Kinds that only make sense beside something they connect: hidden when left alone.
CONNECTORS = {"Agreement", "Event", "Project", "Theme", "Country"}
#: The pseudo relationship type of a collapsed agreement.
AGREEMENT_TIE = "AGREEMENT"


@dataclass(frozen=True)
class ViewSpec:
    focus: str | None = None
    depth: int = 2
    kinds: tuple[str, ...] = DEFAULT_KINDS
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    collapse: bool = True
    cap: int = 500
    expand: tuple[str, ...] = ()  # entities whose neighbours were added (one hop each)
    reference: bool = False  # draw the public reference layer (Wikipedia, Wikidata) too


@dataclass
class View:
    nodes: list[str] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    distance: dict[str, int] = field(default_factory=dict)


def _neighbours(G: nx.MultiDiGraph, n: str, spec: ViewSpec) -> Iterator[str]:
    """Entities one hop from ``n``, through ties the status filter keeps (so no orphans)."""
    for other in set(G.successors(n)) | set(G.predecessors(n)):
        if spec.statuses and not any(_edge_ok(p, spec) for p in _between(G, n, other)):
            continue
        label = G.nodes[other].get("label")
        if not spec.reference and is_reference(G.nodes[other]):
            continue
        if spec.collapse and label == "Agreement":
            if "Agreement" not in spec.kinds or not _edge_ok(G.nodes[other], spec):
                continue
            yield from (p for p in G.predecessors(other) if p != n and _shown_kind(G, p, spec))
        elif _shown_kind(G, other, spec):
            yield other


def _between(G: nx.MultiDiGraph, a: str, b: str) -> Iterator[dict[str, Any]]:
    """The properties of every tie between ``a`` and ``b``, either way."""
    for u, v in ((a, b), (b, a)):
        yield from G.succ[u].get(v, {}).values()


def _shown_kind(G: nx.MultiDiGraph, n: str, spec: ViewSpec) -> bool:
    attrs = G.nodes[n]
    label = attrs.get("label")
    if not spec.reference and is_reference(attrs):
        return False
    return label in spec.kinds and not (spec.collapse and label == "Agreement")


def _reach(G: nx.MultiDiGraph, spec: ViewSpec) -> dict[str, int]:
    """Distances from the focus within ``depth`` hops, or every shown entity at distance 0."""
    if spec.focus is None:
        return {n: 0 for n in G if _shown_kind(G, n, spec)}
    dist = {spec.focus: 0}
    queue = deque([spec.focus])
    while queue:
        n = queue.popleft()
        if dist[n] >= spec.depth:
            continue
        for m in _neighbours(G, n, spec):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    for n in spec.expand:  # neighbourhoods the user opened, one hop each
        if n in G:
            dist.setdefault(n, spec.depth + 1)
            for m in _neighbours(G, n, spec):
                dist.setdefault(m, dist[n] + 1)
    return dist


def _passes(G: nx.MultiDiGraph, n: str, spec: ViewSpec) -> bool:
    attrs = G.nodes[n]
    if (
        spec.themes
        and n not in spec.themes
        and not any(t in spec.themes for t in G.successors(n) if G.has_edge(n, t, "HAS_THEME"))
    ):
        return False
    code = attrs.get("country") or (attrs.get("iso2") if attrs.get("label") == "Country" else None)
    if spec.countries and code and code not in spec.countries:
        return False
    return not (spec.statuses and attrs.get("status") and attrs["status"] not in spec.statuses)


def _edge_ok(props: dict[str, Any], spec: ViewSpec) -> bool:
    return not (spec.statuses and props.get("status") and props["status"] not in spec.statuses)


def _ties(G: nx.MultiDiGraph, kept: set[str], spec: ViewSpec) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    agreements: set[str] = set()
    for u in sorted(kept):
        for _, v, key, props in G.out_edges(u, keys=True, data=True):
            if spec.collapse and key == "PARTY_TO":
                agreements.add(v)
            elif v in kept and _edge_ok(props, spec):
                edges.append({"from": u, "to": v, "type": key, "props": props, "agreement": None})
    for a in sorted(agreements):
        props = G.nodes[a]
        if not _edge_ok(props, spec) or not _passes(G, a, spec):
            continue
        if not spec.reference and is_reference(props):
            continue
        parties = sorted(p for p in G.predecessors(a) if p in kept)
        for p, q in combinations(parties, 2):
            edges.append(
                {"from": p, "to": q, "type": AGREEMENT_TIE, "props": props, "agreement": a}
            )
    return edges


def select(G: nx.MultiDiGraph, spec: ViewSpec) -> View:
    """The entities and ties to draw for ``spec``, capped at ``spec.cap`` entities."""
    dist = _reach(G, spec)
    kept = {n for n in dist if n == spec.focus or _passes(G, n, spec)}
    succ, pred, attrs = G.succ, G.pred, G.nodes
    order = sorted(
        kept, key=lambda n: (dist[n], -len(succ[n]) - len(pred[n]), str(attrs[n].get("name", n)))
    )
    shown: list[str] = []
    for n in order:  # connectors (agreements, events...) only beside what they connect
        if (
            n == spec.focus
            or G.nodes[n].get("label") not in CONNECTORS
            or _linked(G, n, kept, spec)
        ):
            shown.append(n)
    total = len(shown)
    shown = shown[: max(spec.cap, 1)]
    edges = _ties(G, set(shown), spec)
    if spec.focus is not None:  # nothing left floating when a filter removed its only tie
        tied = {spec.focus} | {e["from"] for e in edges} | {e["to"] for e in edges}
        total -= sum(1 for n in shown if n not in tied)
        shown = [n for n in shown if n in tied]
    return View(nodes=shown, edges=edges, total=total, distance={n: dist[n] for n in shown})


def _linked(G: nx.MultiDiGraph, n: str, kept: set[str], spec: ViewSpec) -> bool:
    """True when connector ``n`` has a drawn tie to another kept entity."""
    for neighbours in (G.succ[n], G.pred[n]):
        for other, by_type in neighbours.items():
            if other in kept and (
                not spec.statuses or any(_edge_ok(p, spec) for p in by_type.values())
            ):
                return True
    return False


def filter_choices(G: nx.MultiDiGraph) -> dict[str, list[dict[str, str]]]:
    """Every theme, country and status a user can filter by, with names in the current language."""
    themes = sorted(
        (
            {"id": n, "name": display_name(d) or n}
            for n, d in G.nodes(data=True)
            if d.get("label") == "Theme"
        ),
        key=lambda t: t["name"],
    )
    codes = {d["country"] for _, d in G.nodes(data=True) if d.get("country")}
    countries = sorted(
        ({"id": c, "name": country_name(c, lang())} for c in codes), key=lambda c: c["name"]
    )
    return {
        "kinds": [{"id": k, "name": kind_word(k)} for k in LABELS],
        "themes": themes,
        "countries": countries,
        "statuses": [{"id": s, "name": term(s)} for s in STATUSES],
    }


STATUSES = tuple(
    dict.fromkeys(s for (owner, prop), values in ENUMS.items() if prop == "status" for s in values)
)


def our_records(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` without the public reference layer: the department's own records only.

    A reference record that one of our ties uses stays (the tie would dangle without it);
    every reference tie goes. Pages that answer from the department's records use it unless
    the reader asks for the public twinning data (``reference=1``).
    """
    out = nx.MultiDiGraph()
    for u, v, k, d in G.edges(keys=True, data=True):
        if not is_reference(d) and not (is_reference(G.nodes[u]) and is_reference(G.nodes[v])):
            out.add_edge(u, v, k, **d)
    for n, d in G.nodes(data=True):
        if not is_reference(d) or n in out:
            out.add_node(n, **d)
    return out
