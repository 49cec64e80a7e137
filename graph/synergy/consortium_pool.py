"""The partners a consortium can be made of: our ties first, then ranked candidates.

:func:`partner_pool` gathers, for a theme and a programme, every partner whose country the
programme accepts: our ties (sister cities, protocol partners, project partners, with their
status), fellow members of our networks that work on the theme, and candidates from
:func:`~graph.synergy.ranking.suggest`: first those that work on the theme, then cities that
fit us whatever their themes (the reference layer's public twinnings among them). Each
:class:`Partner` carries its fit for the theme (the synergy score, the same numbers as the
ranking), its value for assembling (fit plus a bonus for a tie and for the theme), its
reasons in English and Turkish, and its last recorded activity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.tiegraph import index
from graph.reference.programmes import Programme
from graph.synergy.focus import Focus, make_focus
from graph.synergy.parts import score_parts
from graph.synergy.ranking import Suggestion, suggest
from graph.synergy.text import reasons
from graph.synergy.weights import Weights, as_weights

#: Value added by an existing tie, by kind (a tie that is not live adds less).
TIE_BONUS = {"sister_city": 0.4, "agreement": 0.35, "project": 0.3, "network": 0.1}
NOT_LIVE = 0.1
#: Value added for working on the theme itself, or on a related theme.
THEME_BONUS = {"exact": 0.2, "related": 0.08}
#: Candidates asked of the ranking, per kind of query.
CANDIDATES = 40

_TIE_WORDS = {
    "sister_city": ("Our sister city", "Kardeş şehrimiz"),
    "cooperation_protocol": ("Our cooperation protocol partner", "İşbirliği protokolü ortağımız"),
    "mou": ("Our memorandum of understanding partner", "Mutabakat zaptı ortağımız"),
    "letter_of_intent": ("Our letter of intent partner", "Niyet mektubu ortağımız"),
}
_STATUS = {
    "dormant": "uykuda",
    "expired": "süresi dolmuş",
    "completed": "tamamlandı",
    "planned": "planlandı",
    "inactive": "etkin değil",
}


@dataclass
class Partner:
    """A possible member of a consortium, with its reasons and its tie to us."""

    id: str
    name: str
    name_tr: str | None
    label: str
    country: str | None
    role: str = "partner"
    fit: float = 0.0
    value: float = 0.0
    tie: dict[str, Any] | None = None
    reasons: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "tr": []})
    on_theme: str | None = None  # "exact", "related" or None
    last_active: int | None = None  # year of the last dated agreement, project or event
    reference: bool = False
    groups: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This partner as plain data for JSON twins and exports."""
        return {
            "id": self.id,
            "name": self.name,
            "name_tr": self.name_tr,
            "label": self.label,
            "country": self.country,
            "role": self.role,
            "fit": round(self.fit, 4),
            "value": round(self.value, 4),
            "tie": self.tie,
            "reasons": self.reasons,
            "on_theme": self.on_theme,
            "last_active": self.last_active,
            "reference": self.reference,
            "groups": self.groups,
        }


def _tie(G: nx.MultiDiGraph, via: list[dict[str, Any]]) -> dict[str, Any]:
    """Our strongest tie among ``via`` (live first; a sister-city agreement before others)."""

    def rank(v: dict[str, Any]) -> tuple[int, int, int]:
        d = G.nodes[v["id"]]
        kind = d.get("type") if v["kind"] == "agreement" else "project"
        return (1 if d.get("reference") else 0, 0 if v["live"] else 1, kind != "sister_city")

    v = min(via, key=rank)
    d = G.nodes[v["id"]]
    kind = d.get("type") or "agreement" if v["kind"] == "agreement" else "project"
    year = str(d.get("signed_on") or d.get("start_date") or "")[:4]
    return {
        "kind": kind,
        "id": v["id"],
        "name": d.get("name") or v["id"],
        "short": _short(d.get("name") or v["id"]),
        "status": v.get("status"),
        "live": bool(v["live"]),
        "since": int(year) if year.isdigit() else None,
        "reference": bool(d.get("reference")),  # a public twinning, not one of our records
    }


def _short(name: str) -> str:
    """A project's short name: "MAtchUP – MAximizing the UPscaling..." is "MAtchUP"."""
    for cut in (" – ", " - ", " ("):
        if cut in name and name.index(cut) >= 3:
            return name[: name.index(cut)]
    return name


def _tie_reason(tie: dict[str, Any]) -> dict[str, str]:
    status = tie.get("status") if not tie["live"] else None
    if tie["kind"] == "project":
        name = tie.get("short") or tie["name"]
        en, tr = f"Partner with us in {name}", f"{name} projesinde ortağımız"
    elif tie["kind"] == "network":
        return {
            "en": f"Member of our network {tie['name']}",
            "tr": f"Ağımızın üyesi: {tie['name']}",
        }
    else:
        en, tr = _TIE_WORDS.get(tie["kind"], ("Party to our agreement", "Anlaşma ortağımız"))
        if tie.get("since") and tie["live"]:
            en, tr = f"{en} since {tie['since']}", f"{tr} ({tie['since']} yılından beri)"
    if status:
        en, tr = f"{en} ({status})", f"{tr} ({_STATUS.get(status, status)})"
    if tie.get("reference"):
        en, tr = f"{en}, in public twinning data", f"{tr}, kamuya açık kardeşlik verisinde"
    return {"en": en, "tr": tr}


