"""Fit the weights of the score parts on a graph's own twinning ties (logistic regression).

The fit never sees the ties it will be judged on: :func:`fit_weights` is given a graph
(in the evaluation, the *training* graph of a split), hides a share of *its* ties again
(an inner split, :func:`graph.synergy.holdout.split`), and learns which parts bring the
hidden partners up:

1. For up to ``queries`` cities with an inner hidden tie, every part is measured for every
   city (:func:`graph.synergy.vector.city_parts`, all parts on); the hidden partners are
   positive examples; the ``hard`` best-ranked other cities (every part weighing alike, never
   the defaults, which were fitted on other ties) and ``negatives`` cities drawn at random
   among the rest are negative ones (case-control sampling: it moves only the intercept).
2. A logistic regression over the parts, with non-negative coefficients (a part says
   "more is better", or it is left out) and an L2 penalty, is fitted by Newton's method
   (:mod:`graph.synergy.logistic`): *pooled* (every example on its own) or *conditional*
   (each hidden partner chosen among its query's examples, random ones weighted by how many
   they stand for). The penalty is chosen by ``folds``-fold cross-validation over the
   queries (held-out log-loss), then the model is fitted again on all of them.
3. The coefficients are scaled so that ``partners_of_partners`` weighs 1.0. Parts that
   the graph cannot measure (no themes, no dates) keep the weights they were given.
4. Steps 1-3 run for each ``third_step`` of ``third_steps`` (how much a three-step path
   counts: a constant of a part, not a weight) and each objective; the fit whose weights
   give the best MRR over every city on the other inner queries (``checks`` of them, or all;
   not used to fit) is kept.
5. A regression judges one candidate at a time; a ranking is judged as a whole. The kept
   weights and the constants that shape the parts (``third_step``, ``half_saturation``,
   ``proximity_km``, ``domestic_proximity``, ``near_partner_km``) are then refined on the
   same check queries by the ranking itself (:func:`graph.synergy.refine.refine`: each
   weight along a ladder of readable values, each constant along a grid, kept when
   ``MRR + recall@50 / 2`` rises).

>>> from graph.analysis.example import example_graph
>>> fit = fit_weights(example_graph(), third_steps=(1.0,))
>>> fit.notes, fit.weights == Weights()
(['no query to learn from: the given weights are kept'], True)
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.fit_examples import examples
from graph.synergy.holdout import split
from graph.synergy.logistic import choice_loss, conditional_logistic, log_loss, logistic
from graph.synergy.refine import CONSTANTS, figures, measure, refine
from graph.synergy.weights import Weights

L2_GRID = (0.0001, 0.001, 0.01, 0.1)
THIRD_STEPS = (2.0,)
#: where the searched constants start, whatever the defaults (fitted on other ties) say
START = {
    "half_saturation": 0.5,
    "proximity_km": 500.0,
    "domestic_proximity": 1.0,
    "near_partner_km": 10.0,
}


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
    #: MRR on the inner check queries for each ``third_step`` tried
    checked: dict[str, float] = field(default_factory=dict)
    objective: str = "pooled"
    #: MRR + recall@50 / 2 on the check queries before and after :func:`refine`
    refined: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This fit as plain data."""
        out = asdict(self)
        out["weights"] = {p: getattr(self.weights, p) for p in Weights.PARTS}
        out["constants"] = {c: getattr(self.weights, c) for c in CONSTANTS}
        return out


