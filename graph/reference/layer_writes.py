"""Writing the reference layer in steps, and the report of what a load or unload did.

The layer is about 180,000 records; :func:`apply_in_steps` writes it in transactions of
:data:`STEP` nodes so that no transaction outlives a Neo4j server's time limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph.stores.base import Store
from graph.stores.changes import Change, ChangeSet


@dataclass
class LayerReport:
    """What a load or unload did: records per label and type, resolved cities, kept records."""

    version: str = ""
    created: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    unchanged: int = 0
    resolved: list[tuple[str, str]] = field(default_factory=list)  # (pack name, store id)
    skipped_pairs: int = 0  # pairs the department already records
    kept: int = 0  # reference records a curated tie uses (unload keeps them)


#: Nodes written per transaction: the layer is ~180,000 records, and a Neo4j server
#: ends transactions that run longer than its ``db.transaction.timeout``.
STEP = 10_000
_ORDER = {"Country": 0, "City": 1}


def apply_in_steps(store: Store, changes: ChangeSet, report: LayerReport) -> None:
    """Apply ``changes`` in transactions of :data:`STEP` nodes, each with its relations.

    Each transaction holds :data:`STEP` nodes (countries first) and the relations that
    reach them, so the store need not look those relations up; then come the deletions.
    Deleting a node deletes its relations on both backends, so only relations between
    nodes that stay are deleted one by one. A run cut short leaves part of the layer;
    running the same command again completes it.

    Parameters
    ----------
    store
        The store to write to.
    changes
        The reference records to write and the keys to delete.
    report
        Where the counts of created, deleted and unchanged records are added.
    """
    nodes = sorted(changes.nodes, key=lambda n: _ORDER.get(n.label, 2))
    steps = [ChangeSet(nodes=nodes[i : i + STEP]) for i in range(0, len(nodes), STEP)]
    where = {n.id: i // STEP for i, n in enumerate(nodes)}
    last = ChangeSet()
    for rel in changes.relations:
        step = max(where.get(rel.start, -1), where.get(rel.end, -1))
        (steps[step] if step >= 0 else last).relations.append(rel)
    gone = set(changes.delete_nodes)
    last.delete_relations = [
        k for k in changes.delete_relations if k[0] not in gone and k[2] not in gone
    ]
    for step in [*steps, last]:
        if step:
            count_changes(store.apply(step).changes, report)
    for i in range(0, len(changes.delete_nodes), STEP):
        count_changes(
            store.apply(ChangeSet(delete_nodes=changes.delete_nodes[i : i + STEP])).changes, report
        )
    cascaded = [k for k in changes.delete_relations if k[0] in gone or k[2] in gone]
    for key in cascaded:
        report.deleted[key[1]] += 1


def count_changes(changes: list[Change], report: LayerReport) -> None:
    """Add the created, deleted and unchanged records of ``changes`` to ``report``.

    Parameters
    ----------
    changes
        What one write did (:attr:`WriteResult.changes`).
    report
        The report to add to.
    """
    for change in changes:
        if change.action == "create":
            report.created[change.label] += 1
        elif change.action == "delete":
            report.deleted[change.label] += 1
        elif change.action == "unchanged":
            report.unchanged += 1
