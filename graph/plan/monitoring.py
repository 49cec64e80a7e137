"""The monitoring report (*İzleme raporu*) for a period, and the mid-term and final
evaluations on the same template: activities against the timeline, indicators against
targets with deviations, new and dormant ties, and a section per plan theme.

An activity belongs to the period when its dates (actual, else planned, else its plan
year) overlap it; an activity with no date at all is listed apart, with what to enter.
It is judged on the last day of the period (or today, when the period runs on):
``done``, ``late`` (not finished and its planned end passed), ``running``,
``not_started`` or ``stopped`` (on hold or cancelled).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import to_date
from graph.plan.activities import ActivityView
from graph.plan.progress import IndicatorView, targets
from graph.plan.report_model import Report, Section
from graph.plan.report_words import number, word
from graph.plan.ties import node_name
from graph.plan.view import PlanView

JUDGEMENTS = ("done", "running", "late", "not_started", "stopped")


def activity_span(props: dict[str, Any]) -> tuple[date | None, date | None]:
    """The first and last day of an activity (actual, else planned, else its plan year);
    (None, None) when nothing dates it, and an open end as None.

    Parameters
    ----------
    props : the activity's properties.

    >>> activity_span({"planned_start": "2025", "planned_end": "2026-06"})
    (datetime.date(2025, 1, 1), datetime.date(2026, 6, 30))
    >>> activity_span({"plan_year": 2025})
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    """
    start = to_date(props.get("actual_start") or props.get("planned_start"), end=False)
    end = to_date(props.get("actual_end") or props.get("planned_end"), end=True)
    if start is None and end is None and props.get("plan_year"):
        year = int(props["plan_year"])
        return date(year, 1, 1), date(year, 12, 31)
    return start or end, end


def judge(activity: ActivityView) -> str:
    """How an activity stands against the timeline on the date of its view.

    Parameters
    ----------
    activity : the activity, viewed on the date of the report.
    """
    status = activity.status
    if status == "done":
        return "done"
    if status in ("on_hold", "cancelled"):
        return "stopped"
    if activity.late:
        return "late"
    return "running" if status == "in_progress" else "not_started"


def in_period(activity: ActivityView, start: date, end: date) -> bool | None:
    """True when the activity's dates overlap ``start``..``end``; None when it has no date.

    Parameters
    ----------
    activity : the activity.
    start, end : the period.
    """
    first, last = activity_span(activity.props)
    if first is None:
        return None
    return first <= end and (last is None or last >= start)


def activities_section(
    report: Report, G: nx.MultiDiGraph, view: PlanView, start: date, end: date
) -> None:
    """Add the plan's activities of the period, judged against the timeline, to ``report``.

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    view : the plan on the date of the report.
    start, end : the period.
    """
    lang = report.lang
    section = report.section(word("activities", lang))
    chosen = [a for a in view.activities if in_period(a, start, end)]
    counts = Counter(judge(a) for a in chosen)
    report.data["activities"] = {j: counts[j] for j in JUDGEMENTS}
    report.data["activity_ids"] = [a.id for a in chosen]
    if not chosen:
        section.say(
            "No dated activity of the plan falls in this period."
            if lang == "en"
            else "Bu döneme düşen, tarihi girilmiş plan faaliyeti yok.",
            empty=True,
        )
    else:
        report.table(
            section,
            word("activities", lang),
            [word(c, lang) for c in ("activity", "theme", "planned", "actual", "status", "judged")],
            [
                [
                    node_name(G, a.id, lang),
                    ", ".join(node_name(G, t["id"], lang) for t in a.themes) or "–",
                    _span(a.props, "planned"),
                    _span(a.props, "actual"),
                    word(f"status_{a.status}", lang) if a.status else "–",
                    word(judge(a), lang),
                ]
                for a in chosen
            ],
        )
        report.chart(
            section,
            word("activities", lang),
            [word(j, lang) for j in JUDGEMENTS],
            [(word("count", lang), [float(counts[j]) for j in JUDGEMENTS])],
        )
    undated = [a for a in view.activities if in_period(a, start, end) is None]
    report.data["undated"] = [a.id for a in undated]
    if undated:
        sub = report.section(word("undated", lang), section)
        sub.say(
            "These activities have no planned or actual dates and cannot be judged against the "
            "timeline: enter their planned start and end (or the plan year)."
            if lang == "en"
            else "Bu faaliyetlerin planlanan veya gerçekleşen tarihi yok; zaman çizelgesine göre "
            "değerlendirilemezler: planlanan başlangıç ve bitiş tarihlerini (ya da plan yılını) girin."
        )
        report.table(
            sub,
            word("undated", lang),
            [word("activity", lang), word("status", lang)],
            [
                [node_name(G, a.id, lang), word(f"status_{a.status}", lang) if a.status else "–"]
                for a in undated
            ],
        )


def _span(props: dict[str, Any], which: str) -> str:
    first, last = props.get(f"{which}_start"), props.get(f"{which}_end")
    if not first and not last:
        return "–"
    return f"{first or '…'} – {last or '…'}"


def _figure(value: Any, lang: str) -> str:
    if value is None or value == "":
        return "–"
    value = float(value)
    return number(value, lang, 0 if value.is_integer() else 1)


def indicator_row(indicator: IndicatorView, start: date, end: date) -> dict[str, Any]:
    """An indicator's figures for the period: baseline, the target of the last year of the
    period (else the latest earlier target), the actual figure (the last measurement in the
    period, else the figure computed on its last day) and the deviation from the target.

    Parameters
    ----------
    indicator : the indicator, viewed on the date of the report.
    start, end : the period.
    """
    wanted = {y: v for y, v in targets(indicator.props).items() if y <= end.year}
    year = max(wanted) if wanted else None
    measured = [
        m for m in indicator.measurements if start.isoformat() <= m["date"] <= end.isoformat()
    ]
    computed = [y["computed"] for y in indicator.years if y["year"] == end.year]
    actual = measured[-1]["value"] if measured else (computed[0] if computed else None)
    basis = "measured" if measured else ("computed" if actual is not None else None)
    target = wanted.get(year) if year else None
    deviation = None if actual is None or target is None else actual - target
    return {
        "id": indicator.id,
        "baseline": indicator.props.get("baseline"),
        "target": target,
        "target_year": year,
        "actual": actual,
        "basis": basis,
        "deviation": deviation,
        "deviation_pct": None if deviation is None or not target else 100 * deviation / target,
    }


def indicators_section(
    report: Report,
    view: PlanView,
    start: date,
    end: date,
    owners: set[str] | None = None,
    section: Section | None = None,
) -> int:
    """Add the indicators against their targets to ``report``; return how many were shown.

    Parameters
    ----------
    report : the report being built.
    view : the plan on the date of the report.
    start, end : the period.
    owners : only indicators of these plan parts (themes, activities), or None for all
        (then with a chart, in a section of their own).
    section : the section to add to (default: a new one).
    """
    lang = report.lang
    chosen = [i for i in view.indicators if owners is None or {o["id"] for o in i.owners} & owners]
    if section is None:
        section = report.section(word("indicators", lang))
    if not chosen:
        if owners is None:
            section.say(
                "No indicator recorded." if lang == "en" else "Kayıtlı gösterge yok.", empty=True
            )
        return 0
    rows = [indicator_row(i, start, end) for i in chosen]
    if owners is None:
        report.data["indicators"] = rows
    names = [i.name_tr if lang == "tr" and i.name_tr else i.name for i in chosen]
    cols = ("indicator", "unit", "baseline", "target", "actual", "deviation")
    report.table(
        section,
        word("indicators", lang),
        [word(c, lang) for c in cols],
        [
            [
                name,
                i.props.get("unit") or "–",
                _figure(r["baseline"], lang),
                f"{_figure(r['target'], lang)} ({r['target_year']})"
                if r["target"] is not None
                else "–",
                _figure(r["actual"], lang) + (f" ({word(r['basis'], lang)})" if r["basis"] else ""),
                "–"
                if r["deviation"] is None
                else f"{_figure(r['deviation'], lang)} ({number(r['deviation_pct'], lang, 0)} %)",
            ]
            for name, i, r in zip(names, chosen, rows, strict=True)
        ],
        note=None if any(r["target"] is not None for r in rows) else word("no_targets", lang),
    )
    if owners is None:
        report.chart(
            section,
            word("indicators", lang),
            names,
            [
                (word("target", lang), [r["target"] for r in rows]),
                (word("actual", lang), [r["actual"] for r in rows]),
            ],
        )
    return len(chosen)
