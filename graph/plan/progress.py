"""Indicators of a plan: baseline, target per year, measurements, computed figures.

An ``Indicator`` node holds ``unit``, ``baseline`` and ``baseline_year``, and its targets
as two lists of one length, ``target_years`` and ``targets``. Its ``Measurement`` nodes
(``MEASUREMENT_OF``) hold ``date``, ``value`` and ``source``. When it names a query
(``query``, see :mod:`graph.plan.indicators`), the figure is computed from the graph at the
end of each year of the plan period up to the date of the view.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("indicator-n", label="Indicator", name="N", target_years=[2025], targets=[5.0])
>>> G.add_node("measurement-n-2025", label="Measurement", date="2025-06-30", value=3.0)
>>> _ = G.add_edge("measurement-n-2025", "indicator-n", key="MEASUREMENT_OF")
>>> view = indicator_view(G, "indicator-n", 2024, 2026, as_of="2026-01-01")
>>> [(y["year"], y["target"], y["measured"]) for y in view.years]
[(2024, None, None), (2025, 5.0, 3.0), (2026, None, None)]
>>> view.off_track
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today
from graph.home import find_home
from graph.plan.activities import ref
from graph.plan.indicators import NAMED_QUERIES


@dataclass
class IndicatorView:
    """An indicator with its figures per year of the plan period."""

    id: str
    name: str
    name_tr: str | None
    props: dict[str, Any]
    measurements: list[dict[str, Any]] = field(default_factory=list)
    years: list[dict[str, Any]] = field(default_factory=list)
    owners: list[dict[str, Any]] = field(default_factory=list)
    current: float | None = None
    off_track: bool = False

    def to_dict(self) -> dict[str, Any]:
        """This IndicatorView as plain data for JSON twins."""
        return asdict(self)


def targets(props: dict[str, Any]) -> dict[int, float]:
    """The targets of an indicator by year, from ``target_years`` and ``targets``.

    Parameters
    ----------
    props : the indicator's properties.

    >>> targets({"target_years": [2025, 2026], "targets": [3, 5]})
    {2025: 3.0, 2026: 5.0}
    """
    years = props.get("target_years") or []
    values = props.get("targets") or []
    return {int(y): float(v) for y, v in zip(years, values, strict=False)}


def _measurements(G: nx.MultiDiGraph, indicator: str) -> list[dict[str, Any]]:
    found = []
    for start, _, key in G.in_edges(indicator, keys=True):
        if key != "MEASUREMENT_OF":
            continue
        data = G.nodes[start]
        if data.get("value") is None:
            continue
        found.append(
            {
                "id": start,
                "date": str(data.get("date") or ""),
                "value": float(data["value"]),
                "source": data.get("source"),
                "notes": data.get("notes"),
            }
        )
    return sorted(found, key=lambda m: m["date"])


def _off_track(props: dict[str, Any], year_rows: list[dict[str, Any]]) -> bool:
    decrease = props.get("direction") == "decrease"
    for row in reversed(year_rows):
        actual = row["measured"] if row["measured"] is not None else row["computed"]
        if row["target"] is None or actual is None:
            continue
        return actual > row["target"] if decrease else actual < row["target"]
    return False


def indicator_view(
    G: nx.MultiDiGraph,
    indicator: str,
    first: int,
    last: int,
    as_of: date | str | None = None,
    home: str | None = None,
) -> IndicatorView:
    """One indicator of ``G`` with target, measured and computed figures per year.

    Parameters
    ----------
    G : the networkx projection of the store.
    indicator : the id of an ``Indicator`` node.
    first, last : the first and last year of the plan period.
    as_of : the date of the view (default today): later years have no actual figure.
    home : the home city's id, for computed indicators (default: the graph's home).
    """
    from graph.plan.indicators import evaluate

    today = as_today(as_of)
    data = G.nodes[indicator]
    props = {k: v for k, v in data.items() if k != "label"}
    view = IndicatorView(indicator, data.get("name") or indicator, data.get("name_tr"), props)
    view.measurements = _measurements(G, indicator)
    view.owners = [
        ref(G, end) for _, end, key in G.out_edges(indicator, keys=True) if key == "INDICATOR_OF"
    ]
    query = props.get("query") if props.get("query") in NAMED_QUERIES else None
    home = find_home(G, home) if query else None
    query = query if home else None  # no home city: nothing to count from
    wanted = targets(props)
    for year in range(first, last + 1):
        in_year = [m for m in view.measurements if m["date"][:4] == str(year)]
        computed = None
        if query and year <= today.year:
            on = min(date(year, 12, 31), today)
            computed = evaluate(G, query, on, home)
        view.years.append(
            {
                "year": year,
                "target": wanted.get(year),
                "measured": in_year[-1]["value"] if in_year else None,
                "computed": computed,
            }
        )
    if query:
        view.current = evaluate(G, query, today, home)
    elif view.measurements:
        view.current = view.measurements[-1]["value"]
    view.off_track = _off_track(props, [y for y in view.years if y["year"] <= today.year])
    return view
