"""Geometry of the plan's charts, drawn as SVG on the server (templates/plan_macros.html).

The functions here compute numbers only: positions, sizes and tick values. The templates
write the SVG elements and every label through Jinja's autoescape, and each chart has a
table beside it with the same figures.

>>> chart = indicator_chart([{"year": 2024, "target": 4.0, "measured": 3.0, "computed": 2.0},
...                          {"year": 2025, "target": None, "measured": None, "computed": 5.0}])
>>> chart["top"], [len(group["bars"]) for group in chart["groups"]]
(5.0, [3, 1])
>>> row = gantt_rows([{"id": "a", "start": "2025", "end": "2026", "late": False}], 2024, 2026)[0]
>>> row["x"], row["w"]
(33.3, 66.6)
"""

from __future__ import annotations

import math
from typing import Any

from graph.analysis.dates import to_date

#: Series of an indicator chart: key in a year row, CSS class.
SERIES = (("target", "target"), ("measured", "measured"), ("computed", "computed"))


def nice_top(value: float) -> float:
    """A round upper bound of an axis at or above ``value`` (1, 2, 2.5 or 5 times a power of ten).

    >>> nice_top(0), nice_top(3), nice_top(14), nice_top(260)
    (1.0, 5.0, 20.0, 500.0)
    """
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def indicator_chart(
    years: list[dict[str, Any]], width: int = 560, height: int = 220
) -> dict[str, Any]:
    """Grouped bars per year: target (outline), measured and computed (filled).

    Coordinates are in the SVG's own units (``viewBox 0 0 width height``); the plot area
    leaves 40 units on the left for the axis and 28 below for the years.
    """
    values = [row[key] for row in years for key, _ in SERIES if row.get(key) is not None]
    top = nice_top(max(values, default=0.0))
    left, bottom, plot_h = 40.0, height - 28.0, height - 40.0
    slot = (width - left - 8) / max(len(years), 1)
    bar = min(slot / 4, 26.0)
    groups = []
    for i, row in enumerate(years):
        x0 = left + i * slot + (slot - 3 * bar) / 2
        bars = []
        for j, (key, css) in enumerate(SERIES):
            value = row.get(key)
            if value is None:
                continue
            h = plot_h * value / top
            bars.append(
                {
                    "key": key,
                    "css": css,
                    "x": round(x0 + j * bar, 1),
                    "y": round(bottom - h, 1),
                    "w": round(bar - 2, 1),
                    "h": round(h, 1),
                    "value": value,
                }
            )
        groups.append(
            {"year": row["year"], "label_x": round(left + (i + 0.5) * slot, 1), "bars": bars}
        )
    ticks = [{"value": top * k / 4, "y": round(bottom - plot_h * k / 4, 1)} for k in range(5)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "bottom": bottom,
        "top": top,
        "ticks": ticks,
        "groups": groups,
        "empty": not values,
    }


def _position(text: Any, first: int, span: int, end: bool) -> float | None:
    found = to_date(text, end=end)
    if found is None:
        return None
    years = (
        found.year
        - first
        + (found.timetuple().tm_yday / 366 if end else (found.timetuple().tm_yday - 1) / 366)
    )
    return max(0.0, min(100.0, 100.0 * years / span))


def gantt_rows(
    activities: list[dict[str, Any]], first: int, last: int, until: str | None = None
) -> list[dict[str, Any]]:
    """Bars of a timeline over ``first``..``last`` in percent of its width: ``x`` and ``w``
    for dated activities, ``None`` for undated ones. An end alone is drawn as its year; a
    start alone runs to ``until`` (the date of the view) when the activity is ``open``
    (not finished, ``open`` True), else it is drawn as its year.

    ``activities`` are dicts with ``id``, ``start``, ``end``, ``late`` and ``open``.
    """
    span = last - first + 1
    out = []
    for item in activities:
        start = _position(item.get("start"), first, span, end=False)
        end = _position(item.get("end"), first, span, end=True)
        if start is None and end is not None:
            start = _position(str(to_date(item["end"]).year), first, span, end=False)
        if end is None and start is not None:
            year_end = _position(str(to_date(item["start"], end=False).year), first, span, end=True)
            running = (
                _position(until, first, span, end=True) if item.get("open") and until else None
            )
            end = max(year_end or 0.0, running or 0.0)
        row = {**item, "x": None, "w": None}
        if start is not None and end is not None:
            row["x"] = round(start, 1)
            row["w"] = round(max(end - start, 1.5), 1)
        out.append(row)
    return out


def year_marks(first: int, last: int) -> list[dict[str, Any]]:
    """The year columns of a timeline: each year's left edge and width in percent.

    >>> year_marks(2024, 2025)
    [{'year': 2024, 'x': 0.0, 'w': 50.0}, {'year': 2025, 'x': 50.0, 'w': 50.0}]
    """
    span = last - first + 1
    return [
        {"year": year, "x": round(100.0 * i / span, 1), "w": round(100.0 / span, 1)}
        for i, year in enumerate(range(first, last + 1))
    ]


def budget_bars(rows: list[dict[str, Any]], width: int = 560, bar: int = 22) -> dict[str, Any]:
    """Horizontal bars of recorded budget by funding source (rows with a budget only).

    >>> chart = budget_bars([{"funding_source": "Interreg", "budget_eur": 250.0},
    ...                      {"funding_source": "", "budget_eur": 0.0}])
    >>> [(b["funding_source"], b["w"]) for b in chart["bars"]], chart["height"]
    ([('Interreg', 260.0)], 38)
    """
    left, right = 200.0, 100.0
    shown = [r for r in rows if r.get("budget_eur")]
    top = nice_top(max((r["budget_eur"] for r in shown), default=0.0))
    bars = [
        {
            **r,
            "y": 8 + i * (bar + 8),
            "w": round((width - left - right) * r["budget_eur"] / top, 1),
        }
        for i, r in enumerate(shown)
    ]
    return {
        "width": width,
        "left": left,
        "bar": bar,
        "top": top,
        "bars": bars,
        "height": 8 + len(bars) * (bar + 8),
    }
