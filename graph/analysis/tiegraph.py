"""The synergy index: the graph projected into what ranking needs, built once per graph.

:func:`index` projects a Diplomap graph (a ``MultiDiGraph`` from
:meth:`graph.stores.base.Store.to_networkx`) into a :class:`SynergyIndex`:

- the **tie graph**, an undirected ``nx.Graph`` of actors (cities and
  organisations) in which two actors are linked when they are parties to one
  agreement or partners in one project (cancelled projects do not count); each
  edge lists the agreements and projects behind it, with their status;
- theme sets (own ``HAS_THEME`` links, with kind and weight) and the theme
  hierarchy (``Theme -PART_OF-> Theme``);
- network memberships in both directions, countries and funding flags, the
  number of ties between each pair of countries, and dated activity.

The index is cached per graph object (weakly, so it goes when the graph goes) and
rebuilt when the number of nodes changes; after changing a graph in place in
another way, call :func:`invalidate`. Stores hand out a new graph whenever their
content changes, so the cache is always fresh for graphs that come from a store.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> idx = index(G)
>>> idx is index(G)
True
>>> sorted(idx.ties["city-de-nurnberg"])
['city-tr-antalya', 'city-us-austin']
>>> [v["id"] for v in idx.ties.edges["city-tr-antalya", "city-cn-kunming"]["via"]]
['agreement-antalya-kunming']
"""

from __future__ import annotations

import threading
import weakref

import networkx as nx

from graph.analysis.synergy_index import SynergyIndex

_CACHE: weakref.WeakKeyDictionary[nx.Graph, SynergyIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def index(G: nx.MultiDiGraph) -> SynergyIndex:
    """The :class:`SynergyIndex` of ``G``, built on first use and cached with the graph."""
    with _LOCK:
        found = _CACHE.get(G)
        if found is None or found.n_nodes != len(G):
            found = _CACHE[G] = SynergyIndex(G)
        return found


def invalidate(G: nx.MultiDiGraph) -> None:
    """Forget the cached index of ``G`` (after changing ``G`` in place)."""
    with _LOCK:
        _CACHE.pop(G, None)


def tie_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The cached undirected tie graph of ``G``: actors linked by agreements and projects."""
    return index(G).ties
