"""Running one query in a read transaction that Neo4j itself keeps read-only, with a time limit."""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
)

from graph.console.results import ConsoleResult, ResultGraph, endpoints_missing
from graph.stores.neo4j_errors import query_timed_out, translate

EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def unprefix(message: str) -> str:
    """A server message about ``EXPLAIN <query>``, with positions in the user's query.

    >>> print(unprefix('Invalid input (line 1, column 18 (offset: 17))\\n"EXPLAIN MATCH (n RETURN n"\\n'
    ...                 '                 ^'))
    Invalid input (line 1, column 10 (offset: 9))
    "MATCH (n RETURN n"
             ^
    """

    def shift(m: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in m.groups())
        column -= len(EXPLAIN) if line == 1 else 0
        return f"(line {line}, column {column} (offset: {max(offset - len(EXPLAIN), 0)}))"

    lines = _POSITION.sub(shift, message).split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + EXPLAIN):
            lines[i] = '"' + line[len(EXPLAIN) + 1 :]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * len(EXPLAIN)):
                lines[i + 1] = lines[i + 1][len(EXPLAIN) :]
    return "\n".join(lines)


def _rollback(tx: neo4j.Transaction) -> None:
    """Close a read transaction without committing; an error here adds nothing to the first."""
    try:
        tx.close()
    except (Neo4jError, DriverError):
        pass


#: Seconds the client waits for the server beyond the time limit before it gives up.
CLIENT_GRACE = 0.75


def execute_read(
    driver: neo4j.Driver,
    database: str,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
    row_cap: int | None = None,
    query_type: str = "r",
) -> ConsoleResult:
    """Run ``query`` as is in a READ transaction with a time limit that always holds; no checks.

    This is the last gate: Neo4j refuses writes here whatever the query says. The limit
    holds three ways: the server's transaction timeout (``timeout``); a query that comes
    back only after the limit (a procedure that caught its termination and returned
    normally) counts as timed out, never as a full result; and the client stops waiting
    ``CLIENT_GRACE`` seconds after the limit, asks the server to terminate the
    transaction, and reports the time-out.
    """
    if not timeout:
        return _execute_read(driver, database, query, params, None, row_cap, query_type, None)
    tag = secrets.token_hex(8)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = _execute_read(
                driver, database, query, params, timeout, row_cap, query_type, tag
            )
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="diplomap-console-query", daemon=True)
    worker.start()
    worker.join(timeout + CLIENT_GRACE)
    if worker.is_alive():
        _terminate(driver, database, tag)
        raise query_timed_out(timeout)
    if "error" in outcome:
        raise outcome["error"]
    result: ConsoleResult = outcome["result"]
    if result.elapsed_ms > timeout * 1000:
        raise query_timed_out(timeout)
    return result


def _terminate(driver: neo4j.Driver, database: str, tag: str) -> None:
    """Ask the server to end the console transaction tagged ``tag`` (best effort)."""
    try:
        with driver.session(database=database) as session:
            ids = [
                r["id"]
                for r in session.run(
                    "SHOW TRANSACTIONS YIELD transactionId AS id, metaData "
                    "WHERE metaData.diplomap_console = $tag RETURN id",
                    tag=tag,
                )
            ]
            if ids:
                session.run("TERMINATE TRANSACTIONS $ids", ids=ids).consume()
    except (Neo4jError, DriverError):
        pass


def _execute_read(
    driver: neo4j.Driver,
    database: str,
    query: str,
    params: Mapping[str, Any] | None,
    timeout: float | None,
    row_cap: int | None,
    query_type: str,
    tag: str | None,
) -> ConsoleResult:
    cap = row_cap if row_cap and row_cap > 0 else None
    started = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            metadata = {"diplomap_console": tag} if tag else None
            tx = session.begin_transaction(timeout=timeout, metadata=metadata)
            try:
                result = tx.run(query, dict(params or {}))
                columns = list(result.keys())
                records = result.fetch(cap + 1) if cap else list(result)
                truncated = bool(cap) and len(records) > cap
                records = records[:cap] if cap else records
                summary = result.consume()
                elapsed = (time.perf_counter() - started) * 1000
                missing = endpoints_missing(records)
                extra = {}
                if missing:
                    found = tx.run(
                        "MATCH (n) WHERE elementId(n) IN $ids RETURN n", ids=list(missing)
                    )
                    extra = {r["n"].element_id: r["n"] for r in found}
            finally:
                _rollback(tx)
    except (Neo4jError, DriverError) as exc:
        raise translate(exc, timeout=timeout, query=True) from exc
    g = ResultGraph(extra)
    rows = [[g.value(v) for v in record.values()] for record in records]
    nodes, edges = g.drawable()
    notices = [s.status_description for s in summary.gql_status_objects if s.is_notification]
    return ConsoleResult(
        columns, rows, truncated, round(elapsed, 1), query_type, nodes, edges, notices, cap
    )
