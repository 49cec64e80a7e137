"""The app's way to the graph: one store per app, opened on first use.

``init_app`` only records the settings; the store (embedded or Neo4j, see
:func:`graph.stores.open_store`) is opened by the first request that needs it,
so creating an app never connects anywhere, and a backend that is down shows as
a 503 page with a hint instead of a crash at start-up.

Pages read the networkx projection (``graph()``), which the store caches until
its version changes. Things derived from it (the search index, the home city)
are cached here the same way, by store version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx
from flask import Flask, current_app

from graph.errors import EntityNotFound
from graph.stores import Store, open_store

T = TypeVar("T")

EXTENSION = "diplomap"
#: Most derived values kept (explorer layouts are keyed by their view).
DERIVED_MAX = 64


class GraphAccess:
    """Lazily opened store plus caches derived from its current version."""

    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._derived: OrderedDict[str, tuple[str, Any]] = OrderedDict()

    @property
    def store(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.settings)
        return self._store

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph as networkx (read it, never change it: it is shared)."""
        return self.store.to_networkx()

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

    def home(self) -> str | None:
        """Id of the home city: ``DIPLOMAP_HOME``, else the one City with ``is_home``."""
        wanted = self.settings.get("DIPLOMAP_HOME")
        return self.derived("home", lambda G: find_home(G, wanted))

    def node(self, id: str) -> dict[str, Any]:
        """The attributes of node ``id``; :class:`EntityNotFound` when it is not in the graph."""
        G = self.graph()
        if id not in G:
            raise EntityNotFound(f"no entity with id {id!r}", hint="check the id, or search by name")
        return G.nodes[id]

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def find_home(G: nx.MultiDiGraph, wanted: str | None = None) -> str | None:
    """The home city's id, or None when the graph has none.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("city-tr-antalya", label="City", is_home=True)
    >>> G.add_node("city-de-nurnberg", label="City")
    >>> find_home(G), find_home(G, "city-de-nurnberg"), find_home(nx.MultiDiGraph())
    ('city-tr-antalya', 'city-de-nurnberg', None)
    """
    if wanted and wanted in G:
        return wanted
    homes = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "City" and d.get("is_home"))
    return homes[0] if homes else None


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = GraphAccess(app.config["DIPLOMAP"])


def access() -> GraphAccess:
    """The :class:`GraphAccess` of the current app."""
    return current_app.extensions[EXTENSION]
