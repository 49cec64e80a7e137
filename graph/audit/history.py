"""Reading the audit log: one entry, the entries of an entity or a user, and their count.

:class:`~graph.audit.log.AuditLog` adds writing and undo.
"""

from __future__ import annotations

import json
import sqlite3

from graph.audit.changes import (
    AuditChange,
    AuditEntry,
    key_from_text,
)
from graph.audit.errors import AuditEntryNotFound
from graph.stores.sqlite_file import SQLiteFile


class AuditHistory:
    """The read side of the audit log; ``self.db`` is its :class:`~graph.stores.sqlite_file.SQLiteFile`."""

    db: SQLiteFile

    _ENTRY = "id, at, who, action, summary, backend, subject, undoes, undone_by, change_count"

    @staticmethod
    def _entry(row: tuple) -> AuditEntry:
        return AuditEntry(*row[:7], undoes=row[7], undone_by=row[8], change_count=row[9])

    @staticmethod
    def _change(row: tuple) -> AuditChange:
        kind = row[1]
        return AuditChange(
            row[0],
            kind,
            key_from_text(kind, row[2]),
            row[3],
            json.loads(row[4]) if row[4] else None,
            json.loads(row[5]) if row[5] else None,
        )

    def _get(self, con: sqlite3.Connection, entry_id: int) -> AuditEntry:
        row = con.execute(f"SELECT {self._ENTRY} FROM entries WHERE id = ?", (entry_id,)).fetchone()  # noqa: S608
        if row is None:
            raise AuditEntryNotFound(
                f"no audit entry #{entry_id}", hint="see the audit log for its entries"
            )
        entry = self._entry(row)
        entry.changes = [
            self._change(r)
            for r in con.execute(
                "SELECT action, kind, key, label, before, after FROM changes WHERE entry_id = ? ORDER BY seq",
                (entry_id,),
            )
        ]
        return entry

    def get(self, entry_id: int) -> AuditEntry:
        """One entry with all its changes."""
        with self.db.connect() as con:
            return self._get(con, entry_id)

    @staticmethod
    def _where(entity_id: str | None, user: str | None, action: str | None) -> tuple[str, list]:
        clauses, params = [], []
        if entity_id:
            clauses.append(
                "id IN (SELECT entry_id FROM changes WHERE key = ? UNION "
                "SELECT entry_id FROM changes WHERE start = ? UNION "
                'SELECT entry_id FROM changes WHERE "end" = ?)'
            )
            params += [entity_id] * 3
        if user:
            clauses.append("who = ?")
            params.append(user)
        if action:
            clauses.append("action = ?")
            params.append(action)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def entries(
        self,
        entity_id: str | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        user: str | None = None,
        action: str | None = None,
    ) -> list[AuditEntry]:
        """Newest first. With ``entity_id``: the entries that touched it (the entity or its ties),
        each with the changes that touched it; otherwise without their changes (see :meth:`get`)."""
        where, params = self._where(entity_id, user, action)
        with self.db.connect() as con:
            out = [
                self._entry(r)
                for r in con.execute(
                    f"SELECT {self._ENTRY} FROM entries{where} ORDER BY id DESC LIMIT ? OFFSET ?",  # noqa: S608
                    (*params, limit, offset),
                )
            ]
            if entity_id:
                for entry in out:
                    entry.changes = [
                        self._change(r)
                        for r in con.execute(
                            "SELECT action, kind, key, label, before, after FROM changes WHERE entry_id = ? "
                            'AND (key = ? OR start = ? OR "end" = ?) ORDER BY seq',
                            (entry.id, entity_id, entity_id, entity_id),
                        )
                    ]
        return out

    def count(
        self, entity_id: str | None = None, *, user: str | None = None, action: str | None = None
    ) -> int:
        """How many entries match the filters of :meth:`entries`."""
        where, params = self._where(entity_id, user, action)
        with self.db.connect() as con:
            return con.execute(f"SELECT count(*) FROM entries{where}", params).fetchone()[0]  # noqa: S608

    # -- undo --------------------------------------------------------------------------------