def _theme_match(idx: Any, node: str, theme: str, tie: dict[str, Any] | None) -> str | None:
    held = set(idx.themes_of(node))
    if tie and tie["kind"] != "network":
        held |= set(idx.own.get(tie["id"], {}))
    if held & idx.descendants(theme):
        return "exact"
    return "related" if held & idx.related(theme) else None


def _partner(
    G: nx.MultiDiGraph,
    idx: Any,
    node: str,
    rules: Programme,
    f: Focus,
    fit: float,
    found: dict[str, list[str]],
    tie: dict[str, Any] | None,
) -> Partner:
    code = idx.country.get(node)
    on = _theme_match(idx, node, f.id, tie)
    until = f.today.toordinal()  # planned activity does not count as done
    dates = [day for day, _ in idx.activity.get(node, ()) if day <= until]
    p = Partner(
        node,
        idx.name(node),
        G.nodes[node].get("name_tr"),
        idx.label[node],
        code,
        fit=fit,
        tie=tie,
        on_theme=on,
        last_active=date.fromordinal(dates[-1]).year if dates else None,
        reference=bool(G.nodes[node].get("reference")),
        groups=[
            g.id
            for g in dict.fromkeys(rules.groups + tuple(g for g, _ in rules.at_least))
            if code in g.countries
        ],
    )
    bonus = 0.0
    first = {"en": [], "tr": []}
    if tie:
        bonus += TIE_BONUS.get(tie["kind"], TIE_BONUS["agreement"]) if tie["live"] else NOT_LIVE
        said = _tie_reason(tie)
        first = {lang: [said[lang]] for lang in ("en", "tr")}
    if on:
        bonus += THEME_BONUS[on]
    p.value = fit + bonus
    p.reasons = {
        lang: first[lang] + [r for r in found.get(lang, []) if r not in first[lang]]
        for lang in ("en", "tr")
    }
    return p


def partner_pool(
    G: nx.MultiDiGraph,
    home: str,
    theme: str,
    rules: Programme,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
) -> tuple[Partner, list[Partner], list[dict[str, Any]]]:
    """The coordinator, the eligible partners best first, and our ties the rules leave out.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph.
    home : str
        The home city's id (the coordinator).
    theme : str
        A theme id.
    rules : Programme
        The programme: only partners of its kinds from its eligible countries are pooled.
    weights, today
        As in :func:`~graph.synergy.ranking.suggest`.

    Returns
    -------
    tuple
        ``(coordinator, pool, left_out)``: the pool sorted by value, best first; ``left_out``
        our ties on the theme whose country or kind the programme does not accept.
    """
    idx, w = index(G), as_weights(weights)
    f = make_focus(G, theme, home=home, weights=w, today=today)
    local = idx.local.get(home, set()) | {home}
    coordinator = _partner(G, idx, home, rules, f, 0.0, {}, None)
    coordinator.role, coordinator.value = "coordinator", 0.0
    coordinator.reasons = {"en": ["Our city: the coordinator"], "tr": ["Şehrimiz: koordinatör"]}
    ties: dict[str, dict[str, Any]] = {}
    if home in idx.ties:
        for other, d in idx.ties[home].items():
            if other not in local:
                ties[other] = _tie(G, d["via"])
    for network in idx.live_networks.get(home, ()):
        for member in sorted(idx.members.get(network, ())):
            if member not in local and member not in ties and idx.label.get(member) in rules.kinds:
                if _theme_match(idx, member, theme, None):
                    ties[member] = {
                        "kind": "network",
                        "id": network,
                        "name": idx.name(network),
                        "status": None,
                        "live": True,
                        "since": None,
                        "reference": False,
                    }
    pool: dict[str, Partner] = {}
    left_out = []
    for node, tie in ties.items():
        score, parts, _ = score_parts(idx, f, node, w, evidence=True)
        s = Suggestion(
            node, idx.label[node], idx.name(node), None, idx.country.get(node), score, parts
        )
        p = _partner(G, idx, node, rules, f, score, reasons(idx, f, s, w), tie)
        if rules.is_eligible(p.country) and p.label in rules.kinds:
            pool[node] = p
        elif tie["kind"] != "network" and p.on_theme and p.country:
            left_out.append({**p.to_dict(), "tie_text": _tie_reason(tie)})
    codes = sorted(rules.eligible_countries())
    kinds = [k for k in rules.kinds if k in ("City", "Organization")]
    asks = [(theme, kinds), (None, [k for k in kinds if k == "City"])]
    for focus, labels in asks:
        if not labels:
            continue
        found = suggest(
            G,
            focus,
            limit=CANDIDATES,
            kinds=labels,
            countries=codes,
            weights=w,
            today=today,
            home=home,
            diverse=False,
        )
        for s in found:
            if s.id not in pool and s.id not in local:
                score = score_parts(idx, f, s.id, w)[0]  # the fit for the theme, as for ties
                pool[s.id] = _partner(G, idx, s.id, rules, f, score, s.reasons, None)
    return coordinator, sorted(pool.values(), key=lambda p: (-p.value, p.name)), left_out