def _fit_once(
    names: list[str],
    X: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    offsets: np.ndarray,
    folds: int,
    l2_grid: tuple[float, ...],
    objective: str,
) -> tuple[dict[str, float], float, dict[float, float], list[str]]:
    """(coefficients by part, chosen penalty, cross-validated loss per penalty, parts measured).

    ``objective`` is ``pooled`` (a logistic regression over all examples) or ``conditional``
    (each hidden partner chosen among its query's examples).
    """
    measured = [j for j in range(len(names)) if X.shape[0] and np.any(X[:, j] > 0)]
    Xm = X[:, measured]

    def model(rows: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
        if objective == "pooled":
            return logistic(Xm[rows], y[rows], l2)
        return conditional_logistic(Xm[rows], y[rows], groups[rows], offsets[rows], l2), 0.0

    def loss(rows: np.ndarray, coef: np.ndarray, intercept: float) -> float:
        if objective == "pooled":
            return log_loss(Xm[rows], y[rows], coef, intercept)
        return choice_loss(Xm[rows], y[rows], groups[rows], offsets[rows], coef)

    cv: dict[float, float] = {}
    if y.sum() and len(set(groups.tolist())) >= folds:
        fold_of = groups % folds
        for l2 in l2_grid:
            cv[l2] = float(
                np.mean([loss(fold_of == k, *model(fold_of != k, l2)) for k in range(folds)])
            )
        l2 = min(cv, key=lambda k: (cv[k], -k))
    else:
        l2 = max(l2_grid)
    every = np.ones(len(y), bool)
    coef = model(every, l2)[0] if y.sum() else np.zeros(len(measured))
    found = {names[j]: float(c) for j, c in zip(measured, coef, strict=True)}
    return found, l2, cv, [names[j] for j in measured]


def fit_weights(
    G: nx.MultiDiGraph,
    base: Weights | None = None,
    *,
    seed: int = 0,
    holdout: float = 0.1,
    queries: int = 1000,
    checks: int | None = None,
    negatives: int = 100,
    hard: int = 100,
    folds: int = 3,
    l2_grid: tuple[float, ...] = L2_GRID,
    third_steps: tuple[float, ...] = THIRD_STEPS,
    objectives: tuple[str, ...] = ("pooled", "conditional"),
    refine_rounds: int = 3,
) -> Fit:
    """Fit the part weights on the twinning ties of ``G`` (see the module docstring).

    Parameters
    ----------
    G : MultiDiGraph
        The graph to learn from (in an evaluation: its training graph only).
    base : Weights, optional
        The constants, and the weights of the parts ``G`` cannot measure (default: defaults).
    seed, holdout : the inner split.
    queries, checks : most inner query cities to fit on; most others to choose the objective and
        ``third_step`` on and to refine on (None: every other one).
    negatives, hard : random and best-ranked non-partners per query.
    folds : folds of the cross-validation over queries (the penalty).
    l2_grid : penalties tried.
    third_steps : values of ``third_step`` tried (MRR over every city, on the ``checks`` queries).
    objectives : ``pooled`` and/or ``conditional`` logistic regression, chosen the same way.
    refine_rounds : passes of :func:`graph.synergy.refine.refine` on the check queries (0: none).

    Returns
    -------
    Fit
        The fitted :class:`Weights` and how they were found.
    """
    base = base or Weights()
    inner, hidden, _ = split(G, holdout, seed)
    T = index(inner).ties
    every = sorted(u for u in hidden if u in T and T.degree(u) > 0)
    random.Random(seed + 3).shuffle(every)
    rest = every[queries:] if checks is None else every[queries : queries + checks]
    chosen, held = sorted(every[:queries]), sorted(rest)
    best: tuple[float, Fit] | None = None
    checked: dict[str, float] = {}
    cached = measure(inner, hidden, held, base) if chosen else []
    for step in third_steps if chosen else ():
        start = replace(base, **START, third_step=step)
        # Hard negatives are ranked with every part weighing alike, never by the defaults
        # (fitted on other ties: in an evaluation, possibly on its hidden ones).
        alike = replace(start, **dict.fromkeys(Weights.PARTS, 1.0))
        names, X, y, groups, offsets = examples(
            inner, hidden, chosen, alike, seed=seed, negatives=negatives, hard=hard
        )
        for objective in objectives:
            found, l2, cv, measured = _fit_once(
                names, X, y, groups, offsets, folds, l2_grid, objective
            )
            anchor = found.get("partners_of_partners") or max(found.values(), default=0.0)
            notes = []
            values: dict[str, float] = {}
            if anchor > 0:
                values = {p: float(f"{c / anchor:.2g}") for p, c in found.items()}
            else:
                notes.append("no part predicted the hidden ties: the given weights are kept")
            weights = replace(start, **values)
            mrr = figures(cached, weights)[0]
            checked[f"{objective}, third_step={step:g}"] = mrr
            fit = Fit(
                weights,
                measured,
                found,
                l2,
                cv,
                len(chosen),
                len(y),
                int(y.sum()),
                seed,
                holdout,
                notes,
                objective=objective,
            )
            if best is None or mrr > best[0]:
                best = (mrr, fit)
    if best is None:
        return Fit(
            base,
            [],
            {},
            0.0,
            {},
            0,
            0,
            0,
            seed,
            holdout,
            ["no query to learn from: the given weights are kept"],
        )
    best[1].checked = checked
    if refine_rounds and cached:
        weights, before, after = refine(cached, best[1].weights, refine_rounds)
        best[1].weights = weights
        best[1].refined = {"before": round(before, 4), "after": round(after, 4)}
    return best[1]
