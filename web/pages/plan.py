"""The action plan: ``/plan`` (overview), ``/plan/activity/<id>`` and
``/plan/indicator/<id>``, each with its JSON twin.

The overview shows the six stages and where the plan stands, the themes x activities
matrix, the timeline of activities per year (late ones marked), budget by funding source
and each indicator's target against actual, drawn as SVG on the server with a table
beside every chart. ``as_of`` (YYYY-MM-DD, default today) is the date lateness and the
computed indicators are judged on; ``plan`` picks a plan when there are several.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, request, url_for

from graph.accounts.permissions import READ
from graph.analysis.dates import as_today
from graph.errors import EntityNotFound
from graph.plan.activities import CLOSED, activity_view
from graph.plan.indicators import NAMED_QUERIES
from graph.plan.progress import indicator_view
from graph.plan.view import PlanView, period, plan_ids, plan_view
from web.auth import requires
from web.i18n import display_name, lang
from web.plan_charts import budget_bars, gantt_rows, indicator_chart, year_marks
from web.plan_help import plan_needs
from web.present import sources
from web.store import access
from web.twin import page

bp = Blueprint("plan", __name__)

#: Kinds of node that have a plan page of their own (others go to the entity page).
PLAN_PAGES = {"Activity": "plan.activity", "Indicator": "plan.indicator"}


def _as_of() -> str:
    return as_today(request.args.get("as_of") or None).isoformat()


def dress(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` (a reference with id, label and names) with ``display`` and ``url``."""
    endpoint = PLAN_PAGES.get(str(item.get("label")))
    url = url_for(endpoint, id=item["id"]) if endpoint else url_for("entity.entity", id=item["id"])
    return {**item, "display": display_name(item) or item["id"], "url": url}


def _query_info(name: str | None) -> dict[str, Any] | None:
    query = NAMED_QUERIES.get(name or "")
    if query is None:
        return None
    return {"id": query.id, "display": query.name_tr if lang() == "tr" else query.name_en}


def _indicator(view: Any) -> dict[str, Any]:
    data = view.to_dict()
    data["display"] = display_name({"name": view.name, "name_tr": view.name_tr}) or view.id
    data["url"] = url_for("plan.indicator", id=view.id)
    data["query"] = _query_info(view.props.get("query"))
    data["chart"] = indicator_chart(view.years)
    data["owners"] = [dress(o) for o in view.owners]
    for m in data["measurements"]:
        m["sources"] = sources(m)
    data["sources"] = sources(view.props)
    return data


def _activity(view: Any) -> dict[str, Any]:
    data = view.to_dict()
    data["display"] = display_name({"name": view.name, "name_tr": view.name_tr}) or view.id
    data["url"] = url_for("plan.activity", id=view.id)
    for key in ("themes", "lead", "contributors", "links", "indicators", "partners"):
        data[key] = [dress(item) for item in data[key]]
    data["sources"] = sources(view.props)
    return data


def _plan_id(G: nx.MultiDiGraph) -> str | None:
    wanted = request.args.get("plan") or None
    ids = plan_ids(G)
    if wanted is not None and wanted not in ids:
        raise EntityNotFound(f"no plan with id {wanted!r}", hint="choose one of the plans listed")
    return wanted or (ids[0] if ids else None)


