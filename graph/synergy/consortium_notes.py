"""What makes a consortium strong or weak, in English and Turkish.

:func:`judge` reads the partners of a consortium (:class:`~graph.synergy.consortium_pool.Partner`)
and writes short sentences: our existing ties among them, who works on the theme, how many
countries and regions they span, who has been active lately; and the weak points: no tie
at all, partners with no recorded work on the theme, all partners in one region, partners
with no recorded activity for years, partners known only from public reference data, a
consortium that only just meets the programme's minimum of countries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today
from graph.analysis.tiegraph import index
from graph.reference.programmes import Programme

#: Years without recorded activity after which a partner counts as quiet.
QUIET_YEARS = 3

_REGIONS_TR = {
    "europe": "Avrupa",
    "mediterranean": "Akdeniz",
    "middle-east": "Orta Doğu",
    "caucasus": "Kafkasya",
    "central-asia": "Orta Asya",
    "east-asia": "Doğu Asya",
    "north-america": "Kuzey Amerika",
}


def _names(partners: Sequence[Any], lang: str, most: int = 4) -> str:
    names = [(p.name_tr if lang == "tr" and p.name_tr else p.name) for p in partners]
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


def judge(
    G: nx.MultiDiGraph,
    partners: Sequence[Any],
    rules: Programme,
    theme: dict[str, str],
    today: date | str | None = None,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The strengths and weaknesses of a consortium, each a list of sentences per language.

    Parameters
    ----------
    G : MultiDiGraph
        The graph the partners come from (for the countries' regions).
    partners : sequence of Partner
        The consortium, the coordinator first.
    rules : Programme
        The programme (for its minimum of countries).
    theme : dict
        ``{"id", "name", "name_tr"}`` of the theme.
    today : date or str, optional
        The date "lately" is measured from (default: today).

    Returns
    -------
    tuple
        ``(strengths, weaknesses)``, each ``{"en": [...], "tr": [...]}``.
    """
    idx = index(G)
    year = as_today(today).year
    others = list(partners[1:])
    good: dict[str, list[str]] = {"en": [], "tr": []}
    bad: dict[str, list[str]] = {"en": [], "tr": []}

    def say(into: dict[str, list[str]], en: str, tr: str) -> None:
        into["en"].append(en)
        into["tr"].append(tr)

    live = [p for p in others if p.tie and p.tie["live"]]
    sisters = [p for p in live if p.tie["kind"] == "sister_city"]
    agreements = [p for p in live if p.tie["kind"] not in ("sister_city", "project", "network")]
    projects = [p for p in live if p.tie["kind"] == "project"]
    peers = [p for p in live if p.tie["kind"] == "network"]
    done = [p for p in others if p.tie and not p.tie["live"] and p.tie["kind"] == "project"]
    for group, one, many, tr in (
        (sisters, "sister city of ours", "sister cities of ours", "kardeş şehrimiz"),
        (
            agreements,
            "partner of our cooperation agreements",
            "partners of our cooperation agreements",
            "işbirliği anlaşması ortağımız",
        ),
        (
            projects,
            "partner in our running projects",
            "partners in our running projects",
            "süren projelerimizde ortağımız",
        ),
        (
            done,
            "partner from our past projects",
            "partners from our past projects",
            "geçmiş projelerimizden ortak",
        ),
        (
            peers,
            "fellow member of our networks",
            "fellow members of our networks",
            "ağlarımızın üyesi",
        ),
    ):
        if group:
            en = one if len(group) == 1 else many
            say(
                good,
                f"{len(group)} {en}: {_names(group, 'en')}",
                f"{len(group)} {tr}: {_names(group, 'tr')}",
            )
    if not any(p.tie for p in others):
        say(
            bad,
            "No existing tie: every partner would be new to us",
            "Mevcut bağ yok: tüm ortaklar bizim için yeni",
        )
    stale = [p for p in others if p.tie and p.tie.get("status") in ("dormant", "expired")]
    if stale:
        say(
            bad,
            f"Ties to revive first: {_names(stale, 'en')}",
            f"Önce canlandırılması gereken bağlar: {_names(stale, 'tr')}",
        )
    planned = [p for p in others if p.tie and p.tie.get("status") == "planned"]
    if planned:
        say(
            bad,
            f"Agreement planned, not yet signed: {_names(planned, 'en')}",
            f"Anlaşma planlandı, henüz imzalanmadı: {_names(planned, 'tr')}",
        )

    name_en, name_tr = theme["name"], theme.get("name_tr") or theme["name"]
    on = [p for p in others if p.on_theme == "exact"]
    near = [p for p in others if p.on_theme == "related"]
    off = [p for p in others if not p.on_theme]
    if on:
        say(
            good,
            f"{len(on)} of {len(others)} partners {'works' if len(on) == 1 else 'work'} on "
            f"{name_en}: {_names(on, 'en')}",
            f"{len(others)} ortaktan {len(on)} tanesi {name_tr} üzerinde çalışıyor: "
            f"{_names(on, 'tr')}",
        )
    if near:
        say(
            good,
            f"{len(near)} {'works' if len(near) == 1 else 'work'} on a related theme: "
            f"{_names(near, 'en')}",
            f"{len(near)} ortak ilgili bir temada çalışıyor: {_names(near, 'tr')}",
        )
    if not on and not near:
        say(
            bad,
            f"No partner has recorded work on {name_en}",
            f"Hiçbir ortağın {name_tr} üzerinde kayıtlı çalışması yok",
        )
    elif off:
        say(
            bad,
            f"No recorded work on {name_en}: {_names(off, 'en')}",
            f"{name_tr} üzerinde kayıtlı çalışması yok: {_names(off, 'tr')}",
        )

    countries = {p.country for p in partners if p.country}
    if len(countries) > rules.min_countries:
        say(
            good,
            f"Partners from {len(countries)} countries ({rules.min_countries} needed)",
            f"{len(countries)} ülkeden ortak ({rules.min_countries} gerekli)",
        )
    elif len(countries) == rules.min_countries:
        say(
            bad,
            f"Only just meets the minimum of {rules.min_countries} countries",
            f"Asgari {rules.min_countries} ülke koşulunu ancak karşılıyor",
        )
    regions = {idx.region(p.country) for p in partners}
    if None not in regions and len(regions) == 1:
        (region,) = regions
        say(
            bad,
            f"All partners in one region ({region.replace('-', ' ')})",
            f"Tüm ortaklar tek bir bölgede ({_REGIONS_TR.get(region, region)})",
        )
    elif len(regions - {None}) >= 3:
        say(
            good,
            f"Spans {len(regions - {None})} regions",
            f"{len(regions - {None})} bölgeye yayılıyor",
        )

    quiet = [p for p in others if p.last_active and p.last_active <= year - QUIET_YEARS]
    for p in quiet[:3]:
        say(
            bad,
            f"{p.name} has no recorded activity since {p.last_active}",
            f"{p.name_tr or p.name}: {p.last_active} yılından beri kayıtlı faaliyet yok",
        )
    lately = [p for p in others if p.last_active and p.last_active > year - QUIET_YEARS]
    if others and len(lately) == len(others):
        say(
            good,
            f"Every partner active since {year - QUIET_YEARS + 1}",
            f"Tüm ortaklar {year - QUIET_YEARS + 1} yılından beri etkin",
        )
    public = [p for p in others if p.reference]
    if public:
        say(
            bad,
            f"Known only from public twinning data: {_names(public, 'en')}",
            f"Yalnızca kamuya açık kardeş şehir verisinden biliniyor: {_names(public, 'tr')}",
        )
    silent = [p for p in others if not p.last_active and not p.reference]
    if silent:
        say(
            bad,
            f"No dated activity recorded: {_names(silent, 'en')}",
            f"Tarihli faaliyet kaydı yok: {_names(silent, 'tr')}",
        )
    return good, bad


def fewer(made: int, wanted: int) -> dict[str, str]:
    """Why only ``made`` of the ``wanted`` consortia are proposed, in English and Turkish."""
    return {
        "en": f"Only {made} of {wanted} consortia differ enough (at most half of the partners "
        "shared): there are too few eligible partners on this theme for more",
        "tr": f"İstenen {wanted} konsorsiyumdan yalnızca {made} tanesi yeterince farklı "
        "(ortakların en çok yarısı ortak): bu temada daha fazlası için yeterli uygun ortak yok",
    }
