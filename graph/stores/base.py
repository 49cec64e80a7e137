"""The narrow store interface that both backends implement.

A store holds :class:`~graph.model.Node` and :class:`~graph.model.Relation`
records. All writes go through :meth:`Store.apply`, which takes a
:class:`ChangeSet`, works out what would be created, updated, left unchanged or
deleted (the same plan for a dry run), validates it against the model, and
commits it in one transaction: all of it or nothing.

Properties are merged: a value of ``None`` means "not given" and keeps what is
stored, unless the change set says ``replace=True`` (editing) or ``fill_only=True``
(public data sets); see :mod:`graph.stores.planning`. ``updated_at`` is set only
when a record is created or really changes, so applying the same change set twice
changes nothing.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import networkx as nx

from graph.errors import EntityNotFound, QueryRejected
from graph.model import Node, Relation
from graph.stores.changes import ChangeSet, RelKey, WriteResult, now_iso
from graph.stores.planning import plan_changes


@dataclass
class Subgraph:
    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This subgraph as plain data for JSON twins."""
        return {
            "nodes": [n.to_dict() for n in self.nodes],
            "relations": [r.to_dict() for r in self.relations],
        }


T = TypeVar("T")


class WriteTransaction(Protocol):
    """Reads and the write of one write transaction (see :meth:`Store._write_transaction`)."""

    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        """The stored nodes among ``ids``, as this transaction sees them."""

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        """The stored relations among ``keys``, as this transaction sees them."""

    def write(
        self,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        """Write final states and deletions (committed when the transaction ends)."""


class Store(abc.ABC):
    """What every backend offers. Reads return model records; writes go through ``apply``."""

    backend: str = "abstract"

    # -- reads every backend implements -------------------------------------------------
    @abc.abstractmethod
    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        """The stored nodes among ``ids``, by id (missing ids are left out)."""

    @abc.abstractmethod
    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        """The stored relations among ``keys`` (type, start, end), by key."""

    @abc.abstractmethod
    def nodes(self, label: str | None = None) -> Iterator[Node]:
        """Every node, or every node with ``label``."""

    @abc.abstractmethod
    def relations(self, type: str | None = None) -> Iterator[Relation]:
        """Every relation, or every relation of ``type``."""

    @abc.abstractmethod
    def relations_of(self, ids: Iterable[str]) -> list[Relation]:
        """Every relation that starts or ends at one of ``ids``."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of nodes per label and relations per type."""

    @abc.abstractmethod
    def version(self) -> str:
        """A token that changes whenever the stored graph changes (for caches)."""

    @abc.abstractmethod
    def _write_transaction(self, work: Callable[[WriteTransaction], T]) -> T:
        """Run ``work`` in one write transaction that holds the store's write lock from
        its start: what ``work`` reads through the transaction is what it overwrites."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Delete every node and relation (tests and ``diplomap sync --mirror``)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    # -- shared behaviour ----------------------------------------------------------------
    def get(self, id: str) -> Node:
        """The node with ``id``; raises :class:`EntityNotFound` when there is none."""
        found = self.get_many([id]).get(id)
        if found is None:
            raise EntityNotFound(
                f"no entity with id {id!r}", hint="check the id, or search by name"
            )
        return found

    def find(self, id: str) -> Node | None:
        """The node with ``id``, or None."""
        return self.get_many([id]).get(id)

    def subgraph(self, ids: Iterable[str]) -> Subgraph:
        """The nodes among ``ids`` and the relations between them."""
        wanted = set(ids)
        nodes = self.get_many(wanted)
        rels = [r for r in self.relations_of(nodes) if r.start in nodes and r.end in nodes]
        return Subgraph(list(nodes.values()), _dedupe(rels))

    def neighbours(self, id: str, depth: int = 1, limit: int | None = None) -> Subgraph:
        """The entity, everything within ``depth`` hops (either direction), and their ties."""
        self.get(id)
        seen, frontier = {id}, {id}
        for _ in range(max(depth, 0)):
            nxt: set[str] = set()
            for r in self.relations_of(frontier):
                nxt.update((r.start, r.end))
            frontier = nxt - seen
            seen |= frontier
            if limit and len(seen) >= limit or not frontier:
                break
        if limit and len(seen) > limit:
            seen = {id} | set(sorted(seen - {id})[: limit - 1])
        return self.subgraph(seen)

    def plan(self, changes: ChangeSet) -> WriteResult:
        """What ``apply`` would change, without writing anything (a dry run)."""
        return self.apply(changes, dry_run=True)

    def apply(self, changes: ChangeSet, dry_run: bool = False) -> WriteResult:
        """Validate and write ``changes`` as one transaction; return what changed.

        The stored records are read inside the write transaction, under the store's write
        lock (see :mod:`graph.stores.planning`), so concurrent writers - imports, edits,
        uploads, undo, sync, in this process or another - never erase each other's changes.
        A dry run reads without the lock and writes nothing.
        """
        if dry_run:
            plan = plan_changes(changes, self.get_many, self.get_relations, now_iso())
            plan.result.dry_run = True
            return plan.result

        def work(tx: WriteTransaction) -> WriteResult:
            # Stamped under the lock: a later commit always has a later updated_at.
            plan = plan_changes(changes, tx.get_many, tx.get_relations, now_iso())
            if plan.writes_anything():
                tx.write(plan.nodes, plan.relations, plan.delete_nodes, plan.delete_relations)
            return plan.result

        return self._write_transaction(work)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph (edge key = relationship type).

        Node attributes are the properties plus ``label``; edge attributes are the
        relation's properties plus ``type``. Stores cache it until :meth:`version` changes.
        """
        from graph.convert import to_networkx

        token = self.version()
        cached = getattr(self, "_nx_cache", None)
        if cached is not None and cached[0] == token:
            return cached[1]
        G = to_networkx(self.nodes(), self.relations())
        self._nx_cache = (token, G)
        return G

    def read_query(self, query: str, params: dict[str, Any] | None = None, **kw: Any) -> Any:
        """Run a read-only Cypher query; only the Neo4j backend can, the others refuse with a next step."""
        raise QueryRejected(
            "Cypher queries need the Neo4j backend",
            hint="start Neo4j (tools/neo4j/neo4j-local start, or docker compose up -d neo4j) "
            "and set DIPLOMAP_BACKEND=neo4j",
        )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _dedupe(rels: list[Relation]) -> list[Relation]:
    seen: dict[RelKey, Relation] = {}
    for r in rels:
        seen.setdefault(r.key, r)
    return list(seen.values())
