"""The rules of a funding programme applied to a consortium, each said in English and Turkish.

>>> from graph.reference.programmes import programme
>>> members = [Member("Antalya", "TR", "City"), Member("Valencia", "ES", "City")]
>>> [c.text["en"] for c in check_rules(programme("erasmus-cooperation"), members)][1:]
['At least 3 partners (now 2)', 'Partners from at least 3 different countries (now 2)']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from graph.reference.countries import country_name

if TYPE_CHECKING:
    from graph.reference.programmes import Programme


class Member(NamedTuple):
    """A partner as the rules see it: a name, a country (ISO2) and a kind (``City``...)."""

    name: str
    country: str | None
    label: str


@dataclass(frozen=True)
class Check:
    """One rule of a programme applied to a consortium: passed or not, said in EN and TR."""

    rule: str
    ok: bool
    text: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """This check as plain data for JSON twins and exports."""
        return {"rule": self.rule, "ok": self.ok, "text": dict(self.text)}


def an(noun: str) -> str:
    """``noun`` with its English indefinite article: ``an("EU member state")`` is "an EU ..."."""
    return ("an " if noun[:1].upper() in "AEIOU" else "a ") + noun


def _country(code: str | None, lang: str) -> str:
    if not code:
        return "ülke bilinmiyor" if lang == "tr" else "country unknown"
    return country_name(code, lang)


def _check(rule: str, ok: bool, en: str, tr: str, bad_en: str = "", bad_tr: str = "") -> Check:
    if not ok and bad_en:
        en, tr = f"{en}: not {bad_en}", f"{tr}: uygun değil: {bad_tr}"
    return Check(rule, ok, {"en": en, "tr": tr})


def check_rules(rules: Programme, members: Sequence[Member]) -> list[Check]:
    """Each rule of ``rules`` applied to ``members`` (the coordinator included).

    Parameters
    ----------
    rules : Programme
        The programme.
    members : sequence of Member
        The partners of a consortium: name, country (ISO2) and kind.

    Returns
    -------
    list of Check
        One per rule, in the order of the data file: eligible countries, kinds (when the
        programme names them), minimum and maximum partners, countries, per country, and
        each "at least N from group G".
    """
    out: list[Check] = []
    bad = [m for m in members if not rules.is_eligible(m.country)]
    out.append(
        _check(
            "eligible",
            not bad,
            "Every partner from an eligible country",
            "Her ortak uygun bir ülkeden",
            ", ".join(f"{m.name} ({_country(m.country, 'en')})" for m in bad),
            ", ".join(f"{m.name} ({_country(m.country, 'tr')})" for m in bad),
        )
    )
    if set(rules.kinds) == {"City"}:
        odd = [m.name for m in members if m.label != "City"]
        out.append(
            _check(
                "kinds",
                not odd,
                "Only municipalities",
                "Yalnızca belediyeler",
                ", ".join(odd),
                ", ".join(odd),
            )
        )
    n = len(members)
    out.append(
        _check(
            "min_partners",
            n >= rules.min_partners,
            f"At least {rules.min_partners} partners (now {n})",
            f"En az {rules.min_partners} ortak (şu an {n})",
        )
    )
    if rules.max_partners is not None:
        out.append(
            _check(
                "max_partners",
                n <= rules.max_partners,
                f"At most {rules.max_partners} partners (now {n})",
                f"En çok {rules.max_partners} ortak (şu an {n})",
            )
        )
    per = Counter(m.country for m in members if rules.is_eligible(m.country))
    out.append(
        _check(
            "min_countries",
            len(per) >= rules.min_countries,
            f"Partners from at least {rules.min_countries} different countries (now {len(per)})",
            f"En az {rules.min_countries} farklı ülkeden ortak (şu an {len(per)})",
        )
    )
    if rules.max_per_country is not None:
        code, most = per.most_common(1)[0] if per else (None, 0)
        out.append(
            _check(
                "max_per_country",
                most <= rules.max_per_country,
                f"At most {rules.max_per_country} partners from one country "
                f"(now {most}: {_country(code, 'en')})",
                f"Bir ülkeden en çok {rules.max_per_country} ortak "
                f"(şu an {most}: {_country(code, 'tr')})",
            )
        )
    for group, count in rules.at_least:
        got = sum(1 for m in members if m.country in group.countries)
        out.append(
            _check(
                f"at_least:{group.id}",
                got >= count,
                f"At least {count} partner from {an(group.name('en'))} (now {got})",
                f"{group.name('tr')}: en az {count} ortak (şu an {got})",
            )
        )
    return out
