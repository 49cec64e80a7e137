"""The explorer's time slider: the year of each drawn tie, and a view as it stood in a year.

A tie's year is the year its record starts: an agreement's ``signed_on``, a
membership's or partnership's ``since``, an event's ``date``, a project's
``start_date`` (for ties to events and projects, the event's or the project's date
when the tie has none). Ties without any date have no year and are always drawn;
the page says so.

:func:`as_of` keeps the ties of a view dated up to a year (and the undated ones),
then the entities still connected to the focus through them: the browser's
slider runs the same rule on what it has drawn, so ``/explore.json?until=Y``
returns exactly the picture the slider shows at Y.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ("a", "b", "c"):
...     G.add_node(n, label="City", name=n)
>>> edges = [{"from": "a", "to": "b", "type": "MEMBER_OF", "props": {"since": "2010"},
...           "agreement": None},
...          {"from": "b", "to": "c", "type": "MEMBER_OF", "props": {"since": "2001-05"},
...           "agreement": None}]
>>> [tie_year(G, e) for e in edges]
[2010, 2001]
>>> as_of(["a", "b", "c"], edges, 2005, "a", G)[0]
['a']
>>> as_of(["a", "b", "c"], edges, 2010, "a", G)[0]
['a', 'b', 'c']
"""

from __future__ import annotations

from collections import deque
from typing import Any

import networkx as nx

#: Properties read for a year, on the tie first, then on a dated entity it reaches.
TIE_DATES = ("signed_on", "since", "date", "start_date")
NODE_DATES = {"Event": "date", "Project": "start_date", "Agreement": "signed_on"}


def year_of(value: Any) -> int | None:
    """The year of a stored date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), or None.

    >>> year_of("2024-06-20"), year_of(1997), year_of("soon"), year_of(None)
    (2024, 1997, None, None)
    """
    text = str(value or "").strip()[:4]
    return int(text) if len(text) == 4 and text.isdigit() else None


def tie_year(G: nx.MultiDiGraph, edge: dict[str, Any]) -> int | None:
    """The year a drawn tie starts (see the module docstring), or None when undated."""
    props = edge["props"]
    for key in TIE_DATES:
        found = year_of(props.get(key))
        if found:
            return found
    for end in (edge["to"], edge["from"]):
        attrs = G.nodes[end]
        key = NODE_DATES.get(attrs.get("label", ""))
        if key and year_of(attrs.get(key)):
            return year_of(attrs.get(key))
    return None


def years(G: nx.MultiDiGraph, edges: list[dict[str, Any]]) -> dict[str, int | None]:
    """First and last tie year of a view (None, None when nothing is dated)."""
    found = [y for e in edges if (y := tie_year(G, e)) is not None]
    return {"first": min(found, default=None), "last": max(found, default=None)}


def as_of(
    nodes: list[str],
    edges: list[dict[str, Any]],
    until: int,
    focus: str | None,
    G: nx.MultiDiGraph,
) -> tuple[list[str], list[dict[str, Any]]]:
    """The entities and ties of a view as they stood at the end of ``until``.

    Ties dated after ``until`` are dropped (undated ties stay); with a focus, the
    entities no longer connected to it are dropped too; without one, the entities
    left with no tie. Order is kept.
    """
    kept = [e for e in edges if (tie_year(G, e) or until) <= until]
    linked: dict[str, set[str]] = {n: set() for n in nodes}
    for e in kept:
        linked[e["from"]].add(e["to"])
        linked[e["to"]].add(e["from"])
    if focus is not None and focus in linked:
        seen = {focus}
        queue = deque([focus])
        while queue:
            for m in linked[queue.popleft()]:
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
    else:
        seen = {n for n, others in linked.items() if others}
    return [n for n in nodes if n in seen], [e for e in kept if e["from"] in seen]
