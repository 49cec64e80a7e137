"""The audit log: who changed what and when, browsable per entity, with undo.

Every change made through the web (an edit, a delete, an import by upload, an
undo) becomes one entry in ``audit.sqlite`` in ``DIPLOMAP_DATA_DIR``, beside the
graph but independent of its backend: who, when (UTC, ISO 8601), the action
(create, edit, delete, import, undo), a summary, the backend, and for every
record that changed its kind, key, label, and its properties before and after
(JSON). A deleted entity's ties are deleted explicitly in the same change set
(:func:`importers.editing.delete`), so they are in the entry too and an undo brings
them back.

Undo applies the inverse change set in one store transaction: a created record
is deleted, an updated one gets its ``before`` properties back (``replace``), a
deleted one is recreated. Every property comes back except ``updated_at``, which
records the time of the undo. Undo is refused when a later entry that has not
been undone touches the same records, or ties to an entity the entry created or
deleted ("undo the later change #N first"), and when the records no longer look
as the entry left them (changed outside the log, e.g. by a command-line import).
The undo is itself an entry, linked to the original (``undoes``), which is marked
undone (``undone_by``); an entry is undone at most once, and an undo is not undone.

Consistency between the store and the log
-----------------------------------------
The two live in different databases (SQLite or Neo4j for the graph, SQLite for
the log), so there is no transaction spanning both. The scheme:

1. Take the log's write lock (``BEGIN IMMEDIATE`` on ``audit.sqlite``). Audited
   writes from every web worker are therefore serialised, and entry ids follow
   the order of the store commits. An undo checks for later changes under the
   same lock.
2. Write the store (one transaction: all or nothing). If it fails, nothing is
   logged and nothing changed.
3. Write the entry and commit the log.

If step 3 fails after the store committed, the change stands but is not in the
log: the entry is logged at CRITICAL level on ``diplomap.audit`` and appended as
one JSON line to ``DIPLOMAP_DATA_DIR/audit-failures.log`` (to be restored by
hand), and :class:`AuditWriteFailed` tells the user that the change was saved but
not logged. Writes that bypass the log (``diplomap import`` on the command line)
are not in it; undo detects their effect on the records it would restore.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.accounts.permissions import PermissionDenied, username_of
from graph.audit.changes import (
    AuditEntry,
    can_undo,
    drift,
    inverse,
    key_text,
)
from graph.audit.errors import AuditBusy, UndoRefused
from graph.audit.history import AuditHistory
from graph.audit.transaction import AuditTransaction, check_action
from graph.stores.base import Store
from graph.stores.changes import ChangeSet, WriteResult
from graph.stores.sqlite_file import SQLiteFile

log = logging.getLogger("diplomap.audit")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    backend TEXT NOT NULL,
    subject TEXT,
    change_count INTEGER NOT NULL,
    undoes INTEGER REFERENCES entries(id),
    undone_by INTEGER REFERENCES entries(id)
);
CREATE INDEX IF NOT EXISTS entries_who ON entries(who);
CREATE TABLE IF NOT EXISTS changes (
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    label TEXT NOT NULL,
    before TEXT,
    after TEXT,
    PRIMARY KEY (entry_id, seq)
);
CREATE INDEX IF NOT EXISTS changes_key ON changes(key);
CREATE INDEX IF NOT EXISTS changes_start ON changes(start);
CREATE INDEX IF NOT EXISTS changes_end ON changes("end");
"""


