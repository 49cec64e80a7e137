"""Where a record of the action plan is shown: the plan page staff return to after editing it.

The plan's records (the plan, its stages, committees, activities, indicators and
measurements) are shown on the plan pages (``/plan``, ``/plan/activity/<id>``,
``/plan/indicator/<id>``), not on the entity page; after a change of one, or of a tie to
one (a committee member, an activity's contributor), staff return there.
"""

from __future__ import annotations

import networkx as nx
from flask import url_for

from web.store import access

#: Labels of the plan's records.
PLAN_LABELS = frozenset({"Plan", "Stage", "Committee", "Activity", "Indicator", "Measurement"})
#: Relationship from a record to the plan (or indicator) whose page shows it.
_SHOWN_ON = {"Stage": "STAGE_OF", "Committee": "COMMITTEE_OF", "Measurement": "MEASUREMENT_OF"}


def _owner(G: nx.MultiDiGraph, node_id: str, rel: str) -> str | None:
    return next((end for _, end, key in G.out_edges(node_id, keys=True) if key == rel), None)


def record_page(node_id: str) -> str | None:
    """The plan page that shows ``node_id``, or None when it is not (or no longer) a plan record."""
    G = access().graph()
    if node_id not in G:
        return None
    label = G.nodes[node_id].get("label")
    if label == "Activity":
        return url_for("plan.activity", id=node_id)
    if label == "Indicator":
        return url_for("plan.indicator", id=node_id)
    if label == "Plan":
        return url_for("plan.plan_overview", plan=node_id)
    owner = _owner(G, node_id, _SHOWN_ON[label]) if label in _SHOWN_ON else None
    if owner is None:
        return url_for("plan.plan_overview") if label in PLAN_LABELS else None
    if label == "Measurement":
        return url_for("plan.indicator", id=owner)
    return url_for("plan.plan_overview", plan=owner)
