"""Activities of a plan: who leads and contributes, what they draw on, when, and whether late.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("plan-up", label="Plan", name="UP")
>>> G.add_node("activity-secap", label="Activity", name="SECAP", status="in_progress",
...            planned_end="2025-06")
>>> _ = G.add_edge("activity-secap", "plan-up", key="ACTIVITY_OF")
>>> [(a.id, a.late, a.year) for a in plan_activities(G, "plan-up", as_of="2026-01-01")]
[('activity-secap', True, 2025)]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today, to_date
from graph.home import find_home

#: Statuses of an activity that are finished: such an activity is never late.
CLOSED = ("done", "cancelled")
#: Labels of a contributor that make it a partner (beside a city other than the home city).
PARTNER_LABELS = ("City", "Network")


def ref(G: nx.MultiDiGraph, node: str, **extra: Any) -> dict[str, Any]:
    """A short reference to ``node``: id, label and names, plus ``extra``.

    Parameters
    ----------
    G : the networkx projection of the store.
    node : the id of a node of ``G``.
    """
    data = G.nodes[node]
    return {
        "id": node,
        "label": data.get("label"),
        "name": data.get("name") or data.get("name_en") or node,
        "name_tr": data.get("name_tr"),
        **extra,
    }


@dataclass
class ActivityView:
    """An activity with its ties resolved and its lateness on a date."""

    id: str
    name: str
    name_tr: str | None
    props: dict[str, Any]
    themes: list[dict[str, Any]] = field(default_factory=list)
    lead: list[dict[str, Any]] = field(default_factory=list)
    contributors: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    via_links: list[dict[str, Any]] = field(default_factory=list)
    late: bool = False
    year: int | None = None

    @property
    def status(self) -> str | None:
        """The recorded status (planned, in_progress, done, on_hold, cancelled) or None."""
        return self.props.get("status")

    @property
    def partners(self) -> list[dict[str, Any]]:
        """International partners: contributing cities (not the home city) and networks, then
        the foreign partners of the linked projects and agreements (``via`` names the link)."""
        direct = [
            c for c in self.contributors if c["label"] in PARTNER_LABELS and not c.get("is_home")
        ]
        seen = {c["id"] for c in direct}
        return direct + [p for p in self.via_links if p["id"] not in seen]

    def to_dict(self) -> dict[str, Any]:
        """This ActivityView as plain data for JSON twins."""
        out = asdict(self)
        out["status"] = self.status
        out["partners"] = self.partners
        return out


def activity_year(props: dict[str, Any]) -> int | None:
    """The year of the annual action plan the activity belongs to, else of its planned
    or actual start, else None (undated).

    Parameters
    ----------
    props : the activity's properties.

    >>> activity_year({"plan_year": 2025}), activity_year({"planned_start": "2026-03"})
    (2025, 2026)
    """
    if props.get("plan_year"):
        return int(props["plan_year"])
    for key in ("planned_start", "actual_start", "planned_end"):
        found = to_date(props.get(key), end=False)
        if found is not None:
            return found.year
    return None


def theme_ancestors(G: nx.MultiDiGraph, theme: str) -> list[str]:
    """The broader themes of ``theme`` in the catalogue (``PART_OF`` upwards), nearest first.

    Parameters
    ----------
    G : the networkx projection of the store.
    theme : the id of a ``Theme`` node.
    """
    found: list[str] = []
    current = theme
    while True:
        parents = [e for _, e, k in G.out_edges(current, keys=True) if k == "PART_OF"]
        if not parents or parents[0] in found or parents[0] == theme:
            return found
        current = parents[0]
        found.append(current)


def is_late(props: dict[str, Any], as_of: date) -> bool:
    """True when the activity is not finished and its planned end lies before ``as_of``.

    Parameters
    ----------
    props : the activity's properties.
    as_of : the date of the view.
    """
    if props.get("status") in CLOSED:
        return False
    end = to_date(props.get("planned_end"), end=True)
    return end is not None and end < as_of


def is_foreign(G: nx.MultiDiGraph, node: str, home_country: str | None) -> bool:
    """True for an international partner: a city of another country, a network that is not
    national, an international body, or an organisation located in another country.

    Parameters
    ----------
    G : the networkx projection of the store.
    node : the id of a node of ``G``.
    home_country : the ISO code of the home city's country.
    """
    data = G.nodes[node]
    label = data.get("label")
    if label == "City":
        return not data.get("is_home") and data.get("country") != home_country
    if label == "Network":
        return data.get("scope") != "national"
    if label != "Organization":
        return False
    if data.get("kind") == "international_body":
        return True
    places = [c for _, c, k in G.out_edges(node, keys=True) if k == "LOCATED_IN"]
    return any(G.nodes[c].get("country") not in (None, home_country) for c in places)


def _link_partners(G: nx.MultiDiGraph, link: str, home_country: str | None) -> list[dict[str, Any]]:
    ties = ("PARTNER_IN", "PARTY_TO")
    found = [p for p, _, k in G.in_edges(link, keys=True) if k in ties]
    return [ref(G, p, via=link) for p in sorted(set(found)) if is_foreign(G, p, home_country)]


def activity_view(
    G: nx.MultiDiGraph, activity: str, as_of: date | str | None = None
) -> ActivityView:
    """One activity of ``G`` with its themes, lead, contributors, links and indicators.

    Parameters
    ----------
    G : the networkx projection of the store.
    activity : the id of an ``Activity`` node.
    as_of : the date lateness is judged on (default today).
    """
    today = as_today(as_of)
    data = G.nodes[activity]
    props = {k: v for k, v in data.items() if k != "label"}
    view = ActivityView(activity, data.get("name") or activity, data.get("name_tr"), props)
    for _, end, key, edge in G.out_edges(activity, keys=True, data=True):
        if key == "HAS_THEME":
            within = theme_ancestors(G, end)
            view.themes.append(ref(G, end, name_en=G.nodes[end].get("name_en"), within=within))
        elif key == "LED_BY":
            view.lead.append(ref(G, end, role=edge.get("role")))
        elif key == "LINKED_TO":
            view.links.append(ref(G, end, status=G.nodes[end].get("status")))
    for start, _, key, edge in G.in_edges(activity, keys=True, data=True):
        if key == "CONTRIBUTES_TO":
            home = bool(G.nodes[start].get("is_home"))
            view.contributors.append(ref(G, start, role=edge.get("role"), is_home=home))
        elif key == "INDICATOR_OF":
            view.indicators.append(ref(G, start))
    for items in (view.themes, view.lead, view.contributors, view.links, view.indicators):
        items.sort(key=lambda item: (str(item["label"]), str(item["name"]).casefold()))
    home = find_home(G)
    home_country = G.nodes[home].get("country") if home else None
    for link in view.links:
        for partner in _link_partners(G, link["id"], home_country):
            if partner["id"] not in {p["id"] for p in view.via_links}:
                view.via_links.append(partner)
    view.late = is_late(props, today)
    view.year = activity_year(props)
    return view


def plan_activities(
    G: nx.MultiDiGraph, plan: str, as_of: date | str | None = None
) -> list[ActivityView]:
    """The activities of ``plan``, by year (undated last) and name.

    Parameters
    ----------
    G : the networkx projection of the store.
    plan : the id of a ``Plan`` node.
    as_of : the date lateness is judged on (default today).
    """
    ids = [a for a, _, key in G.in_edges(plan, keys=True) if key == "ACTIVITY_OF"]
    views = [activity_view(G, a, as_of) for a in ids]
    return sorted(views, key=lambda v: (v.year is None, v.year or 0, v.name.casefold()))


def theme_matrix(
    themes: list[dict[str, Any]], activities: list[ActivityView]
) -> list[dict[str, Any]]:
    """Themes x activities: for each plan theme, the activities that work on it or on a
    narrower theme (SECAP counts under Environment); then one row (``id`` None) for
    activities on no plan theme.

    Parameters
    ----------
    themes : the plan's themes (dicts with ``id``).
    activities : the plan's activities.
    """

    def covers(theme_id: str, activity: ActivityView) -> bool:
        return any(theme_id == t["id"] or theme_id in t.get("within", ()) for t in activity.themes)

    rows = []
    for theme in themes:
        rows.append({**theme, "activities": [a.id for a in activities if covers(theme["id"], a)]})
    other = [a.id for a in activities if not any(covers(t["id"], a) for t in themes)]
    if other:
        rows.append({"id": None, "name": None, "name_tr": None, "activities": other})
    return rows


def timeline(activities: list[ActivityView], first: int, last: int) -> list[dict[str, Any]]:
    """Activities per year of the plan period ``first``..``last``, undated ones in a last
    entry (``year`` None); each entry counts the late ones.

    Parameters
    ----------
    activities : the plan's activities.
    first, last : the first and last year of the plan period.
    """
    years: list[int | None] = [*range(first, last + 1), None]
    out = []
    for year in years:
        items = [
            a
            for a in activities
            if a.year == year
            or (year is None and a.year is not None and not first <= a.year <= last)
        ]
        if year is None and not items:
            continue
        out.append(
            {
                "year": year,
                "activities": [a.id for a in items],
                "late": [a.id for a in items if a.late],
            }
        )
    return out
