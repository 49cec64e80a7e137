"""Copy a graph from one store to another, idempotently.

``sync(source, target)`` upserts every node and relation of ``source`` into
``target`` in one transaction; run twice, the second run changes nothing. With
``mirror=True`` it also deletes what ``target`` has and ``source`` has not, so
the two end up equal.

>>> import tempfile
>>> from graph.model import Node
>>> from graph.stores.base import ChangeSet
>>> from graph.stores.embedded import EmbeddedStore
>>> with tempfile.TemporaryDirectory() as d:
...     a, b = EmbeddedStore(d + "/a.sqlite"), EmbeddedStore(d + "/b.sqlite")
...     _ = a.apply(ChangeSet(nodes=[Node("city-tr-antalya", "City", {"name": "Antalya"})]))
...     first, second = sync(a, b), sync(a, b)
...     a.close(); b.close()
>>> first.counts("node")["create"], second.counts("node")["unchanged"]
(1, 1)
"""

from __future__ import annotations

from graph.model import Node, Relation
from graph.stores.base import Store
from graph.stores.changes import ChangeSet, WriteResult


def sync(
    source: Store, target: Store, *, mirror: bool = False, dry_run: bool = False
) -> WriteResult:
    """Copy every node and relation of ``source`` into ``target`` in one write (``mirror`` also deletes what ``source`` lacks)."""
    nodes = [
        Node(n.id, n.label, {k: v for k, v in n.props.items() if k != "updated_at"})
        for n in source.nodes()
    ]
    rels = [
        Relation(r.type, r.start, r.end, {k: v for k, v in r.props.items() if k != "updated_at"})
        for r in source.relations()
    ]
    changes = ChangeSet(nodes=nodes, relations=rels, replace=True)
    if mirror:
        keep_nodes = {n.id for n in nodes}
        keep_rels = {r.key for r in rels}
        changes.delete_nodes = [n.id for n in target.nodes() if n.id not in keep_nodes]
        gone = set(changes.delete_nodes)
        changes.delete_relations = [
            r.key
            for r in target.relations()
            if r.key not in keep_rels and r.start not in gone and r.end not in gone
        ]
    return target.apply(changes, dry_run=dry_run)
