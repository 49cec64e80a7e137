"""The candidate pool of a synergy ranking, and its filters.

:func:`generate_candidates` gathers every city of the graph and every network or
organisation that can have a relational part above zero for a focus (partners of partners,
members of the focus's networks, holders of its themes); :func:`filter_candidates` keeps those of the wanted kinds, countries, regions,
programmes and themes.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> G = example_graph()
>>> idx, f = index(G), make_focus(G, today="2025-01-01")
>>> sorted(filter_candidates(idx, generate_candidates(idx, f, {"Network"}, False) - f.exclude,
...                ["Network"], None, None, None, None, None))
['network-eurocities', 'network-iclei']
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis.synergy_index import SynergyIndex
from graph.errors import EntityNotFound, InvalidData
from graph.ids import fold
from graph.synergy.city_table import city_table
from graph.synergy.focus import Focus

KINDS = ("City", "Network", "Organization")


def generate_candidates(idx: SynergyIndex, f: Focus, kinds: set[str], exhaustive: bool) -> set[str]:
    """Every city, and every other node that can have a relational part above zero.

    Parameters
    ----------
    idx : SynergyIndex
        The synergy index of the graph.
    f : Focus
        Whom the ranking is for.
    kinds : set of str
        Labels of the wanted candidates.
    exhaustive : bool
        Every node of ``kinds``, reached or not.

    Returns
    -------
    set of str
        Candidate ids (the focus's exclusions are removed by the caller).
    """
    if exhaustive:
        return {n for n, label in idx.label.items() if label in kinds}
    table = city_table(idx)
    found: set[str] = set(table.ids) if "City" in kinds else set()
    T = idx.ties
    partners = {z for a in f.anchors if a in T for z in T[a]}
    found |= f.two.keys() | f.three.keys() | partners
    for n in f.networks:  # cities are all candidates anyway: add the others
        found |= idx.members[n] if "City" in kinds else table.others(n)
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


def theme_ids(G: nx.MultiDiGraph, themes: Iterable[str]) -> list[str]:
    """The theme ids a focus names, expanded to their sub-themes."""
    out = []
    for t in themes:
        tid = t if t in G else f"theme-{t}"
        if G.nodes.get(tid, {}).get("label") != "Theme":
            raise EntityNotFound(
                f"no theme {t!r}", hint="give a theme id such as theme-clean-energy"
            )
        out.append(tid)
    return out


def filter_candidates(
    idx: SynergyIndex,
    pool: Iterable[str],
    kinds: Iterable[str],
    themes: Iterable[str] | None,
    countries: Iterable[str] | None,
    regions: Iterable[str] | None,
    eligible: Iterable[str] | None,
    require: frozenset[str] | None,
) -> list[str]:
    """Keep the candidates that pass the kind, theme, country, region and eligibility filters."""
    from graph.reference.countries import PROGRAMMES

    kinds = set(kinds)
    if kinds - set(KINDS):
        raise InvalidData(
            f"unknown kind(s): {', '.join(sorted(kinds - set(KINDS)))}",
            hint=f"use {', '.join(KINDS)}",
        )
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
            held = (
                idx.own.get(c, {}).keys() if idx.label[c] == "Network" else idx.themes_of(c).keys()
            )
            if not all(held & want for want in wanted_themes):
                continue
        out.append(c)
    return out
