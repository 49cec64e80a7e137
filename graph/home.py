"""The one rule for finding the home city: the organisation the graph is seen from.

Nothing is hard-wired to one municipality: the home city is data. It is ``DIPLOMAP_HOME`` (or
``--home``) when that is set, else the one City marked ``is_home``. Several marked cities and no
setting is an error that says how to choose, never a silent pick; the CLI, the synergy engine and
the web app all ask here.

>>> from graph.analysis.example import example_graph
>>> home_city(example_graph())
'city-tr-antalya'
"""

from __future__ import annotations

import networkx as nx

from graph.errors import AmbiguousName, EntityNotFound


def find_home(G: nx.MultiDiGraph, home: str | None = None) -> str | None:
    """The id of the home city, or None when the graph marks none and ``home`` is not given.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph, as :func:`graph.convert.to_networkx` builds it.
    home : str, optional
        An explicit choice (``DIPLOMAP_HOME`` or ``--home``); it must be a node of ``G``.

    Raises
    ------
    EntityNotFound
        ``home`` is given and is not in the graph.
    AmbiguousName
        Several cities are marked ``is_home`` and ``home`` is not given.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("antalya", label="City", is_home=True)
    >>> G.add_node("nurnberg", label="City")
    >>> find_home(G), find_home(G, "nurnberg"), find_home(nx.MultiDiGraph())
    ('antalya', 'nurnberg', None)
    """
    if home:
        if home not in G:
            raise EntityNotFound(
                f"no entity with id {home!r}", hint="check DIPLOMAP_HOME or --home"
            )
        return home
    homes = sorted(
        n for n, d in G.nodes(data=True) if d.get("label") == "City" and d.get("is_home")
    )
    if len(homes) > 1:
        raise AmbiguousName(
            f"{len(homes)} cities are marked is_home: {', '.join(homes)}",
            hint="set DIPLOMAP_HOME to the id of one of them",
        )
    return homes[0] if homes else None


def home_city(G: nx.MultiDiGraph, home: str | None = None) -> str:
    """The id of the home city, as :func:`find_home`, and an error when there is none.

    Raises
    ------
    EntityNotFound
        No city is marked ``is_home`` and ``home`` is not given, or ``home`` is not in ``G``.
    AmbiguousName
        Several cities are marked ``is_home``.
    """
    found = find_home(G, home)
    if found is None:
        raise EntityNotFound(
            "no home city in the graph",
            hint="mark one city with is_home=true, or set DIPLOMAP_HOME to its id",
        )
    return found
