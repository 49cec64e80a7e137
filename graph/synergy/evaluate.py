"""Measure the ranking: hide known twinning ties, and count how many each method recovers.

The protocol (``docs/synergy.md`` explains the choices):

1. Twinning ties are ``Agreement`` nodes of type ``sister_city`` (or no type) with
   exactly two city parties. A share ``holdout`` of them, drawn with ``seed``, is
   removed; the rest is the training graph. Everything a method sees comes from the
   training graph (ETMUN memberships included, when the data set is combined with it).
2. A query is a city with at least one hidden tie and at least one training tie.
   Its candidates are the cities within ``hops`` (3) steps of it in the training tie
   graph that are not already its partners: **the same candidates for every method**.
   Hidden partners outside that set count as misses for every method.
3. Each method scores the candidates: Diplomap with the score of :func:`graph.synergy.ranking.suggest`
   (the same parts and weights, through the same code), and networkx's
   ``adamic_adar_index``, ``resource_allocation_index``, ``jaccard_coefficient`` and
   ``preferential_attachment`` on the training tie graph.
4. precision@10 = hidden partners in the top 10 / 10; recall@50 = hidden partners in
   the top 50 / hidden partners; MRR = 1 / rank of the first hidden partner. Ties in
   score are broken at random *in expectation*: a hidden partner tied with others
   counts with the chance it would land in the top k, and its rank is the middle of
   its tie block. All three are averaged over queries.

>>> rank_metrics({"a": 3.0, "b": 2.0, "c": 2.0, "d": 1.0}, {"c"}, p_at=2, r_at=2)
(0.25, 0.5, 0.4)
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.tiegraph import index
from graph.synergy.focus import make_focus
from graph.synergy.scorer import Scorer
from graph.synergy.weights import Weights, as_weights

BASELINES = {
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "jaccard": nx.jaccard_coefficient,
    "preferential_attachment": nx.preferential_attachment,
}
METHODS = ("diplomap", *BASELINES)
PAIR_DATASETS = ("twin-towns", "wikidata")


def rank_metrics(
    scores: Mapping[str, float], hidden: set[str], p_at: int = 10, r_at: int = 50
) -> tuple[float, float, float]:
    """(precision@p_at, recall@r_at, reciprocal rank) of ``hidden`` in ``scores``, ties in expectation."""
    if not hidden:
        return 0.0, 0.0, 0.0
    values = sorted(scores.values(), reverse=True)
    higher: dict[float, int] = {}
    equal: dict[float, int] = defaultdict(int)
    for i, v in enumerate(values):
        higher.setdefault(v, i)
        equal[v] += 1
    hits_p = hits_r = 0.0
    best = None
    for h in hidden:
        if h not in scores:
            continue
        s = scores[h]
        above, tied = higher[s], equal[s]
        hits_p += min(max((p_at - above) / tied, 0.0), 1.0)
        hits_r += min(max((r_at - above) / tied, 0.0), 1.0)
        rank = above + (tied + 1) / 2
        best = rank if best is None else min(best, rank)
    return hits_p / p_at, hits_r / len(hidden), (1.0 / best if best else 0.0)


@dataclass
class MethodScore:
    method: str
    precision_at_10: float
    recall_at_50: float
    mrr: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """This method's figures as plain data."""
        return asdict(self)


