"""The default store: one SQLite file, no server, every write one transaction.

The file lives in ``DIPLOMAP_DATA_DIR`` (``graph.sqlite``). SQLite runs in WAL
mode with ``synchronous=FULL``, so a committed import survives a crash and an
interrupted one leaves nothing behind. Each thread gets its own connection.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.model import Node, Relation
from graph.stores.base import Store, T, WriteTransaction
from graph.stores.changes import RelKey

SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_label ON nodes(label);
CREATE TABLE IF NOT EXISTS relations (
    start TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    "end" TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    props TEXT NOT NULL,
    PRIMARY KEY (start, type, "end")
);
CREATE INDEX IF NOT EXISTS relations_end ON relations("end");
CREATE INDEX IF NOT EXISTS relations_type ON relations(type);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('version', '0');
"""

_CHUNK = 500  # SQLite's host-parameter limit is 999 on old builds


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _dumps(props: dict) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True)


class EmbeddedStore(Store):
    """A durable graph in a SQLite file.

    >>> import tempfile
    >>> from graph.stores.base import ChangeSet
    >>> with tempfile.TemporaryDirectory() as d, EmbeddedStore(d + "/g.sqlite") as s:
    ...     r = s.apply(ChangeSet(nodes=[Node("city-tr-antalya", "City", {"name": "Antalya"})]))
    ...     r.counts("node")["create"], s.get("city-tr-antalya").name
    (1, 'Antalya')
    """

    backend = "embedded"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot create the data folder {self.path.parent}: {exc.strerror}",
                hint="set DIPLOMAP_DATA_DIR to a folder you can write",
            ) from exc
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._con.executescript(SCHEMA)

    # -- connections ---------------------------------------------------------------------
    @property
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(
                    self.path, timeout=30, isolation_level=None, check_same_thread=False
                )
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=FULL")
                con.execute("PRAGMA foreign_keys=ON")
            except sqlite3.DatabaseError as exc:
                raise StoreUnavailable(
                    f"cannot open the embedded store {self.path}: {exc}",
                    hint="check the file, or point DIPLOMAP_DATA_DIR elsewhere",
                ) from exc
            self._local.con = con
            with self._lock:
                self._all.append(con)
        return con

    class _Tx:
        def __init__(self, con: sqlite3.Connection):
            self.con = con

        def __enter__(self) -> sqlite3.Connection:
            self.con.execute("BEGIN IMMEDIATE")
            return self.con

        def __exit__(self, exc_type, exc, tb) -> None:
            self.con.execute("ROLLBACK" if exc_type else "COMMIT")

    def _tx(self) -> _Tx:
        return self._Tx(self._con)

    def close(self) -> None:
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()
        self._local = threading.local()

    # -- reads ---------------------------------------------------------------------------
    @staticmethod
    def _node(row: tuple) -> Node:
        return Node(row[0], row[1], json.loads(row[2]))

    @staticmethod
    def _rel(row: tuple) -> Relation:
        return Relation(row[1], row[0], row[2], json.loads(row[3]))

    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for chunk in _chunks(list(set(ids))):
            marks = ",".join("?" * len(chunk))
            for row in self._con.execute(
                f"SELECT id, label, props FROM nodes WHERE id IN ({marks})",  # noqa: S608
                chunk,
            ):
                out[row[0]] = self._node(row)
        return out

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        keys = list(set(keys))
        out: dict[RelKey, Relation] = {}
        by_start: dict[str, set[RelKey]] = {}
        for k in keys:
            by_start.setdefault(k[0], set()).add(k)
        for chunk in _chunks(list(by_start)):
            marks = ",".join("?" * len(chunk))
            for row in self._con.execute(
                f'SELECT start, type, "end", props FROM relations WHERE start IN ({marks})',  # noqa: S608
                chunk,
            ):
                key = (row[0], row[1], row[2])
                if key in by_start[row[0]]:
                    out[key] = self._rel(row)
        return out

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        if label:
            cur = self._con.execute(
                "SELECT id, label, props FROM nodes WHERE label = ? ORDER BY id", (label,)
            )
        else:
            cur = self._con.execute("SELECT id, label, props FROM nodes ORDER BY id")
        return (self._node(r) for r in cur.fetchall())

    def relations(self, type: str | None = None) -> Iterator[Relation]:
        sql = 'SELECT start, type, "end", props FROM relations'
        cur = (
            self._con.execute(sql + ' WHERE type = ? ORDER BY start, type, "end"', (type,))
            if type
            else self._con.execute(sql + ' ORDER BY start, type, "end"')
        )
        return (self._rel(r) for r in cur.fetchall())

    def relations_of(self, ids: Iterable[str]) -> list[Relation]:
        out: dict[RelKey, Relation] = {}
        for chunk in _chunks(list(set(ids)), 400):
            marks = ",".join("?" * len(chunk))
            sql = (
                f'SELECT start, type, "end", props FROM relations WHERE start IN ({marks}) '  # noqa: S608
                f'UNION SELECT start, type, "end", props FROM relations WHERE "end" IN ({marks})'
            )
            for row in self._con.execute(sql, chunk + chunk):
                rel = self._rel(row)
                out[rel.key] = rel
        return list(out.values())

    def counts(self) -> dict[str, int]:
        con = self._con
        out = dict(con.execute("SELECT label, count(*) FROM nodes GROUP BY label").fetchall())
        out.update(con.execute("SELECT type, count(*) FROM relations GROUP BY type").fetchall())
        return out

    def version(self) -> str:
        return self._con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]

    # -- writes --------------------------------------------------------------------------
    def _write_transaction(self, work: Callable[[WriteTransaction], T]) -> T:
        """``BEGIN IMMEDIATE`` on this thread's connection: SQLite's write lock, taken before
        ``work`` reads, excludes every other writer (thread or process) until the commit."""
        with self._tx() as con:
            return work(_Transaction(self, con))

    def _write(
        self,
        con: sqlite3.Connection,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        con.executemany(
            "INSERT INTO nodes (id, label, props) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET props = excluded.props",
            [(n.id, n.label, _dumps(n.props)) for n in nodes],
        )
        self._write_relations(con, relations)
        con.executemany(
            'DELETE FROM relations WHERE start = ? AND type = ? AND "end" = ?', delete_relations
        )
        con.executemany("DELETE FROM nodes WHERE id = ?", [(i,) for i in delete_nodes])
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")

    def _write_relations(self, con: sqlite3.Connection, relations: list[Relation]) -> None:
        con.executemany(
            'INSERT INTO relations (start, type, "end", props) VALUES (?, ?, ?, ?) '
            'ON CONFLICT(start, type, "end") DO UPDATE SET props = excluded.props',
            [(r.start, r.type, r.end, _dumps(r.props)) for r in relations],
        )

    def clear(self) -> None:
        with self._tx() as con:
            con.execute("DELETE FROM relations")
            con.execute("DELETE FROM nodes")
            con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")


class _Transaction:
    """An embedded write transaction: reads on the connection that holds the write lock."""

    def __init__(self, store: EmbeddedStore, con: sqlite3.Connection):
        self.store, self.con = store, con

    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        return self.store.get_many(ids)  # the thread's connection: inside the transaction

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        return self.store.get_relations(keys)

    def write(
        self,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        self.store._write(self.con, nodes, relations, delete_nodes, delete_relations)
