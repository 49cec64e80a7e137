"""Consortia for a call: two or three groups of partners that meet a programme's rules.

A planner names a theme and a funding programme (:mod:`graph.reference.programmes`);
:func:`consortia` builds a pool of partners (:mod:`graph.synergy.consortium_pool`: our ties
first, then candidates from :func:`~graph.synergy.ranking.suggest`) and assembles up to three
consortia around the home city, the coordinator. Each is built greedily: first the partners
the rules require (at least one from an EU member state...), then new countries until the
minimum is met, then the best remaining partners up to the size asked for. A partner's value
is its fit for the theme plus a bonus for an existing tie and for working on the theme; a
country not yet in the consortium adds a bonus too. Later consortia share at most half of
their partners with earlier ones, so the planner sees real alternatives.

When no consortium can be made, :attr:`Consortia.why` says which rule could not be met.

>>> from graph.analysis.example import example_graph
>>> found = consortia(example_graph(), "theme-clean-energy", "erasmus-cooperation",
...                   today="2025-01-01")
>>> found.consortia
[]
>>> print(found.why["en"])
Only 2 eligible countries among our ties and candidates (Germany, Türkiye); Erasmus+ Cooperation Partnerships (KA220) asks for 3
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.errors import EntityNotFound, InvalidData
from graph.home import home_city
from graph.reference.countries import country_name
from graph.reference.programmes import Check, Member, Programme, an, programme
from graph.reference.themes import catalogue
from graph.synergy.consortium_notes import fewer, judge
from graph.synergy.consortium_pool import Partner, partner_pool
from graph.synergy.focus import resolve
from graph.synergy.weights import Weights

#: Fewest and most partners of a consortium, the coordinator included.
SIZES = (3, 8)
#: Value added by a country not yet in the consortium.
NEW_COUNTRY = 0.1
#: Value taken from a partner already used by an earlier consortium.
USED = 0.35


@dataclass
class Consortium:
    """A group of partners (the coordinator first), the rules it passes, its strong and weak points."""

    partners: list[Partner]
    checks: list[Check]
    strengths: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "tr": []})
    weaknesses: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "tr": []})

    @property
    def ok(self) -> bool:
        """True when every rule of the programme passes."""
        return all(c.ok for c in self.checks)

    @property
    def value(self) -> float:
        """The sum of the partners' values (the coordinator's is 0)."""
        return sum(p.value for p in self.partners)

    def to_dict(self) -> dict[str, Any]:
        """This consortium as plain data for JSON twins and exports."""
        return {
            "ok": self.ok,
            "value": round(self.value, 4),
            "countries": sorted({p.country for p in self.partners if p.country}),
            "partners": [p.to_dict() for p in self.partners],
            "checks": [c.to_dict() for c in self.checks],
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
        }


@dataclass
class Consortia:
    """The consortia proposed for a theme and a programme, and why there are fewer when so."""

    theme: dict[str, str]
    programme: Programme
    size: int
    consortia: list[Consortium]
    why: dict[str, str] | None = None
    left_out: list[dict[str, Any]] = field(default_factory=list)  # our ties the rules exclude

    def to_dict(self) -> dict[str, Any]:
        """The proposal as plain data for JSON twins and exports."""
        return {
            "theme": self.theme,
            "programme": self.programme.to_dict(),
            "size": self.size,
            "consortia": [c.to_dict() for c in self.consortia],
            "why": self.why,
            "left_out": self.left_out,
        }


def _say(en: str, tr: str) -> dict[str, str]:
    return {"en": en, "tr": tr}


def assemble(
    home: Partner, pool: list[Partner], rules: Programme, size: int, used: set[str]
) -> tuple[list[Partner] | None, dict[str, str] | None]:
    """One consortium of ``size`` partners around ``home``, or None and why not.

    Parameters
    ----------
    home : Partner
        The coordinator (our city); it counts as one partner.
    pool : list of Partner
        Eligible partners to choose from, each with its ``value``.
    rules : Programme
        The programme whose rules the consortium must meet.
    size : int
        Partners wanted, the coordinator included (fewer when the pool runs out).
    used : set of str
        Partners of earlier consortia: they lose :data:`USED` of their value, and at most
        half of the new consortium's partners (besides the coordinator) may be among them.

    Returns
    -------
    tuple
        ``(partners, None)`` with the coordinator first, or ``(None, why)`` with the rule that
        could not be met in English and Turkish.
    """
    chosen = [home]
    shared_most = (size - 1) // 2

    def fits(p: Partner) -> bool:
        if p.id in {c.id for c in chosen} or len(chosen) >= min(size, rules.max_partners or size):
            return False
        if p.id in used and sum(c.id in used for c in chosen) >= shared_most:
            return False
        same = sum(c.country == p.country for c in chosen)
        return rules.max_per_country is None or same < rules.max_per_country

    def best(among: list[Partner]) -> Partner | None:
        countries = {c.country for c in chosen}
        scored = [
            (
                p.value
                + (NEW_COUNTRY if p.country not in countries else 0)
                - USED * (p.id in used),
                p,
            )
            for p in among
            if fits(p)
        ]
        return max(scored, key=lambda vp: (vp[0], vp[1].name))[1] if scored else None

    for group, count in rules.at_least:
        while sum(c.country in group.countries for c in chosen) < count:
            found = best([p for p in pool if p.country in group.countries])
            if found is None:
                return None, _say(
                    f"No eligible partner from {an(group.name('en'))} among our ties and candidates "
                    f"({rules.name('en')} asks for at least {count})",
                    f"Bağlarımız ve adaylar arasında uygun bir ortak yok: {group.name('tr')} "
                    f"({rules.name('tr')} en az {count} istiyor)",
                )
            chosen.append(found)
    while len({c.country for c in chosen}) < rules.min_countries:
        countries = {c.country for c in chosen}
        found = best([p for p in pool if p.country not in countries])
        if found is None:
            have = sorted({c.country for c in chosen} | {p.country for p in pool})
            en = ", ".join(country_name(c) for c in have if c)
            tr = ", ".join(country_name(c, "tr") for c in have if c)
            return None, _say(
                f"Only {len(have)} eligible countr{'y' if len(have) == 1 else 'ies'} among our "
                f"ties and candidates ({en}); {rules.name('en')} asks for {rules.min_countries}",
                f"Bağlarımız ve adaylar arasında yalnızca {len(have)} uygun ülke var ({tr}); "
                f"{rules.name('tr')} {rules.min_countries} istiyor",
            )
        chosen.append(found)
    while len(chosen) < size:
        found = best(pool)
        if found is None:
            break
        chosen.append(found)
    if len(chosen) < max(rules.min_partners, SIZES[0]):
        return None, _say(
            f"Only {len(chosen)} partners could be found ({max(rules.min_partners, SIZES[0])} needed)",
            f"Yalnızca {len(chosen)} ortak bulunabildi ({max(rules.min_partners, SIZES[0])} gerekli)",
        )
    return chosen, None


def consortia(
    G: nx.MultiDiGraph,
    theme: str,
    programme_id: str,
    *,
    size: int = 5,
    count: int = 3,
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
    home: str | None = None,
) -> Consortia:
    """Up to ``count`` consortia for ``theme`` under the rules of ``programme_id``.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph (``Store.to_networkx()``).
    theme : str
        A theme id or name (Turkish or English).
    programme_id : str
        A programme id or name (:func:`graph.reference.programmes.programme`).
    size : int
        Partners per consortium, the coordinator included (clamped to 3..8 and the
        programme's maximum).
    count : int
        Consortia wanted (1..3).
    weights, today, home
        As in :func:`~graph.synergy.ranking.suggest`.

    Returns
    -------
    Consortia
        The consortia, best first, each passing every rule; ``why`` says in English and
        Turkish why there are fewer than ``count`` (or none).

    Raises
    ------
    InvalidData
        When ``theme`` or ``programme_id`` names nothing known (the hint lists the known ones).
    """
    rules = programme(programme_id)
    theme_id = _theme(G, theme)
    home_id = home_city(G, home)
    size = max(SIZES[0], rules.min_partners, min(size, SIZES[1], rules.max_partners or SIZES[1]))
    names = {
        "id": theme_id,
        "name": G.nodes[theme_id].get("name_en") or G.nodes[theme_id].get("name") or theme_id,
    }
    names["name_tr"] = G.nodes[theme_id].get("name_tr") or names["name"]
    coordinator, pool, left_out = partner_pool(
        G, home_id, theme_id, rules, weights=weights, today=today
    )
    out = Consortia(names, rules, size, [], left_out=left_out)
    if not rules.is_eligible(coordinator.country) or coordinator.label not in rules.kinds:
        where = coordinator.country
        out.why = _say(
            f"Our city's country ({country_name(where) if where else 'unknown'}) is not "
            f"eligible for {rules.name('en')}: partners must come from "
            f"{rules.eligible_text('en', articles=True)}",
            f"Şehrimizin ülkesi ({country_name(where, 'tr') if where else 'bilinmiyor'}) "
            f"{rules.name('tr')} için uygun değil: ortaklar şu ülkelerden olmalı: "
            f"{rules.eligible_text('tr')}",
        )
        return out
    used: set[str] = set()
    for _ in range(max(1, min(count, 3))):
        chosen, why = assemble(coordinator, pool, rules, size, used)
        if chosen is None or {p.id for p in chosen[1:]} <= used:
            out.why = why if not out.consortia else fewer(len(out.consortia), count)
            break
        used |= {p.id for p in chosen[1:]}
        checks = rules.checks([Member(p.name, p.country, p.label) for p in chosen])
        strengths, weaknesses = judge(G, chosen, rules, names, today)
        out.consortia.append(Consortium(chosen, checks, strengths, weaknesses))
    if out.consortia and len(out.consortia) < count and out.why is None:
        out.why = fewer(len(out.consortia), count)
    return out


def _theme(G: nx.MultiDiGraph, text: str) -> str:
    """The id of the theme ``text`` names (an id, a name, or a word of the theme catalogue:
    "kültür", "waste"), or an error listing the known themes."""
    try:
        return resolve(G, text, ["Theme"])
    except (EntityNotFound, InvalidData) as exc:
        found = catalogue().resolve(text)
        if found is not None and f"theme-{found.id}" in G:
            return f"theme-{found.id}"
        known = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Theme")
        shown = ", ".join(known[:40]) + (f", … ({len(known)} in all)" if len(known) > 40 else "")
        raise InvalidData(
            f"{text!r} is not a theme of the graph", hint=f"give one of: {shown or 'none'}"
        ) from exc