@dataclass
class Evaluation:
    dataset: str
    seed: int
    holdout: float
    hops: int
    ties: int  # city-city twinning ties in the graph
    hidden: int  # ties hidden (and not still present through another agreement)
    queries: int
    skipped: int  # cities with a hidden tie but no training tie
    coverage: float  # share of hidden partners inside the candidate sets
    candidates: float  # mean candidates per query
    with_etmun: bool = False
    methods: list[MethodScore] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain data (the JSON of ``diplomap evaluate``)."""
        return asdict(self)

    def best_baseline(self) -> MethodScore:
        """The networkx predictor with the best MRR."""
        return max((m for m in self.methods if m.method != "diplomap"), key=lambda m: m.mrr)


def split(
    G: nx.MultiDiGraph, holdout: float, seed: int
) -> tuple[nx.MultiDiGraph, dict[str, set[str]], int]:
    """(training graph, hidden partners by city, number of twinning ties) for one seeded split."""
    if not 0 < holdout < 1:
        raise ValueError("holdout must be between 0 and 1")
    idx = index(G)
    ties = []
    for agreement, who in sorted(idx.parties.items()):
        kind = G.nodes[agreement].get("type")
        cities = list(dict.fromkeys(p for p in who if idx.label.get(p) == "City"))
        if kind in (None, "", "sister_city") and len(cities) == 2 and len(set(who)) == 2:
            ties.append((agreement, cities[0], cities[1]))
    chosen = random.Random(seed).sample(ties, round(holdout * len(ties)))
    train = G.copy()
    train.remove_nodes_from(a for a, _, _ in chosen)
    T = index(train).ties
    hidden: dict[str, set[str]] = defaultdict(set)
    for _, u, v in chosen:
        if not T.has_edge(u, v):
            hidden[u].add(v)
            hidden[v].add(u)
    return train, dict(hidden), len(ties)


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
    hops: int = 3,
    limit_cities: int | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    methods: tuple[str, ...] = METHODS,
    dataset: str = "graph",
    with_etmun: bool = False,
) -> Evaluation:
    """Hide ``holdout`` of the twinning ties of ``G`` and score every method on the same candidates.

    ``limit_cities`` evaluates a seeded sample of that many query cities.
    """
    start = time.perf_counter()
    train, hidden, n_ties = split(G, holdout, seed)
    result = score_split(
        train,
        hidden,
        seed=seed,
        hops=hops,
        limit_cities=limit_cities,
        weights=weights,
        methods=methods,
    )
    result.dataset, result.holdout, result.ties, result.with_etmun = (
        dataset,
        holdout,
        n_ties,
        with_etmun,
    )
    result.seconds = round(time.perf_counter() - start, 1)
    return result


def score_split(
    train: nx.MultiDiGraph,
    hidden: Mapping[str, set[str]],
    *,
    seed: int = 0,
    hops: int = 3,
    limit_cities: int | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    methods: tuple[str, ...] = METHODS,
) -> Evaluation:
    """Score every method on a given training graph and hidden partners (steps 2 to 4)."""
    w = as_weights(weights)
    idx = index(train)
    T = idx.ties
    queries = sorted(u for u in hidden if u in T and T.degree(u) > 0)
    skipped = len(hidden) - len(queries)
    if limit_cities is not None and limit_cities < len(queries):
        queries = sorted(random.Random(seed + 1).sample(queries, limit_cities))
    totals = {m: [0.0, 0.0, 0.0, 0.0] for m in methods}
    covered = wanted = n_candidates = 0
    for u in queries:
        candidates = _within(T, u, hops)
        n_candidates += len(candidates)
        covered += len(hidden[u] & candidates)
        wanted += len(hidden[u])
        for m in methods:
            t0 = time.perf_counter()
            if m == "diplomap":
                scorer = Scorer(idx, make_focus(train, u, weights=w), w)
                scores = {c: scorer(c)[0] for c in candidates}
            else:
                scores = {v: s for _, v, s in BASELINES[m](T, [(u, c) for c in candidates])}
            p, r, rr = rank_metrics(scores, hidden[u])
            acc = totals[m]
            acc[0] += p
            acc[1] += r
            acc[2] += rr
            acc[3] += time.perf_counter() - t0
    n = len(queries) or 1
    return Evaluation(
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
        [
            MethodScore(
                m, round(a[0] / n, 4), round(a[1] / n, 4), round(a[2] / n, 4), round(a[3], 2)
            )
            for m, a in totals.items()
        ],
    )


def markdown(results: list[Evaluation]) -> str:
    """The results as a Markdown table, one row per data set, seed and method."""
    lines = [
        "| data set | seed | method | P@10 | R@50 | MRR | queries | coverage |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in results:
        best = max(m.mrr for m in e.methods)
        for m in e.methods:
            name = f"**{m.method}**" if m.mrr == best else m.method
            lines.append(
                f"| {e.dataset}{' + etmun' if e.with_etmun else ''} | {e.seed} | {name} | "
                f"{m.precision_at_10:.4f} | {m.recall_at_50:.4f} | {m.mrr:.4f} | "
                f"{e.queries} | {e.coverage:.3f} |"
            )
    return "\n".join(lines)
