"""Funding programmes and their partnership rules, kept as data with their public sources.

The rules live in ``graph/reference/data/programmes.yaml``: per programme the groups of
countries that may take part, the kinds of partner that count, the minimum number of
partners and of countries, a maximum when the document states one, and "at least N
partners from group G". Each programme names the document that states its rules;
rules that could not be confirmed are left out and the notes say so.

>>> horizon = programme("horizon-europe")
>>> horizon.min_countries, horizon.is_eligible("TR"), horizon.is_eligible("CN")
(3, True, False)
>>> members = [Member("Antalya", "TR", "City"), Member("Valencia", "ES", "City"),
...            Member("Herzliya", "IL", "City")]
>>> [(c.rule, c.ok) for c in horizon.checks(members)]
[('eligible', True), ('min_partners', True), ('min_countries', True), ('at_least:eu', True)]
>>> print(horizon.checks(members[:2])[2].text["en"])
Partners from at least 3 different countries (now 2)
>>> programme("CERV").id
'cerv-town-twinning'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InvalidData
from graph.ids import fold
from graph.reference.countries import eligibility_table
from graph.reference.programme_rules import Check, Member, an, check_rules

__all__ = ["Check", "Group", "Member", "Programme", "an", "load", "programme"]

DATA = Path(__file__).parent / "data" / "programmes.yaml"


@dataclass(frozen=True)
class Group:
    """A group of countries a rule can name (EU member states, associated countries...)."""

    id: str
    name_en: str
    name_tr: str
    countries: frozenset[str]
    source: str = ""

    def name(self, lang: str = "en") -> str:
        """The group's name in ``lang`` (``tr`` or ``en``)."""
        return self.name_tr if lang == "tr" else self.name_en


@dataclass(frozen=True)
class Programme:
    """A funding programme's partnership rules and the public document that states them."""

    id: str
    name_en: str
    name_tr: str
    groups: tuple[Group, ...]  # the groups whose countries are eligible
    kinds: tuple[str, ...]
    min_partners: int
    max_partners: int | None
    min_countries: int
    max_per_country: int | None
    at_least: tuple[tuple[Group, int], ...]
    source: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        """The programme's name in ``lang`` (``tr`` or ``en``)."""
        return self.name_tr if lang == "tr" else self.name_en

    def is_eligible(self, code: str | None) -> bool:
        """True when a partner from country ``code`` may take part and counts."""
        return bool(code) and any(code in g.countries for g in self.groups)

    def eligible_countries(self) -> frozenset[str]:
        """Every country code a partner may come from."""
        return frozenset().union(*(g.countries for g in self.groups))

    def eligible_text(self, lang: str = "en", articles: bool = False) -> str:
        """The eligible groups in words: "EU member state or country associated to ..."
        (``articles``: "an EU member state or a country ..." in English)."""
        names = [
            an(g.name(lang)) if articles and lang == "en" else g.name(lang) for g in self.groups
        ]
        return (" veya " if lang == "tr" else " or ").join(names)

    def checks(self, members: Sequence[Member]) -> list[Check]:
        """Each rule of the programme applied to ``members`` (the coordinator included); see
        :func:`graph.reference.programme_rules.check_rules`."""
        return check_rules(self, members)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The programme's rules and source as plain data (names in both languages)."""
        return {
            "id": self.id,
            "name": self.name(lang or "en"),
            "name_en": self.name_en,
            "name_tr": self.name_tr,
            "eligible": [g.id for g in self.groups],
            "eligible_text": {"en": self.eligible_text("en"), "tr": self.eligible_text("tr")},
            "kinds": list(self.kinds),
            "min_partners": self.min_partners,
            "max_partners": self.max_partners,
            "min_countries": self.min_countries,
            "max_per_country": self.max_per_country,
            "at_least": [{"group": g.id, "count": c} for g, c in self.at_least],
            "source": dict(self.source),
            "notes": dict(self.notes),
            "groups": [
                {
                    "id": g.id,
                    "name_en": g.name_en,
                    "name_tr": g.name_tr,
                    "countries": sorted(g.countries),
                    "source": g.source,
                }
                for g in dict.fromkeys(self.groups + tuple(g for g, _ in self.at_least))
            ],
        }


def _group(key: str, row: dict[str, Any]) -> Group:
    if "flag" in row:
        flag = row["flag"]
        codes = frozenset(c for c, r in eligibility_table().items() if r.get(flag))
    else:
        codes = frozenset(row.get("countries") or ())
    return Group(
        key, row["name_en"], row["name_tr"], codes, " ".join(str(row.get("source", "")).split())
    )


@cache
def load() -> dict[str, Programme]:
    """Every programme of the data file, by id (read once)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    groups = {key: _group(key, row) for key, row in data["groups"].items()}
    found: dict[str, Programme] = {}
    for row in data["programmes"]:
        text = {k: " ".join(str(v).split()) for k, v in (row.get("source") or {}).items()}
        found[row["id"]] = Programme(
            row["id"],
            row["name_en"],
            row["name_tr"],
            tuple(groups[g] for g in row["eligible"]),
            tuple(row.get("kinds") or ("City", "Organization")),
            int(row["min_partners"]),
            row.get("max_partners"),
            int(row["min_countries"]),
            row.get("max_per_country"),
            tuple((groups[a["group"]], int(a["count"])) for a in row.get("at_least") or ()),
            text,
            {
                "en": " ".join(str(row.get("notes_en", "")).split()),
                "tr": " ".join(str(row.get("notes_tr", "")).split()),
            },
        )
    return found


def programme(text: str) -> Programme:
    """The programme that ``text`` names: its id, or its English or Turkish name (folded),
    or the start or a part of one of them ("next med", "Ufuk Avrupa").

    Raises
    ------
    InvalidData
        When nothing or more than one programme matches; the hint lists the known ids.
    """
    known = load()
    if text in known:
        return known[text]
    key = fold(text or "")
    names = {p.id: [fold(n) for n in (p.id, p.name_en, p.name_tr)] for p in known.values()}
    hits: list[Programme] = []
    for match in (str.__eq__, str.startswith, str.__contains__):
        hits = [known[i] for i, ns in names.items() if key and any(match(n, key) for n in ns)]
        if hits:
            break
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(sorted(known))
    raise InvalidData(
        f"{text!r} is not a programme whose rules Diplomap knows"
        if not hits
        else f"{text!r} names {len(hits)} programmes",
        hint=f"give one of: {listing}",
    )
