"""Local stakeholders to involve: the home city's organisations that work on a target's themes.

DESIGN question 4: which universities, chambers and NGOs work on the themes of network X, so
we can involve them? Themes match as the synergy score matches them (a sub-theme fully, a
related theme by the ``related_theme`` weight).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from graph.analysis.tiegraph import index
from graph.errors import EntityNotFound
from graph.home import home_city
from graph.synergy.weights import Weights


@dataclass
class StakeholderMatch:
    id: str
    name: str
    name_tr: str | None
    kind: str | None
    score: float
    shared: list[dict[str, Any]]
    involved: bool  # already a member of the network or a partner in the project

    def to_dict(self) -> dict[str, Any]:
        """This StakeholderMatch as plain data for JSON twins and exports."""
        return asdict(self)


def stakeholders_for(
    G: nx.MultiDiGraph, target_id: str, home: str | None = None, weights: Weights | None = None
) -> list[StakeholderMatch]:
    """Home's stakeholders (``Organization -STAKEHOLDER_OF-> home``) that work on the themes of
    ``target_id`` (a network, project, agreement or event; or a theme), with the shared themes.

    The score is the share of the target's themes the organisation holds; a sub-theme
    counts fully, a parent or sibling theme counts ``related_theme`` (0.5).

    >>> from graph.analysis.example import example_graph
    >>> [(m.name, m.score) for m in stakeholders_for(example_graph(), "network-iclei")]
    [('Akdeniz University', 0.5)]
    """
    idx, w = index(G), weights or Weights()
    if target_id not in G:
        raise EntityNotFound(f"no entity with id {target_id!r}")
    home = home_city(G, home)
    themes = [target_id] if idx.label[target_id] == "Theme" else sorted(idx.own.get(target_id, {}))
    if not themes:
        return []
    involved_in = (
        set(idx.members.get(target_id, ()))
        | set(idx.partners.get(target_id, ()))
        | set(idx.parties.get(target_id, ()))
        | set(idx.participants.get(target_id, ()))
    )
    out = []
    for org in sorted(idx.stakeholders.get(home, ())):
        held = idx.own.get(org, {})
        shared, got = [], 0.0
        for t in themes:
            close = idx.descendants(t) & held.keys()
            near = idx.related(t) & held.keys()
            if close or near:
                exact = bool(close)
                got += 1.0 if exact else w.related_theme
                via = sorted(close or near)[0]
                shared.append(
                    {
                        "id": t,
                        "name": idx.name(t),
                        "name_tr": idx.name(t, "tr"),
                        "match": "exact" if exact else "related",
                        "via": via,
                    }
                )
        if shared:
            out.append(
                StakeholderMatch(
                    org,
                    idx.name(org),
                    G.nodes[org].get("name_tr"),
                    G.nodes[org].get("kind"),
                    round(got / len(themes), 4),
                    shared,
                    org in involved_in,
                )
            )
    return sorted(out, key=lambda m: (-m.score, m.name))
