"""The app's way to the graph: one store per app, opened on first use.

``init_app`` only records the settings; the store (embedded or Neo4j, see
:func:`graph.stores.open_store`) is opened by the first request that needs it,
so creating an app never connects anywhere, and a backend that is down shows as
a 503 page with a hint instead of a crash at start-up.

Pages read the networkx projection (``graph()``), which the store caches until
its version changes. Things derived from it are cached here the same way, by
store version: ``derived()`` keeps one value per name (the search index, the home
city, explorer layouts), ``memo()`` many per key (each entity's page data and
suggestions). Neither can return a value from an earlier version: both check
:meth:`~graph.stores.base.Store.version` (``memo`` through the graph of that
version) on every call, so an edit shows on the next request, in every worker
process.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx
from flask import Flask, current_app

from graph.errors import EntityNotFound
from graph.home import find_home
from graph.stores import open_store
from graph.stores.base import Store

T = TypeVar("T")

log = logging.getLogger(__name__)

EXTENSION = "diplomap"
#: Most derived values kept (explorer layouts are keyed by their view).
DERIVED_MAX = 64
#: Most memoised values kept for one store version (entity pages, suggestion lists),
#: least recently used first out; an entity page's data is a few kB to a few hundred kB.
MEMO_MAX = 1024
_MISSING = object()


class GraphAccess:
    """Lazily opened store plus caches derived from its current version."""

    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._graph_lock = threading.Lock()
        self._derived: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self._memo_graph: nx.MultiDiGraph | None = None  # the graph the memo belongs to
        self.memo_hits = self.memo_misses = 0
        #: Build each new graph's index eagerly and freeze it from the GC (set by :meth:`warm`).
        self.settle_graphs = False
        self._settled: nx.MultiDiGraph | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.settings)
        return self._store

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph as networkx (read it, never change it: it is shared).

        Callers wait for one another, so that requests arriving while the graph of a
        new version is built (or the warm-up builds it) wait for that build instead
        of each building their own.
        """
        with self._graph_lock:
            G = self.store.to_networkx()
            if self.settle_graphs and G is not self._settled:
                self._settle(G)
            return G

    def _settle(self, G: nx.MultiDiGraph) -> None:
        """Build ``G``'s synergy index and move both out of the garbage collector's way.

        A graph of 40,000 entities is millions of objects; every full collection of
        Python's cyclic garbage collector walks them all (0.3 s and more, stalling
        every request of the process). ``gc.freeze()`` exempts the objects alive now.
        The graph of the previous version (and anything frozen with it) is unfrozen
        and collected first, so at most one old graph outlives its version.
        """
        from graph.analysis.tiegraph import index

        index(G)
        with self._lock:
            self._memo.clear()
            self._memo_graph = None
        self._settled = G
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def derived(self, name: str, build: Callable[[nx.MultiDiGraph], T]) -> T:
        """``build(G)``, computed once per store version and kept."""
        version = self.store.version()
        with self._lock:
            cached = self._derived.get(name)
            if cached is not None and cached[0] == version:
                self._derived.move_to_end(name)
                return cached[1]
        value = build(self.graph())
        with self._lock:
            self._derived[name] = (version, value)
            self._derived.move_to_end(name)
            while len(self._derived) > DERIVED_MAX:
                self._derived.popitem(last=False)
        return value

    def memo(
        self, key: Hashable, build: Callable[[nx.MultiDiGraph], T], G: nx.MultiDiGraph | None = None
    ) -> T:
        """``build(G)`` for the graph of the current store version, kept under ``key``.

        The kept values belong to one graph, and the store hands out a new graph
        whenever its ``version()`` changes: the first call with the new graph forgets
        everything kept for the old one, so a value derived before an edit is never
        returned after it. Pass ``G`` when the caller already holds the graph it will
        use the value with (the value then always matches it). Values are shared by
        concurrent requests: read them, never change them.
        """
        if G is None:
            G = self.graph()
        with self._lock:
            if self._memo_graph is not G:
                self._memo.clear()
                self._memo_graph = G
            found = self._memo.get(key, _MISSING)
            if found is not _MISSING:
                self._memo.move_to_end(key)
                self.memo_hits += 1
                return found
            self.memo_misses += 1
        value = build(G)
        with self._lock:
            if self._memo_graph is G:
                self._memo[key] = value
                while len(self._memo) > MEMO_MAX:
                    self._memo.popitem(last=False)
        return value

    def warm(self) -> None:
        """Build the graph and its synergy index now, so the first page is fast.

        Serving runs it in a background thread at start (one per worker process). From
        then on the graph of every new version is settled as it is built (see
        :meth:`_settle`). A store that cannot be reached is logged, and the first
        request reports it.
        """
        from graph.errors import DiplomapError

        self.settle_graphs = True
        try:
            self.graph()
        except DiplomapError as exc:
            log.warning("could not prepare the graph: %s", exc)

    def home(self) -> str | None:
        """Id of the home city: ``DIPLOMAP_HOME``, else the one City with ``is_home``."""
        wanted = self.settings.get("DIPLOMAP_HOME")
        return self.derived("home", lambda G: find_home(G, wanted))

    def node(self, id: str, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
        """The attributes of node ``id``; :class:`EntityNotFound` when it is not in the graph."""
        if G is None:
            G = self.graph()
        if id not in G:
            raise EntityNotFound(
                f"no entity with id {id!r}", hint="check the id, or search by name"
            )
        return G.nodes[id]

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            self._memo.clear()
            self._memo_graph = None


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = GraphAccess(app.config["DIPLOMAP"])


def access() -> GraphAccess:
    """The :class:`GraphAccess` of the current app."""
    return current_app.extensions[EXTENSION]
