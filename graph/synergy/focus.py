"""The focus of a synergy ranking: who it is for, and what about them counts.

:func:`make_focus` turns the ``focus`` argument of :func:`graph.synergy.ranking.suggest` (None
for the home city, a city or organisation, a theme or a project id) into a
:class:`Focus`: whose ties and networks count (``anchors``), the themes and their
weights, the priority themes no live partner covers (``gaps``), the funding
programmes, who is excluded (live partners, local organisations, live networks), and
which former partners to revive. :func:`home_city` and :func:`resolve` find ids.

>>> from graph.analysis.example import example_graph
>>> f = make_focus(example_graph(), today="2025-01-01")
>>> f.id, sorted(f.gaps), sorted(f.revive)
('city-tr-antalya', ['theme-clean-energy', 'theme-mobility'], ['city-cn-kunming'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today
from graph.analysis.live import LIVE_MEMBERSHIP, ThemeLink
from graph.analysis.synergy_index import SynergyIndex
from graph.analysis.tiegraph import index
from graph.errors import AmbiguousName, EntityNotFound, InvalidData
from graph.home import home_city
from graph.ids import fold
from graph.synergy.weights import Weights


def resolve(G: nx.MultiDiGraph, text: str, labels: Iterable[str] | None = None) -> str:
    """The id of the node that ``text`` names: an id, or a name/Turkish name/acronym after folding.

    >>> from graph.analysis.example import example_graph
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

        near = sorted(
            (max(fuzz.ratio(key, x) for x in names), n) for n, names in names_of.items() if names
        )
        near = [n for score, n in near[::-1] if score >= 80][:5]
        hint = (
            "did you mean " + ", ".join(f"{G.nodes[n].get('name', n)} ({n})" for n in near) + "?"
            if near
            else "give an id, or check the spelling"
        )
        raise EntityNotFound(f"nothing is named {text!r}", hint=hint)
    listing = ", ".join(f"{G.nodes[n].get('name', n)} ({n})" for n in sorted(found))
    raise AmbiguousName(
        f"{text!r} names {len(found)} entities: {listing}", hint="give one of the ids"
    )


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
    partners: frozenset[str] = frozenset()  # the anchors' partners in the tie graph
    #: what is measured once per focus and read by many candidates (graph.synergy.partner_parts)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


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


def make_focus(
    G: nx.MultiDiGraph,
    focus: str | None = None,
    *,
    home: str | None = None,
    weights: Weights | None = None,
    today: date | str | None = None,
) -> Focus:
    """Resolve ``focus`` (None = home, a city/organisation, a theme or a project id)."""
    idx, w = index(G), weights or Weights()
    if focus is None:
        focus = home_city(G, home)
    if focus not in G:
        raise EntityNotFound(
            f"no entity with id {focus!r}", hint="give an id, or a name with --for"
        )
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
        raise InvalidData(
            f"{focus!r} is a {label}; synergy needs a city, organisation, theme or project"
        )
    # themes
    if label == "Theme":
        links = {focus: ThemeLink("priority")}
    elif label == "Project":
        links = {
            t: ThemeLink("priority", link.weight) for t, link in idx.own.get(focus, {}).items()
        }
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
    networks = frozenset(
        n for a in anchors for n, s in idx.networks_of.get(a, {}).items() if s in LIVE_MEMBERSHIP
    )
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
                elif any(
                    v["kind"] == "agreement" and v["status"] in ("dormant", "expired") for v in via
                ):
                    revive[partner] = old
                elif any(v["kind"] == "agreement" for v in via):  # planned: on its way
                    exclude.add(partner)
                else:
                    former[partner] = old
    exclude |= revive.keys()
    two, three = idx.reach(anchors)
    partners = frozenset(z for a in anchors if a in idx.ties for z in idx.ties[a]) - anchors
    return Focus(
        focus,
        label,
        actor,
        anchors,
        themes,
        kinds,
        gaps,
        frozenset(programmes),
        country,
        networks,
        exclude,
        revive,
        former,
        frozenset(idx.descendants(focus)) if label == "Theme" else None,
        two,
        three,
        {t: idx.related(t) for t in themes},
        as_today(today),
        partners,
    )
