"""Synergy: who to partner with, why, and what to revive.

:func:`suggest` ranks candidate partners (cities, networks, organisations) for a
focus: the home city (the default), another city or organisation, a theme
("who should we partner with on clean energy?", relative to home) or a project
(partners for the project). The score is a weighted sum of parts, each measured
from 0 to 1 and shown with the nodes behind it (see ``docs/synergy.md``):

========================  ================================================================
``shared_themes``         themes of the focus the candidate holds too, weighted by kind;
                          a parent, child or sibling theme counts ``related_theme`` (0.5)
``shared_networks``       networks of the focus the candidate is a member of; small
                          networks count more (``1/log2(1 + members)``)
``partners_of_partners``  resource allocation over two and three steps of the tie graph
                          (agreements and shared projects); names the intermediaries
``complementary``         expertise in a priority theme of the focus that no live partner covers
``eligibility``           funding programmes (eu, ipa, next-med) both countries take part in
``activity``              dated agreements, projects and events of the candidate, recently
``geography``             ties between the two countries, relative to the focus country's
                          most frequent partner country
``openness``              how many partnerships the candidate already has
========================  ================================================================

A candidate must have at least one *relational* part (the first four) above zero.
Parts that cannot be measured for a focus or a kind of candidate (a network has no
country; a focus with no themes) are left out, with their weight, so the score stays
in 0..1 and each part's ``contribution`` is ``weight * value / sum of weights used``.

Live ties (live agreements, live shared projects, memberships of the focus for
networks) are never suggested. Dormant and expired agreements, and lapsed
memberships, are listed apart by :func:`revive`.

>>> from graph.tiegraph import example_graph
>>> G = example_graph()
>>> for s in suggest(G, today="2025-01-01"):
...     print(f"{s.score:.3f} {s.label:12} {s.name}")
0.302 City         Austin
0.274 Network      Eurocities
0.274 Network      ICLEI
0.125 Organization FAU Erlangen-Nürnberg
>>> top = suggest(G, today="2025-01-01")[0]
>>> print(top.reasons["en"][0])
Shares 1 priority theme: Clean energy
>>> print(top.reasons["tr"][1])
Ortaklarımızın ortağı: Nürnberg
>>> [s.name for s in revive(G, today="2025-01-01")]
['Kunming']
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any

import networkx as nx

from graph.countries import country_name
from graph.errors import EntityNotFound, InvalidData
from graph.ids import fold
from graph.tiegraph import LIVE_MEMBERSHIP, SynergyIndex, ThemeLink, index, to_date

KINDS = ("City", "Network", "Organization")
RELATIONAL = ("shared_themes", "shared_networks", "partners_of_partners", "complementary")
PROGRAMME_NAMES = {"eu": "EU membership", "ipa": "IPA", "next-med": "Interreg NEXT MED"}


class AmbiguousName(InvalidData):
    """A name given on the command line matches several entities."""


# -- weights --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Weights:
    """Weights of the score parts, and the constants that measure them.

    The first eight fields weigh the parts; the rest say how parts are measured.
    Override any of them with a dict (``Weights.from_dict({"geography": 0})``) or
    the settings ``DIPLOMAP_WEIGHT_<FIELD>`` (:meth:`from_settings`).
    """

    shared_themes: float = 1.0
    shared_networks: float = 0.5
    partners_of_partners: float = 1.0
    complementary: float = 0.8
    eligibility: float = 0.3
    activity: float = 0.3
    geography: float = 0.2
    openness: float = 0.1
    # how a theme link counts, by its kind
    priority: float = 1.0
    focus: float = 0.75
    expertise: float = 0.75
    inferred: float = 0.5
    related_theme: float = 0.5  # a parent, child or sibling theme instead of the theme itself
    third_step: float = 1.0  # weight of three-step resource allocation beside two-step
    half_saturation: float = 0.5  # raw sum at which a saturating part reaches 0.5
    activity_years: float = 5.0  # window of "recent" activity
    activity_saturation: float = 3.0  # this many recent activities give activity 1.0
    openness_cap: float = 50.0  # this many partnerships give openness 1.0

    PARTS = ("shared_themes", "shared_networks", "partners_of_partners", "complementary",
             "eligibility", "activity", "geography", "openness")

    @classmethod
    def from_dict(cls, values: Mapping[str, Any] | None) -> Weights:
        known = {f.name for f in fields(cls)}
        unknown = set(values or {}) - known
        if unknown:
            raise InvalidData(f"unknown weight(s): {', '.join(sorted(unknown))}",
                              hint=f"use {', '.join(sorted(known))}")
        return cls(**{k: float(v) for k, v in (values or {}).items()})

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Weights:
        """Weights from ``DIPLOMAP_WEIGHT_<FIELD>`` entries of ``settings`` that are set."""
        found = {f.name: settings[key] for f in fields(cls)
                 if (key := f"DIPLOMAP_WEIGHT_{f.name.upper()}") in settings and settings[key] not in (None, "")}
        return cls.from_dict(found)

    def kind(self, kind: str | None) -> float:
        return getattr(self, kind, self.focus) if kind in ("priority", "focus", "expertise", "inferred") \
            else self.focus

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


def _weights(weights: Weights | Mapping[str, Any] | None) -> Weights:
    return weights if isinstance(weights, Weights) else Weights.from_dict(weights)


# -- results --------------------------------------------------------------------------------
@dataclass
class Part:
    name: str
    value: float
    weight: float
    contribution: float
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": round(self.value, 4), "weight": self.weight,
                "contribution": round(self.contribution, 4), "evidence": self.evidence}


@dataclass
class Suggestion:
    """A ranked candidate, its score parts with evidence, and reasons in English and Turkish."""

    id: str
    label: str
    name: str
    name_tr: str | None
    country: str | None
    score: float
    parts: list[Part] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "tr": []})
    ties: list[dict[str, Any]] = field(default_factory=list)  # existing ties that are not live

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "name_tr": self.name_tr,
                "country": self.country, "score": round(self.score, 4),
                "parts": [p.to_dict() for p in self.parts], "reasons": self.reasons, "ties": self.ties}


# -- finding the focus ----------------------------------------------------------------------
def home_city(G: nx.MultiDiGraph, home: str | None = None) -> str:
    """The id of the home city: ``home`` if given, else the one City with ``is_home``.

    >>> from graph.tiegraph import example_graph
    >>> home_city(example_graph())
    'city-tr-antalya'
    """
    if home:
        if home not in G:
            raise EntityNotFound(f"no entity with id {home!r}", hint="check DIPLOMAP_HOME or --home")
        return home
    homes = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "City" and d.get("is_home"))
    if not homes:
        raise EntityNotFound("no home city in the graph",
                             hint="mark one city with is_home=true, or set DIPLOMAP_HOME to its id")
    if len(homes) > 1:
        raise AmbiguousName(f"{len(homes)} cities are marked is_home: {', '.join(homes)}",
                            hint="set DIPLOMAP_HOME to the id of one of them")
    return homes[0]


def resolve(G: nx.MultiDiGraph, text: str, labels: Iterable[str] | None = None) -> str:
    """The id of the node that ``text`` names: an id, or a name/Turkish name/acronym after folding.

    >>> from graph.tiegraph import example_graph
    >>> G = example_graph()
    >>> resolve(G, "NÜRNBERG"), resolve(G, "city-us-austin"), resolve(G, "temiz enerji")
    ('city-de-nurnberg', 'city-us-austin', 'theme-clean-energy')
    """
    wanted = set(labels) if labels else None
    if text in G:
        label = G.nodes[text].get("label")
        if wanted is None or label in wanted:
            return text
        raise InvalidData(f"{text!r} is a {label}", hint=f"give a {' or '.join(sorted(wanted))}")
    key = fold(text)
    found, names_of = [], {}
    for n, d in G.nodes(data=True):
        if wanted is not None and d.get("label") not in wanted:
            continue
        names = [d.get(k) for k in ("name", "name_tr", "name_en", "acronym")]
        aliases = d.get("aliases") or []
        names += aliases if isinstance(aliases, list) else str(aliases).split(";")
        folded = {fold(x) for x in names if isinstance(x, str) and x}
        if key in folded:
            found.append(n)
        names_of[n] = folded
    if len(found) == 1:
        return found[0]
    if not found:
        from rapidfuzz import fuzz

        near = sorted((max(fuzz.ratio(key, x) for x in names), n) for n, names in names_of.items() if names)
        near = [n for score, n in near[::-1] if score >= 80][:5]
        hint = ("did you mean " + ", ".join(f"{G.nodes[n].get('name', n)} ({n})" for n in near) + "?"
                if near else "give an id, or check the spelling")
        raise EntityNotFound(f"nothing is named {text!r}", hint=hint)
    listing = ", ".join(f"{G.nodes[n].get('name', n)} ({n})" for n in sorted(found))
    raise AmbiguousName(f"{text!r} names {len(found)} entities: {listing}", hint="give one of the ids")


@dataclass
class Focus:
    """Who and what a ranking is for (built by :func:`make_focus`)."""

    id: str
    label: str
    actor: str | None  # whose exclusions, revivals and local organisations apply
    anchors: frozenset[str]  # whose ties and networks count
    themes: dict[str, float]  # theme -> weight
    kinds: dict[str, str]  # theme -> kind of the focus's link
    gaps: frozenset[str]  # priority themes with no live partner
    programmes: frozenset[str]
    country: str | None
    networks: frozenset[str]
    exclude: set[str]
    revive: dict[str, list[dict[str, Any]]]
    former: dict[str, list[dict[str, Any]]]
    require: frozenset[str] | None  # candidate must hold one of these themes
    two: dict[str, float] = field(default_factory=dict)
    three: dict[str, float] = field(default_factory=dict)
    related: dict[str, set[str]] = field(default_factory=dict)
    today: date = field(default_factory=date.today)


def _today(today: date | str | None) -> date:
    if today is None:
        return date.today()
    found = to_date(today, end=False) if isinstance(today, str) else today
    if found is None:
        raise InvalidData(f"today={today!r} is not a date", hint="use YYYY-MM-DD")
    return found


def uncovered(idx: SynergyIndex, actor: str, themes: Iterable[str]) -> list[str]:
    """Themes among ``themes`` that no live partner of ``actor`` works on.

    A live partner is a party of a live agreement or a partner in a live project
    with ``actor``. A theme (or one of its sub-themes) is covered when that partner
    holds it as an own theme, or when the agreement or project itself has it.
    Network memberships do not cover a theme: a network is a venue, not a partner.
    """
    covered: set[str] = set()
    if actor in idx.ties:
        for partner, d in idx.ties[actor].items():
            live = [v for v in d["via"] if v["live"]]
            if live:
                covered |= set(idx.own.get(partner, {}))
                for v in live:
                    covered |= set(idx.own.get(v["id"], {}))
    return [t for t in themes if not (idx.descendants(t) & covered)]


def _programmes_of_project(text: str | None) -> set[str]:
    key = fold(text or "")
    found = set()
    if "next med" in key or "enpi" in key:
        found.add("next-med")
    if "ipa" in key.split():
        found.add("ipa")
    return found


def make_focus(G: nx.MultiDiGraph, focus: str | None = None, *, home: str | None = None,
               weights: Weights | None = None, today: date | str | None = None) -> Focus:
    """Resolve ``focus`` (None = home, a city/organisation, a theme or a project id)."""
    idx, w = index(G), weights or Weights()
    if focus is None:
        focus = home_city(G, home)
    if focus not in G:
        raise EntityNotFound(f"no entity with id {focus!r}", hint="give an id, or a name with --for")
    label = idx.label[focus]
    if label in ("City", "Organization"):
        actor: str | None = focus
        anchors = frozenset({focus})
    elif label in ("Theme", "Project"):
        try:
            actor = home_city(G, home)
        except EntityNotFound:
            actor = None
        if label == "Project":
            team = [a for a in dict.fromkeys(idx.partners.get(focus, [])) if a in idx.ties]
            anchors = frozenset(team or ([actor] if actor else []))
        else:
            anchors = frozenset([actor] if actor else [])
    else:
        raise InvalidData(f"{focus!r} is a {label}; synergy needs a city, organisation, theme or project")
    # themes
    if label == "Theme":
        links = {focus: ThemeLink("priority")}
    elif label == "Project":
        links = {t: ThemeLink("priority", link.weight) for t, link in idx.own.get(focus, {}).items()}
    else:
        links = idx.own.get(focus) or idx.themes_of(focus)
    themes = {t: w.kind(link.kind) * link.weight for t, link in links.items()}
    kinds = {t: link.kind for t, link in links.items()}
    if label == "Theme":
        gaps = frozenset(uncovered(idx, actor, [focus]) if actor else [focus])
    elif label == "Project":
        gaps = frozenset()
    else:
        gaps = frozenset(uncovered(idx, focus, [t for t, k in kinds.items() if k == "priority"]))
    country = idx.country.get(actor) if actor else None
    if country is None and anchors:
        country = next((idx.country[a] for a in sorted(anchors) if a in idx.country), None)
    programmes = idx.programmes(country)
    if label == "Project":
        programmes = _programmes_of_project(G.nodes[focus].get("programme")) or programmes
    networks = frozenset(n for a in anchors for n, s in idx.networks_of.get(a, {}).items()
                         if s in LIVE_MEMBERSHIP)
    exclude: set[str] = set(anchors)
    revive: dict[str, list[dict[str, Any]]] = {}
    former: dict[str, list[dict[str, Any]]] = {}
    if label == "Project":
        exclude |= set(idx.partners.get(focus, []))
    if actor:
        exclude.add(actor)
        exclude |= idx.local.get(actor, set())
        for n, status in idx.networks_of.get(actor, {}).items():
            if status in LIVE_MEMBERSHIP or status == "applied":
                exclude.add(n)
            elif label != "Project":
                revive.setdefault(n, []).append({"id": n, "kind": "membership", "status": status})
        if actor in idx.ties:
            for partner, d in idx.ties[actor].items():
                via = d["via"]
                if any(v["live"] for v in via):
                    if label != "Project":
                        exclude.add(partner)
                    continue
                old = [dict(v) for v in via]
                for v in old:
                    v.pop("live", None)
                if label == "Project":
                    former[partner] = old
                elif any(v["kind"] == "agreement" and v["status"] in ("dormant", "expired") for v in via):
                    revive[partner] = old
                elif any(v["kind"] == "agreement" for v in via):  # planned: on its way
                    exclude.add(partner)
                else:
                    former[partner] = old
    exclude |= revive.keys()
    two, three = idx.reach(anchors)
    return Focus(focus, label, actor, anchors, themes, kinds, gaps, frozenset(programmes), country,
                 networks, exclude, revive, former, frozenset(idx.descendants(focus)) if label == "Theme"
                 else None, two, three, {t: idx.related(t) for t in themes}, _today(today))


# -- the parts ------------------------------------------------------------------------------
def _sat(x: float, h: float) -> float:
    return x / (x + h) if x > 0 else 0.0


def _theme_match(idx: SynergyIndex, f: Focus, theme: str, held: Mapping[str, ThemeLink],
                 w: Weights, expertise_only: bool = False) -> tuple[float, str | None, ThemeLink | None]:
    """Best match of focus ``theme`` in ``held``: (strength, matched theme, link)."""
    def ok(link: ThemeLink) -> bool:
        return not expertise_only or link.kind == "expertise"

    link = held.get(theme)
    if link is not None and ok(link):
        return (1.0 if expertise_only else w.kind(link.kind)) * link.weight, theme, link
    best: tuple[float, str | None, ThemeLink | None] = (0.0, None, None)
    for other in f.related.get(theme) or idx.related(theme):
        link = held.get(other)
        if link is not None and ok(link):
            m = w.related_theme * (1.0 if expertise_only else w.kind(link.kind)) * link.weight
            if m > best[0] or (m == best[0] and best[1] is not None and other < best[1]):
                best = (m, other, link)
    return best


def _theme_evidence(idx: SynergyIndex, theme: str, matched: str, link: ThemeLink,
                    strength: float) -> dict[str, Any]:
    ev = {"id": theme, "name": idx.name(theme), "name_tr": idx.name(theme, "tr"),
          "match": "exact" if matched == theme else "related", "kind": link.kind,
          "strength": round(strength, 4)}
    if matched != theme:
        ev["via"] = {"id": matched, "name": idx.name(matched), "name_tr": idx.name(matched, "tr")}
    if link.inferred:
        ev["inferred"] = True
        ev["from"] = [{"id": n, "name": idx.name(n)} for n in link.via]
    return ev


def part_shared_themes(idx, f, c, w, ev):
    if not f.themes:
        return None
    held = idx.own.get(c, {}) if idx.label[c] == "Network" else idx.themes_of(c)
    if not held:
        return 0.0, []
    total, got, evidence = sum(f.themes.values()), 0.0, []
    for theme, wf in f.themes.items():
        m, matched, link = _theme_match(idx, f, theme, held, w)
        if m:
            got += wf * m
            if ev:
                evidence.append(_theme_evidence(idx, theme, matched, link, wf * m) |
                                {"focus_kind": f.kinds.get(theme)})
    if ev:
        evidence.sort(key=lambda e: (-e["strength"], e["name"]))
    return got / total, evidence


def part_shared_networks(idx, f, c, w, ev):
    if idx.label[c] == "Network" or not f.networks:
        return None
    mine = idx.networks_of.get(c)
    if not mine:
        return 0.0, []
    shared = [n for n, s in mine.items() if n in f.networks and s in LIVE_MEMBERSHIP]
    raw = sum(1.0 / math.log2(1 + len(idx.members[n])) for n in shared)
    evidence = sorted(({"id": n, "name": idx.name(n), "members": len(idx.members[n])} for n in shared),
                      key=lambda e: (e["members"], e["name"])) if ev else []
    return _sat(raw, w.half_saturation), evidence


def part_partners_of_partners(idx, f, c, w, ev):
    if not f.anchors:
        return None
    T = idx.ties
    if idx.label[c] == "Network":
        inside = sorted(z for a in f.anchors if a in T for z in T[a] if z in idx.members[c])
        evidence = [{"id": z, "name": idx.name(z), "name_tr": idx.name(z, "tr")} for z in inside] if ev else []
        return _sat(len(inside), 2 * w.half_saturation), evidence
    raw = f.two.get(c, 0.0) + w.third_step * f.three.get(c, 0.0)
    if not ev or raw == 0 or c not in T:
        return _sat(raw, w.half_saturation), []
    evidence = []
    for a in sorted(f.anchors):
        if a not in T:
            continue
        for z in sorted(set(T[a]) & set(T[c])):
            evidence.append({"id": z, "name": idx.name(z), "name_tr": idx.name(z, "tr"), "steps": 2,
                             "ties": len(T[z]), "path": [a, z, c],
                             "via": [v["id"] for v in T[a][z]["via"]] + [v["id"] for v in T[z][c]["via"]]})
    if f.three.get(c):
        paths = []
        for y in T[c]:
            if y in f.two and y not in f.anchors:
                for a in sorted(f.anchors):
                    for z in sorted(set(T[a]) & set(T[y])) if a in T else ():
                        if z != c:
                            paths.append((1.0 / idx.degree[z] / idx.degree[y], [a, z, y, c]))
        paths.sort(key=lambda p: (-p[0], p[1]))
        for _, path in paths[:3]:
            evidence.append({"id": path[1], "name": idx.name(path[1]), "name_tr": idx.name(path[1], "tr"),
                             "steps": 3, "ties": len(T[path[1]]), "path": path,
                             "names": [idx.name(p) for p in path]})
    return _sat(raw, w.half_saturation), evidence


def part_complementary(idx, f, c, w, ev):
    if not f.gaps:
        return None
    is_network = idx.label[c] == "Network"
    held = idx.own.get(c, {})
    if not held:
        return 0.0, []
    got, evidence = 0.0, []
    for theme in sorted(f.gaps):
        m, matched, link = _theme_match(idx, f, theme, held, w, expertise_only=not is_network)
        if m and is_network:
            m = 1.0 if matched == theme else w.related_theme
        if m:
            got += m
            if ev:
                evidence.append(_theme_evidence(idx, theme, matched, link, m))
    return got / len(f.gaps), evidence


def part_eligibility(idx, f, c, w, ev):
    if idx.label[c] == "Network" or not f.programmes:
        return None
    shared = f.programmes & idx.programmes(idx.country.get(c))
    evidence = [{"programme": p, "name": PROGRAMME_NAMES[p]} for p in sorted(shared)] if ev else []
    return len(shared) / len(f.programmes), evidence


def part_activity(idx, f, c, w, ev):
    if idx.label[c] == "Network":
        return None
    since = f.today - timedelta(days=round(365.25 * w.activity_years))
    found = idx.recent(c, since, f.today)
    evidence = [{"id": s, "name": idx.name(s), "label": idx.label.get(s)} for s in found] if ev else []
    return min(1.0, len(found) / w.activity_saturation) if w.activity_saturation > 0 else 0.0, evidence


def part_geography(idx, f, c, w, ev):
    if idx.label[c] == "Network" or not idx.country_best.get(f.country or ""):
        return None
    other = idx.country.get(c)
    n = idx.country_pairs.get((f.country, other), 0) if other else 0
    best = idx.country_best[f.country]
    evidence = [{"countries": [f.country, other], "ties": n, "most": best}] if ev and n else []
    return n / best, evidence


def part_openness(idx, f, c, w, ev):
    if idx.label[c] == "Network":
        return None
    n = idx.degree.get(c, 0)
    evidence = [{"ties": n}] if ev and n else []
    return min(1.0, math.log1p(n) / math.log1p(w.openness_cap)), evidence


PARTS = {"shared_themes": part_shared_themes, "shared_networks": part_shared_networks,
         "partners_of_partners": part_partners_of_partners, "complementary": part_complementary,
         "eligibility": part_eligibility, "activity": part_activity, "geography": part_geography,
         "openness": part_openness}


def applicable(idx: SynergyIndex, f: Focus, w: Weights) -> dict[str, float]:
    """The parts that can be measured for focus ``f`` and have a weight, with their weights.

    Their weights sum to the denominator of every score for this focus. A part that
    does not exist for a kind of candidate (a network has no country) counts as 0.
    """
    can = {"shared_themes": bool(f.themes), "shared_networks": bool(f.networks),
           "partners_of_partners": bool(f.anchors), "complementary": bool(f.gaps),
           "eligibility": bool(f.programmes), "activity": True,
           "geography": bool(idx.country_best.get(f.country or "")), "openness": True}
    return {n: getattr(w, n) for n in PARTS if can[n] and getattr(w, n) > 0}


def _total(weights: Mapping[str, float]) -> float:
    total = 0.0
    for weight in weights.values():
        total += weight
    return total


def score_parts(idx: SynergyIndex, f: Focus, c: str, w: Weights, evidence: bool = False
                ) -> tuple[float, list[Part], bool]:
    """(score, parts, relational) of candidate ``c``; one code path for ranking and evidence."""
    weights = applicable(idx, f, w)
    total = _total(weights)
    if not total:
        return 0.0, [], False
    got, parts = 0.0, []
    for name, weight in weights.items():
        found = PARTS[name](idx, f, c, w, evidence)
        if found is not None:  # None: the part does not exist for this kind of candidate
            got += weight * found[0]
            parts.append(Part(name, found[0], weight, weight * found[0] / total, found[1]))
    relational = any(p.value > 0 for p in parts if p.name in RELATIONAL)
    return got / total, parts, relational


class Scorer:
    """The score of :func:`score_parts` for many candidates of one focus, without evidence.

    It gives exactly the same numbers (the same operations in the same order) but
    skips the parts that are zero for a candidate, and caches what depends only on
    the candidate's country or number of ties. ``tests/test_synergy.py`` checks the
    two agree.
    """

    def __init__(self, idx: SynergyIndex, f: Focus, w: Weights):
        self.idx, self.f, self.w = idx, f, w
        self.weights = applicable(idx, f, w)
        self.total = _total(self.weights)
        self.network = [n for n in ("shared_themes", "partners_of_partners", "complementary")
                        if n in self.weights]
        self.wt = {n: self.weights.get(n, 0.0) for n in PARTS}
        self.net_weight = {n: 1.0 / math.log2(1 + len(idx.members[n])) for n in f.networks}
        self._by_country: dict[str | None, tuple[float, float]] = {}
        self._by_degree: dict[int, float] = {}

    def _country(self, code: str | None) -> tuple[float, float]:
        found = self._by_country.get(code)
        if found is None:
            idx, f = self.idx, self.f
            elig = len(f.programmes & idx.programmes(code)) / len(f.programmes) if f.programmes else 0.0
            best = idx.country_best.get(f.country or "")
            geo = (idx.country_pairs.get((f.country, code), 0) if code else 0) / best if best else 0.0
            found = self._by_country[code] = (elig, geo)
        return found

    def __call__(self, c: str) -> tuple[float, bool]:
        idx, f, w, wt = self.idx, self.f, self.w, self.wt
        if not self.total:
            return 0.0, False
        if idx.label[c] == "Network":
            got = 0.0
            relational = False
            for name in self.network:
                value = PARTS[name](idx, f, c, w, False)[0]
                got += wt[name] * value
                relational = relational or value > 0
            return got / self.total, relational
        # Zero parts add nothing, so skipping them keeps the sum of score_parts exactly.
        got = 0.0
        relational = False
        if wt["shared_themes"] and (c in idx.own or any(n in idx.themed_networks
                                                        for n in idx.live_networks.get(c, ()))):
            value = part_shared_themes(idx, f, c, w, False)[0]
            if value > 0:
                got += wt["shared_themes"] * value
                relational = True
        if wt["shared_networks"]:
            mine = idx.networks_of.get(c)
            if mine:
                raw = 0.0
                for n, s in mine.items():
                    if n in self.net_weight and s in LIVE_MEMBERSHIP:
                        raw += self.net_weight[n]
                if raw > 0:
                    got += wt["shared_networks"] * _sat(raw, w.half_saturation)
                    relational = True
        if wt["partners_of_partners"]:
            raw = f.two.get(c, 0.0) + w.third_step * f.three.get(c, 0.0)
            if raw > 0:
                got += wt["partners_of_partners"] * _sat(raw, w.half_saturation)
                relational = True
        if wt["complementary"] and c in idx.own:
            value = part_complementary(idx, f, c, w, False)[0]
            if value > 0:
                got += wt["complementary"] * value
                relational = True
        if wt["eligibility"] or wt["geography"]:
            elig, geo = self._country(idx.country.get(c))
        if wt["eligibility"] and elig:
            got += wt["eligibility"] * elig
        if wt["activity"] and c in idx.activity:
            got += wt["activity"] * part_activity(idx, f, c, w, False)[0]
        if wt["geography"] and geo:
            got += wt["geography"] * geo
        if wt["openness"]:
            n = idx.degree.get(c, 0)
            value = self._by_degree.get(n)
            if value is None:
                value = self._by_degree[n] = part_openness(idx, f, c, w, False)[0]
            got += wt["openness"] * value
        return got / self.total, relational


# -- ranking --------------------------------------------------------------------------------
def _candidates(idx: SynergyIndex, f: Focus, kinds: set[str], exhaustive: bool) -> set[str]:
    """Every node that can have a relational part above zero (or every node of ``kinds``)."""
    if exhaustive:
        return {n for n, label in idx.label.items() if label in kinds}
    found: set[str] = set()
    T = idx.ties
    partners = {z for a in f.anchors if a in T for z in T[a]}
    found |= f.two.keys() | f.three.keys() | partners
    for n in f.networks:
        found |= idx.members[n]
    if "Network" in kinds:
        for z in partners:
            found |= idx.networks_of.get(z, {}).keys()
    for theme in set(f.themes) | set(f.gaps):
        for t in {theme} | (f.related.get(theme) or idx.related(theme)):
            for holder in idx.holders.get(t, ()):
                found.add(holder)
                if idx.label.get(holder) == "Network":
                    found |= idx.members[holder]
    return {n for n in found if idx.label.get(n) in kinds}


def _theme_ids(G: nx.MultiDiGraph, themes: Iterable[str]) -> list[str]:
    out = []
    for t in themes:
        tid = t if t in G else f"theme-{t}"
        if G.nodes.get(tid, {}).get("label") != "Theme":
            raise EntityNotFound(f"no theme {t!r}", hint="give a theme id such as theme-clean-energy")
        out.append(tid)
    return out


def _filter(idx: SynergyIndex, pool: Iterable[str], kinds: Iterable[str], themes, countries,
            regions, eligible, require: frozenset[str] | None) -> list[str]:
    from graph.countries import PROGRAMMES

    kinds = set(kinds)
    if kinds - set(KINDS):
        raise InvalidData(f"unknown kind(s): {', '.join(sorted(kinds - set(KINDS)))}",
                          hint=f"use {', '.join(KINDS)}")
    for p in eligible or ():
        if p not in PROGRAMMES:
            raise InvalidData(f"unknown programme {p!r}", hint=f"use {', '.join(PROGRAMMES)}")
    wanted_themes = [set().union(*(idx.descendants(t) for t in themes))] if themes else []
    if require:
        wanted_themes.append(set(require))
    codes = {c.strip().upper() for c in countries} if countries else None  # ISO codes: ASCII
    folded_regions = {fold(r) for r in regions} if regions else None
    if not (wanted_themes or codes is not None or folded_regions is not None or eligible):
        return [c for c in pool if idx.label.get(c) in kinds]
    out = []
    for c in pool:
        if idx.label.get(c) not in kinds:
            continue
        code = idx.country.get(c)
        if codes is not None and code not in codes:
            continue
        if folded_regions is not None and fold(idx.region(code) or "") not in folded_regions:
            continue
        if eligible and not (set(eligible) & idx.programmes(code)):
            continue
        if wanted_themes:
            held = idx.own.get(c, {}).keys() if idx.label[c] == "Network" else idx.themes_of(c).keys()
            if not all(held & want for want in wanted_themes):
                continue
        out.append(c)
    return out


def _rank(G: nx.MultiDiGraph, f: Focus, pool: Iterable[str], w: Weights, limit: int | None,
          relational_only: bool, ties: Mapping[str, list[dict[str, Any]]]) -> list[Suggestion]:
    idx = index(G)
    scorer = Scorer(idx, f, w)
    scored = []
    for c in pool:
        score, relational = scorer(c)
        if relational or not relational_only:
            scored.append((-score, c))
    best = heapq.nsmallest(limit, scored) if limit else sorted(scored)
    out = []
    for _, c in best:
        score, parts, _ = score_parts(idx, f, c, w, evidence=True)
        d = G.nodes[c]
        s = Suggestion(c, idx.label[c], idx.name(c), d.get("name_tr"), idx.country.get(c), score, parts,
                       ties=list(ties.get(c, [])))
        s.reasons = reasons(idx, f, s, w)
        out.append(s)
    return out


def suggest(G: nx.MultiDiGraph, focus: str | None = None, *, limit: int | None = 20,
            kinds: Iterable[str] = ("City", "Network", "Organization"), themes: Iterable[str] | None = None,
            countries: Iterable[str] | None = None, regions: Iterable[str] | None = None,
            eligible: Iterable[str] | None = None, weights: Weights | Mapping[str, Any] | None = None,
            today: date | str | None = None, home: str | None = None,
            exhaustive: bool = False) -> list[Suggestion]:
    """Rank candidate partners for ``focus``, best first, with the evidence of each score part.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph (``Store.to_networkx()``).
    focus : str, optional
        The home city (default), a city or organisation id, a theme id (``theme-...``:
        candidates that work on it, relative to home) or a project id (new partners).
    limit : int, optional
        Most suggestions returned (None: all).
    kinds : labels of candidates: ``City``, ``Network``, ``Organization``.
    themes : theme ids; a candidate must hold one of them or a sub-theme (own or inferred).
    countries : ISO2 codes the candidate's country must be among.
    regions : regions (``eligibility_table`` or ``Country.region``) the candidate's country is in.
    eligible : programmes (eu, ipa, next-med); the candidate's country must take part in one.
    weights : :class:`Weights`, or a dict of fields to override.
    today : the date "recent activity" is measured from (default: today).
    home : id of the home city when the graph marks several.
    exhaustive : score every node of ``kinds`` instead of generating candidates; the result
        is the same (used by tests and the benchmark baseline), only slower.

    Returns
    -------
    list of Suggestion

    Examples
    --------
    >>> from graph.tiegraph import example_graph
    >>> G = example_graph()
    >>> [s.name for s in suggest(G, "theme-clean-energy", today="2025-01-01")]
    ['Austin', 'ICLEI']
    >>> austin = suggest(G, kinds=["City"], today="2025-01-01")[0]
    >>> [(p.name, round(p.value, 2)) for p in austin.parts if p.value]
    [('shared_themes', 0.25), ('partners_of_partners', 0.5), ('complementary', 0.5), ('activity', 0.33), ('openness', 0.18)]
    >>> austin.part("partners_of_partners").evidence[0]["name"]
    'Nuremberg'
    >>> suggest(G, kinds=["City"], eligible=["eu"], today="2025-01-01")
    []
    """
    w = _weights(weights)
    f = make_focus(G, focus, home=home, weights=w, today=today)
    idx = index(G)
    kinds = tuple(kinds)
    theme_ids = _theme_ids(G, themes) if themes else None
    pool = _candidates(idx, f, set(kinds), exhaustive) - f.exclude
    pool = _filter(idx, pool, kinds, theme_ids, countries, regions, eligible, f.require)
    return _rank(G, f, pool, w, limit, True, f.former)


def revive(G: nx.MultiDiGraph, focus: str | None = None, *, limit: int | None = 20,
           kinds: Iterable[str] = ("City", "Network", "Organization"),
           weights: Weights | Mapping[str, Any] | None = None, today: date | str | None = None,
           home: str | None = None) -> list[Suggestion]:
    """Ties of ``focus`` to revive: partners whose agreements are dormant or expired, and
    networks whose membership lapsed, scored like :func:`suggest`; ``ties`` names them.

    >>> from graph.tiegraph import example_graph
    >>> kunming = revive(example_graph(), today="2025-01-01")[0]
    >>> kunming.ties[0]["id"], kunming.ties[0]["status"]
    ('agreement-antalya-kunming', 'dormant')
    """
    w = _weights(weights)
    f = make_focus(G, focus, home=home, weights=w, today=today)
    pool = _filter(index(G), sorted(f.revive), tuple(kinds), None, None, None, None, None)
    return _rank(G, f, pool, w, limit, False, f.revive)


# -- reasons --------------------------------------------------------------------------------
def _names(items: list[dict[str, Any]], lang: str, most: int = 3) -> str:
    names = [(i.get("name_tr") if lang == "tr" else None) or i.get("name") or i.get("id") for i in items]
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


def _theme_phrase(e: dict[str, Any], lang: str) -> str:
    name = e.get("name_tr") if lang == "tr" else e["name"]
    if e["match"] == "related":
        via = e["via"]["name_tr"] if lang == "tr" else e["via"]["name"]
        name += f" (ilgili tema {via} üzerinden)" if lang == "tr" else f" (through the related theme {via})"
    if e.get("inferred"):
        nets = ", ".join(n["name"] for n in e["from"])
        name += f" ({nets} üyeliğinden çıkarım)" if lang == "tr" else f" (inferred from {nets})"
    return name


_STATUS_TR = {"dormant": "uykuda", "expired": "süresi dolmuş", "completed": "tamamlandı", "active": "etkin",
              "planned": "planlandı", "lapsed": "sona ermiş", "inactive": "etkin değil"}


def reasons(idx: SynergyIndex, f: Focus, s: Suggestion, w: Weights) -> dict[str, list[str]]:
    """Short sentences in English and Turkish, one per part that adds to the score."""
    en: list[str] = []
    tr: list[str] = []
    for t in s.ties:
        name, status = idx.name(t["id"]), t.get("status")
        en_status, tr_status = status or "", _STATUS_TR.get(status or "", status or "")
        if t["kind"] == "agreement":
            en.append(f"Our {en_status} agreement: {name}".replace("  ", " "))
            tr.append(f"{tr_status.capitalize()} anlaşmamız: {name}" if tr_status else f"Anlaşmamız: {name}")
        elif t["kind"] == "project":
            en.append(f"Partner with us in {name}" + (f" ({en_status})" if en_status else ""))
            tr.append(f"{name} projesinde ortağımız" + (f" ({tr_status})" if tr_status else ""))
        else:
            en.append(f"Our membership of {name} is {en_status}")
            tr.append(f"{name} üyeliğimiz: {tr_status}")
    for p in s.parts:
        if p.value <= 0:
            continue
        ev = p.evidence
        if p.name == "shared_themes" and ev:
            n = len(ev)
            prio = all(e.get("focus_kind") == "priority" for e in ev)
            en.append(f"Shares {n} {'priority ' if prio else ''}theme{'s' if n > 1 else ''}: "
                      + ", ".join(_theme_phrase(e, "en") for e in ev[:3]) + (", …" if n > 3 else ""))
            tr.append(f"{n} {'öncelikli ' if prio else ''}temayı paylaşıyor: "
                      + ", ".join(_theme_phrase(e, "tr") for e in ev[:3]) + (", …" if n > 3 else ""))
        elif p.name == "shared_networks" and ev:
            en.append(f"Member of {len(ev)} of our networks: {_names(ev, 'en')}")
            tr.append(f"Ağlarımızdan {len(ev)} tanesinin üyesi: {_names(ev, 'tr')}")
        elif p.name == "partners_of_partners" and ev:
            if s.label == "Network":
                en.append(f"{len(ev)} of our partners {'are members' if len(ev) > 1 else 'is a member'}: "
                          f"{_names(ev, 'en')}")
                tr.append(f"Ortaklarımızdan {len(ev)} tanesi üye: {_names(ev, 'tr')}")
            else:
                direct = [e for e in ev if e["steps"] == 2]
                if direct:
                    en.append(f"Partner of our partner{'s' if len(direct) > 1 else ''} {_names(direct, 'en')}")
                    tr.append(f"Ortaklarımızın ortağı: {_names(direct, 'tr')}")
                else:
                    chain = " → ".join(ev[0]["names"][1:3])
                    en.append(f"Linked to us through partners of partners: {chain}")
                    tr.append(f"Ortaklarımızın ortakları üzerinden bağlantılı: {chain}")
        elif p.name == "complementary" and ev:
            what = ", ".join(_theme_phrase(e, "en") for e in ev)
            ne = ", ".join(_theme_phrase(e, "tr") for e in ev)
            if s.label == "Network":
                en.append(f"Works on {what}: a priority of ours with no partner yet")
                tr.append(f"Henüz ortağımız olmayan önceliğimiz üzerinde çalışıyor: {ne}")
            else:
                en.append(f"Has expertise in {what}: a priority of ours with no partner yet")
                tr.append(f"Henüz ortağımız olmayan önceliğimizde uzman: {ne}")
        elif p.name == "eligibility" and ev:
            names = ", ".join(e["name"] for e in ev)
            en.append(f"Eligible with us for {names}")
            tr.append(f"Bizimle birlikte uygun olduğu programlar: {names}")
        elif p.name == "activity" and ev:
            years = f"{w.activity_years:g}"
            en.append(f"{len(ev)} recorded activit{'ies' if len(ev) > 1 else 'y'} in the last {years} years")
            tr.append(f"Son {years} yılda {len(ev)} kayıtlı faaliyet")
        elif p.name == "geography" and ev:
            a, b = ev[0]["countries"]
            most = p.value >= 1
            ties = ev[0]["ties"]
            en.append(f"{ties} tie{'s' if ties > 1 else ''} between cities of {country_name(a)} and "
                      f"{country_name(b)}"
                      + (": the most frequent partner country" if most else ""))
            tr.append(f"{country_name(a, 'tr')} ile {country_name(b, 'tr')} kentleri arasında "
                      f"{ev[0]['ties']} bağ" + (": en sık ortak ülke" if most else ""))
        elif p.name == "openness" and ev:
            en.append(f"Already has {ev[0]['ties']} partnership{'s' if ev[0]['ties'] > 1 else ''}")
            tr.append(f"Halihazırda {ev[0]['ties']} ortaklığı var")
    return {"en": en, "tr": tr}


# -- gaps -----------------------------------------------------------------------------------
@dataclass
class Gap:
    """A priority theme of home that no live partner works on, and who could fill it."""

    id: str
    name: str
    name_tr: str | None
    networks: list[dict[str, Any]]  # home's networks that work on the theme (venues, not partners)
    candidates: list[Suggestion]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "name_tr": self.name_tr, "networks": self.networks,
                "candidates": [c.to_dict() for c in self.candidates]}


def gaps(G: nx.MultiDiGraph, home: str | None = None, limit: int = 5, *,
         kinds: Iterable[str] = ("City", "Network", "Organization"),
         weights: Weights | Mapping[str, Any] | None = None,
         today: date | str | None = None) -> list[Gap]:
    """Priority themes of ``home`` with no live partner on them, each with ``limit`` candidates.

    A partner is a party of a live agreement or a partner in a live project with home;
    it covers a theme when it holds the theme (or a sub-theme) itself, or when the
    agreement or project has it. Network memberships do not cover a theme: they are
    listed beside the gap as venues. Candidates come from :func:`suggest` with the
    theme as focus.

    >>> from graph.tiegraph import example_graph
    >>> for g in gaps(example_graph(), today="2025-01-01"):
    ...     print(g.name, [c.name for c in g.candidates], [n["name"] for n in g.networks])
    Clean energy ['Austin', 'ICLEI'] []
    Sustainable mobility ['Eurocities'] ['MedCities']
    """
    idx = index(G)
    home = home_city(G, home)
    links = idx.own.get(home, {})
    priorities = sorted((t for t, link in links.items() if link.kind == "priority"),
                        key=lambda t: (-links[t].weight, idx.name(t)))
    out = []
    for theme in uncovered(idx, home, priorities):
        family = idx.descendants(theme)
        venues = [{"id": n, "name": idx.name(n)} for n, status in sorted(idx.networks_of.get(home, {}).items())
                  if status in LIVE_MEMBERSHIP and family & idx.own.get(n, {}).keys()]
        found = suggest(G, theme, limit=limit, kinds=kinds, weights=weights, today=today, home=home)
        out.append(Gap(theme, idx.name(theme), G.nodes[theme].get("name_tr"), venues, found))
    return out
