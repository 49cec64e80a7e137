"""Logistic regression with non-negative coefficients, in numpy (Newton's method).

>>> rng = np.random.default_rng(0)
>>> X = rng.random((400, 2))
>>> y = (X[:, 0] * 4 - 2 + rng.normal(size=400) > 0).astype(float)
>>> coef, _ = logistic(X, y, l2=0.01)
>>> bool(coef[0] > 2 and coef[1] < 0.5)
True
"""

from __future__ import annotations

import numpy as np


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


def log_loss(X: np.ndarray, y: np.ndarray, coef: np.ndarray, intercept: float) -> float:
    """Mean log-loss of the model (``coef``, ``intercept``) on ``X`` and ``y``.

    Parameters
    ----------
    X, y : examples by features, and 0 or 1 per example.
    coef, intercept : the model.

    Returns
    -------
    float
        The mean negative log-likelihood.
    """
    p = 1.0 / (1.0 + np.exp(-np.clip(X @ coef + intercept, -30, 30)))
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
