"""Planning a change set against what is stored: what to create, update, keep or delete.

:meth:`Store.apply <graph.stores.base.Store.apply>` calls :func:`plan_changes` inside
the write transaction, with readers bound to that transaction, so that what a write
compares against is what it overwrites: two writers never erase each other's changes.

How a record's properties are combined with what is stored (:func:`merge_props`):

- by default they are **merged**: given values replace stored ones, a value of ``None``
  means "not given", and every other stored property is kept;
- ``replace=True`` (form edits, sync): the given properties are the record (``source``
  is kept when the edit has none);
- ``fill_only=True`` (public data sets): a stored record keeps every value it has and
  only gets the properties it lacks, with the data set's name added to ``source``
  (``"old | new"``). Country nodes are reference data and are always written as given.

``expect`` maps record ids (or relation keys) to what the writer read: the record's
``updated_at`` (a version), its properties (a dict), or None (it did not exist). When the
stored record differs, the whole write is refused with :class:`StaleWrite`.

>>> old = {"name": "Antalya", "population": 2696249, "source": "UP"}
>>> merge_props(old, {"population": 2700000, "lat": None}, replace=False)
{'name': 'Antalya', 'population': 2700000, 'source': 'UP'}
>>> merge_props(old, {"population": 1, "lat": 36.9, "source": "wikidata"}, fill_only=True)
{'name': 'Antalya', 'population': 2696249, 'source': 'UP | wikidata', 'lat': 36.9}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import EntityNotFound, InvalidData, StaleWrite
from graph.model import Node, Relation, validate_node, validate_relation
from graph.stores.changes import Change, ChangeSet, RelKey, WriteResult

#: Labels of reference data that a fill-only write still writes as given.
REFERENCE_LABELS = frozenset({"Country"})

GetMany = Callable[[Iterable[str]], dict[str, Node]]
GetRelations = Callable[[Iterable[RelKey]], dict[RelKey, Relation]]


@dataclass
class PlannedChange:
    """What a change set does: the result to report and the final states to write."""

    result: WriteResult
    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    delete_relations: list[RelKey] = field(default_factory=list)

    def writes_anything(self) -> bool:
        """Whether committing this plan changes the store."""
        return bool(self.nodes or self.relations or self.delete_nodes or self.delete_relations)


def merge_props(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    replace: bool = False,
    *,
    fill_only: bool = False,
) -> dict[str, Any]:
    """The properties a record gets: ``new`` combined with the stored ``old`` (see the module)."""
    if old is not None and fill_only:
        out = {k: v for k, v in old.items() if k != "updated_at"}
        out.update(
            {k: v for k, v in new.items() if k not in old and v is not None and k != "source"}
        )
        src, old_src = new.get("source"), old.get("source")
        if src and old_src and src not in str(old_src).split(" | "):
            out["source"] = f"{old_src} | {src}"
        elif src and not old_src:
            out["source"] = src
        return out
    keep = {} if (old is None or replace) else {k: v for k, v in old.items() if k != "updated_at"}
    if replace and old and "source" in old and "source" not in new:
        keep["source"] = old["source"]
    keep.update({k: v for k, v in new.items() if v is not None and k != "updated_at"})
    return keep


def _same(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    return {k: v for k, v in old.items() if k != "updated_at"} == new


def _check_expected(changes: ChangeSet, nodes: dict[str, Node], rels: dict) -> None:
    stale = {}
    for key, expected in changes.expect.items():
        record = nodes.get(key) if isinstance(key, str) else rels.get(tuple(key))
        if isinstance(expected, Mapping):  # the properties the record must still have
            same = record is not None and _same(record.props, _without_stamp(expected))
        elif expected is None:  # the record must not exist
            same = record is None
        else:  # the version (updated_at) the writer read
            same = record is not None and record.props.get("updated_at") == expected
        if not same:
            stored = record.props.get("updated_at") if record is not None else None
            stale[key] = {"expected": expected, "stored": stored}
    if stale:
        raise StaleWrite(
            "changed by someone else since you opened it",
            hint="look at the current values, then make your change again",
            records=stale,
        )


def _without_stamp(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != "updated_at"}


def plan_changes(
    changes: ChangeSet, get_many: GetMany, get_relations: GetRelations, stamp: str
) -> PlannedChange:
    """Validate ``changes`` against the stored records that the two readers return.

    Raises :class:`InvalidData`, :class:`EntityNotFound` or :class:`StaleWrite`; nothing
    is written here.
    """
    plan = PlannedChange(WriteResult())
    result = plan.result
    node_ids = [n.id for n in changes.nodes]
    if len(set(node_ids)) != len(node_ids):
        dup = next(i for i in node_ids if node_ids.count(i) > 1)
        raise InvalidData(f"the change set has entity {dup!r} twice")
    expected_ids = {k for k in changes.expect if isinstance(k, str)}
    existing = get_many(set(node_ids) | set(changes.delete_nodes) | expected_ids)
    labels = {i: n.label for i, n in existing.items()}
    for node in changes.nodes:
        validate_node(node)
        old = existing.get(node.id)
        if old is not None and old.label != node.label:
            raise InvalidData(
                f"{node.id!r} is already a {old.label}, not a {node.label}",
                hint="give the new entity another id",
            )
        fill = changes.fill_only and node.label not in REFERENCE_LABELS
        merged = merge_props(
            old.props if old else None, node.props, changes.replace, fill_only=fill
        )
        labels[node.id] = node.label
        if old is not None and _same(old.props, merged):
            result.changes.append(
                Change("unchanged", "node", node.id, node.label, old.props, old.props)
            )
            continue
        merged["updated_at"] = stamp
        plan.nodes.append(Node(node.id, node.label, merged))
        action = "update" if old else "create"
        result.changes.append(
            Change(action, "node", node.id, node.label, old.props if old else None, merged)
        )
    deleting = set(changes.delete_nodes)
    for nid in changes.delete_nodes:
        if nid not in existing:
            raise EntityNotFound(f"cannot delete {nid!r}: no such entity")
        result.changes.append(
            Change("delete", "node", nid, existing[nid].label, existing[nid].props, None)
        )
    plan.delete_nodes = list(changes.delete_nodes)

    rel_keys = [r.key for r in changes.relations]
    if len(set(rel_keys)) != len(rel_keys):
        dup = next(k for k in rel_keys if rel_keys.count(k) > 1)
        raise InvalidData(f"the change set has relation {dup} twice")
    # A relation with an end created by this change set cannot exist yet: no need to look.
    created = {n.id for n in changes.nodes if n.id not in existing}
    lookup = {k for k in rel_keys if k[0] not in created and k[2] not in created}
    expected_keys = {tuple(k) for k in changes.expect if not isinstance(k, str)}
    old_rels = get_relations(lookup | set(changes.delete_relations) | expected_keys)
    _check_expected(changes, existing, old_rels)
    missing = {i for r in changes.relations for i in (r.start, r.end)} - labels.keys()
    labels.update({i: n.label for i, n in get_many(missing).items()})
    for rel in changes.relations:
        if rel.start in deleting or rel.end in deleting:
            raise InvalidData(
                f"{rel.type} from {rel.start} to {rel.end} uses an entity being deleted"
            )
        validate_relation(rel, labels)
        old = old_rels.get(rel.key)
        merged = merge_props(
            old.props if old else None, rel.props, changes.replace, fill_only=changes.fill_only
        )
        if old is not None and _same(old.props, merged):
            result.changes.append(
                Change("unchanged", "relation", rel.key, rel.type, old.props, old.props)
            )
            continue
        merged["updated_at"] = stamp
        plan.relations.append(Relation(rel.type, rel.start, rel.end, merged))
        action = "update" if old else "create"
        result.changes.append(
            Change(action, "relation", rel.key, rel.type, old.props if old else None, merged)
        )
    for key in changes.delete_relations:
        if key not in old_rels:
            raise EntityNotFound(f"cannot delete relation {key}: it does not exist")
        result.changes.append(Change("delete", "relation", key, key[1], old_rels[key].props, None))
    plan.delete_relations = list(changes.delete_relations)
    return plan
