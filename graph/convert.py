"""Conversion between store records and networkx graphs.

>>> from graph.model import Node, Relation
>>> G = to_networkx([Node("a", "City", {"name": "A"}), Node("n", "Network", {"name": "N"})],
...                 [Relation("MEMBER_OF", "a", "n", {"since": "2013"})])
>>> G.nodes["a"]["label"], G.edges["a", "n", "MEMBER_OF"]["since"]
('City', '2013')
>>> [n.id for n in from_networkx(G)[0]]
['a', 'n']
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import Node, Relation


def to_networkx(nodes: Iterable[Node], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """Build a MultiDiGraph: node attrs = props + ``label``, edge key = relationship type."""
    G = nx.MultiDiGraph()
    G.add_nodes_from((n.id, {**n.props, "label": n.label}) for n in nodes)
    G.add_edges_from((r.start, r.end, r.type, {**r.props, "type": r.type}) for r in relations)
    return G


def from_networkx(G: nx.MultiDiGraph) -> tuple[list[Node], list[Relation]]:
    """The inverse of :func:`to_networkx`."""
    nodes = [
        Node(n, d["label"], {k: v for k, v in d.items() if k != "label"})
        for n, d in G.nodes(data=True)
    ]
    rels = [
        Relation(k, u, v, {a: b for a, b in d.items() if a != "type"})
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    return nodes, rels
