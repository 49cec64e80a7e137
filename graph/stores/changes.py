"""Change sets: what one write brings to a store, and what it did (created, updated, unchanged)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from graph.model import Node, Relation

#: A relation's key: (start id, type, end id).
RelKey = tuple[str, str, str]
#: What a write did to one record.
Action = Literal["create", "update", "unchanged", "delete"]


@dataclass
class ChangeSet:
    """Records to upsert and keys to delete, applied as one transaction."""

    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    delete_relations: list[RelKey] = field(default_factory=list)
    replace: bool = False
    #: Stored records keep their values and only get missing properties (public data sets).
    fill_only: bool = False
    #: Record id or relation key -> what the writer read: its ``updated_at``, its properties
    #: (a dict) or None (absent). A record that has changed since makes the whole write
    #: fail with :class:`~graph.errors.StaleWrite`.
    expect: dict[str | RelKey, str | dict[str, Any] | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.nodes or self.relations or self.delete_nodes or self.delete_relations)


@dataclass
class Change:
    action: Action
    kind: Literal["node", "relation"]
    key: str | RelKey
    label: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass
class WriteResult:
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False

    def counts(self, kind: str | None = None) -> dict[str, int]:
        """Number of changes per action (create, update, unchanged, delete), of one kind or all."""
        c = Counter(ch.action for ch in self.changes if kind is None or ch.kind == kind)
        return {a: c.get(a, 0) for a in ("create", "update", "unchanged", "delete")}

    @property
    def changed(self) -> list[Change]:
        """The changes that are not ``unchanged``."""
        return [c for c in self.changes if c.action != "unchanged"]


def now_iso() -> str:
    """The current UTC time as an ISO 8601 text, to the microsecond (a version: two writes never share one)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
