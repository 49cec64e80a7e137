"""The situation analysis (*Durum tespiti*, stage 2 of the plan): the home city's ties by
theme, region and type, active against dormant, a comparison with the peer municipalities
in the data, strengths and gaps per priority theme, and potential synergies.

Every figure is counted from :func:`graph.plan.ties.home_ties` and the analysis functions
of :mod:`graph.analysis` and :mod:`graph.synergy`, on the date of the report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import networkx as nx

from graph.analysis.dormant import dormant
from graph.plan.comparison import peers_section, priorities_section
from graph.plan.report_model import Report
from graph.plan.report_words import word
from graph.plan.ties import Tie, home_ties, node_name

GROUPS = ("agreement", "membership", "project", "event")
TYPES = ("sister_city", "cooperation_protocol", "mou", "letter_of_intent", *GROUPS[1:])


def _top_theme(G: nx.MultiDiGraph, themes: list[str]) -> set[str]:
    return {t for t in themes if not any(k == "PART_OF" for _, _, k in G.out_edges(t, keys=True))}


def _by_theme(report: Report, G: nx.MultiDiGraph, ties: list[Tie]) -> None:
    lang = report.lang
    section = report.section(word("by_theme", lang))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tie in ties:
        for theme in _top_theme(G, tie.themes) or {"none"}:
            counts[theme][tie.group] += 1
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0] == "none", kv[0]))
    names = [word("none", lang) if t == "none" else node_name(G, t, lang) for t, _ in rows]
    report.table(
        section,
        word("by_theme", lang),
        [word("theme", lang), *(word(g, lang) for g in GROUPS), word("total", lang)],
        [
            [name, *(c[g] for g in GROUPS), sum(c.values())]
            for name, (_, c) in zip(names, rows, strict=True)
        ],
        note="A tie on a narrower theme counts under its broader theme; a tie on several "
        "themes counts under each."
        if lang == "en"
        else "Alt temadaki bir bağ üst temasında sayılır; birden çok temadaki bağ her birinde sayılır.",
    )
    top = [(n, sum(c.values())) for n, (_, c) in zip(names, rows, strict=True)][:10]
    report.chart(
        section,
        word("by_theme", lang),
        [n for n, _ in top],
        [(word("ties", lang), [float(v) for _, v in top])],
    )


def _by_region(report: Report, ties: list[Tie]) -> None:
    lang = report.lang
    section = report.section(word("by_region", lang))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tie in ties:
        for region in tie.regions:
            counts[region][tie.group] += 1
    groups = ("agreement", "project", "event")
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    report.table(
        section,
        word("by_region", lang),
        [word("region", lang), *(word(g, lang) for g in groups), word("total", lang)],
        [[word(r, lang), *(c[g] for g in groups), sum(c.values())] for r, c in rows],
        note="By the partners' countries; network memberships have no region."
        if lang == "en"
        else "Ortakların ülkelerine göre; ağ üyeliklerinin bölgesi yoktur.",
    )
    report.chart(
        section,
        word("by_region", lang),
        [word(r, lang) for r, _ in rows],
        [(word("ties", lang), [float(sum(c.values())) for _, c in rows])],
    )


def _by_type(report: Report, ties: list[Tie]) -> None:
    lang = report.lang
    section = report.section(word("by_type", lang))
    states = ("active", "dormant", "other")
    counts = {t: Counter(tie.state for tie in ties if tie.type == t) for t in TYPES}
    present = [t for t in TYPES if counts[t]]
    report.table(
        section,
        word("by_type", lang),
        [word("type", lang), *(word(s, lang) for s in states), word("total", lang)],
        [
            [word(t, lang), *(counts[t][s] for s in states), sum(counts[t].values())]
            for t in present
        ],
    )
    report.chart(
        section,
        word("by_type", lang),
        [word(t, lang) for t in present],
        [(word(s, lang), [float(counts[t][s]) for t in present]) for s in states[:2]],
    )


def _active_dormant(
    report: Report, G: nx.MultiDiGraph, ties: list[Tie], home: str, today: date
) -> None:
    lang = report.lang
    section = report.section(word("active_dormant", lang))
    agreements = [t for t in ties if t.group == "agreement"]
    live = sum(t.state == "active" for t in agreements)
    asleep = sum(t.state == "dormant" for t in agreements)
    section.say(
        f"{len(agreements)} agreements: {live} active, {asleep} dormant (marked dormant or no "
        f"recorded activity for 24 months), {len(agreements) - live - asleep} expired or planned."
        if lang == "en"
        else f"{len(agreements)} anlaşma: {live} etkin, {asleep} atıl (atıl olarak işaretli ya da "
        f"24 aydır kayıtlı etkinlik yok), {len(agreements) - live - asleep} süresi dolmuş veya planlanan."
    )
    rows = []
    for tie in dormant(G, today=today, home=home):
        if home not in {p["id"] for p in tie.parties}:
            continue
        partners = ", ".join(node_name(G, p["id"], lang) for p in tie.parties if p["id"] != home)
        rows.append(
            [
                node_name(G, tie.id, lang),
                word(tie.type or "agreement", lang),
                partners,
                tie.last_activity or "–",
                "–" if tie.months is None else tie.months,
                word(f"reason_{tie.reason}", lang),
            ]
        )
    cols = ("name", "type", "partners", "last_activity", "months", "reason")
    if rows:
        report.table(section, word("dormant_ties", lang), [word(c, lang) for c in cols], rows)
    else:
        section.say("No dormant agreement." if lang == "en" else "Atıl anlaşma yok.", empty=True)


def situation_report(report: Report, G: nx.MultiDiGraph, home: str, today: date) -> list[str]:
    """Fill ``report`` with the situation analysis of ``home`` on ``today``; return the ids of
    the nodes whose sources the report cites.

    Parameters
    ----------
    report : an empty report (title page set).
    G : the networkx projection of the store.
    home : the home city's id.
    today : the date of the figures.
    """
    lang = report.lang
    ties = home_ties(G, home, today)
    groups = Counter(t.group for t in ties)
    summary = report.section(word("summary", lang))
    summary.say(
        f"{node_name(G, home, lang)}: {len(ties)} ties recorded on {today.isoformat()}: "
        f"{groups['agreement']} agreements, {groups['membership']} network memberships, "
        f"{groups['project']} project partnerships, {groups['event']} events."
        if lang == "en"
        else f"{node_name(G, home, lang)}: {today.isoformat()} itibarıyla {len(ties)} kayıtlı bağ: "
        f"{groups['agreement']} anlaşma, {groups['membership']} ağ üyeliği, "
        f"{groups['project']} proje ortaklığı, {groups['event']} etkinlik."
    )
    if not ties:
        summary.say("No tie recorded." if lang == "en" else "Kayıtlı bağ yok.", empty=True)
    _by_theme(report, G, ties)
    _by_region(report, ties)
    _by_type(report, ties)
    _active_dormant(report, G, ties, home, today)
    peers_section(report, G, home, today)
    priorities_section(report, G, ties, home, today)
    report.data["ties"] = {g: groups[g] for g in GROUPS}
    report.data["states"] = dict(Counter(t.state for t in ties))
    return [home, *(t.id for t in ties)]
