"""Fit the weights of the score parts on a graph's own twinning ties (logistic regression).

The fit never sees the ties it will be judged on: :func:`fit_weights` is given a graph
(in the evaluation, the *training* graph of a split), hides a share of *its* ties again
(an inner split, :func:`graph.synergy.holdout.split`), and learns which parts bring the
hidden partners up:

1. For up to ``queries`` cities with an inner hidden tie, every part is measured for every
   city (:func:`graph.synergy.vector.city_parts`, all parts on); the hidden partners are
   positive examples, ``negatives`` cities drawn at random among the other candidates are
   negative ones (case-control sampling: it moves only the intercept).
2. A logistic regression over the parts, with non-negative coefficients (a part says
   "more is better", or it is left out) and an L2 penalty, is fitted by Newton's method.
   The penalty is chosen by ``folds``-fold cross-validation over the queries (held-out
   log-loss), then the model is fitted again on all of them.
3. The coefficients are scaled so that ``partners_of_partners`` weighs 1.0. Parts that
   the graph cannot measure (no themes, no dates) keep the weights they were given.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> X = rng.random((400, 2))
>>> y = (X[:, 0] * 4 - 2 + rng.normal(size=400) > 0).astype(float)
>>> coef, _ = logistic(X, y, l2=0.01)
>>> bool(coef[0] > 2 and coef[1] < 0.5)
True
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.focus import make_focus
from graph.synergy.holdout import split
from graph.synergy.vector import city_parts
from graph.synergy.weights import Weights

L2_GRID = (0.0001, 0.001, 0.01, 0.1)


def logistic(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """(coefficients >= 0, intercept) of an L2-penalised logistic regression of ``y`` on ``X``.

    Parameters
    ----------
    X : ndarray
        Examples by features.
    y : ndarray
        0 or 1 per example.
    l2 : float
        Penalty on the coefficients (not the intercept), per example.
    steps : int
        Most Newton steps per active set.

    Returns
    -------
    tuple
        The coefficients (a feature whose best coefficient is negative gets 0) and the intercept.
    """
    n, m = X.shape
    active = list(range(m))
    coef = np.zeros(m)
    intercept = 0.0
    while True:
        A = np.hstack([X[:, active], np.ones((n, 1))])
        beta = np.zeros(len(active) + 1)
        penalty = np.full(len(active) + 1, l2)
        penalty[-1] = 0.0
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-np.clip(A @ beta, -30, 30)))
            grad = A.T @ (p - y) / n + penalty * beta
            hess = (A.T * (p * (1 - p))) @ A / n + np.diag(penalty + 1e-9)
            delta = np.linalg.solve(hess, grad)
            beta -= delta
            if np.max(np.abs(delta)) < 1e-8:
                break
        negative = [a for a, b in zip(active, beta[:-1], strict=True) if b < 0]
        if not negative:
            coef[:] = 0.0
            coef[active] = beta[:-1]
            intercept = float(beta[-1])
            return coef, intercept
        active = [a for a in active if a not in negative]
        if not active:
            p0 = min(max(float(y.mean()), 1e-9), 1 - 1e-9)
            return np.zeros(m), float(np.log(p0 / (1 - p0)))


def _log_loss(X: np.ndarray, y: np.ndarray, coef: np.ndarray, intercept: float) -> float:
    p = 1.0 / (1.0 + np.exp(-np.clip(X @ coef + intercept, -30, 30)))
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@dataclass
class Fit:
    """A fit: the weights, the chosen penalty, the cross-validated log-loss per penalty."""

    weights: Weights
    parts: list[str]
    coefficients: dict[str, float]
    l2: float
    cv_loss: dict[float, float]
    queries: int
    examples: int
    positives: int
    seed: int
    holdout: float
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This fit as plain data."""
        out = asdict(self)
        out["weights"] = {p: getattr(self.weights, p) for p in Weights.PARTS}
        return out


