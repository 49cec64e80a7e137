"""The home city's ties as one list, for the reports: agreements, network memberships,
project partnerships and events, each with its partners, themes, date, region and state.

>>> from graph.analysis.example import example_graph
>>> found = home_ties(example_graph(), as_of="2025-01-01")
>>> sorted((t.type, t.state) for t in found if t.group == "agreement")
[('sister_city', 'dormant'), ('sister_city', 'dormant')]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.dates import as_today, to_date
from graph.analysis.dormant import dormant
from graph.analysis.live import LIVE_AGREEMENT, LIVE_MEMBERSHIP, LIVE_PROJECT
from graph.home import home_city
from graph.plan.activities import theme_ancestors
from graph.reference.countries import eligibility_table

#: How each kind of tie leaves the home city: relationship type -> (group, date property).
TIE_KINDS = {
    "PARTY_TO": ("agreement", "signed_on"),
    "MEMBER_OF": ("membership", "since"),
    "PARTNER_IN": ("project", "start_date"),
    "PARTICIPATED_IN": ("event", "date"),
}


@dataclass
class Tie:
    """One tie of the home city and what the reports need to know of it."""

    id: str
    group: str  # agreement, membership, project, event
    type: str  # the agreement type, else the group
    name: str
    name_tr: str | None
    date: str | None
    state: str  # active, dormant, other (expired, lapsed, cancelled, planned...)
    partners: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # own themes and their broader themes
    regions: list[str] = field(default_factory=list)
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """This Tie as plain data."""
        return asdict(self)

    def dated_within(self, start: date, end: date) -> bool:
        """True when the tie's date falls between ``start`` and ``end`` (both included).

        Parameters
        ----------
        start, end : the period.
        """
        when = to_date(self.date, end=False)
        return when is not None and start <= when <= end


def region_of(code: str | None, home_country: str | None) -> str:
    """The region of a country code: ``domestic`` for the home country, ``unknown`` when
    the code is missing or not in the reference table.

    Parameters
    ----------
    code : an ISO 3166-1 alpha-2 code, or None.
    home_country : the home city's country code.

    >>> region_of("DE", "TR"), region_of("TR", "TR"), region_of(None, "TR")
    ('europe', 'domestic', 'unknown')
    """
    if not code:
        return "unknown"
    if code == home_country:
        return "domestic"
    return str(eligibility_table().get(code, {}).get("region") or "unknown")


def theme_family(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The themes ``node`` holds (``HAS_THEME``) and all their broader themes, sorted.

    Parameters
    ----------
    G : the networkx projection of the store.
    node : any node of ``G``.
    """
    found: set[str] = set()
    for _, theme, key in G.out_edges(node, keys=True):
        if key == "HAS_THEME":
            found |= {theme, *theme_ancestors(G, theme)}
    return sorted(found)


def _state(group: str, status: str | None, dormant_ids: set[str], tie: str) -> str:
    if group == "agreement":
        if tie in dormant_ids:
            return "dormant"
        return "active" if status in LIVE_AGREEMENT else "other"
    if group == "membership":
        if status in LIVE_MEMBERSHIP:
            return "active"
        return "dormant" if status in ("inactive", "lapsed") else "other"
    if group == "project":
        return "active" if status in LIVE_PROJECT else "other"
    return "other"


def home_ties(
    G: nx.MultiDiGraph,
    home: str | None = None,
    as_of: date | str | None = None,
    months: int = 24,
) -> list[Tie]:
    """Every tie of ``home``, dated where the graph dates it, with its state on ``as_of``.

    An agreement is dormant when :func:`graph.analysis.dormant.dormant` lists it on
    ``as_of`` (marked dormant, or no recorded activity for ``months`` months); a
    membership is dormant when its status is inactive or lapsed; events are neither
    active nor dormant (``other``). Ties dated after ``as_of`` are left out.

    Parameters
    ----------
    G : the networkx projection of the store.
    home : the home city's id (default :func:`graph.home.home_city`).
    as_of : the date of the report (default today).
    months : months without activity after which an agreement counts as dormant.
    """
    home = home_city(G, home)
    today = as_today(as_of)
    country = G.nodes[home].get("country")
    dormant_ids = {t.id for t in dormant(G, months=months, today=today, home=home)}
    out = []
    for _, node, key, edge in G.out_edges(home, keys=True, data=True):
        if key not in TIE_KINDS:
            continue
        group, date_key = TIE_KINDS[key]
        data = G.nodes[node]
        raw = edge.get(date_key) if group == "membership" else data.get(date_key)
        when = to_date(raw, end=False)
        if when is not None and when > today:
            continue
        status = edge.get("status") if group == "membership" else data.get("status")
        partners = sorted({p for p, _, k in G.in_edges(node, keys=True) if k == key and p != home})
        regions = sorted({region_of(G.nodes[p].get("country"), country) for p in partners})
        out.append(
            Tie(
                id=node,
                group=group,
                type=str(data.get("type") or group) if group == "agreement" else group,
                name=str(data.get("name") or data.get("name_en") or node),
                name_tr=data.get("name_tr"),
                date=None if raw in (None, "") else str(raw),
                state=_state(group, status or None, dormant_ids, node),
                partners=partners,
                themes=theme_family(G, node),
                regions=regions if group != "membership" else [],
                source=data.get("source"),
            )
        )
    return sorted(out, key=lambda t: (t.group, t.date or "", t.name.casefold()))


def node_name(G: nx.MultiDiGraph, node: str, lang: str) -> str:
    """The name of ``node`` in ``lang`` (see :func:`graph.plan.report_words.name_of`).

    Parameters
    ----------
    G : the networkx projection of the store.
    node : a node of ``G``.
    lang : ``tr`` or ``en``.
    """
    from graph.plan.report_words import name_of

    return name_of({"id": node, **G.nodes[node]}, lang)


def sources_of(G: nx.MultiDiGraph, nodes: list[str]) -> list[str]:
    """The distinct sources recorded on ``nodes`` (several in one value are split at `` | ``).

    Parameters
    ----------
    G : the networkx projection of the store.
    nodes : ids of nodes of ``G`` (unknown ids are passed over).
    """
    found: dict[str, None] = {}
    for node in nodes:
        if node not in G:
            continue
        for part in str(G.nodes[node].get("source") or "").split(" | "):
            if part.strip():
                found.setdefault(part.strip(), None)
    return sorted(found, key=str.casefold)
