"""The plan's overview cards: activities due this quarter, late activities, indicators off
track, and dormant partners tied to live activities (a partner of an activity that is not
finished, with whom home's agreement is dormant or whose network membership has lapsed).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("city-a", label="City", name="A", is_home=True)
>>> G.add_node("plan-up", label="Plan", name="UP", period_start=2026, period_end=2027)
>>> G.add_node("activity-x", label="Activity", name="X", status="in_progress",
...            planned_end="2026-11-30")
>>> _ = G.add_edge("activity-x", "plan-up", key="ACTIVITY_OF")
>>> found = plan_cards(G, "plan-up", today="2026-12-04")
>>> [a["id"] for a in found["due_this_quarter"]], [a["id"] for a in found["late"]]
(['activity-x'], ['activity-x'])
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today, to_date
from graph.analysis.dormant import dormant
from graph.home import home_city
from graph.plan.activities import CLOSED, ref
from graph.plan.needs import activity_partners
from graph.plan.view import plan_view


def quarter(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter of ``day``.

    Parameters
    ----------
    day : any date.

    >>> quarter(date(2026, 12, 4))
    (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    """
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = to_date(f"{day.year}-{first_month + 2:02d}", end=True)
    assert end is not None
    return start, end


def _brief(activity: Any) -> dict[str, Any]:
    return {
        "id": activity.id,
        "name": activity.name,
        "name_tr": activity.name_tr,
        "status": activity.status,
        "planned_end": activity.props.get("planned_end"),
    }


def plan_cards(
    G: nx.MultiDiGraph,
    plan: str | None = None,
    *,
    home: str | None = None,
    today: date | str | None = None,
    months: int = 24,
) -> dict[str, list[dict[str, Any]]]:
    """The four cards of the plan overview on ``today``.

    ``due_this_quarter``: activities not finished whose planned end falls in the quarter of
    ``today``; ``late``: activities not finished whose planned end has passed;
    ``off_track``: indicators whose latest figure misses the year's target;
    ``dormant_partners``: partners of unfinished activities (see
    :func:`graph.plan.needs.activity_partners`) with a dormant agreement with home
    (:func:`graph.analysis.dormant.dormant`, ``months`` without activity) or a lapsed or
    inactive membership of home.

    Parameters
    ----------
    G : the networkx projection of the store.
    plan : the plan's id (default: the newest).
    home : the home city's id (default :func:`graph.home.home_city`).
    today : the date of the cards (default today).
    months : months without activity after which an agreement is dormant.
    """
    day = as_today(today)
    home = home_city(G, home)
    view = plan_view(G, plan, day, home)
    first, last = quarter(day)
    due = []
    for activity in view.activities:
        end = to_date(activity.props.get("planned_end"), end=True)
        if activity.status not in CLOSED and end is not None and first <= end <= last:
            due.append(_brief(activity))
    asleep: dict[str, list[dict[str, Any]]] = {}
    for tie in dormant(G, months=months, today=day, home=home):
        for party in tie.parties:
            if party["id"] != home and home in {p["id"] for p in tie.parties}:
                asleep.setdefault(party["id"], []).append(
                    {"id": tie.id, "name": tie.name, "last_activity": tie.last_activity}
                )
    for _, network, key, edge in G.out_edges(home, keys=True, data=True):
        if key == "MEMBER_OF" and edge.get("status") in ("inactive", "lapsed"):
            asleep.setdefault(network, []).append(
                {"id": network, "name": G.nodes[network].get("name"), "last_activity": None}
            )
    tied = []
    for activity in view.activities:
        if activity.status in CLOSED:
            continue
        for partner in activity_partners(G, activity, home):
            if partner in asleep:
                tied.append(
                    {**ref(G, partner), "activity": _brief(activity), "ties": asleep[partner]}
                )
    return {
        "due_this_quarter": due,
        "late": [_brief(a) for a in view.activities if a.late],
        "off_track": [
            {"id": i.id, "name": i.name, "name_tr": i.name_tr, "current": i.current}
            for i in view.indicators
            if i.off_track
        ],
        "dormant_partners": tied,
    }
