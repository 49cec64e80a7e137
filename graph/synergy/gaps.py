"""Gap analysis: priority themes of the home city with no live partner, and who could fill each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.tiegraph import index
from graph.home import home_city
from graph.synergy.focus import uncovered
from graph.synergy.ranking import Suggestion, suggest
from graph.synergy.weights import Weights


@dataclass
class Gap:
    """A priority theme of home that no live partner works on, and who could fill it."""

    id: str
    name: str
    name_tr: str | None
    networks: list[dict[str, Any]]  # home's networks that work on the theme (venues, not partners)
    candidates: list[Suggestion]

    def to_dict(self) -> dict[str, Any]:
        """This Gap as plain data for JSON twins and exports."""
        return {
            "id": self.id,
            "name": self.name,
            "name_tr": self.name_tr,
            "networks": self.networks,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def gaps(
    G: nx.MultiDiGraph,
    home: str | None = None,
    limit: int = 5,
    *,
    kinds: Iterable[str] = ("City", "Network", "Organization"),
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
) -> list[Gap]:
    """Priority themes of ``home`` with no live partner on them, each with ``limit`` candidates.

    A partner is a party of a live agreement or a partner in a live project with home;
    it covers a theme when it holds the theme (or a sub-theme) itself, or when the
    agreement or project has it. Network memberships do not cover a theme: they are
    listed beside the gap as venues. Candidates come from :func:`suggest` with the
    theme as focus.

    >>> from graph.analysis.example import example_graph
    >>> for g in gaps(example_graph(), today="2025-01-01"):
    ...     print(g.name, [c.name for c in g.candidates], [n["name"] for n in g.networks])
    Clean energy ['Austin', 'ICLEI'] []
    Sustainable mobility ['Eurocities'] ['MedCities']
    """
    idx = index(G)
    home = home_city(G, home)
    links = idx.own.get(home, {})
    priorities = sorted(
        (t for t, link in links.items() if link.kind == "priority"),
        key=lambda t: (-links[t].weight, idx.name(t)),
    )
    out = []
    for theme in uncovered(idx, home, priorities):
        family = idx.descendants(theme)
        venues = [
            {"id": n, "name": idx.name(n)}
            for n, status in sorted(idx.networks_of.get(home, {}).items())
            if status in LIVE_MEMBERSHIP and family & idx.own.get(n, {}).keys()
        ]
        found = suggest(G, theme, limit=limit, kinds=kinds, weights=weights, today=today, home=home)
        out.append(Gap(theme, idx.name(theme), G.nodes[theme].get("name_tr"), venues, found))
    return out
