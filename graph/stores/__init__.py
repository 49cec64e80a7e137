"""Store backends and the function that opens the configured one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.stores.base import Store, Subgraph
from graph.stores.changes import Change, ChangeSet, WriteResult

__all__ = ["Change", "ChangeSet", "Store", "Subgraph", "WriteResult", "open_store"]


def open_store(settings: dict[str, Any], backend: str | None = None) -> Store:
    """Open the store that ``settings`` (see :mod:`graph.settings`) names."""
    backend = backend or settings["DIPLOMAP_BACKEND"]
    if backend == "neo4j":
        from graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from graph.stores.embedded import EmbeddedStore

    return EmbeddedStore(Path(settings["DIPLOMAP_DATA_DIR"]) / "graph.sqlite")
