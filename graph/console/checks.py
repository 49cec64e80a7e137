"""The console's safety checks: a query's EXPLAIN plan and its text, before it runs.

:func:`check_plan` refuses a plan that is not read-only: its query type, plan
operators that load files, commit inner transactions or administer, and
procedures outside the allowed ones (:func:`procedure_refusal`,
:func:`function_refusal`). :func:`check_text` is the second line, on the text
outside strings and comments. :mod:`graph.console.run` runs both before a query,
inside a READ transaction that Neo4j enforces itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graph.console.library import strip_literals
from graph.errors import QueryRejected
from graph.stores.neo4j_errors import READ_ONLY_HINT

#: Plan operators refused whatever the query type, with the reason.
FORBIDDEN_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS commits inner transactions",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS commits inner transactions",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other users' work",
    "AdministrationCommand": "administration commands are not allowed",
}
#: SHOW commands allowed (schema introspection); every other Show* operator is refused.
ALLOWED_SHOW = frozenset({"ShowProcedures", "ShowFunctions", "ShowIndexes", "ShowConstraints"})
#: Write operators: the query type already says "w", this is the second line.
WRITE_OPERATORS = re.compile(
    r"^(Create|Merge|LockingMerge|Set|Remove|Delete|DetachDelete|Foreach"
    r"|Drop|Alter|Rename|Grant|Deny|Revoke)"
)
#: ``db.*`` procedures the console allows (reading the schema and the indexes).
ALLOWED_DB = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.info",
        "db.ping",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
    }
)
#: Procedures that wait on purpose: apoc.util.sleep even returns normally when its
#: transaction is terminated at the time limit. Nothing an analysis needs.
WAITING = ("apoc.util.sleep", "apoc.util.waitFor")
#: Procedure and function families refused by name (APOC's DEFAULT-mode ones included).
DENIED_PREFIXES = (
    "dbms.",
    "tx.",
    "apoc.create.",
    "apoc.merge.",
    "apoc.refactor.",
    "apoc.periodic.",
    "apoc.cypher.",
    "apoc.trigger.",
    "apoc.load.",
    "apoc.import.",
    "apoc.export.",
    "apoc.atomic.",
    "apoc.lock.",
    "apoc.do.",
    "apoc.log.",
    "apoc.warmup.",
    "apoc.example.",
    "apoc.schema.assert",
    "apoc.nodes.delete",
    "apoc.nodes.link",
    "apoc.graph.fromDocument",
    "apoc.convert.setJsonProperty",
    "apoc.spatial.geocode",
    "apoc.spatial.reverseGeocode",
    "apoc.systemdb.",
    "apoc.custom.",
    "apoc.uuid.",
    "apoc.ttl.",
    *WAITING,
)
#: Namespaces whose procedures may run at all (after the checks above).
ALLOWED_NAMESPACES = ("db.", "apoc.")

_CALLED = re.compile(r"(?<![\w.$`])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*\(")
_TEXT_RULES = (
    (re.compile(r"\bLOAD\s+CSV\b", re.I), "LOAD CSV reads files and URLs"),
    (
        re.compile(r"\bIN\s+(?:\S+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I),
        "CALL { ... } IN TRANSACTIONS commits inner transactions",
    ),
    (
        re.compile(
            r"(?<![\w.$])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|RENAME|GRANT|DENY"
            r"|REVOKE|TERMINATE)(?=[\s(])",
            re.I,
        ),
        "{0} writes or administers the database",
    ),
    (re.compile(r"(?<![\w.$])(dbms|tx)\s*\.\s*\w+", re.I), "{0} procedures administer the server"),
)


def plan_operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """``(operator, details)`` for every operator of an EXPLAIN plan (depth first)."""
    if not plan:
        return
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    args = plan.get("args") or plan.get("arguments") or {}
    yield name, str(args.get("Details") or "")
    for child in plan.get("children") or ():
        yield from plan_operators(child)


def procedure_refusal(name: str, mode: str | None = None) -> str | None:
    """Why the procedure ``name`` (server mode ``mode``) may not run, or None."""
    # Procedure names and modes are ASCII identifiers, not place names: plain lower() is right here.
    low = name.lower()
    if any(low.startswith(p.lower()) for p in WAITING):
        return f"procedure {name} is not allowed in the console (it only waits, and outlives the time limit)"
    if any(low.startswith(p.lower()) for p in DENIED_PREFIXES):
        return f"procedure {name} is not allowed in the console (it writes, loads, exports or administers)"
    if mode and mode.upper() in ("WRITE", "SCHEMA", "DBMS"):
        return f"procedure {name} runs in {mode.upper()} mode; the console is read-only"
    if low.startswith("db.") and name not in ALLOWED_DB:
        return f"procedure {name} is an administration procedure"
    if not low.startswith(ALLOWED_NAMESPACES):
        return (
            f"procedure {name} is not allowed in the console (only db.* and APOC read procedures)"
        )
    return None


def function_refusal(name: str) -> str | None:
    """Why the console refuses the function ``name``, or None when it may run."""
    low = name.lower()
    if any(low.startswith(p.lower()) for p in DENIED_PREFIXES):
        return f"function {name} is not allowed in the console (it runs or loads other queries)"
    return None


def check_plan(
    query_type: str | None, plan: Mapping[str, Any] | None, modes: Mapping[str, str] | None = None
) -> None:
    """Refuse a plan that is not read-only; ``modes`` maps procedure names to server modes."""
    modes = modes or {}
    qtype = query_type or "?"
    if qtype != "r":
        what = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or administers"}
        raise QueryRejected(
            f"refused: the query {what.get(qtype, 'is not read-only')} "
            f"(query type {qtype!r}); the console is read-only",
            hint=READ_ONLY_HINT,
        )
    for op, details in plan_operators(plan):
        if op in FORBIDDEN_OPERATORS:
            raise QueryRejected(
                f"refused: {FORBIDDEN_OPERATORS[op]} (plan operator {op})", hint=READ_ONLY_HINT
            )
        if op.startswith("Show") and op not in ALLOWED_SHOW:
            raise QueryRejected(
                f"refused: {op} is not allowed in the console",
                hint="SHOW PROCEDURES, FUNCTIONS, INDEXES and CONSTRAINTS are",
            )
        if WRITE_OPERATORS.match(op):
            raise QueryRejected(
                f"refused: plan operator {op} writes; the console is read-only", hint=READ_ONLY_HINT
            )
        if op == "ProcedureCall":
            called = _CALLED.search(details)
            name = called.group(1) if called else details.split("(", 1)[0].strip()
            reason = procedure_refusal(name, modes.get(name))
            if reason:
                raise QueryRejected(f"refused: {reason}", hint=READ_ONLY_HINT)
        for fn in _CALLED.findall(details):
            reason = function_refusal(fn)
            if reason:
                raise QueryRejected(f"refused: {reason}", hint=READ_ONLY_HINT)


def check_text(query: str) -> None:
    """The second line: refuse forbidden clauses and procedures by name, outside strings/comments."""
    text = strip_literals(query)
    for rule, reason in _TEXT_RULES:
        found = rule.search(text)
        if found:
            word = re.sub(r"\s+", "", found.group(0)).upper()
            raise QueryRejected(f"refused: {reason.replace('{0}', word)}", hint=READ_ONLY_HINT)
    for name in _CALLED.findall(text):
        reason = function_refusal(name)
        if reason:
            raise QueryRejected(f"refused: {reason.replace('function ', '')}", hint=READ_ONLY_HINT)