def overview_data(view: PlanView) -> dict[str, Any]:
    """The overview's dict: the plan view dressed for display, with chart geometry."""
    data = view.to_dict()
    data["plan"] = {**data["plan"], "display": display_name(view.props) or view.id}
    data["plan"]["sources"] = sources(view.props)
    data["stages"] = [{**s, "display": display_name(s) or s["id"]} for s in data["stages"]]
    data["themes"] = [dress(t) for t in data["themes"]]
    data["committees"] = [
        {**dress(c), "members": [dress(m) for m in c["members"]]} for c in data["committees"]
    ]
    activities = [_activity(a) for a in view.activities]
    data["activities"] = activities
    by_id = {a["id"]: a for a in activities}
    data["matrix"] = {
        "themes": data["themes"],
        "counts": [len(r["activities"]) for r in data["matrix"] if r["id"]],
        "rows": [
            {
                **a,
                "marks": [a["id"] in r["activities"] for r in data["matrix"] if r["id"]],
                "other": not any(a["id"] in r["activities"] for r in data["matrix"] if r["id"]),
            }
            for a in activities
        ],
    }
    data["timeline"] = [
        {**entry, "activities": [by_id[i] for i in entry["activities"]]}
        for entry in data["timeline"]
    ]
    data["gantt"] = {
        "years": year_marks(view.first_year, view.last_year),
        "today": gantt_rows(
            [{"id": "today", "start": view.as_of, "end": view.as_of}],
            view.first_year,
            view.last_year,
        )[0]["x"],
        "rows": gantt_rows(
            [
                {
                    "id": a["id"],
                    "display": a["display"],
                    "url": a["url"],
                    "late": a["late"],
                    "status": a["status"],
                    "start": a["props"].get("actual_start") or a["props"].get("planned_start"),
                    "end": a["props"].get("actual_end") or a["props"].get("planned_end"),
                    "open": a["status"] not in CLOSED,
                }
                for a in activities
            ],
            view.first_year,
            view.last_year,
            until=view.as_of,
        ),
    }
    data["indicators"] = [_indicator(i) for i in view.indicators]
    data["budget_chart"] = budget_bars(data["budget"])
    data["late"] = [a for a in activities if a["late"]]
    return data


@page(bp, "/plan", "plan.html")
@requires(READ)
def plan_overview() -> dict[str, Any]:
    G = access().graph()
    plan = _plan_id(G)
    as_of = _as_of()
    plans = [
        {**dress({"id": p, **G.nodes[p]}), "url": url_for("plan.plan_overview", plan=p)}
        for p in plan_ids(G)
    ]
    if plan is None:
        return {"id": None, "plans": plans, "as_of": as_of, "missing": ["plan"]}
    data = overview_data(plan_view(G, plan, as_of, access().home()))
    data["plans"] = plans
    data["needs"] = plan_needs(plan, as_of)
    return data


def _node_of(G: nx.MultiDiGraph, node_id: str, label: str) -> None:
    if node_id not in G or G.nodes[node_id].get("label") != label:
        raise EntityNotFound(
            f"no {label.lower()} with id {node_id!r}", hint="open it from the plan overview"
        )


def _plan_of(G: nx.MultiDiGraph, node_id: str, rel: str) -> dict[str, Any] | None:
    found = [e for _, e, k in G.out_edges(node_id, keys=True) if k == rel]
    if not found:
        return None
    return {
        **dress({"id": found[0], **G.nodes[found[0]]}),
        "url": url_for("plan.plan_overview", plan=found[0]),
    }


@page(bp, "/plan/activity/<id>", "plan_activity.html")
@requires(READ)
def activity(id: str) -> dict[str, Any]:
    G = access().graph()
    _node_of(G, id, "Activity")
    data = _activity(activity_view(G, id, _as_of()))
    data["plan"] = _plan_of(G, id, "ACTIVITY_OF")
    data["as_of"] = _as_of()
    # Without a partner: who could help (the same as the overview's "Who could help").
    needs = plan_needs(data["plan"]["id"], data["as_of"]) if data["plan"] else []
    data["help"] = next((n for n in needs if n["id"] == id), None)
    return data


@page(bp, "/plan/indicator/<id>", "plan_indicator.html")
@requires(READ)
def indicator(id: str) -> dict[str, Any]:
    G = access().graph()
    _node_of(G, id, "Indicator")
    owners = [e for _, e, k in G.out_edges(id, keys=True) if k == "INDICATOR_OF"]
    plans = [o for o in owners if G.nodes[o].get("label") == "Plan"]
    today = as_today(_as_of())
    first, last = period(dict(G.nodes[plans[0]]) if plans else {}, today)
    data = _indicator(indicator_view(G, id, first, last, today, access().home()))
    data["plan"] = _plan_of(G, id, "INDICATOR_OF") if plans else None
    data["as_of"] = today.isoformat()
    return data
