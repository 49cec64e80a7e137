"""The monitoring report and the evaluations put together: activities and indicators
(:mod:`graph.plan.monitoring`), new and dormant ties of the period, and a section per
plan theme."""

from __future__ import annotations

from collections import Counter
from datetime import date

import networkx as nx

from graph.plan.activities import ActivityView
from graph.plan.monitoring import activities_section, in_period, indicators_section, judge
from graph.plan.needs import partner_needs
from graph.plan.report_model import Report
from graph.plan.report_words import name_of, word
from graph.plan.ties import Tie, home_ties, node_name
from graph.plan.view import PlanView


def _tie_rows(G: nx.MultiDiGraph, ties: list[Tie], lang: str) -> list[list[str]]:
    return [
        [
            t.name_tr if lang == "tr" and t.name_tr else t.name,
            word(t.type, lang),
            ", ".join(node_name(G, p, lang) for p in t.partners) or "–",
            t.date or "–",
        ]
        for t in ties
    ]


def ties_sections(
    report: Report, G: nx.MultiDiGraph, ties: list[Tie], start: date, end: date
) -> list[Tie]:
    """Add the new ties of the period and the dormant ties at its end to ``report``; return
    the new ties.

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    ties : the home city's ties on the last day of the period.
    start, end : the period.
    """
    lang = report.lang
    cols = [word(c, lang) for c in ("name", "type", "partners", "date")]
    section = report.section(word("new_ties", lang))
    new = [t for t in ties if t.dated_within(start, end)]
    report.data["new_ties"] = [t.id for t in new]
    if new:
        counts = Counter(t.group for t in new)
        groups = [g for g in ("agreement", "membership", "project", "event") if counts[g]]
        report.table(section, word("new_ties", lang), cols, _tie_rows(G, new, lang))
        report.chart(
            section,
            word("new_ties", lang),
            [word(g, lang) for g in groups],
            [(word("count", lang), [float(counts[g]) for g in groups])],
        )
    else:
        section.say(
            "No new tie is recorded in this period."
            if lang == "en"
            else "Bu dönemde kaydedilmiş yeni bağ yok.",
            empty=True,
        )
    section = report.section(word("dormant_ties", lang))
    asleep = [t for t in ties if t.state == "dormant"]
    report.data["dormant_ties"] = [t.id for t in asleep]
    if asleep:
        report.table(section, word("dormant_ties", lang), cols, _tie_rows(G, asleep, lang))
    else:
        section.say("No dormant tie." if lang == "en" else "Atıl bağ yok.", empty=True)
    return new


def _covers(theme: str, activity: ActivityView) -> bool:
    return any(theme == t["id"] or theme in t.get("within", ()) for t in activity.themes)


def themes_sections(
    report: Report, G: nx.MultiDiGraph, view: PlanView, new: list[Tie], start: date, end: date
) -> None:
    """Add one subsection per plan theme: its activities of the period with how they stand,
    its indicators, and the new ties on it.

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    view : the plan on the date of the report.
    new : the new ties of the period.
    start, end : the period.
    """
    lang = report.lang
    section = report.section(word("themes", lang))
    if not view.themes:
        section.say(
            "The plan has no theme recorded: enter its priority themes."
            if lang == "en"
            else "Planın teması kayıtlı değil: öncelikli temalarını girin.",
            empty=True,
        )
        return
    for theme in view.themes:
        sub = report.section(node_name(G, theme["id"], lang), section)
        doing = [a for a in view.activities if _covers(theme["id"], a) and in_period(a, start, end)]
        ties = [t for t in new if theme["id"] in t.themes]
        if doing:
            report.table(
                sub,
                f"{node_name(G, theme['id'], lang)}: {word('activities', lang).lower()}",
                [word("activity", lang), word("judged", lang)],
                [[node_name(G, a.id, lang), word(judge(a), lang)] for a in doing],
            )
        shown = indicators_section(
            report, view, start, end, {theme["id"], *(a.id for a in doing)}, sub
        )
        if ties:
            sub.say(
                ("New ties on the theme: " if lang == "en" else "Temadaki yeni bağlar: ")
                + "; ".join(t.name_tr if lang == "tr" and t.name_tr else t.name for t in ties)
            )
        if not doing and not shown and not ties:
            sub.say(
                "Nothing recorded on this theme in the period."
                if lang == "en"
                else "Bu dönemde bu temada kayıt yok.",
                empty=True,
            )


def needs_section(report: Report, G: nx.MultiDiGraph, view: PlanView, home: str) -> None:
    """Add the open activities and plan themes without a partner, with candidates, networks,
    stakeholders to involve and funding within reach (:func:`graph.plan.needs.partner_needs`).

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    view : the plan on the date of the report.
    home : the home city's id.
    """
    lang = report.lang
    section = report.section(word("needs", lang))
    found = partner_needs(G, view.id, home=home, today=view.as_of, limit=3)
    report.data["needs"] = [n.id for n in found]
    if not found:
        section.say(
            "Every open activity and plan theme has a partner."
            if lang == "en"
            else "Her açık faaliyetin ve plan temasının bir ortağı var.",
            empty=True,
        )
        return

    def names(items: list[dict], most: int = 3) -> str:
        return ", ".join(name_of(i, lang) for i in items[:most]) or "–"

    report.table(
        section,
        word("needs", lang),
        [
            word(c, lang)
            for c in ("name", "kind", "candidates", "networks", "stakeholders", "funding")
        ],
        [
            [
                node_name(G, n.id, lang),
                word("activity" if n.kind == "activity" else "theme", lang).lower(),
                names(n.candidates),
                names(n.networks),
                names(n.stakeholders),
                names(n.funding, 2),
            ]
            for n in found
        ],
    )


def monitoring_report(
    report: Report, G: nx.MultiDiGraph, view: PlanView, home: str, start: date, end: date
) -> list[str]:
    """Fill ``report`` with the monitoring of ``view`` over ``start``..``end``; return the
    ids of the nodes whose sources the report cites.

    Parameters
    ----------
    report : an empty report (title page set).
    G : the networkx projection of the store.
    view : the plan on the date of the report (the end of the period, or today).
    home : the home city's id.
    start, end : the period.
    """
    lang = report.lang
    summary = report.section(word("summary", lang))
    stage = next((s for s in view.stages if s["id"] == view.current_stage), None)
    name = node_name(G, view.id, lang)
    summary.say(
        f"{name} ({view.first_year}–{view.last_year}); period {start} – {end}."
        if lang == "en"
        else f"{name} ({view.first_year}–{view.last_year}); dönem {start} – {end}."
    )
    if stage is not None:
        summary.say(
            ("Current stage: " if lang == "en" else "Bulunulan aşama: ")
            + node_name(G, stage["id"], lang)
        )
    if end.year < view.first_year or start.year > view.last_year:
        summary.say(
            "The period lies outside the plan period."
            if lang == "en"
            else "Dönem, planın kapsadığı yılların dışında.",
            empty=True,
        )
    activities_section(report, G, view, start, end)
    indicators_section(report, view, start, end)
    ties = home_ties(G, home, view.as_of)
    new = ties_sections(report, G, ties, start, end)
    themes_sections(report, G, view, new, start, end)
    needs_section(report, G, view, home)
    cited = [view.id, *(a.id for a in view.activities), *(i.id for i in view.indicators)]
    cited += [m["id"] for i in view.indicators for m in i.measurements]
    return cited + [t.id for t in new]
