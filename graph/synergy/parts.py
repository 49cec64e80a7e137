"""The parts of a synergy score, each measured from 0 to 1 with its evidence.

Every part is a function ``part_<name>(idx, f, c, w, ev) -> (value, evidence) | None``
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
(0.302, True, ['shared_themes', 'partners_of_partners', 'complementary', 'activity', 'openness'])
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
from graph.synergy.theme_parts import part_complementary, part_shared_themes
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
        return {
            "name": self.name,
            "value": round(self.value, 4),
            "weight": self.weight,
            "contribution": round(self.contribution, 4),
            "evidence": self.evidence,
        }


def part_shared_networks(idx, f, c, w, ev):
    if idx.label[c] == "Network" or not f.networks:
        return None
    mine = idx.networks_of.get(c)
    if not mine:
        return 0.0, []
    shared = [n for n, s in mine.items() if n in f.networks and s in LIVE_MEMBERSHIP]
    raw = sum(1.0 / math.log2(1 + len(idx.members[n])) for n in shared)
    evidence = (
        sorted(
            ({"id": n, "name": idx.name(n), "members": len(idx.members[n])} for n in shared),
            key=lambda e: (e["members"], e["name"]),
        )
        if ev
        else []
    )
    return saturate(raw, w.half_saturation), evidence


def part_partners_of_partners(idx, f, c, w, ev):
    if not f.anchors:
        return None
    T = idx.ties
    if idx.label[c] == "Network":
        inside = sorted(z for a in f.anchors if a in T for z in T[a] if z in idx.members[c])
        evidence = (
            [{"id": z, "name": idx.name(z), "name_tr": idx.name(z, "tr")} for z in inside]
            if ev
            else []
        )
        return saturate(len(inside), 2 * w.half_saturation), evidence
    raw = f.two.get(c, 0.0) + w.third_step * f.three.get(c, 0.0)
    if not ev or raw == 0 or c not in T:
        return saturate(raw, w.half_saturation), []
    evidence = []
    for a in sorted(f.anchors):
        if a not in T:
            continue
        for z in sorted(set(T[a]) & set(T[c])):
            evidence.append(
                {
                    "id": z,
                    "name": idx.name(z),
                    "name_tr": idx.name(z, "tr"),
                    "steps": 2,
                    "ties": len(T[z]),
                    "path": [a, z, c],
                    "via": [v["id"] for v in T[a][z]["via"]] + [v["id"] for v in T[z][c]["via"]],
                }
            )
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
            evidence.append(
                {
                    "id": path[1],
                    "name": idx.name(path[1]),
                    "name_tr": idx.name(path[1], "tr"),
                    "steps": 3,
                    "ties": len(T[path[1]]),
                    "path": path,
                    "names": [idx.name(p) for p in path],
                }
            )
    return saturate(raw, w.half_saturation), evidence


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
    evidence = (
        [{"id": s, "name": idx.name(s), "label": idx.label.get(s)} for s in found] if ev else []
    )
    return min(
        1.0, len(found) / w.activity_saturation
    ) if w.activity_saturation > 0 else 0.0, evidence


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


PARTS = {
    "shared_themes": part_shared_themes,
    "shared_networks": part_shared_networks,
    "partners_of_partners": part_partners_of_partners,
    "complementary": part_complementary,
    "eligibility": part_eligibility,
    "activity": part_activity,
    "geography": part_geography,
    "openness": part_openness,
}


def applicable(idx: SynergyIndex, f: Focus, w: Weights) -> dict[str, float]:
    """The parts that can be measured for focus ``f`` and have a weight, with their weights.

    Their weights sum to the denominator of every score for this focus. A part that
    does not exist for a kind of candidate (a network has no country) counts as 0.
    """
    can = {
        "shared_themes": bool(f.themes),
        "shared_networks": bool(f.networks),
        "partners_of_partners": bool(f.anchors),
        "complementary": bool(f.gaps),
        "eligibility": bool(f.programmes),
        "activity": True,
        "geography": bool(idx.country_best.get(f.country or "")),
        "openness": True,
    }
    return {n: getattr(w, n) for n in PARTS if can[n] and getattr(w, n) > 0}


def total_weight(weights: Mapping[str, float]) -> float:
    total = 0.0
    for weight in weights.values():
        total += weight
    return total


def score_parts(
    idx: SynergyIndex, f: Focus, c: str, w: Weights, evidence: bool = False
) -> tuple[float, list[Part], bool]:
    """(score, parts, relational) of candidate ``c``; one code path for ranking and evidence."""
    weights = applicable(idx, f, w)
    total = total_weight(weights)
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
