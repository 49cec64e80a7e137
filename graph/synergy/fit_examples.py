"""The examples a weight fit learns from: hidden partners against best-ranked and random cities.

:func:`examples` measures every part for every city of each inner query of
:func:`graph.synergy.fit.fit_weights` and keeps, per query, its hidden partners (positives),
the best-ranked other cities under the weights it is given (hard negatives; the fit gives
every part the same weight) and cities drawn at random (case-control sampling: each stands
for many, which the log sampling weight records).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import replace

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.focus import make_focus
from graph.synergy.vector import city_parts
from graph.synergy.weights import Weights


def examples(
    inner: nx.MultiDiGraph,
    hidden: Mapping[str, set[str]],
    chosen: list[str],
    base: Weights,
    *,
    seed: int,
    negatives: int,
    hard: int,
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(part names, X, y, query, log sampling weight) of each example, for ``chosen`` queries.

    Parameters
    ----------
    inner : MultiDiGraph
        The inner training graph.
    hidden : mapping
        Its hidden partners by city.
    chosen : list of str
        The query cities.
    base : Weights
        Constants of the parts; its weights rank the hard negatives.
    seed, negatives, hard : the draw, random and best-ranked non-partners per query.

    Returns
    -------
    tuple
        Part names, the examples by parts, 1 for a hidden partner, the query of each row
        and the log of its sampling weight (0 for the positives and the hard negatives).
    """
    idx = index(inner)
    T = idx.ties
    rng = random.Random(seed + 7)
    on = replace(base, **{p: 1.0 for p in Weights.PARTS})
    names = list(Weights.PARTS)
    rows, labels, groups, offsets = [], [], [], []
    for q, u in enumerate(chosen):
        f = make_focus(inner, u, weights=on)
        table, parts = city_parts(idx, f, on)
        skip = {table.pos[c] for c in {u, *T[u], *f.exclude} if c in table.pos}
        positive = sorted(table.pos[c] for c in hidden[u] if c in table.pos)
        # Hard negatives (the top of the current ranking) and random ones: a ranking is
        # decided among the best candidates, not between them and any city at random.
        score = sum(getattr(base, name) * values for name, values in parts.items())
        score[list(skip | set(positive))] = -np.inf
        top = np.argpartition(-score, min(hard, len(score) - 1))[:hard]
        negative = [int(r) for r in top if np.isfinite(score[r])]
        taken = set(negative) | skip | set(positive)
        pool = rng.sample(range(len(table)), min(len(table), negatives + len(taken)))
        drawn = [r for r in pool if r not in taken][:negatives]
        weight = np.log(max(len(table) - len(taken), 1) / max(len(drawn), 1))
        offsets += [0.0] * (len(positive) + len(negative)) + [weight] * len(drawn)
        negative += drawn
        picked = np.array(positive + negative, int)
        block = np.zeros((len(picked), len(names)))
        for j, name in enumerate(names):
            if name in parts:
                block[:, j] = parts[name][picked]
        rows.append(block)
        labels += [1.0] * len(positive) + [0.0] * len(negative)
        groups += [q] * len(picked)
    if not rows:
        return names, np.zeros((0, len(names))), np.zeros(0), np.zeros(0, int), np.zeros(0)
    return names, np.vstack(rows), np.array(labels), np.array(groups, int), np.array(offsets)
