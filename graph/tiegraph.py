"""The synergy index: the graph projected into what ranking needs, built once per graph.

:func:`index` projects a Diplomap graph (a ``MultiDiGraph`` from
:meth:`graph.stores.base.Store.to_networkx`) into a :class:`SynergyIndex`:

- the **tie graph**, an undirected ``nx.Graph`` of actors (cities and
  organisations) in which two actors are linked when they are parties to one
  agreement or partners in one project (cancelled projects do not count); each
  edge lists the agreements and projects behind it, with their status;
- theme sets (own ``HAS_THEME`` links, with kind and weight) and the theme
  hierarchy (``Theme -PART_OF-> Theme``);
- network memberships in both directions, countries and funding flags, the
  number of ties between each pair of countries, and dated activity.

The index is cached per graph object (weakly, so it goes when the graph goes) and
rebuilt when the number of nodes changes; after changing a graph in place in
another way, call :func:`invalidate`. Stores hand out a new graph whenever their
content changes, so the cache is always fresh for graphs that come from a store.

>>> G = example_graph()
>>> idx = index(G)
>>> idx is index(G)
True
>>> sorted(idx.ties["city-de-nurnberg"])
['city-tr-antalya', 'city-us-austin']
>>> [v["id"] for v in idx.ties.edges["city-tr-antalya", "city-cn-kunming"]["via"]]
['agreement-antalya-kunming']
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.countries import PROGRAMMES, eligibility_table

ACTORS = ("City", "Organization")
#: Agreement statuses that make a live tie; no status (imported lists) counts as active.
LIVE_AGREEMENT = frozenset({None, "", "active"})
#: Project statuses that make a live tie (a planned project already has its partners).
LIVE_PROJECT = frozenset({None, "", "active", "planned"})
#: Membership statuses that make a member (an application is not yet a membership).
LIVE_MEMBERSHIP = frozenset({None, "", "active"})


@dataclass(frozen=True, slots=True)
class ThemeLink:
    """How a node holds a theme: kind (priority, expertise, focus, inferred), weight, source networks."""

    kind: str
    weight: float = 1.0
    via: tuple[str, ...] = ()

    @property
    def inferred(self) -> bool:
        return self.kind == "inferred"


def to_date(value: Any, end: bool = True) -> date | None:
    """A date from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the last day of the period when ``end``).

    >>> to_date("2019"), to_date("2019", end=False), to_date("2024-02"), to_date("soon")
    (datetime.date(2019, 12, 31), datetime.date(2019, 1, 1), datetime.date(2024, 2, 29), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()[:10]
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        if not end:
            return date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except (ValueError, IndexError):
        return None


class SynergyIndex:
    """Everything ranking needs, computed once from ``G`` (see the module docstring)."""

    def __init__(self, G: nx.MultiDiGraph):
        # Weakly: the cache maps each graph to its index weakly, and an index holding its
        # graph would keep both alive for ever (every old version of a served graph).
        self._graph = weakref.ref(G)
        self.n_nodes = len(G)
        self.label: dict[str, str] = {n: d.get("label", "") for n, d in G.nodes(data=True)}
        self.ties = nx.Graph()
        self.own: dict[str, dict[str, ThemeLink]] = defaultdict(dict)
        self.parent: dict[str, str] = {}
        self.children: dict[str, set[str]] = defaultdict(set)
        self.holders: dict[str, set[str]] = defaultdict(set)
        self.networks_of: dict[str, dict[str, str | None]] = defaultdict(dict)
        self.members: dict[str, set[str]] = defaultdict(set)
        self.local: dict[str, set[str]] = defaultdict(set)
        self.stakeholders: dict[str, set[str]] = defaultdict(set)
        self.country: dict[str, str] = {}
        self.flags: dict[str, dict[str, Any]] = {}
        self.parties: dict[str, list[str]] = defaultdict(list)
        self.partners: dict[str, list[str]] = defaultdict(list)
        self.participants: dict[str, list[str]] = defaultdict(list)
        self.activity: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._themes_cache: dict[str, dict[str, ThemeLink]] = {}
        self._build()

    # -- building ----------------------------------------------------------------------
    @property
    def G(self) -> nx.MultiDiGraph:
        """The graph this index was built from (while it is alive)."""
        G = self._graph()
        if G is None:
            raise RuntimeError("the graph of this index is gone")
        return G

    def _build(self) -> None:
        G, label = self.G, self.label
        located: dict[str, str] = {}
        for u, v, key, d in G.edges(keys=True, data=True):
            lu, lv = label.get(u), label.get(v)
            if key == "HAS_THEME":
                w = d.get("weight")
                self.own[u][v] = ThemeLink(
                    d.get("kind") or "focus",
                    1.0 if w in (None, "") else min(max(float(w), 0.0), 1.0),
                )
                self.holders[v].add(u)
            elif key == "PART_OF" and lu == "Theme":
                self.parent[u] = v
                self.children[v].add(u)
            elif key == "PART_OF" or key == "STAKEHOLDER_OF":
                if lv == "City":
                    self.local[v].add(u)
                if key == "STAKEHOLDER_OF":
                    self.stakeholders[v].add(u)
            elif key == "MEMBER_OF":
                status = d.get("status") or None
                self.networks_of[u][v] = status
                if status in LIVE_MEMBERSHIP:
                    self.members[v].add(u)
            elif key == "PARTY_TO":
                self.parties[v].append(u)
            elif key == "PARTNER_IN":
                self.partners[v].append(u)
            elif key == "PARTICIPATED_IN":
                self.participants[v].append(u)
            elif key == "LOCATED_IN":
                if lv == "City" and lu == "Organization":
                    self.local[v].add(u)
                located[u] = v
        nodes = G.nodes
        for n, lab in label.items():
            if lab == "Country":
                iso = nodes[n].get("iso2")
                if iso:
                    self.flags[iso] = {
                        k: nodes[n].get(k)
                        for k in ("eu_member", "ipa_beneficiary", "interreg_next_med", "region")
                    }
            elif lab in ACTORS:
                self.ties.add_node(n)
                code = nodes[n].get("country")
                if not code and n in located:
                    where = located[n]
                    code = nodes[where].get("country") or nodes[where].get("iso2")
                    if not code and where in located:  # org -> city -> country
                        code = nodes[located[where]].get("iso2")
                if code:
                    self.country[n] = code
        table = eligibility_table()
        for code in set(self.country.values()) - self.flags.keys():
            if code in table:
                self.flags[code] = table[code]
        for agreement, who in self.parties.items():
            status = nodes[agreement].get("status") or None
            self._link(
                who,
                {
                    "id": agreement,
                    "kind": "agreement",
                    "status": status,
                    "live": status in LIVE_AGREEMENT,
                },
            )
            self._dated(who, nodes[agreement].get("signed_on"), agreement)
        for project, who in self.partners.items():
            status = nodes[project].get("status") or None
            if status == "cancelled":
                continue
            self._link(
                who,
                {
                    "id": project,
                    "kind": "project",
                    "status": status,
                    "live": status in LIVE_PROJECT,
                },
            )
            for field in ("start_date", "end_date"):
                self._dated(who, nodes[project].get(field), project)
        for event, who in self.participants.items():
            self._dated(who, nodes[event].get("date"), event)
        for dates in self.activity.values():
            dates.sort()
        self.country_pairs: Counter[tuple[str, str]] = Counter()
        for u, v in self.ties.edges():
            cu, cv = self.country.get(u), self.country.get(v)
            if cu and cv:
                self.country_pairs[cu, cv] += 1
                if cu != cv:
                    self.country_pairs[cv, cu] += 1
        self.country_best: dict[str, int] = {}
        for (cu, _), n in self.country_pairs.items():
            if n > self.country_best.get(cu, 0):
                self.country_best[cu] = n
        self.degree: dict[str, int] = dict(self.ties.degree())
        self.live_networks: dict[str, tuple[str, ...]] = {
            a: tuple(n for n, s in nets.items() if s in LIVE_MEMBERSHIP)
            for a, nets in self.networks_of.items()
        }
        self.themed_networks = frozenset(n for n in self.own if self.label.get(n) == "Network")

    def _link(self, who: list[str], via: dict[str, Any]) -> None:
        actors = [a for a in dict.fromkeys(who) if self.label.get(a) in ACTORS]
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                if self.ties.has_edge(a, b):
                    self.ties[a][b]["via"].append(via)
                else:
                    self.ties.add_edge(a, b, via=[via])

    def _dated(self, who: list[str], value: Any, source: str) -> None:
        day = to_date(value)
        if day is not None:
            for a in dict.fromkeys(who):
                self.activity[a].append((day.toordinal(), source))

    # -- queries -------------------------------------------------------------------------
    def name(self, node: str, lang: str = "en") -> str:
        d = self.G.nodes[node] if node in self.G else {}
        if lang == "tr" and d.get("name_tr"):
            return d["name_tr"]
        return d.get("name") or d.get("name_en") or d.get("acronym") or node

    def themes_of(self, node: str) -> dict[str, ThemeLink]:
        """Own themes, plus themes of the networks ``node`` is a member of (kind ``inferred``)."""
        found = self._themes_cache.get(node)
        if found is not None:
            return found
        found = dict(self.own.get(node, {}))
        inferred: dict[str, list[str]] = defaultdict(list)
        for network, status in self.networks_of.get(node, {}).items():
            if status in LIVE_MEMBERSHIP:
                for theme in self.own.get(network, {}):
                    if theme not in found:
                        inferred[theme].append(network)
        for theme, via in inferred.items():
            found[theme] = ThemeLink("inferred", 1.0, tuple(sorted(via)))
        self._themes_cache[node] = found
        return found

    def related(self, theme: str) -> set[str]:
        """Themes near ``theme`` in the hierarchy: its parent, its siblings and all its sub-themes."""
        out = self.descendants(theme)
        parent = self.parent.get(theme)
        if parent:
            out.add(parent)
            out |= self.children.get(parent, set())
        out.discard(theme)
        return out

    def descendants(self, theme: str) -> set[str]:
        out, todo = {theme}, [theme]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        return out

    def programmes(self, code: str | None) -> set[str]:
        """Funding programmes (eu, ipa, next-med) the country ``code`` takes part in."""
        flags = self.flags.get(code or "", {})
        return {p for p, flag in PROGRAMMES.items() if flags.get(flag)}

    def region(self, code: str | None) -> str | None:
        return self.flags.get(code or "", {}).get("region") or None

    def recent(self, actor: str, since: date, until: date) -> list[str]:
        """Ids of the agreements, projects and events of ``actor`` dated in [since, until]."""
        dates = self.activity.get(actor, [])
        lo = bisect_left(dates, (since.toordinal(), ""))
        hi = bisect_right(dates, (until.toordinal(), "\uffff"))
        return list(dict.fromkeys(source for _, source in dates[lo:hi]))

    def reach(self, anchors: frozenset[str]) -> tuple[dict[str, float], dict[str, float]]:
        """Resource allocation from ``anchors`` over two and three steps of the tie graph.

        Each anchor's partner ``z`` passes ``1/deg(z)`` to each of its own partners
        (two steps: the resource-allocation index); what a node ``y`` receives it
        passes on the same way, divided by ``deg(y)`` (three steps). Anchors receive nothing.
        """
        T, deg = self.ties, self.degree
        first = {z for a in anchors if a in T for z in T[a]}
        two: dict[str, float] = defaultdict(float)
        for a in anchors:
            if a in T:
                for z in T[a]:
                    share = 1.0 / deg[z]
                    for y in T[z]:
                        if y not in anchors:
                            two[y] += share
        three: dict[str, float] = defaultdict(float)
        for y, got in two.items():
            share = got / deg[y]
            for v in T[y]:
                if v not in anchors and v not in first:
                    three[v] += share
        return two, three


_CACHE: weakref.WeakKeyDictionary[nx.Graph, SynergyIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def index(G: nx.MultiDiGraph) -> SynergyIndex:
    """The :class:`SynergyIndex` of ``G``, built on first use and cached with the graph."""
    with _LOCK:
        found = _CACHE.get(G)
        if found is None or found.n_nodes != len(G):
            found = _CACHE[G] = SynergyIndex(G)
        return found


def invalidate(G: nx.MultiDiGraph) -> None:
    """Forget the cached index of ``G`` (after changing ``G`` in place)."""
    with _LOCK:
        _CACHE.pop(G, None)


def tie_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The cached undirected tie graph of ``G``: actors linked by agreements and projects."""
    return index(G).ties


# -- the four-city example used by docstrings and tests --------------------------------------
_THEMES = {
    "energy": ("Energy", "Enerji", None),
    "clean-energy": ("Clean energy", "Temiz enerji", "energy"),
    "energy-efficiency": ("Energy efficiency", "Enerji verimliliği", "energy"),
    "tourism": ("Tourism", "Turizm", None),
    "culture": ("Culture", "Kültür", None),
    "mobility": ("Sustainable mobility", "Sürdürülebilir ulaşım", None),
    "climate": ("Climate action", "İklim eylemi", None),
}


def example_graph() -> nx.MultiDiGraph:
    """A toy graph: Antalya (home, TR), Nuremberg (DE), Kunming (CN), Austin (US).

    The ties are illustrative, not a record of the real ones. Antalya has an active
    sister-city agreement and a shared project with Nuremberg, a dormant one with
    Kunming, and none with Austin, which has an agreement with Nuremberg.

    >>> G = example_graph()
    >>> sorted(n for n, d in G.nodes(data=True) if d["label"] == "City")
    ['city-cn-kunming', 'city-de-nurnberg', 'city-tr-antalya', 'city-us-austin']
    """
    from graph.convert import to_networkx
    from graph.model import Node, Relation

    nodes = [
        Node(
            "city-tr-antalya",
            "City",
            {
                "name": "Antalya",
                "country": "TR",
                "lat": 36.9,
                "lon": 30.7,
                "population": 2696249,
                "is_home": True,
            },
        ),
        Node(
            "city-de-nurnberg",
            "City",
            {
                "name": "Nuremberg",
                "name_tr": "Nürnberg",
                "country": "DE",
                "lat": 49.45,
                "lon": 11.08,
                "population": 523026,
            },
        ),
        Node(
            "city-cn-kunming",
            "City",
            {
                "name": "Kunming",
                "country": "CN",
                "lat": 25.04,
                "lon": 102.71,
                "population": 8460088,
            },
        ),
        Node(
            "city-us-austin",
            "City",
            {"name": "Austin", "country": "US", "lat": 30.27, "lon": -97.74, "population": 974447},
        ),
        Node(
            "country-tr",
            "Country",
            {
                "name": "Türkiye",
                "iso2": "TR",
                "eu_member": False,
                "ipa_beneficiary": True,
                "interreg_next_med": True,
                "region": "europe",
            },
        ),
        Node(
            "country-de",
            "Country",
            {
                "name": "Germany",
                "iso2": "DE",
                "eu_member": True,
                "ipa_beneficiary": False,
                "interreg_next_med": False,
                "region": "europe",
            },
        ),
        Node("country-cn", "Country", {"name": "China", "iso2": "CN", "region": "east-asia"}),
        Node(
            "country-us",
            "Country",
            {"name": "United States", "iso2": "US", "region": "north-america"},
        ),
        Node("network-medcities", "Network", {"name": "MedCities", "acronym": "MedCities"}),
        Node("network-iclei", "Network", {"name": "ICLEI", "acronym": "ICLEI"}),
        Node("network-eurocities", "Network", {"name": "Eurocities", "acronym": "Eurocities"}),
        Node(
            "agreement-antalya-nurnberg",
            "Agreement",
            {
                "name": "Antalya – Nuremberg",
                "type": "sister_city",
                "signed_on": "1997",
                "status": "active",
            },
        ),
        Node(
            "agreement-antalya-kunming",
            "Agreement",
            {
                "name": "Antalya – Kunming",
                "type": "sister_city",
                "signed_on": "2011-07-08",
                "status": "dormant",
            },
        ),
        Node(
            "agreement-nurnberg-austin",
            "Agreement",
            {"name": "Nuremberg – Austin", "type": "mou", "signed_on": "2019", "status": "active"},
        ),
        Node(
            "project-heritage-trails",
            "Project",
            {
                "name": "Heritage Trails",
                "programme": "IPA",
                "status": "active",
                "start_date": "2023-01-01",
                "end_date": "2026-12-31",
            },
        ),
        Node(
            "org-akdeniz-university",
            "Organization",
            {"name": "Akdeniz University", "name_tr": "Akdeniz Üniversitesi", "kind": "university"},
        ),
        Node("org-fau", "Organization", {"name": "FAU Erlangen-Nürnberg", "kind": "university"}),
        Node(
            "event-nuremberg-visit-2022",
            "Event",
            {"name": "Nuremberg delegation visit", "date": "2022-10-15", "type": "visit"},
        ),
        Node(
            "event-austin-forum-2024",
            "Event",
            {"name": "Austin climate forum", "date": "2024-05-01", "type": "conference"},
        ),
    ]
    nodes += [
        Node(f"theme-{t}", "Theme", {"name": en, "name_en": en, "name_tr": tr})
        for t, (en, tr, _) in _THEMES.items()
    ]
    R = Relation
    rels = [R("PART_OF", f"theme-{t}", f"theme-{p}") for t, (_, _, p) in _THEMES.items() if p]
    rels += [
        R("LOCATED_IN", c, f"country-{c.split('-')[1]}")
        for c in ("city-tr-antalya", "city-de-nurnberg", "city-cn-kunming", "city-us-austin")
    ]
    themes = [
        ("city-tr-antalya", "clean-energy", "priority"),
        ("city-tr-antalya", "tourism", "priority"),
        ("city-tr-antalya", "mobility", "priority"),
        ("city-de-nurnberg", "tourism", "focus"),
        ("city-de-nurnberg", "culture", "focus"),
        ("city-de-nurnberg", "energy-efficiency", "expertise"),
        ("city-cn-kunming", "tourism", "focus"),
        ("city-us-austin", "clean-energy", "expertise"),
        ("city-us-austin", "culture", "focus"),
        ("org-akdeniz-university", "tourism", "expertise"),
        ("org-akdeniz-university", "clean-energy", "expertise"),
        ("org-fau", "energy-efficiency", "expertise"),
        ("project-heritage-trails", "tourism", None),
        ("project-heritage-trails", "culture", None),
        ("network-medcities", "tourism", None),
        ("network-medcities", "mobility", None),
        ("network-iclei", "climate", None),
        ("network-iclei", "clean-energy", None),
        ("network-eurocities", "culture", None),
        ("network-eurocities", "mobility", None),
    ]
    rels += [R("HAS_THEME", n, f"theme-{t}", {"kind": k} if k else {}) for n, t, k in themes]
    rels += [
        R(
            "MEMBER_OF",
            "city-tr-antalya",
            "network-medcities",
            {"since": "2018", "status": "active"},
        ),
        R("MEMBER_OF", "city-de-nurnberg", "network-eurocities", {"status": "active"}),
        R("MEMBER_OF", "city-de-nurnberg", "network-iclei", {"status": "active"}),
        R("MEMBER_OF", "city-us-austin", "network-iclei", {"status": "active"}),
    ]
    rels += [
        R("PARTY_TO", "city-tr-antalya", "agreement-antalya-nurnberg"),
        R("PARTY_TO", "city-de-nurnberg", "agreement-antalya-nurnberg"),
        R("PARTY_TO", "city-tr-antalya", "agreement-antalya-kunming"),
        R("PARTY_TO", "city-cn-kunming", "agreement-antalya-kunming"),
        R("PARTY_TO", "city-de-nurnberg", "agreement-nurnberg-austin"),
        R("PARTY_TO", "city-us-austin", "agreement-nurnberg-austin"),
        R("PARTNER_IN", "city-tr-antalya", "project-heritage-trails", {"role": "lead"}),
        R("PARTNER_IN", "city-de-nurnberg", "project-heritage-trails", {"role": "partner"}),
        R("STAKEHOLDER_OF", "org-akdeniz-university", "city-tr-antalya", {"role": "research"}),
        R("LOCATED_IN", "org-akdeniz-university", "city-tr-antalya"),
        R("LOCATED_IN", "org-fau", "city-de-nurnberg"),
        R("PARTICIPATED_IN", "city-tr-antalya", "event-nuremberg-visit-2022"),
        R("PARTICIPATED_IN", "city-de-nurnberg", "event-nuremberg-visit-2022"),
        R("PARTICIPATED_IN", "city-us-austin", "event-austin-forum-2024"),
    ]
    return to_networkx(nodes, rels)