class AuditLog(AuditHistory):
    """The audit log in ``audit.sqlite`` (see the module docstring for the consistency scheme)."""

    def __init__(self, path: str | Path, *, lock_timeout: float = 30.0):
        self.lock_timeout = lock_timeout  # seconds a write waits for another worker's write
        self.db = SQLiteFile(path, SCHEMA)
        self.path = self.db.path
        self.failure_log = self.path.parent / "audit-failures.log"

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> AuditLog:
        """The log in ``DIPLOMAP_DATA_DIR/audit.sqlite``."""
        return cls(Path(settings["DIPLOMAP_DATA_DIR"]) / "audit.sqlite")

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[AuditTransaction]:
        """Hold the log's write lock around a store write; call ``record`` on what it yields."""
        con = sqlite3.connect(self.path, timeout=self.lock_timeout, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous=FULL")
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise AuditBusy(
                    "another change is being saved right now", hint="try again in a moment"
                ) from exc
            yield AuditTransaction(self, con)
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.close()

    def record(
        self,
        user: Any,
        action: str,
        summary: str,
        result: WriteResult,
        backend: str,
        *,
        subject: str | None = None,
    ) -> AuditEntry | None:
        """Record a write already made (prefer :meth:`apply`, which also holds the lock)."""
        with self.transaction() as tx:
            return tx.record(user, action, summary, result, backend, subject=subject)

    def apply(
        self,
        store: Store,
        changes: ChangeSet,
        *,
        user: Any,
        action: str,
        summary: str,
        subject: str | None = None,
    ) -> AuditEntry | None:
        """Write ``changes`` to ``store`` and record them; None when nothing changed."""
        check_action(action)
        with self.transaction() as tx:
            result = store.apply(changes)
            return tx.record(user, action, summary, result, store.backend, subject=subject)

    def _before_commit(self, con: sqlite3.Connection) -> None:
        """A seam for tests that simulate a failing log."""

    def _emergency(self, payload: dict[str, Any], exc: BaseException) -> None:
        line = json.dumps({**payload, "error": repr(exc)}, ensure_ascii=False, default=str)
        log.critical(
            "AUDIT LOG WRITE FAILED after the store committed (%r); the change is not in "
            "the audit log; writing it to %s",
            exc,
            self.failure_log,
        )
        try:
            with open(self.failure_log, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as err:
            log.critical(
                "cannot write %s either (%s); the unlogged change: %s", self.failure_log, err, line
            )

    # -- undo ------------------------------------------------------------------------------
    @staticmethod
    def _blockers(con: sqlite3.Connection, entry: AuditEntry) -> list[int]:
        keys = sorted({key_text(c.key) for c in entry.changes})
        made_or_removed = sorted(
            {
                c.key
                for c in entry.changes  # type: ignore[misc]
                if c.kind == "node" and c.action in ("create", "delete")
            }
        )
        rows = con.execute(
            "SELECT DISTINCT c.entry_id FROM changes c JOIN entries e ON e.id = c.entry_id "
            "WHERE c.entry_id > :id AND e.backend = :backend AND e.undone_by IS NULL "
            "AND (e.undoes IS NULL OR e.undoes < :id) "
            "AND (c.key IN (SELECT value FROM json_each(:keys)) "
            "     OR c.start IN (SELECT value FROM json_each(:ids)) "
            '     OR c."end" IN (SELECT value FROM json_each(:ids))) '
            "ORDER BY c.entry_id",
            {
                "id": entry.id,
                "backend": entry.backend,
                "keys": json.dumps(keys),
                "ids": json.dumps(made_or_removed),
            },
        )
        return [r[0] for r in rows]

    def blockers(self, entry_id: int) -> list[int]:
        """Later entries (not undone) that must be undone before ``entry_id`` can be."""
        with self.db.connect() as con:
            return self._blockers(con, self._get(con, entry_id))

    def undo(self, store: Store, entry_id: int, user: Any) -> AuditEntry:
        """Undo entry ``entry_id`` in one store transaction; return the new ``undo`` entry.

        Raises :class:`UndoRefused` when the entry was undone already, is an undo,
        belongs to another backend, has later changes that depend on it, or its
        records were changed outside the log; :class:`PermissionDenied` when
        ``user`` (a :class:`~graph.accounts.users.User`) may not undo it.
        """
        with self.transaction() as tx:
            entry = self._get(tx.con, entry_id)
            if not can_undo(user, entry):
                raise PermissionDenied(
                    f"{username_of(user)} may not undo #{entry.id} by {entry.user}",
                    hint="editors undo their own changes; admins undo any",
                )
            if entry.undone_by is not None:
                raise UndoRefused(f"#{entry.id} was already undone (by #{entry.undone_by})")
            if entry.undoes is not None:
                raise UndoRefused(
                    f"#{entry.id} is itself the undo of #{entry.undoes}",
                    hint="to redo, make the change again",
                )
            if entry.backend != store.backend:
                raise UndoRefused(
                    f"#{entry.id} was made on the {entry.backend} store, "
                    f"not on this {store.backend} store"
                )
            later = self._blockers(tx.con, entry)
            if later:
                raise UndoRefused(
                    f"a later change touches the same records: undo the later change #{later[-1]} first",
                    hint="later changes in the way: " + ", ".join(f"#{i}" for i in later),
                )
            changed = drift(store, entry.changes)
            if changed:
                shown = "; ".join(changed[:5]) + (
                    f"; and {len(changed) - 5} more" if len(changed) > 5 else ""
                )
                raise UndoRefused(
                    f"cannot undo #{entry.id}: records were changed outside the audit log "
                    f"since ({shown})",
                    hint="edit them by hand instead",
                )
            result = store.apply(inverse(entry.changes))
            new = tx.record(
                user,
                "undo",
                f"Undo #{entry.id}: {entry.summary}",
                result,
                store.backend,
                subject=entry.subject,
                undoes=entry.id,
            )
        log.info("%s undid #%d (%s) as #%d", username_of(user), entry.id, entry.summary, new.id)
        return new
