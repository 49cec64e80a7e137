"""The one translation of Neo4j driver errors into Diplomap's errors, with a next step.

The store (:mod:`graph.stores.neo4j_store`) and the Cypher console (:mod:`graph.console.run`)
both call :func:`translate`, so a user sees the same message for the same failure wherever
it happens. Driver exceptions never cross this boundary.

>>> from neo4j.exceptions import ServiceUnavailable
>>> err = translate(ServiceUnavailable("boom"), uri="bolt://127.0.0.1:7687")
>>> type(err).__name__, err.message
('StoreUnavailable', 'Neo4j is not reachable at bolt://127.0.0.1:7687')
"""

from __future__ import annotations

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import DiplomapError, InvalidData, QueryRejected, StoreUnavailable

#: What to do when no Neo4j answers.
START_NEO4J = (
    "start Neo4j with `tools/neo4j/neo4j-local start`, then set NEO4J_URI to the "
    "address it prints and DIPLOMAP_BACKEND=neo4j (or `docker compose up -d neo4j`)"
)
#: What the console accepts.
READ_ONLY_HINT = (
    "the console runs read-only queries: MATCH ... RETURN, no CREATE, MERGE, SET, DELETE, "
    "LOAD CSV or write procedures"
)
DB_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
READ_ONLY_CODES = ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden")


def timed_out(code: str) -> bool:
    """True for the codes Neo4j uses when a transaction ran out of time or was terminated."""
    return "TimedOut" in code or code.endswith("Transaction.Terminated")


def translate(
    exc: Exception,
    *,
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    timeout: float | None = None,
    query: bool = False,
) -> Exception:
    """``exc`` as a :class:`~graph.errors.DiplomapError` that says what to do next.

    Parameters
    ----------
    exc : Exception
        What the driver raised; anything that is not a driver error is returned as it is.
    uri, user, database : str, optional
        Where the store was connecting, to name it in the message.
    timeout : float, optional
        The time limit the query ran under, to name it when the query ran out of time.
    query : bool
        True for a user's query (the console, a saved query): a refused statement is then a
        :class:`~graph.errors.QueryRejected` rather than :class:`~graph.errors.InvalidData`.
    """
    where = f" at {uri}" if uri else ""
    if isinstance(exc, AuthError):
        who = f" of user {user!r}" if user else ""
        return StoreUnavailable(
            f"Neo4j{where} refused the credentials{who}",
            hint="check NEO4J_USER and NEO4J_PASSWORD",
        )
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        return StoreUnavailable(f"Neo4j is not reachable{where}", hint=START_NEO4J)
    if isinstance(exc, Neo4jError):
        code, message = exc.code or "", exc.message or str(exc)
        if code == DB_NOT_FOUND:
            return StoreUnavailable(
                f"Neo4j{where} has no database {database!r}",
                hint="set NEO4J_DATABASE to an existing database (Neo4j Community has only `neo4j`)",
            )
        if timed_out(code):
            return query_timed_out(timeout)
        if code in READ_ONLY_CODES:
            return QueryRejected(
                f"Neo4j refused to write in a read-only transaction: {message}",
                hint=READ_ONLY_HINT,
            )
        if isinstance(exc, ClientError):
            if query:
                return QueryRejected(
                    message,
                    hint="see the Cypher manual, or `diplomap cypher list` "
                    "for saved queries to start from",
                )
            return InvalidData(f"Neo4j refused the operation: {message}")
        return DiplomapError(f"Neo4j failed: {message}")
    if isinstance(exc, DriverError):
        return DiplomapError(f"the Neo4j driver failed: {exc}")
    return exc


def query_timed_out(timeout: float | None) -> QueryRejected:
    """The error of a query stopped at its time limit (by the server or by the client)."""
    limit = f"{timeout:g} s" if timeout is not None else "the time limit"
    error = QueryRejected(
        f"timed out: stopped after {limit} (DIPLOMAP_QUERY_TIMEOUT); no result is shown",
        hint="narrow the query (a LIMIT, a filter on id) or raise DIPLOMAP_QUERY_TIMEOUT",
    )
    error.timed_out = True  # type: ignore[attr-defined]
    return error
