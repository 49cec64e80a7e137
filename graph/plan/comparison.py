"""The parts of the situation analysis that look outward: the comparison with the peer
municipalities in the data, strengths and gaps per priority theme, potential synergies."""

from __future__ import annotations

from collections import Counter
from datetime import date

import networkx as nx

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.peers import peer_networks
from graph.analysis.tiegraph import index
from graph.plan.report_model import Report
from graph.plan.report_words import number, word
from graph.plan.ties import Tie, home_ties, node_name
from graph.synergy.gaps import gaps


def peer_ids(G: nx.MultiDiGraph, home: str) -> list[str]:
    """The peer municipalities in the data: other cities of the home country with a live
    network membership (the peers of :func:`graph.analysis.peers.peer_networks`).

    Parameters
    ----------
    G : the networkx projection of the store.
    home : the home city's id.
    """
    idx = index(G)
    country = idx.country.get(home)
    return sorted(
        c
        for c, label in idx.label.items()
        if label == "City"
        and c != home
        and country
        and idx.country.get(c) == country
        and any(s in LIVE_MEMBERSHIP for s in idx.networks_of.get(c, {}).values())
    )


def peers_section(report: Report, G: nx.MultiDiGraph, home: str, today: date) -> None:
    """Add the comparison with the peer municipalities (and their networks) to ``report``.

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    home : the home city's id.
    today : the date of the figures.
    """
    lang = report.lang
    section = report.section(word("peers", lang))
    cities = [home, *peer_ids(G, home)]
    if len(cities) == 1:
        section.say(
            "No peer municipality in the data: import data/peers."
            if lang == "en"
            else "Verilerde benzer belediye yok: data/peers klasörünü içe aktarın.",
            empty=True,
        )
        return
    cols = ("sister_city", "agreement", "membership", "project", "event")
    rows, figures = [], {}
    for city in cities:
        ties = home_ties(G, city, today)
        found = Counter(
            "sister_city" if t.type == "sister_city" else t.group
            for t in ties
            if t.state != "other" or t.group == "event"
        )
        figures[city] = found
        rows.append([node_name(G, city, lang), *(found[c] for c in cols)])
    report.table(
        section,
        word("peers", lang),
        [word("city", lang), *(word(c, lang) for c in cols)],
        rows,
        note="Ties as recorded in the data, expired, lapsed and cancelled ones left out (other "
        "agreement types under 'agreement')."
        if lang == "en"
        else "Verilerde kayıtlı bağlar; süresi dolmuş, düşmüş ve iptal edilmiş olanlar hariç "
        "(diğer anlaşma türleri 'anlaşma' altında).",
    )
    report.chart(
        section,
        word("peers", lang),
        [node_name(G, c, lang) for c in cities],
        [(word(c, lang), [float(figures[x][c]) for x in cities]) for c in cols[:3]],
    )
    sub = report.section(word("peer_networks", lang), section)
    found = peer_networks(G, home, peers=cities[1:])[:10]
    if not found:
        sub.say("None." if lang == "en" else "Yok.", empty=True)
        return
    report.table(
        sub,
        word("peer_networks", lang),
        [word("networks", lang), word("peers_col", lang), word("shared_themes", lang)],
        [
            [
                node_name(G, p.id, lang),
                ", ".join(node_name(G, x["id"], lang) for x in p.peers),
                ", ".join(node_name(G, t["id"], lang) for t in p.shared_themes) or "–",
            ]
            for p in found
        ],
    )


def priorities_section(
    report: Report, G: nx.MultiDiGraph, ties: list[Tie], home: str, today: date
) -> None:
    """Add strengths and gaps per priority theme of ``home``, and potential synergies (the
    candidates for the gaps, best first), to ``report``.

    Parameters
    ----------
    report : the report being built.
    G : the networkx projection of the store.
    ties : the home city's ties (:func:`graph.plan.ties.home_ties`).
    home : the home city's id.
    today : the date of the figures.
    """
    lang = report.lang
    section = report.section(word("strengths_gaps", lang))
    idx = index(G)
    found = {g.id: g for g in gaps(G, home, limit=3, today=today)}
    priorities = sorted(
        (t for t, link in idx.own.get(home, {}).items() if link.kind == "priority"),
        key=lambda t: node_name(G, t, lang).casefold(),
    )
    if not priorities:
        section.say(
            "No priority theme recorded for the city."
            if lang == "en"
            else "Kentin öncelikli teması kayıtlı değil.",
            empty=True,
        )
        return
    rows = []
    for theme in priorities:
        family = idx.descendants(theme)
        live = [
            t
            for t in ties
            if t.state != "other"
            and t.group in ("agreement", "project")
            and family & {*t.themes, *(x for p in t.partners for x in idx.own.get(p, {}))}
        ]
        nets = [
            t
            for t in ties
            if t.state == "active" and t.group == "membership" and family & set(t.themes)
        ]
        gap = found.get(theme)
        rows.append(
            [
                node_name(G, theme, lang),
                len(live),
                len(nets),
                word("gap" if gap else "strength", lang),
                (
                    ", ".join(node_name(G, c.id, lang) for c in gap.candidates)
                    or word("no_candidate", lang)
                )
                if gap
                else "–",
            ]
        )
    cols = ("theme", "ties_on_theme", "networks", "assessment", "candidates")
    report.table(
        section,
        word("strengths_gaps", lang),
        [word(c, lang) for c in cols],
        rows,
        note="Ties on the theme: agreements and projects (expired ones left out) that have the "
        "theme, or whose partner works on it. A gap: no live partner works on the theme; "
        "networks are venues, not partners."
        if lang == "en"
        else "Temadaki bağlar: temayı taşıyan ya da ortağı bu temada çalışan anlaşma ve projeler "
        "(süresi dolanlar hariç). Eksik: temada çalışan etkin ortak yok; ağlar ortak değil, "
        "buluşma yeridir.",
    )
    report.chart(
        section,
        word("strengths_gaps", lang),
        [r[0] for r in rows],
        [
            (word("ties_on_theme", lang), [float(r[1]) for r in rows]),
            (word("networks", lang), [float(r[2]) for r in rows]),
        ],
    )
    synergy = report.section(word("synergies", lang))
    candidates = sorted(
        ((c, gap) for gap in found.values() for c in gap.candidates), key=lambda cg: -cg[0].score
    )
    if not candidates:
        synergy.say("No candidate found." if lang == "en" else "Aday bulunamadı.", empty=True)
        return
    report.table(
        synergy,
        word("synergies", lang),
        [word(c, lang) for c in ("candidate", "kind", "theme", "score")],
        [
            [
                node_name(G, c.id, lang),
                word(c.label, lang),
                node_name(G, g.id, lang),
                number(c.score, lang, 2),
            ]
            for c, g in candidates[:15]
        ],
    )
