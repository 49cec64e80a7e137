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

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, Query, Session
from neo4j import graph as neo4j_graph
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import (
    DiplomapError,
    InvalidData,
    QueryRejected,
    SettingError,
    StoreUnavailable,
)
from graph.model import LABELS, REL_TYPES, Node, Relation
from graph.stores.base import RelKey, Store

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "cypher" / "schema.cypher"
_LABELS = frozenset(LABELS)
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_DB_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
_READ_ONLY = "Neo.ClientError.Statement.AccessMode"
_TIMED_OUT = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)

_BUMP_VERSION = (
    "MERGE (m:DiplomapMeta {key: 'version'}) "
    "ON CREATE SET m.value = 0, m.epoch = randomUUID() "
    "SET m.value = m.value + 1"
)
_REL_COLUMNS = (
    "startNode(r).id AS start, type(r) AS type, endNode(r).id AS end, properties(r) AS props"
)


def _label(name: str) -> str:
    if name not in _LABELS:
        raise InvalidData(f"unknown label {name!r}", hint=f"use one of {', '.join(LABELS)}")
    return name


def _rel_type(name: str) -> str:
    if name not in REL_TYPES:
        raise InvalidData(
            f"unknown relationship type {name!r}", hint=f"use one of {', '.join(REL_TYPES)}"
        )
    return name


def _node(n: neo4j_graph.Node) -> Node:
    props = dict(n)
    nid = props.pop("id")
    return Node(nid, next((lb for lb in n.labels if lb in _LABELS), "Entity"), props)


def _relation(record: Any) -> Relation:
    return Relation(record["type"], record["start"], record["end"], dict(record["props"]))


def _check_storable(owner: str, props: dict[str, Any]) -> None:
    """Neo4j stores lists of one type only; say so before the server does."""
    for key, value in props.items():
        if isinstance(value, list) and len({type(v) for v in value}) > 1:
            raise InvalidData(
                f"{owner}.{key}: a list mixes {', '.join(sorted({type(v).__name__ for v in value}))}",
                hint="Neo4j stores lists of one type only",
            )


