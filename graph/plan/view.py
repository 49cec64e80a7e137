"""The plan as one view: stages and where the plan stands, committees, themes, activities,
indicators, and what is still to be entered.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("plan-up", label="Plan", name="UP", period_start=2024, period_end=2029)
>>> G.add_node("stage-up-1", label="Stage", name="Initiation", order=1, status="done")
>>> G.add_node("stage-up-2", label="Stage", name="Situation analysis", order=2,
...            status="in_progress")
>>> for s in ("stage-up-1", "stage-up-2"):
...     _ = G.add_edge(s, "plan-up", key="STAGE_OF")
>>> view = plan_view(G, as_of="2025-01-01")
>>> [s["name"] for s in view.stages], view.current_stage
(['Initiation', 'Situation analysis'], 'stage-up-2')
>>> sorted(view.missing)
['activities', 'committees', 'indicators', 'themes']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today
from graph.errors import EntityNotFound
from graph.plan.activities import ActivityView, plan_activities, ref, theme_matrix, timeline
from graph.plan.progress import IndicatorView, indicator_view


def plan_ids(G: nx.MultiDiGraph) -> list[str]:
    """The ids of the plans in ``G``, newest period first.

    Parameters
    ----------
    G : the networkx projection of the store.
    """
    found = [n for n, d in G.nodes(data=True) if d.get("label") == "Plan"]
    return sorted(found, key=lambda n: (-int(G.nodes[n].get("period_start") or 0), n))


def period(props: dict[str, Any], as_of: date) -> tuple[int, int]:
    """The first and last year of a plan (its period, else the year of ``as_of``).

    Parameters
    ----------
    props : the plan's properties.
    as_of : the date of the view.
    """
    first = int(props.get("period_start") or as_of.year)
    last = int(props.get("period_end") or first)
    return first, max(first, last)


@dataclass
class PlanView:
    """Everything the overview shows about one plan, on one date."""

    id: str
    props: dict[str, Any]
    as_of: str
    first_year: int
    last_year: int
    stages: list[dict[str, Any]] = field(default_factory=list)
    current_stage: str | None = None
    committees: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    activities: list[ActivityView] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def matrix(self) -> list[dict[str, Any]]:
        """Themes x activities (see :func:`graph.plan.activities.theme_matrix`)."""
        return theme_matrix(self.themes, self.activities)

    def timeline(self) -> list[dict[str, Any]]:
        """Activities per year of the period, late ones listed per year."""
        return timeline(self.activities, self.first_year, self.last_year)

    def budget(self) -> list[dict[str, Any]]:
        """Recorded budget (EUR) and activity count by funding source ("" when none is given)."""
        sums: dict[str, dict[str, Any]] = {}
        for activity in self.activities:
            key = str(activity.props.get("funding_source") or "")
            row = sums.setdefault(key, {"funding_source": key, "budget_eur": 0.0, "activities": 0})
            row["budget_eur"] += float(activity.props.get("budget_eur") or 0)
            row["activities"] += 1
        return sorted(sums.values(), key=lambda r: (-r["budget_eur"], r["funding_source"]))

    def to_dict(self) -> dict[str, Any]:
        """This PlanView as plain data for JSON twins."""
        return {
            "id": self.id,
            "plan": self.props,
            "as_of": self.as_of,
            "period": [self.first_year, self.last_year],
            "stages": self.stages,
            "current_stage": self.current_stage,
            "committees": self.committees,
            "themes": self.themes,
            "activities": [a.to_dict() for a in self.activities],
            "matrix": self.matrix(),
            "timeline": self.timeline(),
            "budget": self.budget(),
            "indicators": [i.to_dict() for i in self.indicators],
            "missing": self.missing,
        }


def _stages(G: nx.MultiDiGraph, plan: str) -> list[dict[str, Any]]:
    found = [
        {"id": s, **{k: v for k, v in G.nodes[s].items() if k != "label"}}
        for s, _, key in G.in_edges(plan, keys=True)
        if key == "STAGE_OF"
    ]
    return sorted(found, key=lambda s: (int(s.get("order") or 99), s["id"]))


def current_stage(stages: list[dict[str, Any]]) -> str | None:
    """Where the plan stands: the first stage in progress, else the first not done after a
    done one, else None when no stage has a status.

    Parameters
    ----------
    stages : the plan's stages in order.
    """
    running = [s for s in stages if s.get("status") == "in_progress"]
    if running:
        return running[0]["id"]
    done = [i for i, s in enumerate(stages) if s.get("status") == "done"]
    if done and done[-1] + 1 < len(stages):
        return stages[done[-1] + 1]["id"]
    return stages[-1]["id"] if done else None


def _committees(G: nx.MultiDiGraph, plan: str) -> list[dict[str, Any]]:
    out = []
    for committee, _, key in G.in_edges(plan, keys=True):
        if key != "COMMITTEE_OF":
            continue
        members = [
            ref(G, member, role=edge.get("role"))
            for member, _, k, edge in G.in_edges(committee, keys=True, data=True)
            if k == "SITS_ON"
        ]
        out.append(
            {**ref(G, committee), "kind": G.nodes[committee].get("kind"), "members": members}
        )
    return sorted(out, key=lambda c: (str(c["kind"]), c["name"]))


def plan_view(
    G: nx.MultiDiGraph,
    plan: str | None = None,
    as_of: date | str | None = None,
    home: str | None = None,
) -> PlanView:
    """The plan ``plan`` (default: the newest in ``G``) as seen on ``as_of`` (default today).

    Parameters
    ----------
    G : the networkx projection of the store.
    plan : the id of a ``Plan`` node, or None for the newest plan.
    as_of : the date of the view: lateness and computed indicators are judged on it.
    home : the home city's id, for computed indicators.

    Raises
    ------
    EntityNotFound : when ``G`` holds no such plan (or no plan at all).
    """
    today = as_today(as_of)
    if plan is None:
        ids = plan_ids(G)
        if not ids:
            raise EntityNotFound(
                "no plan in the graph", hint="import a workbook with a plan sheet (see README)"
            )
        plan = ids[0]
    if plan not in G or G.nodes[plan].get("label") != "Plan":
        raise EntityNotFound(f"no plan with id {plan!r}", hint="see the list of plans")
    props = {k: v for k, v in G.nodes[plan].items() if k != "label"}
    first, last = period(props, today)
    view = PlanView(plan, props, today.isoformat(), first, last)
    view.stages = _stages(G, plan)
    view.current_stage = current_stage(view.stages)
    view.committees = _committees(G, plan)
    view.themes = sorted(
        (
            ref(G, t, name_en=G.nodes[t].get("name_en"))
            for _, t, k in G.out_edges(plan, keys=True)
            if k == "HAS_THEME"
        ),
        key=lambda t: str(t["name"]).casefold(),
    )
    view.activities = plan_activities(G, plan, today)
    owners = {plan, *(a.id for a in view.activities), *(t["id"] for t in view.themes)}
    indicator_ids = sorted(
        {i for o in owners for i, _, k in G.in_edges(o, keys=True) if k == "INDICATOR_OF"}
    )
    view.indicators = [indicator_view(G, i, first, last, today, home) for i in indicator_ids]
    for part in ("stages", "committees", "themes", "activities", "indicators"):
        if not getattr(view, part):
            view.missing.append(part)
    if view.stages and not any(s.get("status") for s in view.stages):
        view.missing.append("stage_status")
    if view.indicators and not any(i.props.get("targets") for i in view.indicators):
        view.missing.append("targets")
    return view
