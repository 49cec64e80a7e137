"""One audited write: the log's lock, the store write, and the entry, in that order."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from graph.accounts.permissions import username_of
from graph.audit.changes import (
    AuditEntry,
    key_text,
)
from graph.audit.errors import AuditWriteFailed
from graph.stores.changes import Change, WriteResult

if TYPE_CHECKING:
    from graph.audit.log import AuditLog

ACTIONS = ("create", "edit", "delete", "import", "undo")


class AuditTransaction:
    """The log's write lock, held while the store is written; :meth:`record` ends it."""

    def __init__(self, audit: AuditLog, con: sqlite3.Connection):
        self.audit = audit
        self.con = con
        self.done = False

    def record(
        self,
        user: Any,
        action: str,
        summary: str,
        result: WriteResult,
        backend: str,
        *,
        subject: str | None = None,
        undoes: int | None = None,
    ) -> AuditEntry | None:
        """Store one entry for ``result`` and commit; None when nothing changed (and no undo)."""
        if self.done:
            raise RuntimeError("this audit transaction has already recorded its entry")
        if result.dry_run:
            raise ValueError("a dry run changed nothing: there is nothing to record")
        changes = result.changed
        self.done = True
        if not changes and undoes is None:
            self.con.execute("ROLLBACK")
            return None
        at = datetime.now(UTC).replace(microsecond=0).isoformat()
        who = username_of(user)
        try:
            check_action(
                action
            )  # here too: the store has committed, so a bad call is logged for recovery
            cur = self.con.execute(
                "INSERT INTO entries (at, who, action, summary, backend, subject, change_count, undoes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (at, who, action, summary, backend, subject, len(changes), undoes),
            )
            entry_id = cur.lastrowid
            self.con.executemany(
                'INSERT INTO changes (entry_id, seq, action, kind, key, start, "end", label, before, after) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_change_row(entry_id, seq, c) for seq, c in enumerate(changes)],
            )
            if undoes is not None:
                self.con.execute(
                    "UPDATE entries SET undone_by = ? WHERE id = ?", (entry_id, undoes)
                )
            self.audit._before_commit(self.con)
            self.con.execute("COMMIT")
        except Exception as exc:
            if self.con.in_transaction:
                self.con.execute("ROLLBACK")
            self.audit._emergency(
                {
                    "at": at,
                    "user": who,
                    "action": action,
                    "summary": summary,
                    "backend": backend,
                    "subject": subject,
                    "undoes": undoes,
                    "changes": [_change_dict(c) for c in changes],
                },
                exc,
            )
            raise AuditWriteFailed(
                "the change was saved, but the audit log could not record it",
                hint=f"it was written to {self.audit.failure_log}; tell an admin",
            ) from exc
        return self.audit.get(entry_id)


def check_action(action: str) -> None:
    """Refuse an action that is not one of :data:`ACTIONS`."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; use one of {', '.join(ACTIONS)}")


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "action": c.action,
        "kind": c.kind,
        "key": key_text(c.key),
        "label": c.label,
        "before": c.before,
        "after": c.after,
    }


def _change_row(entry_id: int, seq: int, c: Change) -> tuple:
    start = end = None
    if c.kind == "relation":
        start, _, end = c.key
    return (
        entry_id,
        seq,
        c.action,
        c.kind,
        key_text(c.key),
        start,
        end,
        c.label,
        _dumps(c.before),
        _dumps(c.after),
    )


def _dumps(props: dict[str, Any] | None) -> str | None:
    return None if props is None else json.dumps(props, ensure_ascii=False, sort_keys=True)