def _plain(value: Any) -> Any:
    """A query result value as plain data (nodes and relations as in ``to_dict``)."""
    if isinstance(value, neo4j_graph.Node):
        props = {k: _plain(v) for k, v in value.items()}
        label = next((lb for lb in value.labels if lb in _LABELS), None)
        return {
            "id": props.pop("id", value.element_id),
            "label": label or sorted(value.labels),
            **props,
        }
    if isinstance(value, neo4j_graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node and value.start_node.get("id"),
            "end": value.end_node and value.end_node.get("id"),
            **{k: _plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relations": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)  # temporal and spatial values


def _batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


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
        """Translate driver errors into :mod:`graph.errors` (``query``: a user's query)."""
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} refused the credentials of user {self.user!r}",
                hint="check NEO4J_USER and NEO4J_PASSWORD",
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            self._reachable = False
            raise StoreUnavailable(
                f"Neo4j is not reachable at {self.uri}",
                hint="start it with `docker compose up -d neo4j` or `tools/neo4j/neo4j-local start`, "
                "or set NEO4J_URI",
            ) from exc
        except ClientError as exc:
            if exc.code == _DB_NOT_FOUND:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has no database {self.database!r}",
                    hint="set NEO4J_DATABASE to an existing database "
                    "(Neo4j Community has only `neo4j`)",
                ) from exc
            if exc.code in _TIMED_OUT:
                raise QueryRejected(
                    f"the query ran out of time: {exc.message}",
                    hint="narrow the query, or raise DIPLOMAP_QUERY_TIMEOUT",
                ) from exc
            if query:
                hint = (
                    "the console runs read-only queries: MATCH ... RETURN, no CREATE, MERGE, "
                    "SET or DELETE"
                    if exc.code == _READ_ONLY
                    else None
                )
                raise QueryRejected(exc.message or str(exc), hint=hint) from exc
            raise InvalidData(f"Neo4j refused the operation: {exc.message}") from exc
        except (Neo4jError, DriverError) as exc:
            raise DiplomapError(f"Neo4j failed: {exc}") from exc

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
        if not ids:
            return {}
        rows = self._rows("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n", ids=ids)
        return {(n := _node(r["n"])).id: n for r in rows}

    def get_relations(self, keys: Iterable[RelKey]) -> dict[RelKey, Relation]:
        keys = list(set(keys))
        if not keys:
            return {}
        rows = self._rows(
            "UNWIND $keys AS k MATCH (a:Entity {id: k[0]})-[r]->(b:Entity {id: k[2]}) "
            f"WHERE type(r) = k[1] RETURN {_REL_COLUMNS}",
            keys=[list(k) for k in keys],
        )
        return {(rel := _relation(r)).key: rel for r in rows}

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        if label is not None and label not in _LABELS:
            return iter(())
        rows = self._rows(f"MATCH (n:{label or 'Entity'}) RETURN n ORDER BY n.id")
        return (_node(r["n"]) for r in rows)

    def relations(self, type: str | None = None) -> Iterator[Relation]:
        if type is not None and type not in REL_TYPES:
            return iter(())
        pattern = f"[r:{type}]" if type else "[r]"
        rows = self._rows(
            f"MATCH (:Entity)-{pattern}->(:Entity) RETURN {_REL_COLUMNS} ORDER BY start, type, end"
        )
        return (_relation(r) for r in rows)

    def relations_of(self, ids: Iterable[str]) -> list[Relation]:
        ids = list(set(ids))
        if not ids:
            return []
        rows = self._rows(
            "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(:Entity) "
            f"RETURN DISTINCT {_REL_COLUMNS}",
            ids=ids,
        )
        return list({(rel := _relation(r)).key: rel for r in rows}.values())

    def counts(self) -> dict[str, int]:
        parts = [f"MATCH (n:{_label(lb)}) RETURN '{lb}' AS key, count(n) AS n" for lb in LABELS]
        parts += [
            f"MATCH ()-[r:{_rel_type(t)}]->() RETURN '{t}' AS key, count(r) AS n" for t in REL_TYPES
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
                rows.append([_plain(v) for v in record.values()])
            result.consume()
        return columns, rows, truncated

    # -- writes --------------------------------------------------------------------------
    def _commit(
        self,
        nodes: list[Node],
        relations: list[Relation],
        delete_nodes: list[str],
        delete_relations: list[RelKey],
    ) -> None:
        by_label: dict[str, list[dict]] = defaultdict(list)
        for n in nodes:
            _check_storable(n.label, n.props)
            by_label[_label(n.label)].append({"id": n.id, "props": {**n.props, "id": n.id}})
        by_type: dict[str, list[dict]] = defaultdict(list)
        for r in relations:
            _check_storable(r.type, r.props)
            by_type[_rel_type(r.type)].append({"start": r.start, "end": r.end, "props": r.props})
        dels_by_type: dict[str, list[list[str]]] = defaultdict(list)
        for start, type_, end in delete_relations:
            dels_by_type[_rel_type(type_)].append([start, end])
        if not self._schema_ready:
            self.init_schema()

        def work(tx: Any) -> None:
            tx.run(_BUMP_VERSION).consume()  # first: it also serialises concurrent commits
            for label, rows in by_label.items():
                for batch in _batches(rows, self.batch_size):
                    # SET inside ON CREATE / ON MATCH: the planner needs no Eager step.
                    tx.run(
                        f"UNWIND $rows AS row MERGE (n:Entity {{id: row.id}}) "
                        f"ON CREATE SET n:{label}, n = row.props ON MATCH SET n = row.props",
                        rows=batch,
                    ).consume()
            for type_, rows in by_type.items():
                for batch in _batches(rows, self.batch_size):
                    self._write_relations(tx, type_, batch)
            for type_, rows in dels_by_type.items():
                for batch in _batches(rows, self.batch_size):
                    tx.run(
                        f"UNWIND $rows AS k MATCH (:Entity {{id: k[0]}})-[r:{type_}]->"
                        "(:Entity {id: k[1]}) DELETE r",
                        rows=batch,
                    ).consume()
            for batch in _batches(delete_nodes, self.batch_size):
                tx.run(
                    "UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n", ids=batch
                ).consume()

        self._write(work)

    def _write_relations(self, tx: Any, type_: str, rows: list[dict]) -> None:
        """MERGE one batch of ``type_`` relations on (start, type, end); all endpoints must exist."""
        written = tx.run(
            f"UNWIND $rows AS row MATCH (a:Entity {{id: row.start}}) "
            f"MATCH (b:Entity {{id: row.end}}) MERGE (a)-[r:{_rel_type(type_)}]->(b) "
            "SET r = row.props RETURN count(r) AS n",
            rows=rows,
        ).single()["n"]
        if written != len(rows):
            raise InvalidData(
                f"{len(rows) - written} {type_} relations refer to entities "
                "that are not in the graph"
            )

    def clear(self) -> None:
        """Delete every entity and relation, in batches, and change the version."""

        def work(tx: Any) -> int:
            tx.run(_BUMP_VERSION).consume()
            return tx.run(
                "MATCH (n:Entity) WITH n LIMIT $size DETACH DELETE n RETURN count(*) AS n",
                size=self.batch_size,
            ).single()["n"]

        while self._write(work) == self.batch_size:
            pass
