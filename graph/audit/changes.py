"""What one audit entry holds: the changes with their before and after, and how to undo them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from graph.accounts.permissions import UNDO_ANY, UNDO_OWN, can
from graph.model import Node, Relation
from graph.stores.base import Store
from graph.stores.changes import ChangeSet, RelKey


def key_text(key: str | RelKey) -> str:
    """How a record's key is stored: the id of a node, ``start|TYPE|end`` of a relation."""
    return key if isinstance(key, str) else "|".join(key)


def key_from_text(kind: str, text: str) -> str | RelKey:
    """The key of a record from its stored text: an entity id, or (start, type, end) of a relation."""
    return text if kind == "node" else tuple(text.split("|"))  # type: ignore[return-value]


def _comparable(props: dict[str, Any] | None) -> dict[str, Any] | None:
    if props is None:
        return None
    return json.loads(
        json.dumps({k: v for k, v in props.items() if k != "updated_at"}, sort_keys=True)
    )


@dataclass
class AuditChange:
    """One record changed by an entry: its kind (node or relation), key, label, and properties before and after."""

    action: str  # create | update | delete
    kind: str  # node | relation
    key: str | RelKey
    label: str  # the node's label or the relation's type
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None

    @property
    def fields(self) -> list[str]:
        """Names of the properties that changed (``updated_at`` aside)."""
        a, b = _comparable(self.before) or {}, _comparable(self.after) or {}
        return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))

    def touches(self, entity_id: str) -> bool:
        """True when this change is to entity ``entity_id`` or to a relation that ends at it."""
        return (
            self.key == entity_id
            if self.kind == "node"
            else entity_id in (self.key[0], self.key[2])
        )

    def to_dict(self) -> dict[str, Any]:
        """This AuditChange as plain data for JSON twins and exports."""
        return {
            "action": self.action,
            "kind": self.kind,
            "key": self.key if isinstance(self.key, str) else list(self.key),
            "label": self.label,
            "fields": self.fields,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class AuditEntry:
    """One entry of the audit log: who, when, what action, a summary, and its changes."""

    id: int
    at: str
    user: str
    action: str
    summary: str
    backend: str
    subject: str | None = None  # the entity (or tie id) the change is about, for links
    undoes: int | None = None
    undone_by: int | None = None
    change_count: int = 0
    #: All changes (from :meth:`AuditLog.get`), those of one entity (``entries(entity_id=)``),
    #: or none (the overall list).
    changes: list[AuditChange] = field(default_factory=list)

    @property
    def undone(self) -> bool:
        """True when a later entry undid this one."""
        return self.undone_by is not None

    @property
    def undoable(self) -> bool:
        """Not undone yet, and not an undo itself (later changes are checked by undo)."""
        return self.undone_by is None and self.undoes is None

    def to_dict(self) -> dict[str, Any]:
        """This AuditEntry as plain data for JSON twins and exports."""
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "summary": self.summary,
            "backend": self.backend,
            "subject": self.subject,
            "undoes": self.undoes,
            "undone_by": self.undone_by,
            "undoable": self.undoable,
            "change_count": self.change_count,
            "changes": [c.to_dict() for c in self.changes],
        }


def can_undo(user: Any, entry: AuditEntry) -> bool:
    """True when ``user`` may undo ``entry``: anyone's with undo_any, their own with undo_own."""
    if isinstance(user, str):
        return True
    return can(user, UNDO_ANY) or (can(user, UNDO_OWN) and entry.user == user.username)


def inverse(changes: list[AuditChange]) -> ChangeSet:
    """The change set that takes the records back to their ``before`` state.

    Each record is expected to be as the change left it (its properties, or absent after
    a delete): a write that came in between makes the undo fail with
    :class:`~graph.errors.StaleWrite` instead of erasing it.
    """
    out = ChangeSet(replace=True)
    for c in changes:
        key = c.key if c.kind == "node" else tuple(c.key)
        out.expect[key] = dict(c.after) if c.after is not None else None  # type: ignore[index]
        if c.action == "create":
            if c.kind == "node":
                out.delete_nodes.append(c.key)  # type: ignore[arg-type]
            else:
                out.delete_relations.append(c.key)  # type: ignore[arg-type]
            continue
        props = dict(c.before or {})
        props.pop("updated_at", None)
        if c.action == "update" and "source" not in props:
            props["source"] = None  # with replace, an explicit None removes a source added since
        if c.kind == "node":
            out.nodes.append(Node(c.key, c.label, props))  # type: ignore[arg-type]
        else:
            start, rtype, end = c.key
            out.relations.append(Relation(rtype, start, end, props))
    return out


def drift(store: Store, changes: list[AuditChange]) -> list[str]:
    """Records that no longer look as ``changes`` left them (changed outside the log)."""
    nodes = store.get_many([c.key for c in changes if c.kind == "node"])  # type: ignore[misc]
    rels = store.get_relations([c.key for c in changes if c.kind == "relation"])  # type: ignore[misc]
    out = []
    for c in changes:
        now = nodes.get(c.key) if c.kind == "node" else rels.get(c.key)  # type: ignore[arg-type]
        if _comparable(now.props if now else None) != _comparable(c.after):
            state = (
                "is gone" if now is None else ("exists again" if c.after is None else "has changed")
            )
            out.append(f"{c.label} {key_text(c.key)} {state}")
    created = {c.key for c in changes if c.kind == "node" and c.action == "create"}
    if created:
        own = {c.key for c in changes if c.kind == "relation"}
        for r in store.relations_of(created):  # type: ignore[arg-type]
            if r.key not in own:
                out.append(f"{r.type} {key_text(r.key)} was added to an entity this change created")
    return out