def examples(
    G: nx.MultiDiGraph,
    base: Weights,
    *,
    seed: int,
    holdout: float,
    queries: int,
    negatives: int,
    hard: int,
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(part names, X, y, query of each example) from an inner split of ``G`` (see the module)."""
    inner, hidden, _ = split(G, holdout, seed)
    idx = index(inner)
    T = idx.ties
    chosen = sorted(u for u in hidden if u in T and T.degree(u) > 0)
    rng = random.Random(seed + 7)
    if len(chosen) > queries:
        chosen = sorted(rng.sample(chosen, queries))
    on = replace(base, **{p: 1.0 for p in Weights.PARTS})
    names = list(Weights.PARTS)
    rows, labels, groups = [], [], []
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
        negative += [r for r in pool if r not in taken][:negatives]
        picked = np.array(positive + negative, int)
        block = np.zeros((len(picked), len(names)))
        for j, name in enumerate(names):
            if name in parts:
                block[:, j] = parts[name][picked]
        rows.append(block)
        labels += [1.0] * len(positive) + [0.0] * len(negative)
        groups += [q] * len(picked)
    if not rows:
        return names, np.zeros((0, len(names))), np.zeros(0), np.zeros(0, int)
    return names, np.vstack(rows), np.array(labels), np.array(groups, int)


def fit_weights(
    G: nx.MultiDiGraph,
    base: Weights | None = None,
    *,
    seed: int = 0,
    holdout: float = 0.1,
    queries: int = 1500,
    negatives: int = 100,
    hard: int = 100,
    folds: int = 3,
    l2_grid: tuple[float, ...] = L2_GRID,
) -> Fit:
    """Fit the part weights on the twinning ties of ``G`` (see the module docstring).

    Parameters
    ----------
    G : MultiDiGraph
        The graph to learn from (in an evaluation: its training graph only).
    base : Weights, optional
        The constants, and the weights of the parts ``G`` cannot measure (default: defaults).
    seed, holdout : the inner split.
    queries, negatives, hard : most query cities; random non-partners per query; best-ranked
        non-partners per query (by ``base``).
    folds : folds of the cross-validation over queries.
    l2_grid : penalties tried.

    Returns
    -------
    Fit
        The fitted :class:`Weights` and how they were found.
    """
    base = base or Weights()
    names, X, y, groups = examples(
        G, base, seed=seed, holdout=holdout, queries=queries, negatives=negatives, hard=hard
    )
    measured = [j for j in range(len(names)) if X.shape[0] and np.any(X[:, j] > 0)]
    Xm = X[:, measured]
    notes = []
    cv: dict[float, float] = {}
    if y.sum() and len(set(groups.tolist())) >= folds:
        fold_of = groups % folds
        for l2 in l2_grid:
            losses = []
            for k in range(folds):
                fit_rows, test_rows = fold_of != k, fold_of == k
                coef, icpt = logistic(Xm[fit_rows], y[fit_rows], l2)
                losses.append(_log_loss(Xm[test_rows], y[test_rows], coef, icpt))
            cv[l2] = float(np.mean(losses))
        l2 = min(cv, key=lambda k: (cv[k], -k))
    else:
        l2 = max(l2_grid)
        notes.append("too few examples to cross-validate: the largest penalty was used")
    coef, _ = logistic(Xm, y, l2) if y.sum() else (np.zeros(len(measured)), 0.0)
    found = {names[j]: float(c) for j, c in zip(measured, coef, strict=True)}
    anchor = found.get("partners_of_partners") or max(found.values(), default=0.0)
    values: dict[str, float] = {}
    if anchor > 0:
        values = {p: float(f"{c / anchor:.2g}") for p, c in found.items()}
    else:
        notes.append("no part predicted the hidden ties: the given weights are kept")
    return Fit(
        replace(base, **values),
        [names[j] for j in measured],
        found,
        l2,
        cv,
        len(set(groups.tolist())),
        len(y),
        int(y.sum()),
        seed,
        holdout,
        notes,
    )
