"""The theme parts of a score: shared themes and complementary expertise, with their evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.analysis.live import ThemeLink
from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.focus import Focus
from graph.synergy.weights import Weights

# What a part function returns: (value 0..1, evidence), or None where the part does not exist.
PartResult = tuple[float, list[dict[str, Any]]] | None


def _theme_match(
    index: SynergyIndex,
    focus: Focus,
    theme: str,
    held: Mapping[str, ThemeLink],
    weights: Weights,
    expertise_only: bool = False,
) -> tuple[float, str | None, ThemeLink | None]:
    """Best match of focus ``theme`` in ``held``: (strength, matched theme, link)."""

    def ok(link: ThemeLink) -> bool:
        return not expertise_only or link.kind == "expertise"

    link = held.get(theme)
    if link is not None and ok(link):
        return (1.0 if expertise_only else weights.kind(link.kind)) * link.weight, theme, link
    best: tuple[float, str | None, ThemeLink | None] = (0.0, None, None)
    for other in focus.related.get(theme) or index.related(theme):
        link = held.get(other)
        if link is not None and ok(link):
            m = (
                weights.related_theme
                * (1.0 if expertise_only else weights.kind(link.kind))
                * link.weight
            )
            if m > best[0] or (m == best[0] and best[1] is not None and other < best[1]):
                best = (m, other, link)
    return best


def _theme_evidence(
    index: SynergyIndex, theme: str, matched: str, link: ThemeLink, strength: float
) -> dict[str, Any]:
    evidence = {
        "id": theme,
        "name": index.name(theme),
        "name_tr": index.name(theme, "tr"),
        "match": "exact" if matched == theme else "related",
        "kind": link.kind,
        "strength": round(strength, 4),
    }
    if matched != theme:
        evidence["via"] = {
            "id": matched,
            "name": index.name(matched),
            "name_tr": index.name(matched, "tr"),
        }
    if link.inferred:
        evidence["inferred"] = True
        evidence["from"] = [{"id": n, "name": index.name(n)} for n in link.via]
    return evidence


def part_shared_themes(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Share of the focus's themes that the candidate works on (parent themes count half).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if not focus.themes:
        return None
    held = (
        index.own.get(candidate, {})
        if index.label[candidate] == "Network"
        else index.themes_of(candidate)
    )
    if not held:
        return 0.0, []
    total, got, evidence = sum(focus.themes.values()), 0.0, []
    for theme, wf in focus.themes.items():
        m, matched, link = _theme_match(index, focus, theme, held, weights)
        if m:
            got += wf * m
            if with_evidence:
                evidence.append(
                    _theme_evidence(index, theme, matched, link, wf * m)
                    | {"focus_kind": focus.kinds.get(theme)}
                )
    if with_evidence:
        evidence.sort(key=lambda e: (-e["strength"], e["name"]))
    return got / total, evidence


def part_complementary(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Share of the focus's theme gaps that the candidate has expertise in.

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if not focus.gaps:
        return None
    is_network = index.label[candidate] == "Network"
    held = index.own.get(candidate, {})
    if not held:
        return 0.0, []
    got, evidence = 0.0, []
    for theme in sorted(focus.gaps):
        m, matched, link = _theme_match(
            index, focus, theme, held, weights, expertise_only=not is_network
        )
        if m and is_network:
            m = 1.0 if matched == theme else weights.related_theme
        if m:
            got += m
            if with_evidence:
                evidence.append(_theme_evidence(index, theme, matched, link, m))
    return got / len(focus.gaps), evidence
