"""The narrow store interface that both backends implement.

A store holds :class:`~graph.model.Node` and :class:`~graph.model.Relation`
records. All writes go through :meth:`Store.apply`, which takes a
:class:`ChangeSet`, works out what would be created, updated, left unchanged or
deleted (the same plan for a dry run), validates it against the model, and
commits it in one transaction: all of it or nothing.

Properties are merged: a value of ``None`` means "not given" and keeps what is
stored, unless the change set says ``replace=True`` (used by editing), in which
case the given properties replace the stored ones. ``updated_at`` is set only
when a record is created or really changes, so applying the same change set twice
changes nothing.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.errors import EntityNotFound, InvalidData, QueryRejected
from graph.model import Node, Relation, validate_node, validate_relation
from graph.stores.changes import Change, ChangeSet, RelKey, WriteResult, now_iso


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


def _merge(old: dict[str, Any] | None, new: dict[str, Any], replace: bool) -> dict[str, Any]:
    keep = {} if (old is None or replace) else {k: v for k, v in old.items() if k != "updated_at"}
    if replace and old and "source" in old and "source" not in new:
        keep["source"] = old["source"]
    keep.update({k: v for k, v in new.items() if v is not None and k != "updated_at"})
    return keep


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return {k: v for k, v in old.items() if k != "updated_at"} == new


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
    def _commit(
        self,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        """Write final states and deletions in one transaction (all or nothing)."""

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
        """Validate and write ``changes`` as one transaction; return what changed."""
        stamp = now_iso()
        result = WriteResult(dry_run=dry_run)
        node_ids = [n.id for n in changes.nodes]
        if len(set(node_ids)) != len(node_ids):
            dup = next(i for i in node_ids if node_ids.count(i) > 1)
            raise InvalidData(f"the change set has entity {dup!r} twice")
        existing = self.get_many(set(node_ids) | set(changes.delete_nodes))
        labels = {i: n.label for i, n in existing.items()}
        to_write_nodes: list[Node] = []
        for node in changes.nodes:
            validate_node(node)
            old = existing.get(node.id)
            if old is not None and old.label != node.label:
                raise InvalidData(
                    f"{node.id!r} is already a {old.label}, not a {node.label}",
                    hint="give the new entity another id",
                )
            merged = _merge(old.props if old else None, node.props, changes.replace)
            labels[node.id] = node.label
            if old is not None and _same(old.props, merged):
                result.changes.append(
                    Change("unchanged", "node", node.id, node.label, old.props, old.props)
                )
                continue
            merged["updated_at"] = stamp
            to_write_nodes.append(Node(node.id, node.label, merged))
            result.changes.append(
                Change(
                    "update" if old else "create",
                    "node",
                    node.id,
                    node.label,
                    old.props if old else None,
                    merged,
                )
            )
        deleting = set(changes.delete_nodes)
        for nid in changes.delete_nodes:
            if nid not in existing:
                raise EntityNotFound(f"cannot delete {nid!r}: no such entity")
            result.changes.append(
                Change("delete", "node", nid, existing[nid].label, existing[nid].props, None)
            )

        rel_keys = [r.key for r in changes.relations]
        if len(set(rel_keys)) != len(rel_keys):
            dup = next(k for k in rel_keys if rel_keys.count(k) > 1)
            raise InvalidData(f"the change set has relation {dup} twice")
        # A relation with an end created by this change set cannot exist yet: no need to look.
        created = {n.id for n in changes.nodes if n.id not in existing}
        lookup = {k for k in rel_keys if k[0] not in created and k[2] not in created}
        old_rels = self.get_relations(lookup | set(changes.delete_relations))
        missing = {i for r in changes.relations for i in (r.start, r.end)} - labels.keys()
        labels.update({i: n.label for i, n in self.get_many(missing).items()})
        to_write_rels: list[Relation] = []
        for rel in changes.relations:
            if rel.start in deleting or rel.end in deleting:
                raise InvalidData(
                    f"{rel.type} from {rel.start} to {rel.end} uses an entity being deleted"
                )
            validate_relation(rel, labels)
            old = old_rels.get(rel.key)
            merged = _merge(old.props if old else None, rel.props, changes.replace)
            if old is not None and _same(old.props, merged):
                result.changes.append(
                    Change("unchanged", "relation", rel.key, rel.type, old.props, old.props)
                )
                continue
            merged["updated_at"] = stamp
            to_write_rels.append(Relation(rel.type, rel.start, rel.end, merged))
            result.changes.append(
                Change(
                    "update" if old else "create",
                    "relation",
                    rel.key,
                    rel.type,
                    old.props if old else None,
                    merged,
                )
            )
        for key in changes.delete_relations:
            if key not in old_rels:
                raise EntityNotFound(f"cannot delete relation {key}: it does not exist")
            result.changes.append(
                Change("delete", "relation", key, key[1], old_rels[key].props, None)
            )

        if not dry_run and (
            to_write_nodes or to_write_rels or changes.delete_nodes or changes.delete_relations
        ):
            self._commit(
                to_write_nodes,
                to_write_rels,
                list(changes.delete_nodes),
                list(changes.delete_relations),
            )
        return result

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
