"""Dormant agreements: ties of the home city with no recorded activity for a while.

>>> from graph.analysis.example import example_graph
>>> [(d.name, d.reason, d.last_activity, d.months) for d in dormant(example_graph(), today="2025-01-01")]
[('Antalya – Kunming', 'status', '2011-07-08', 161), ('Antalya – Nuremberg', 'inactive', '2022-10-15', 26)]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.centrality import node_ref
from graph.analysis.dates import as_today, to_date
from graph.analysis.live import LIVE_AGREEMENT
from graph.analysis.tiegraph import index
from graph.errors import EntityNotFound
from graph.home import home_city


# -- dormant agreements ---------------------------------------------------------------------
@dataclass
class DormantTie:
    """An agreement with no recorded activity for a while: why it counts as dormant, and since when."""

    id: str
    name: str
    type: str | None
    status: str | None
    parties: list[dict[str, Any]]
    last_activity: str | None  # as recorded (YYYY or YYYY-MM-DD); None when nothing is dated
    last_source: str | None  # "signed_on" or the id of the event
    months: int | None  # whole months from last activity to today
    reason: str  # status (marked dormant), inactive (no activity for N months), undated

    def to_dict(self) -> dict[str, Any]:
        """This DormantTie as plain data for JSON twins and exports."""
        return asdict(self)


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def dormant(
    G: nx.MultiDiGraph, months: int = 24, today: date | str | None = None, home: str | None = None
) -> list[DormantTie]:
    """Agreements with no recorded activity for ``months`` months, oldest first.

    Last activity is the latest of ``signed_on`` and the dates of events in which a
    party other than home took part (a year alone counts as its last day). Agreements
    whose status is ``dormant`` are always listed; expired and planned ones never.
    Agreements with no date at all are listed after the dated ones, as ``undated``.
    Agreements of the reference layer (public twinning data) are never listed.
    """
    idx, day = index(G), as_today(today)
    try:
        home = home_city(G, home)
    except EntityNotFound:
        home = None
    dated, undated = [], []
    for agreement, who in idx.parties.items():
        d = G.nodes[agreement]
        if d.get("reference"):  # public reference data (graph.reference.layer): no one keeps it
            continue
        status = d.get("status") or None
        if status not in LIVE_AGREEMENT and status != "dormant":
            continue
        last, raw, source = to_date(d.get("signed_on")), d.get("signed_on"), "signed_on"
        for party in set(who) - {home}:
            for event in G.succ[party]:
                if "PARTICIPATED_IN" in G.succ[party][event]:
                    when = to_date(G.nodes[event].get("date"))
                    if when and (last is None or when > last):
                        last, raw, source = when, G.nodes[event].get("date"), event
        gone = _months(last, day) if last else None
        if status == "dormant":
            reason = "status"
        elif last is None:
            reason = "undated"
        elif gone >= months:
            reason = "inactive"
        else:
            continue
        tie = DormantTie(
            agreement,
            idx.name(agreement),
            d.get("type"),
            status,
            [node_ref(idx, p) | {"country": idx.country.get(p)} for p in dict.fromkeys(who)],
            str(raw) if last else None,
            source if last else None,
            gone,
            reason,
        )
        (dated if last else undated).append(tie)
    dated.sort(key=lambda t: (to_date(t.last_activity), t.name, t.id))
    undated.sort(key=lambda t: (t.name, t.id))
    return dated + undated
