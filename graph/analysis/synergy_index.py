"""The synergy index: what ranking needs of a graph, computed once (see :mod:`graph.analysis.tiegraph`)."""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import to_date
from graph.analysis.live import ACTORS, LIVE_AGREEMENT, LIVE_MEMBERSHIP, LIVE_PROJECT, ThemeLink
from graph.reference.countries import PROGRAMMES, eligibility_table


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
                    "type": nodes[agreement].get("type") or None,
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
        """The display name of ``node`` in ``lang`` (Turkish name when asked and known), else its id."""
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
        """``theme`` and every theme below it in the hierarchy."""
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
        """The Interreg region of country ``code`` (from the country table), or None."""
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
