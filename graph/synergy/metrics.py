"""Ranking metrics of the evaluation, with ties in expectation, and bootstrap intervals.

>>> rank_metrics({"a": 3.0, "b": 2.0, "c": 2.0, "d": 1.0}, {"c"}, p_at=2, r_at=2)
(0.25, 0.5, 0.4)
>>> import numpy as np
>>> array_metrics(np.array([3.0, 2.0, 2.0, 1.0]), [2], p_at=2, r_at=2)
(0.25, 0.5, 0.4)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np


def rank_metrics(
    scores: Mapping[str, float], hidden: set[str], p_at: int = 10, r_at: int = 50
) -> tuple[float, float, float]:
    """(precision@p_at, recall@r_at, reciprocal rank) of ``hidden`` in ``scores``, ties in expectation.

    Parameters
    ----------
    scores : mapping
        Score of each candidate.
    hidden : set
        The hidden partners; those that are not candidates count as misses.
    p_at, r_at : cut-offs of precision and recall.

    Returns
    -------
    tuple
        A hidden partner tied with others counts with the chance it lands in the top k,
        and its rank is the middle of its tie block.
    """
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


def array_metrics(
    scores: np.ndarray, hidden: Sequence[int], p_at: int = 10, r_at: int = 50, missing: int = 0
) -> tuple[float, float, float]:
    """:func:`rank_metrics` of the candidates' ``scores`` (an array) and the rows ``hidden``.

    Parameters
    ----------
    scores : ndarray
        Score of each candidate.
    hidden : sequence of int
        Rows of the hidden partners among the candidates.
    p_at, r_at : cut-offs of precision and recall.
    missing : hidden partners that are not candidates (misses).

    Returns
    -------
    tuple
        The same three figures as :func:`rank_metrics`.
    """
    total = len(hidden) + missing
    if not total:
        return 0.0, 0.0, 0.0
    hits_p = hits_r = 0.0
    best = None
    for row in hidden:
        s = scores[row]
        above = int(np.count_nonzero(scores > s))
        tied = int(np.count_nonzero(scores == s))
        hits_p += min(max((p_at - above) / tied, 0.0), 1.0)
        hits_r += min(max((r_at - above) / tied, 0.0), 1.0)
        rank = above + (tied + 1) / 2
        best = rank if best is None else min(best, rank)
    return hits_p / p_at, hits_r / total, (1.0 / best if best else 0.0)


def bootstrap_ci(
    values: np.ndarray, rounds: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (queries drawn with replacement).

    Parameters
    ----------
    values : ndarray
        One figure per query (or per query, the difference of two methods: paired).
    rounds, seed : resamples, and the seed of the draw.
    level : coverage of the interval.

    Returns
    -------
    tuple
        (low, high).

    Examples
    --------
    >>> low, high = bootstrap_ci(np.array([0.0, 1.0] * 50))
    >>> 0.35 < low < 0.5 < high < 0.65
    True
    """
    if len(values) == 0:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    means = np.empty(rounds)
    for i in range(rounds):
        means[i] = values[rng.integers(0, len(values), len(values))].mean()
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)
