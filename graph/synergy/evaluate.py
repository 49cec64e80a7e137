"""Measure the ranking: hide known twinning ties, and count how many each method recovers.

The protocol (``docs/synergy.md`` explains the choices):

1. Twinning ties are ``Agreement`` nodes of type ``sister_city`` (or no type) with
   exactly two city parties. A share ``holdout`` of them, drawn with ``seed``, is
   removed; the rest is the training graph. Everything a method sees comes from the
   training graph (ETMUN memberships included, when the data set is combined with it).
2. A query is a city with at least one hidden tie and at least one training tie.
   Its candidates are **every city of the graph** that is not the query or already its
   partner: **the same candidates for every method**. (``hops=3`` gives the former protocol:
   the cities within three steps; hidden partners outside count as misses for every method.)
3. Each method scores the candidates: Diplomap with the score of :func:`graph.synergy.ranking.suggest`
   (the same parts through the same code, :func:`graph.synergy.vector.score_cities`; with
   ``fit=True`` its weights are first fitted on the training graph alone,
   :func:`graph.synergy.fit.fit_weights`), and networkx's
   ``adamic_adar_index``, ``resource_allocation_index``, ``jaccard_coefficient`` and
   ``preferential_attachment`` on the training tie graph.
4. precision@10 = hidden partners in the top 10 / 10; recall@50 = hidden partners in
   the top 50 / hidden partners; MRR = 1 / rank of the first hidden partner. Ties in
   score are broken at random *in expectation*: a hidden partner tied with others
   counts with the chance it would land in the top k, and its rank is the middle of
   its tie block. All three are averaged over queries, each with a 95% percentile
   bootstrap interval over the queries (:func:`graph.synergy.metrics.bootstrap_ci`), and
   the lead of Diplomap over the best networkx predictor with a paired interval.

The networkx predictors are called on the pairs where they can be above zero (the
cities two steps away share a neighbour; any other pair has none, so its Adamic-Adar,
resource allocation and Jaccard are 0); preferential attachment is ``deg(u) * deg(v)``,
the product networkx computes, for every candidate at once.

>>> rank_metrics({"a": 3.0, "b": 2.0, "c": 2.0, "d": 1.0}, {"c"}, p_at=2, r_at=2)
(0.25, 0.5, 0.4)
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.city_table import city_table
from graph.synergy.eval_table import FIGURES, markdown
from graph.synergy.focus import make_focus
from graph.synergy.holdout import split
from graph.synergy.metrics import array_metrics, bootstrap_ci, rank_metrics
from graph.synergy.refine import CONSTANTS as SEARCHED
from graph.synergy.vector import score_cities
from graph.synergy.weights import Weights, as_weights

__all__ = ["Evaluation", "MethodScore", "evaluate", "markdown", "rank_metrics", "score_split"]
__all__ += ["split"]

BASELINES = {
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "jaccard": nx.jaccard_coefficient,
    "preferential_attachment": nx.preferential_attachment,
}
METHODS = ("diplomap", *BASELINES)
PAIR_DATASETS = ("twin-towns", "wikidata")


@dataclass
class MethodScore:
    """One method's figures on one split, each with its 95% bootstrap interval."""

    method: str
    precision_at_10: float
    recall_at_50: float
    mrr: float
    seconds: float
    ci: dict[str, tuple[float, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This method's figures as plain data."""
        return asdict(self)


@dataclass
class Evaluation:
    """The figures of every method on one split of one data set."""

    dataset: str
    seed: int
    holdout: float
    hops: int | None  # None: every city is a candidate
    ties: int  # city-city twinning ties in the graph
    hidden: int  # ties hidden (and not still present through another agreement)
    queries: int
    skipped: int  # cities with a hidden tie but no training tie
    coverage: float  # share of hidden partners inside the candidate sets
    candidates: float  # mean candidates per query
    with_etmun: bool = False
    methods: list[MethodScore] = field(default_factory=list)
    seconds: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)  # Diplomap's weights, third_step
    fitted: bool = False  # weights fitted on this split's training graph
    #: Diplomap minus the best networkx predictor (by MRR): figure -> (mean, low, high)
    lead: dict[str, tuple[float, float, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain data (the JSON of ``diplomap evaluate``)."""
        return asdict(self)

    def best_baseline(self) -> MethodScore:
        """The networkx predictor with the best MRR."""
        return max((m for m in self.methods if m.method != "diplomap"), key=lambda m: m.mrr)


def _within(T: nx.Graph, u: str, hops: int) -> set[str]:
    seen, frontier = {u}, {u}
    for _ in range(hops):
        frontier = {y for x in frontier for y in T[x]} - seen
        seen |= frontier
    return seen - {u} - set(T[u])


def evaluate(
    G: nx.MultiDiGraph,
    *,
    seed: int = 0,
    holdout: float = 0.1,
    hops: int | None = None,
    limit_cities: int | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    methods: tuple[str, ...] = METHODS,
    dataset: str = "graph",
    with_etmun: bool = False,
    fit: bool = False,
) -> Evaluation:
    """Hide ``holdout`` of the twinning ties of ``G`` and score every method on the same candidates.

    Parameters
    ----------
    G : MultiDiGraph
        A graph with twinning agreements.
    seed, holdout : the split.
    hops : None (every city is a candidate) or the steps of the former protocol.
    limit_cities : evaluate a seeded sample of that many query cities.
    weights : Diplomap's weights (or the constants and unmeasured weights when fitting).
    methods, dataset, with_etmun : what to run, and how to name the data.
    fit : fit Diplomap's weights on the training graph of the split first.

    Returns
    -------
    Evaluation
        The figures of every method.
    """
    start = time.perf_counter()
    train, hidden, n_ties = split(G, holdout, seed)
    w = as_weights(weights)
    if fit and "diplomap" in methods:
        from graph.synergy.fit import fit_weights

        w = fit_weights(train, w, seed=seed).weights
    result = score_split(
        train,
        hidden,
        seed=seed,
        hops=hops,
        limit_cities=limit_cities,
        weights=w,
        methods=methods,
    )
    result.dataset, result.holdout, result.ties, result.with_etmun = (
        dataset,
        holdout,
        n_ties,
        with_etmun,
    )
    result.fitted = fit
    result.seconds = round(time.perf_counter() - start, 1)
    return result


def _baseline(
    method: str, T: nx.Graph, u: str, rows: dict[str, int], n: int, degree: np.ndarray
) -> np.ndarray:
    """Scores of a networkx predictor for ``u`` and every city row (0 where it cannot score)."""
    if method == "preferential_attachment":
        return degree * T.degree(u)
    out = np.zeros(n)
    near = {y for z in T[u] for y in T[z]} - {u} - set(T[u])
    for _, v, s in BASELINES[method](T, [(u, c) for c in sorted(near) if c in rows]):
        out[rows[v]] = s
    return out


def score_split(
    train: nx.MultiDiGraph,
    hidden: Mapping[str, set[str]],
    *,
    seed: int = 0,
    hops: int | None = None,
    limit_cities: int | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    methods: tuple[str, ...] = METHODS,
) -> Evaluation:
    """Score every method on a given training graph and hidden partners (steps 2 to 4).

    Parameters
    ----------
    train : MultiDiGraph
        The training graph.
    hidden : mapping
        Hidden partners of each city.
    seed, hops, limit_cities, weights, methods : as :func:`evaluate`.

    Returns
    -------
    Evaluation
        The figures, with bootstrap intervals.
    """
    w = as_weights(weights)
    idx = index(train)
    table = city_table(idx)
    T = idx.ties
    queries = sorted(u for u in hidden if u in T and T.degree(u) > 0)
    skipped = len(hidden) - len(queries)
    if limit_cities is not None and limit_cities < len(queries):
        queries = sorted(random.Random(seed + 1).sample(queries, limit_cities))
    per = {m: np.zeros((len(queries), 3)) for m in methods}
    seconds = dict.fromkeys(methods, 0.0)
    covered = wanted = n_candidates = 0
    for q, u in enumerate(queries):
        if hops is None:
            keep = np.ones(len(table), bool)
            keep[[table.pos[c] for c in (u, *T[u]) if c in table.pos]] = False
        else:
            keep = np.zeros(len(table), bool)
            keep[[table.pos[c] for c in _within(T, u, hops) if c in table.pos]] = True
        rows = np.flatnonzero(keep)
        n_candidates += len(rows)
        inside = [int(np.searchsorted(rows, table.pos[h])) for h in hidden[u] if keep[table.pos[h]]]
        covered += len(inside)
        wanted += len(hidden[u])
        for m in methods:
            t0 = time.perf_counter()
            if m == "diplomap":
                scores = score_cities(idx, make_focus(train, u, weights=w), w)[1]
            else:
                scores = _baseline(m, T, u, table.pos, len(table), table.degree)
            per[m][q] = array_metrics(scores[rows], inside, missing=len(hidden[u]) - len(inside))
            seconds[m] += time.perf_counter() - t0
    n = len(queries) or 1
    scored = []
    for m in methods:
        means = per[m].sum(axis=0) / n
        ci = {
            name: tuple(round(x, 4) for x in bootstrap_ci(per[m][:, j], seed=seed))
            for j, name in enumerate(FIGURES)
        }
        scored.append(
            MethodScore(m, *(round(float(x), 4) for x in means), round(seconds[m], 2), ci)
        )
    result = Evaluation(
        "graph",
        seed,
        0.0,
        hops,
        0,
        sum(len(v) for v in hidden.values()) // 2,
        len(queries),
        skipped,
        covered / wanted if wanted else 0.0,
        n_candidates / n,
        False,
        scored,
        weights={
            **{p: getattr(w, p) for p in Weights.PARTS},
            **{c: getattr(w, c) for c in SEARCHED},
        },
    )
    if "diplomap" in per and len(scored) > 1:
        best = result.best_baseline().method
        for j, name in enumerate(FIGURES):
            diff = per["diplomap"][:, j] - per[best][:, j]
            low, high = bootstrap_ci(diff, seed=seed)
            result.lead[name] = (round(float(diff.mean()), 4), round(low, 4), round(high, 4))
    return result
