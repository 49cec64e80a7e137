"""The reports the department writes, built from the graph as one data structure
(:class:`graph.plan.report_model.Report`), in Turkish or English:

``situation``   *Durum tespiti*: ties by theme, region and type, active and dormant,
                peers, strengths and gaps per priority theme, potential synergies
``monitoring``  *İzleme raporu* for a period (default: the year so far)
``midterm``     the monitoring template over the plan period up to its middle year
``final``       the monitoring template over the whole plan period

Rendering (DOCX, PDF, JSON) lives in ``importers.report_files``; the content is the same.

>>> from graph.analysis.example import example_graph
>>> report = build_report(example_graph(), "situation", "en", end="2025-01-01")
>>> report.title, [s["title"] for s in report.contents()][:3]
('Situation analysis', ['Summary', 'Ties by theme', 'Ties by region'])
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from graph.analysis.dates import as_today, to_date
from graph.errors import InvalidData
from graph.home import home_city
from graph.plan.evaluation import monitoring_report
from graph.plan.report_model import Report
from graph.plan.report_words import word
from graph.plan.situation import situation_report
from graph.plan.ties import node_name, sources_of
from graph.plan.view import plan_ids, plan_view

KINDS = ("situation", "monitoring", "midterm", "final")
LANGS = ("tr", "en")


def _day(value: date | str | None, end: bool, what: str) -> date | None:
    if value is None or value == "":
        return None
    found = to_date(value, end=end)
    if found is None:
        raise InvalidData(
            f"{what}={value!r} is not a date", hint="use YYYY-MM-DD (or YYYY-MM, YYYY)"
        )
    return found


def report_period(
    kind: str,
    plan_years: tuple[int, int] | None,
    start: date | None,
    end: date | None,
    today: date,
) -> tuple[date | None, date]:
    """The period a report covers when ``start`` or ``end`` is not given.

    Monitoring: the year of ``end`` up to ``end`` (default today). Mid-term: from the start
    of the plan period to the end of its middle year, or today if earlier. Final: the whole
    plan period. Situation: the state on ``end`` (no start).

    Parameters
    ----------
    kind : one of :data:`KINDS`.
    plan_years : the first and last year of the plan, or None when there is no plan.
    start, end : the period as asked (None when not given).
    today : the date the report is made.

    >>> report_period("midterm", (2024, 2029), None, None, date(2026, 3, 1))
    (datetime.date(2024, 1, 1), datetime.date(2026, 3, 1))
    >>> report_period("final", (2024, 2029), None, None, date(2026, 3, 1))
    (datetime.date(2024, 1, 1), datetime.date(2029, 12, 31))
    """
    if kind == "situation":
        return start, end or today
    if kind == "monitoring" or plan_years is None:
        end = end or today
        return start or date(end.year, 1, 1), end
    first, last = plan_years
    if kind == "midterm":
        middle = date(first + (last - first) // 2, 12, 31)
        return start or date(first, 1, 1), end or min(middle, today)
    return start or date(first, 1, 1), end or date(last, 12, 31)


def build_report(
    G: nx.MultiDiGraph,
    kind: str,
    lang: str = "tr",
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    home: str | None = None,
    plan: str | None = None,
    today: date | str | None = None,
) -> Report:
    """The report ``kind`` in ``lang``, built from ``G``.

    Parameters
    ----------
    G : the networkx projection of the store.
    kind : one of :data:`KINDS`.
    lang : ``tr`` or ``en``.
    start, end : the period (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); see
        :func:`report_period` for the defaults.
    home : the home city's id (default :func:`graph.home.home_city`).
    plan : the plan's id (default: the newest plan); the situation analysis needs none.
    today : the date the report is made (default today): figures are never taken later.

    Raises
    ------
    InvalidData : an unknown kind or language, a date that is not one, or a period that
        ends before it starts.
    EntityNotFound : a monitoring report or evaluation with no plan in the graph.
    """
    if kind not in KINDS:
        raise InvalidData(f"unknown report {kind!r}", hint=f"use one of {', '.join(KINDS)}")
    if lang not in LANGS:
        raise InvalidData(f"unknown language {lang!r}", hint="use tr or en")
    day = as_today(today)
    home = home_city(G, home)
    asked_start, asked_end = _day(start, False, "from"), _day(end, True, "to")
    view = None
    if kind != "situation" or plan_ids(G):
        view = plan_view(G, plan, day, home)
    years = (view.first_year, view.last_year) if view else None
    first, last = report_period(kind, years, asked_start, asked_end, day)
    if first is not None and first > last:
        raise InvalidData(
            f"the period ends ({last}) before it starts ({first})", hint="swap --from and --to"
        )
    as_of = min(last, day)
    if view is not None and kind != "situation":
        view = plan_view(G, view.id, as_of, home)
    report = Report(
        kind,
        lang,
        word(kind, lang),
        node_name(G, view.id, lang) if view else word("no_plan", lang),
        None if first is None else first.isoformat(),
        last.isoformat(),
        as_of.isoformat(),
    )
    report.facts = [(word("home", lang), node_name(G, home, lang))]
    if view is not None:
        decision = view.props.get("council_decision")
        report.facts.append((word("plan", lang), node_name(G, view.id, lang)))
        if decision:
            report.facts.append(("Meclis kararı" if lang == "tr" else "Council decision", decision))
    span = f"{first} – {last}" if first else str(last)
    if kind != "situation":
        report.facts.append((word("period", lang), span))
    report.facts += [
        (word("as_of", lang), as_of.isoformat()),
        (word("generated", lang), f"{word('generator', lang)}, {day.isoformat()}"),
    ]
    if kind == "situation":
        cited = situation_report(report, G, home, as_of)
        cited += [view.id] if view else []
    else:
        assert view is not None
        cited = monitoring_report(report, G, view, home, first or as_of, last)
    report.sources = sources_of(G, cited)
    return report
