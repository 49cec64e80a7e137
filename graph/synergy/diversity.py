"""Diverse suggestions: one row per piece of evidence, and why there are fewer than asked.

A ranking read from the top can repeat one fact many times: six partners of one
completed consortium of ours, or five sister cities of one sister city, each a row
of its own. :func:`fold_groups` walks the ranking best first and keeps the first
suggestion for each *lead evidence* (:func:`lead_evidence`); the others that rest on
the same evidence become its ``group`` (with a count and their names) instead of
taking rows. Suggestions that rest on several pieces of evidence are never folded.

:class:`Shortfall` says, when fewer suggestions come back than were asked for, how
many candidates the focus reaches, how many the filters removed, how many share
nothing with the focus, and how many were grouped, in English and Turkish.

>>> from graph.synergy.ranking import suggest
>>> from graph.analysis.example import example_graph
>>> found = suggest(example_graph(), limit=10, today="2025-01-01")
>>> len(found), found.shortfall.asked, found.shortfall.reached
(4, 10, 4)
>>> print(suggest(example_graph(), countries=["DE"], today="2025-01-01").shortfall.sentence["tr"])
İstenen 20 önerinin yalnızca 1 tanesi var: 4 aday değerlendirildi (henüz ortağımız olmayan her
şehir ile odağa bir ortak, ortak ağ ya da tema üzerinden bağlı ağ ve kurumlar); süzgeçler (ülke) 3
tanesini çıkardı.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

_KIND_TR = {"project": "projemiz", "agreement": "anlaşmamız", "membership": "üyeliğimiz"}
_FILTER_TR = {
    "kind": "tür",
    "theme": "tema",
    "country": "ülke",
    "region": "bölge",
    "programme": "program",
}
_STATUS_TR = {
    "completed": "tamamlandı",
    "cancelled": "iptal",
    "dormant": "uykuda",
    "expired": "süresi doldu",
    "planned": "planlandı",
}


def lead_evidence(suggestion: Any) -> dict[str, Any] | None:
    """The one piece of evidence a suggestion rests on, or None when it rests on several.

    Parameters
    ----------
    suggestion
        A :class:`~graph.synergy.ranking.Suggestion` with its parts and former ties.

    Returns
    -------
    dict or None
        ``{"id", "name", "name_tr", "kind", "status"}``: its one former tie with the focus
        (a completed project, an expired agreement), or else its one intermediary when
        "partner of our partner" is its largest relational part; None otherwise.
    """
    ties = suggestion.ties
    if len(ties) == 1:
        tie = ties[0]
        return {
            "id": tie["id"],
            "kind": tie.get("kind", "project"),
            "status": tie.get("status"),
            "name": tie.get("name"),
        }
    if ties:
        return None
    relational = [
        p
        for p in suggestion.parts
        if p.name in ("shared_themes", "shared_networks", "partners_of_partners", "complementary")
        and p.contribution > 0
    ]
    if not relational:
        return None
    top = max(relational, key=lambda p: p.contribution)
    if top.name != "partners_of_partners":
        return None
    direct = {e["id"]: e for e in top.evidence if e.get("steps") == 2}
    if len(direct) != 1:
        return None
    e = next(iter(direct.values()))
    return {
        "id": e["id"],
        "kind": "partner",
        "status": None,
        "name": e.get("name"),
        "name_tr": e.get("name_tr"),
    }


def fold_groups(
    ranked: Iterable[Any], limit: int | None, name: Callable[[str], str] = str
) -> tuple[list[Any], int]:
    """Keep the best suggestion per lead evidence; fold the rest into its ``group``.

    Parameters
    ----------
    ranked
        Suggestions best first (an iterator may be lazy: it is read only as far as needed).
    limit
        Most suggestions kept (None: all).
    name
        Display name of an evidence id (for evidence without a name of its own).

    Returns
    -------
    tuple of (list, int)
        The kept suggestions, each folded group on its first member's ``group``, and how
        many suggestions were folded.
    """
    kept: list[Any] = []
    by_key: dict[str, Any] = {}
    folded = 0
    for s in ranked:
        lead = lead_evidence(s)
        if lead is not None and lead["id"] in by_key:
            head = by_key[lead["id"]]
            head.group["members"].append({"id": s.id, "name": s.name, "name_tr": s.name_tr})
            head.group["count"] += 1
            folded += 1
            continue
        if limit is not None and len(kept) >= limit:
            continue  # read on only to count the groups' members
        kept.append(s)
        if lead is not None:
            lead["name"] = lead.get("name") or name(lead["id"])
            s.group = {"evidence": lead, "count": 1, "members": []}
            by_key[lead["id"]] = s
    for s in kept:
        if s.group and s.group["count"] == 1:
            s.group = None
        elif s.group:
            s.reasons["en"].insert(0, _group_sentence(s.group, "en"))
            s.reasons["tr"].insert(0, _group_sentence(s.group, "tr"))
    return kept, folded


def _group_sentence(group: dict[str, Any], lang: str) -> str:
    lead, count = group["evidence"], group["count"]
    others = [m["name_tr"] or m["name"] if lang == "tr" else m["name"] for m in group["members"]]
    shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
    name = (lead.get("name_tr") or lead["name"]) if lang == "tr" else lead["name"]
    status = lead.get("status") or ""
    if lead["kind"] == "partner":
        if lang == "tr":
            return f"Ortağımız {name} üzerinden gelen {count} öneriden biri; diğerleri: {shown}"
        return f"One of {count} suggestions through our partner {name}; also {shown}"
    if lang == "tr":
        what = f"{name} {_KIND_TR.get(lead['kind'], '')}".strip()
        when = f" ({_STATUS_TR.get(status, status)})" if status else ""
        return f"{what}{when}: {count} ortaktan biri; diğerleri: {shown}"
    when = f" ({status})" if status else ""
    return f"One of {count} partners of our {lead['kind']} {name}{when}; also {shown}"


@dataclass
class Shortfall:
    """Why a ranking has fewer suggestions than asked for: the candidates at each step."""

    asked: int
    shown: int
    reached: int  # candidates the focus reaches, before the filters
    filtered: int  # removed by the filters (kind, theme, country, region, programme)
    unrelated: int  # left after the filters but sharing nothing with the focus
    folded: int  # grouped under a better suggestion resting on the same evidence
    filters: list[str] = field(default_factory=list)
    cities: bool = True  # every city not yet a partner was a candidate

    @property
    def sentence(self) -> dict[str, str]:
        """The reason in English (``en``) and Turkish (``tr``)."""
        head_en = (
            f"Only {self.shown} of the {self.asked} suggestions asked for"
            if self.shown
            else f"None of the {self.asked} suggestions asked for"
        )
        head_tr = (
            f"İstenen {self.asked} önerinin yalnızca {self.shown} tanesi var"
            if self.shown
            else f"İstenen {self.asked} öneriden hiçbiri yok"
        )
        kinds = "kind" in self.filters  # the pool is drawn from the chosen kinds only
        one = self.reached == 1
        if self.cities:
            what_en = "every city not yet a partner, and the networks and organisations "
            what_en += "linked to the focus by a partner, a shared network or theme"
            what_tr = "henüz ortağımız olmayan her şehir ile odağa bir ortak, ortak ağ ya da "
            what_tr += "tema üzerinden bağlı ağ ve kurumlar"
        else:
            what_en = "the networks and organisations linked to the focus by a partner, "
            what_en += "a shared network or theme"
            what_tr = "odağa bir ortak, ortak ağ ya da tema üzerinden bağlı ağ ve kurumlar"
        en = [
            f"{head_en}: {self.reached} candidate{'' if one else 's'}"
            f"{' of the chosen kinds' if kinds else ''} {'was' if one else 'were'} "
            f"considered ({what_en})"
        ]
        tr = [
            f"{head_tr}: {'seçilen türlerden ' if kinds else ''}"
            f"{self.reached} aday değerlendirildi ({what_tr})"
        ]
        others = [f for f in self.filters if f != "kind"]
        if self.filtered and others:
            en.append(f"the filters ({', '.join(others)}) removed {self.filtered}")
            words = ", ".join(_FILTER_TR.get(f, f) for f in others)
            tr.append(f"süzgeçler ({words}) {self.filtered} tanesini çıkardı")
        if self.unrelated:
            en.append(f"{self.unrelated} of them shares nothing with the focus")
            if self.unrelated > 1:
                en[-1] = f"{self.unrelated} of them share nothing with the focus"
            tr.append(f"{self.unrelated} tanesinin odakla hiçbir ortak yanı yok")
        if self.folded:
            verb = "is" if self.folded == 1 else "are"
            en.append(f"{self.folded} {verb} grouped under a suggestion with the same evidence")
            tr.append(f"{self.folded} tanesi aynı kanıta dayanan bir önerinin altında toplandı")
        return {"en": "; ".join(en) + ".", "tr": "; ".join(tr) + "."}

    def to_dict(self) -> dict[str, Any]:
        """This shortfall as plain data for JSON twins, with its sentences."""
        return {
            "asked": self.asked,
            "shown": self.shown,
            "reached": self.reached,
            "filtered": self.filtered,
            "unrelated": self.unrelated,
            "folded": self.folded,
            "filters": self.filters,
            "reasons": self.sentence,
        }


class Suggestions(list):
    """A list of suggestions, with ``shortfall`` when it holds fewer than were asked for."""

    shortfall: Shortfall | None = None
