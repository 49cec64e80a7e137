"""Server-side positions for large explorer views, so the browser draws without physics.

A view of a few hundred entities settles slowly with vis-network's client-side
physics; computing a seeded spring layout here once (and caching it with the
view) lets the browser draw at once, with the same picture for everyone.

:func:`positions` starts from :func:`radial_layout` (rings by distance from the
focus, pure Python, O(n)) and relaxes it with :func:`spring`, the Fruchterman-
Reingold force model of ``nx.spring_layout`` vectorised with numpy, the focus
pinned at the centre. Deterministic: no random start. Without numpy the radial
layout is used as it is.

>>> import networkx as nx
>>> pos = radial_layout(nx.path_graph(["a", "b", "c"]), "a", {"a": 0, "b": 1, "c": 2})
>>> pos["a"], round(pos["c"][0]) > round(pos["b"][0]) >= 0
((0.0, 0.0), True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

#: Views with more entities than this are laid out here unless asked otherwise.
SERVER_LAYOUT_FROM = 120
#: Pixels between neighbouring rings of the radial layout.
RING = 180.0
#: Steps of the spring layout after the radial start.
ITERATIONS = 40


def spread(n: int) -> float:
    """The scale of a layout of ``n`` entities in canvas pixels (grows like sqrt(n))."""
    return max(300.0, 70.0 * math.sqrt(max(n, 1)))


def positions(
    G: nx.Graph, focus: str | None = None, distance: dict[str, int] | None = None
) -> dict[str, tuple[float, float]]:
    """Seeded positions (canvas pixels) for every node of ``G``; ``focus`` at the centre."""
    if len(G) == 0:
        return {}
    start = radial_layout(G, focus, distance or {})
    try:
        import numpy as np
    except ImportError:
        return start
    nodes = list(G)
    moved = spring(
        np,
        nodes,
        G,
        np.array([start[n] for n in nodes], dtype=float),
        pinned=nodes.index(focus) if focus in G else None,
    )
    return {
        n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, moved, strict=True)
    }


def spring(
    np, nodes: list[str], G: nx.Graph, pos, pinned: int | None = None, iterations: int = ITERATIONS
):
    """Fruchterman-Reingold, vectorised with numpy (the dense form of ``nx.spring_layout``).

    Starts from ``pos`` (the radial layout, so few iterations are needed), keeps
    ``pinned`` in place, and scales the result to :func:`spread`. networkx's own
    version switches to a SciPy sparse solver at 500 nodes, which is slower here and
    would add SciPy as a dependency.
    """
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = np.zeros((n, n), dtype=np.float32)
    for u, v in G.edges():
        adjacency[index[u], index[v]] = adjacency[index[v], index[u]] = 1.0
    size = spread(n)
    pos = (pos / max(float(np.abs(pos).max()), 1e-9) * size).astype(np.float32)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    k = np.float32(size * 2.2 / np.sqrt(n))  # ideal distance between neighbours
    temperature = size / 8
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = (
            k * k / d2 - adjacency * np.sqrt(d2) / k
        )  # repulsion minus attraction, over distance
        mx, my = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        length = np.maximum(np.sqrt(mx * mx + my * my), np.float32(0.01))
        step = np.minimum(length, temperature) / length
        if pinned is not None:
            step[pinned] = 0.0
        x, y = x + mx * step, y + my * step
        temperature *= 0.92
    cx, cy = (x[pinned], y[pinned]) if pinned is not None else (x.mean(), y.mean())
    x, y = x - cx, y - cy
    scale = size / max(float(np.abs(x).max()), float(np.abs(y).max()), 1e-9)
    return np.stack([x * scale, y * scale], axis=1)


def radial_layout(
    G: nx.Graph, focus: str | None, distance: dict[str, int], unit: float = RING
) -> dict[str, tuple[float, float]]:
    """Rings around ``focus`` by distance; nodes without a distance on an outer ring."""
    rings: dict[int, list[str]] = {}
    outer = max(distance.values(), default=0) + 1
    for n in G:
        d = 0 if n == focus else distance.get(n, outer)
        if n != focus and d == 0:
            d = outer
        rings.setdefault(d, []).append(n)
    pos: dict[str, tuple[float, float]] = {}
    for d, members in sorted(rings.items()):
        if d == 0 and len(members) == 1:
            pos[members[0]] = (0.0, 0.0)
            continue
        members.sort(key=str)
        radius = unit * max(d, 1) * max(1.0, len(members) / (8.0 * max(d, 1)))
        for i, n in enumerate(members):
            angle = 2 * math.pi * i / len(members)
            pos[n] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return pos


def undirected(nodes: Iterable[str], edges: Iterable[dict]) -> nx.Graph:
    """A simple undirected graph of a view, for the layout."""
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((e["from"], e["to"]) for e in edges)
    return H
