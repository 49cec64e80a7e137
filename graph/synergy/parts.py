"""The parts of a synergy score, each measured from 0 to 1 with its evidence.

Every part is a function
``part_<name>(index, focus, candidate, weights, with_evidence) -> (value, evidence) | None``
of the synergy index, the :class:`~graph.synergy.focus.Focus`, a candidate id, the
:class:`~graph.synergy.weights.Weights` and whether to collect evidence; None means
the part does not exist for that kind of candidate (a network has no country).
:func:`score_parts` weighs them into a score (the module docstring of
:mod:`graph.synergy.ranking` lists the parts); :class:`~graph.synergy.scorer.Scorer` gives
the same numbers faster when ranking.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> G = example_graph()
>>> idx, f, w = index(G), make_focus(G, today="2025-01-01"), Weights()
>>> score, parts, relational = score_parts(idx, f, "city-us-austin", w, evidence=True)
>>> round(score, 3), relational, [p.name for p in parts if p.value]
(0.327, True, ['shared_themes', 'partners_of_partners', 'complementary', 'activity', 'openness', 'proximity', 'size', 'near_partners'])
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.focus import Focus
from graph.synergy.partner_parts import can_measure, part_near_partners, part_partner_country
from graph.synergy.place_parts import (
    focus_place,
    part_geography,
    part_openness,
    part_proximity,
    part_size,
)
from graph.synergy.theme_parts import PartResult, part_complementary, part_shared_themes
from graph.synergy.weights import Weights, saturate

RELATIONAL = ("shared_themes", "shared_networks", "partners_of_partners", "complementary")
PROGRAMME_NAMES = {"eu": "EU membership", "ipa": "IPA", "next-med": "Interreg NEXT MED"}


@dataclass
class Part:
    """One part of a score: its value (0..1), weight, share of the score, and the nodes behind it."""

    name: str
    value: float
    weight: float
    contribution: float
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This part as plain data for JSON twins and exports."""
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "weight": self.weight,
            "contribution": round(self.contribution, 4),
            "evidence": self.evidence,
        }


