"""The theme parts of a score: shared themes and complementary expertise, with their evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.analysis.live import ThemeLink
from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.focus import Focus
from graph.synergy.weights import Weights


def _theme_match(
    idx: SynergyIndex,
    f: Focus,
    theme: str,
    held: Mapping[str, ThemeLink],
    w: Weights,
    expertise_only: bool = False,
) -> tuple[float, str | None, ThemeLink | None]:
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


def _theme_evidence(
    idx: SynergyIndex, theme: str, matched: str, link: ThemeLink, strength: float
) -> dict[str, Any]:
    ev = {
        "id": theme,
        "name": idx.name(theme),
        "name_tr": idx.name(theme, "tr"),
        "match": "exact" if matched == theme else "related",
        "kind": link.kind,
        "strength": round(strength, 4),
    }
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
                evidence.append(
                    _theme_evidence(idx, theme, matched, link, wf * m)
                    | {"focus_kind": f.kinds.get(theme)}
                )
    if ev:
        evidence.sort(key=lambda e: (-e["strength"], e["name"]))
    return got / total, evidence


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
