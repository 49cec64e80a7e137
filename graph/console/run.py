"""The Cypher console: read-only queries on Neo4j, enforced by the database.

A query goes through three gates, each of which raises
:class:`~graph.errors.QueryRejected` with the reason:

1. **The plan.** ``EXPLAIN <query>`` (with its parameters) in a read transaction: the
   server's ``query_type`` must be ``r`` (``w``, ``rw`` and ``s`` are refused), and no
   operator of the plan may load files or URLs (``LoadCSV``), run inner transactions
   (``CALL {...} IN TRANSACTIONS``), show settings or transactions or kill them, or call a
   procedure outside the allowed ones: ``dbms.*``, ``tx.*``, ``db.*`` admin procedures
   (``db.createLabel``, ``db.index.*.create*``, ``db.clearQueryCaches``...), APOC's write,
   load, import, export, periodic, ``cypher.run*`` and trigger families, any procedure
   the server reports in mode WRITE, SCHEMA or DBMS, and procedures of unknown plugins.
2. **The text**, a second line only: ``LOAD CSV``, ``IN TRANSACTIONS``, write and admin
   keywords and those procedure names, outside strings and comments.
3. **The database.** The query runs in an explicit READ transaction
   (``default_access_mode=READ_ACCESS``), so Neo4j itself refuses any write that got
   past the checks, with the server-side transaction timeout ``DIPLOMAP_QUERY_TIMEOUT``
   (``begin_transaction(timeout=...)``: the server stops the query; an explicit
   transaction also makes the server refuse ``IN TRANSACTIONS``). At most
   ``DIPLOMAP_ROW_CAP`` rows are fetched (``cap + 1`` to know whether there were more);
   the transaction is then rolled back.

Values only reach Neo4j as ``$parameters``. Results come back as a
:class:`ConsoleResult` of JSON-safe values, with the nodes and relationships found
in them collected for drawing.

The checks of gates 1 and 2 live in :mod:`graph.console.checks` (their names
are re-exported here).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
)

from graph.console.checks import (
    _CALLED,
    check_plan,
    check_text,
    plan_operators,
)
from graph.console.execute import EXPLAIN, execute_read, unprefix
from graph.console.library import SavedQuery, strip_literals
from graph.console.results import ConsoleResult
from graph.errors import QueryRejected, SettingError
from graph.stores.neo4j_errors import START_NEO4J, translate

# The driver logs every server notification; the console returns them in the result instead.
logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())

#: Saved-query parameters filled from a setting when the caller gives none.
SETTING_DEFAULTS = {"home": "DIPLOMAP_HOME", "months": "DIPLOMAP_DORMANT_MONTHS"}


# -- running -------------------------------------------------------------------------------
class Console:
    """Read-only Cypher on one Neo4j database, with a time limit and a row cap.

    >>> Console.for_store(type("S", (), {"backend": "embedded"})(), {})
    Traceback (most recent call last):
    ...
    graph.errors.QueryRejected: Cypher queries need the Neo4j backend; this one is embedded
      -> start Neo4j with `tools/neo4j/neo4j-local start`, ...
    """

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str = "neo4j",
        *,
        timeout: float | None = 10.0,
        row_cap: int | None = 1000,
        defaults: Mapping[str, Any] | None = None,
    ):
        # Neo4j reads a timeout of 0 as "no limit", and a cap of 0 would mean no cap: refuse both.
        if timeout is not None and not timeout > 0:
            raise SettingError(
                f"DIPLOMAP_QUERY_TIMEOUT={timeout} must be more than 0 seconds",
                hint="Neo4j reads 0 as no limit; the default is 10",
            )
        if row_cap is not None and row_cap < 1:
            raise SettingError(
                f"DIPLOMAP_ROW_CAP={row_cap} must be at least 1", hint="the default is 1000"
            )
        self.driver, self.database = driver, database
        self.timeout, self.row_cap = timeout, row_cap
        self.defaults = dict(defaults or {})
        self._modes: dict[str, str] | None = None

    @classmethod
    def for_store(cls, store: Any, settings: Mapping[str, Any]) -> Console:
        """The console of a store; only a Neo4j store has one."""
        if getattr(store, "backend", None) != "neo4j":
            raise QueryRejected(
                f"Cypher queries need the Neo4j backend; this one is {getattr(store, 'backend', 'unknown')}",
                hint=START_NEO4J,
            )
        driver = getattr(store, "driver", None) or store._driver
        defaults = {
            p: settings.get(s) for p, s in SETTING_DEFAULTS.items() if settings.get(s) is not None
        }
        return cls(
            driver,
            store.database,
            timeout=settings.get("DIPLOMAP_QUERY_TIMEOUT"),
            row_cap=settings.get("DIPLOMAP_ROW_CAP"),
            defaults=defaults,
        )

    # -- the gates ---------------------------------------------------------------------
    def procedure_modes(self) -> dict[str, str]:
        """Procedure name -> mode (READ, DEFAULT, WRITE, SCHEMA, DBMS), as the server says."""
        if self._modes is None:
            try:
                result = execute_read(
                    self.driver,
                    self.database,
                    "SHOW PROCEDURES YIELD name, mode RETURN name, mode",
                    timeout=self.timeout,
                )
                self._modes = {name: mode for name, mode in result.rows}
            except QueryRejected:
                self._modes = {}  # the name rules still apply
        return self._modes

    def explain(self, query: str, params: Mapping[str, Any] | None = None) -> tuple[str, dict]:
        """``(query_type, plan)`` of ``EXPLAIN query``, in a read transaction."""
        try:
            with self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                notifications_min_severity="OFF",
            ) as session:
                with session.begin_transaction(timeout=self.timeout) as tx:
                    summary = tx.run(EXPLAIN + query, dict(params or {})).consume()
        except (Neo4jError, DriverError) as exc:
            found = translate(exc, timeout=self.timeout, query=True)
            if isinstance(found, QueryRejected):
                found.message = unprefix(found.message)
                found.args = (found.message,)
            raise found from exc
        return summary.query_type or "?", summary.plan or {}

    def check(self, query: str, params: Mapping[str, Any] | None = None) -> str:
        """Refuse ``query`` unless it is read-only (plan, then text); return its query type."""
        if not query or not query.strip():
            raise QueryRejected(
                "the query is empty", hint="write a query, e.g. MATCH (c:City) RETURN c LIMIT 10"
            )
        words = strip_literals(query).split(None, 1)
        first = words[0].upper() if words else ""
        if first in ("EXPLAIN", "PROFILE"):
            raise QueryRejected(
                f"{first} is not available in the console",
                hint=f"run the query without {first}; the console checks its plan itself",
            )
        query_type, plan = self.explain(query, params)
        names = {m.group(1) for _, d in plan_operators(plan) for m in _CALLED.finditer(d)}
        check_plan(query_type, plan, self.procedure_modes() if names else {})
        check_text(query)
        return query_type

    # -- running -------------------------------------------------------------------------
    def run(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        row_cap: int | None = None,
    ) -> ConsoleResult:
        """Check ``query`` and run it read-only; raise :class:`QueryRejected` when refused or failed."""
        query_type = self.check(query, params)
        timeout = timeout if timeout is not None else self.timeout
        row_cap = row_cap if row_cap is not None else self.row_cap
        if (timeout is not None and not timeout > 0) or (row_cap is not None and row_cap < 1):
            raise QueryRejected("the time limit must be more than 0 s and the row cap at least 1")
        return execute_read(
            self.driver,
            self.database,
            query,
            params,
            timeout=timeout,
            row_cap=row_cap,
            query_type=query_type,
        )

    def bind(self, saved: SavedQuery, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameters of ``saved``: ``values`` coerced, then setting defaults, then the header's."""
        given = dict(values or {})
        for name, value in self.defaults.items():
            if saved.param(name) is not None and name not in given:
                given[name] = value
        return saved.bind(given)

    def run_saved(
        self, saved: SavedQuery, values: Mapping[str, Any] | None = None, **kw: Any
    ) -> ConsoleResult:
        """Run a saved query with ``values`` (text or typed) for its parameters."""
        return self.run(saved.query, self.bind(saved, values), **kw)


def run_query(
    store: Any, settings: Mapping[str, Any], query: str, params: Mapping[str, Any] | None = None
) -> ConsoleResult:
    """One console query on ``store`` (what a web view calls)."""
    return Console.for_store(store, settings).run(query, params)