def part_shared_networks(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Live networks both belong to, small networks counting more (saturating).

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if index.label[candidate] == "Network" or not focus.networks:
        return None
    mine = index.networks_of.get(candidate)
    if not mine:
        return 0.0, []
    shared = [n for n, s in mine.items() if n in focus.networks and s in LIVE_MEMBERSHIP]
    raw = sum(1.0 / math.log2(1 + len(index.members[n])) for n in shared)
    evidence = (
        sorted(
            ({"id": n, "name": index.name(n), "members": len(index.members[n])} for n in shared),
            key=lambda e: (e["members"], e["name"]),
        )
        if with_evidence
        else []
    )
    return saturate(raw, weights.half_saturation), evidence


def _sister(tie: dict[str, Any]) -> bool:
    """True when a sister-city agreement is among the records behind ``tie``."""
    return any(v.get("type") == "sister_city" for v in tie["via"])


def part_partners_of_partners(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Resource allocation over the focus's partners, 2 steps and (weighted) 3 steps.

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if not focus.anchors:
        return None
    ties = index.ties
    if index.label[candidate] == "Network":
        inside = sorted(
            z for a in focus.anchors if a in ties for z in ties[a] if z in index.members[candidate]
        )
        evidence = (
            [{"id": z, "name": index.name(z), "name_tr": index.name(z, "tr")} for z in inside]
            if with_evidence
            else []
        )
        return saturate(len(inside), 2 * weights.half_saturation), evidence
    raw = focus.two.get(candidate, 0.0) + weights.third_step * focus.three.get(candidate, 0.0)
    if not with_evidence or raw == 0 or candidate not in ties:
        return saturate(raw, weights.half_saturation), []
    evidence = []
    for a in sorted(focus.anchors):
        if a not in ties:
            continue
        for z in sorted(set(ties[a]) & set(ties[candidate])):
            evidence.append(
                {
                    "id": z,
                    "name": index.name(z),
                    "name_tr": index.name(z, "tr"),
                    "steps": 2,
                    "ties": len(ties[z]),
                    "path": [a, z, candidate],
                    "via": [v["id"] for v in ties[a][z]["via"]]
                    + [v["id"] for v in ties[z][candidate]["via"]],
                    "sister": _sister(ties[a][z]) and _sister(ties[z][candidate]),
                }
            )
    if focus.three.get(candidate):
        paths = []
        for y in ties[candidate]:
            if y in focus.two and y not in focus.anchors:
                for a in sorted(focus.anchors):
                    for z in sorted(set(ties[a]) & set(ties[y])) if a in ties else ():
                        if z != candidate:
                            paths.append(
                                (1.0 / index.degree[z] / index.degree[y], [a, z, y, candidate])
                            )
        paths.sort(key=lambda p: (-p[0], p[1]))
        for _, path in paths[:3]:
            evidence.append(
                {
                    "id": path[1],
                    "name": index.name(path[1]),
                    "name_tr": index.name(path[1], "tr"),
                    "steps": 3,
                    "ties": len(ties[path[1]]),
                    "path": path,
                    "names": [index.name(p) for p in path],
                }
            )
    return saturate(raw, weights.half_saturation), evidence


def part_eligibility(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Share of the focus's funding programmes the candidate's country is eligible for.

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if index.label[candidate] == "Network" or not focus.programmes:
        return None
    shared = focus.programmes & index.programmes(index.country.get(candidate))
    evidence = (
        [{"programme": p, "name": PROGRAMME_NAMES[p]} for p in sorted(shared)]
        if with_evidence
        else []
    )
    return len(shared) / len(focus.programmes), evidence


def part_activity(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, with_evidence: bool
) -> PartResult:
    """Ties, projects and events of the candidate in the last ``activity_years`` years.

    Returns ``(value, evidence)`` with ``value`` in 0..1, or None when the part does not
    exist for this candidate (see :data:`PARTS`).
    """
    if index.label[candidate] == "Network":
        return None
    since = focus.today - timedelta(days=round(365.25 * weights.activity_years))
    found = index.recent(candidate, since, focus.today)
    evidence = (
        [{"id": s, "name": index.name(s), "label": index.label.get(s)} for s in found]
        if with_evidence
        else []
    )
    return min(
        1.0, len(found) / weights.activity_saturation
    ) if weights.activity_saturation > 0 else 0.0, evidence


PARTS = {
    "shared_themes": part_shared_themes,
    "shared_networks": part_shared_networks,
    "partners_of_partners": part_partners_of_partners,
    "complementary": part_complementary,
    "eligibility": part_eligibility,
    "activity": part_activity,
    "geography": part_geography,
    "openness": part_openness,
    "proximity": part_proximity,
    "size": part_size,
    "partner_country": part_partner_country,
    "near_partners": part_near_partners,
}


def applicable(index: SynergyIndex, focus: Focus, weights: Weights) -> dict[str, float]:
    """The parts that can be measured for ``focus`` and have a weight, with their weights.

    Their weights sum to the denominator of every score for this focus. A part that
    does not exist for a kind of candidate (a network has no country) counts as 0.
    """
    place = focus_place(index, focus)
    can = {
        "shared_themes": bool(focus.themes),
        "shared_networks": bool(focus.networks),
        "partners_of_partners": bool(focus.anchors),
        "complementary": bool(focus.gaps),
        "eligibility": bool(focus.programmes),
        "activity": True,
        "geography": bool(index.country_best.get(focus.country or "")),
        "openness": True,
        "proximity": not math.isnan(place[0]),
        "size": not math.isnan(place[2]),
    }
    if weights.partner_country > 0 or weights.near_partners > 0:
        can.update(can_measure(index, focus))
    else:
        can.update(partner_country=False, near_partners=False)
    return {n: getattr(weights, n) for n in PARTS if can[n] and getattr(weights, n) > 0}


def total_weight(weights: Mapping[str, float]) -> float:
    """Sum of the weights (the denominator of a score)."""
    total = 0.0
    for weight in weights.values():
        total += weight
    return total


def score_parts(
    index: SynergyIndex, focus: Focus, candidate: str, weights: Weights, evidence: bool = False
) -> tuple[float, list[Part], bool]:
    """(score, parts, relational) of ``candidate``; one code path for ranking and evidence."""
    applied = applicable(index, focus, weights)
    total = total_weight(applied)
    if not total:
        return 0.0, [], False
    got, parts = 0.0, []
    for name, weight in applied.items():
        found = PARTS[name](index, focus, candidate, weights, evidence)
        if found is not None:  # None: the part does not exist for this kind of candidate
            got += weight * found[0]
            parts.append(Part(name, found[0], weight, weight * found[0] / total, found[1]))
    relational = any(p.value > 0 for p in parts if p.name in RELATIONAL)
    return got / total, parts, relational
