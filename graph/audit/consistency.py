"""Integrity check: does the store obey the model, and does the audit log match the store?

:func:`check` looks for what a lost update or a half-written change would leave behind:

- records that break the model (a bad label, a relation of the wrong kinds, a missing end);
- more than one home city (``is_home``);
- audit entries whose result is not what the store holds: for every record an entry
  wrote, when the stored record still carries the ``updated_at`` that entry gave it, its
  properties must be the ones the entry recorded; a stored ``updated_at`` older than the
  entry's means the entry's write is missing from the store. A newer one is a later
  write (an import, another edit), which is fine.

``diplomap check`` runs it and exits 1 when it finds a problem.

>>> import tempfile
>>> from graph.model import Node
>>> from graph.stores.changes import ChangeSet
>>> from graph.stores.embedded import EmbeddedStore
>>> with tempfile.TemporaryDirectory() as d, EmbeddedStore(d + "/g.sqlite") as s:
...     log = AuditLog(d + "/audit.sqlite")
...     result = s.apply(ChangeSet([Node("city-tr-antalya", "City", {"name": "Antalya", "country": "TR"})]))
...     _ = log.record("editor", "create", "Created Antalya", result, s.backend)
...     check(s, log)
[]
"""

from __future__ import annotations

from typing import Any

from graph.audit.changes import _comparable, key_text
from graph.audit.log import AuditLog
from graph.errors import DiplomapError
from graph.model import validate_node, validate_relation
from graph.stores.base import Store

#: How many audit entries (newest first) :func:`check` compares with the store.
ENTRIES_CHECKED = 10_000


def check(
    store: Store, audit: AuditLog | None = None, *, entries: int = ENTRIES_CHECKED
) -> list[str]:
    """Problems found in ``store`` (and between ``audit`` and ``store``); empty when sound."""
    problems: list[str] = []
    labels: dict[str, str] = {}
    homes = []
    for node in store.nodes():
        labels[node.id] = node.label
        try:
            validate_node(node)
        except DiplomapError as exc:
            problems.append(f"{node.label} {node.id}: {exc.message}")
        if node.props.get("is_home") is True:
            homes.append(node.id)
    if len(homes) > 1:
        problems.append(f"{len(homes)} cities are marked is_home: {', '.join(sorted(homes))}")
    for rel in store.relations():
        try:
            validate_relation(rel, labels)
        except DiplomapError as exc:
            problems.append(f"{rel.type} {key_text(rel.key)}: {exc.message}")
    if audit is not None:
        problems += audit_mismatches(store, audit, entries=entries)
    return problems


def audit_mismatches(store: Store, audit: AuditLog, *, entries: int = ENTRIES_CHECKED) -> list[str]:
    """Audit entries whose recorded result the store does not hold (see the module)."""
    latest: dict[Any, tuple[int, Any]] = {}
    for summary in audit.entries(limit=entries):
        for change in audit.get(summary.id).changes:
            latest.setdefault((change.kind, change.key), (summary.id, change))
    nodes = store.get_many([k for (kind, k) in latest if kind == "node"])
    rels = store.get_relations([k for (kind, k) in latest if kind == "relation"])
    out = []
    for (kind, key), (entry_id, change) in sorted(latest.items(), key=lambda i: i[1][0]):
        stored = nodes.get(key) if kind == "node" else rels.get(key)
        wrote = (change.after or {}).get("updated_at")
        if change.after is None:  # a delete: the record may only exist again from a later write
            continue
        if stored is None:
            continue  # deleted later (deletes outside the log are allowed: imports, sync)
        now = stored.props.get("updated_at")
        if wrote and now and now < wrote:
            out.append(f"audit #{entry_id}: {change.label} {key_text(key)} is older in the store")
        elif now == wrote and _comparable(stored.props) != _comparable(change.after):
            out.append(f"audit #{entry_id}: {change.label} {key_text(key)} differs from the store")
    return out
