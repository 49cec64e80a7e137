"""One SQLite file in WAL mode, opened per operation: the storage of accounts and of the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreUnavailable


class SQLiteFile:
    """One SQLite file in WAL mode; a short-lived connection per operation (safe in any thread)."""

    def __init__(self, path: str | Path, schema: str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.connect() as con:
                con.execute("PRAGMA journal_mode=WAL")
                con.executescript(schema)
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(
                f"cannot open {self.path}: {exc}",
                hint="set DIPLOMAP_DATA_DIR to a folder you can write",
            ) from exc

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection; with ``write=True`` inside ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous=FULL")
            if write:
                con.execute("BEGIN IMMEDIATE")
            yield con
            if write:
                con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()
