"""The production store: a Neo4j 5 server reached with the official driver.

Every node carries its model label (one of :data:`graph.model.LABELS`) and the
common label ``Entity``, on which ``id`` is unique across the graph. Properties
are plain Neo4j properties. Labels and relationship types cannot be Cypher
parameters, so they are formatted into the text only after being checked against
the model's fixed whitelist; every value is a ``$parameter``.

One :meth:`Store.apply` is one write transaction (all of it or nothing), written
as ``UNWIND $rows`` batches of ``DIPLOMAP_BATCH_SIZE`` rows, grouped by label or
relationship type. A singleton ``(:DiplomapMeta {key: 'version'})`` node counts
commits in the same transaction, so :meth:`version` changes with the graph.

Driver errors are translated here, at the boundary, into :mod:`graph.errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, Query, Session
from neo4j.exceptions import (
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import (
    SettingError,
    StoreUnavailable,
)
from graph.model import LABELS, REL_TYPES, Node, Relation
from graph.stores.base import Store, T, WriteTransaction
from graph.stores.changes import RelKey
from graph.stores.neo4j_errors import translate
from graph.stores.neo4j_values import (
    KNOWN_LABELS,
    REL_COLUMNS,
    cypher_label,
    cypher_rel_type,
    node_from_neo4j,
    plain_value,
    relation_from_record,
)
from graph.stores.neo4j_writes import (
    BUMP_VERSION,
    WRITE_LOCK,
    nodes_in,
    plan_writes,
    relations_in,
    write_changes,
)

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "cypher" / "schema.cypher"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jStore(Store):
    """A graph in a Neo4j 5 database. Nothing connects until the first operation."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None = None,
        database: str = "neo4j",
        batch_size: int = 2000,
    ):
        if batch_size < 1:
            raise SettingError(
                f"DIPLOMAP_BATCH_SIZE={batch_size} must be at least 1",
                hint="the default is 2000 rows per batch",
            )
        self.uri, self.database, self.batch_size = uri, database, batch_size
        self.user = auth[0] if auth else None
        hint = "use bolt://HOST:7687 or neo4j://HOST:7687 (+s or +ssc for TLS)"
        if uri.partition("://")[0] not in _SCHEMES:
            raise StoreUnavailable(f"NEO4J_URI={uri!r} is not a Bolt address", hint=hint)
        try:
            self._driver = GraphDatabase.driver(uri, auth=auth, user_agent="diplomap")
        except (ConfigurationError, ValueError) as exc:
            raise StoreUnavailable(
                f"NEO4J_URI={uri!r} is not a Neo4j address: {exc}", hint=hint
            ) from exc
        self._reachable = False
        self._schema_ready = False

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Neo4jStore:
        """Open the store that the ``NEO4J_*`` settings name (see :mod:`graph.settings`)."""
        password = settings.get("NEO4J_PASSWORD") or ""
        auth = (settings.get("NEO4J_USER") or "neo4j", password) if password else None
        return cls(
            settings["NEO4J_URI"],
            auth,
            settings.get("NEO4J_DATABASE") or "neo4j",
            int(settings.get("DIPLOMAP_BATCH_SIZE") or 2000),
        )

    def close(self) -> None:
        self._driver.close()

    # -- sessions and errors -------------------------------------------------------------
    @contextmanager
    def _errors(self, query: bool = False) -> Iterator[None]:
        """Translate driver errors with :func:`~graph.stores.neo4j_errors.translate`."""
        try:
            yield
        except (Neo4jError, DriverError) as exc:
            if isinstance(exc, ServiceUnavailable | SessionExpired):
                self._reachable = False
            raise translate(
                exc, uri=self.uri, user=self.user, database=self.database, query=query
            ) from exc

    def _session(self, mode: str = READ_ACCESS, *, own: bool = True) -> Session:
        """A session on the database; ``own``: the store's queries, whose server notices
        ("label does not exist" on an empty graph...) are noise, so they are switched off."""
        if not self._reachable:
            with self._errors():
                self._driver.verify_connectivity()  # fail fast instead of retrying for 30 s
            self._reachable = True
        extra = {"notifications_min_severity": "OFF"} if own else {}
        return self._driver.session(
            database=self.database,
            default_access_mode=mode,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
            **extra,
        )

    def _read(self, work: Callable[[Any], Any]) -> Any:
        with self._errors(), self._session() as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[Any], Any]) -> Any:
        with self._errors(), self._session(WRITE_ACCESS) as session:
            return session.execute_write(work)

    def _rows(self, query: str, **params: Any) -> list[Any]:
        return self._read(lambda tx: list(tx.run(query, params)))

    # -- schema --------------------------------------------------------------------------
    def init_schema(self, path: Path = SCHEMA_FILE) -> list[str]:
        """Apply ``cypher/schema.cypher`` (idempotent); return the statements run."""
        lines = path.read_text(encoding="utf-8").splitlines()
        text = "\n".join(ln for ln in lines if not ln.lstrip().startswith("//"))
        statements = [s.strip() for s in text.split(";") if s.strip()]
        with self._errors(), self._session(WRITE_ACCESS) as session:
            for text in statements:
                session.run(text).consume()
        self._schema_ready = True
        return statements

    # -- reads ---------------------------------------------------------------------------
    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        ids = list(set(ids))
        return self._read(lambda tx: nodes_in(tx, ids)) if ids else {}

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        keys = list(set(keys))
        return self._read(lambda tx: relations_in(tx, keys)) if keys else {}

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        if label is not None and label not in KNOWN_LABELS:
            return iter(())
        # label is one of KNOWN_LABELS (checked above): a whitelist, never user text
        rows = self._rows(f"MATCH (n:{label or 'Entity'}) RETURN n ORDER BY n.id")
        return (node_from_neo4j(r["n"]) for r in rows)

    def relations(self, type: str | None = None) -> Iterator[Relation]:
        if type is not None and type not in REL_TYPES:
            return iter(())
        pattern = f"[r:{type}]" if type else "[r]"  # type is one of REL_TYPES (whitelist)
        rows = self._rows(
            f"MATCH (:Entity)-{pattern}->(:Entity) RETURN {REL_COLUMNS} ORDER BY start, type, end"
        )
        return (relation_from_record(r) for r in rows)

    def relations_of(self, ids: Iterable[str]) -> list[Relation]:
        ids = list(set(ids))
        if not ids:
            return []
        rows = self._rows(
            "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(:Entity) "
            f"RETURN DISTINCT {REL_COLUMNS}",
            ids=ids,
        )
        return list({(rel := relation_from_record(r)).key: rel for r in rows}.values())

    def counts(self) -> dict[str, int]:
        parts = [
            f"MATCH (n:{cypher_label(lb)}) RETURN '{lb}' AS key, count(n) AS n" for lb in LABELS
        ]
        parts += [
            f"MATCH ()-[r:{cypher_rel_type(t)}]->() RETURN '{t}' AS key, count(r) AS n"
            for t in REL_TYPES
        ]
        return {r["key"]: r["n"] for r in self._rows(" UNION ALL ".join(parts)) if r["n"]}

    def version(self) -> str:
        rows = self._rows(
            "OPTIONAL MATCH (m:DiplomapMeta {key: 'version'}) "
            "RETURN m.epoch AS epoch, m.value AS value"
        )
        return f"{rows[0]['epoch']}-{rows[0]['value']}" if rows and rows[0]["value"] else "0"

    def read_query(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> tuple[list[str], list[list[Any]], bool]:
        """Run ``query`` in a READ transaction; return ``(columns, rows, truncated)``.

        The server enforces read mode (a write is refused) and ``timeout`` (seconds);
        at most ``row_cap`` rows are returned, ``truncated`` says whether more existed.
        """
        with self._errors(query=True), self._session(own=False) as session:
            result = session.run(Query(query, timeout=timeout), params or {})
            columns, rows, truncated = list(result.keys()), [], False
            for record in result:
                if row_cap is not None and len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append([plain_value(v) for v in record.values()])
            result.consume()
        return columns, rows, truncated

    # -- writes --------------------------------------------------------------------------
    def _write_transaction(self, work: Callable[[WriteTransaction], T]) -> T:
        """A managed write transaction that first takes the write lock (the version node),
        so Diplomap's writers run one after another and each reads what the last committed."""
        if not self._schema_ready:
            self.init_schema()

        def run(tx: Any) -> T:
            tx.run(WRITE_LOCK).consume()
            return work(_Transaction(tx, self.batch_size))

        return self._write(run)

    def clear(self) -> None:
        """Delete every entity and relation, in batches, and change the version."""

        def work(tx: Any) -> int:
            tx.run(BUMP_VERSION).consume()
            return tx.run(
                "MATCH (n:Entity) WITH n LIMIT $size DETACH DELETE n RETURN count(*) AS n",
                size=self.batch_size,
            ).single()["n"]

        while self._write(work) == self.batch_size:
            pass


class _Transaction:
    """A Neo4j write transaction seen through the store interface."""

    def __init__(self, tx: Any, batch_size: int):
        self.tx, self.batch_size = tx, batch_size

    def get_many(self, ids: Iterable[str]) -> dict[str, Node]:
        ids = list(set(ids))
        return nodes_in(self.tx, ids) if ids else {}

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        keys = list(set(keys))
        return relations_in(self.tx, keys) if keys else {}

    def write(
        self,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        planned = plan_writes(nodes, relations, delete_nodes, delete_relations)
        write_changes(self.tx, planned, self.batch_size)
