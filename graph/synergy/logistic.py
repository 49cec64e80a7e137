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


def conditional_logistic(
    X: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    offsets: np.ndarray,
    l2: float,
    steps: int = 50,
) -> np.ndarray:
    """Coefficients >= 0 of a conditional logit: each positive is chosen among its group.

    The likelihood of a positive row ``i`` of group ``g`` is
    ``exp(x_i b) / sum over the rows j of g of exp(x_j b + offsets_j)``: a ranking
    objective (what brings a hidden partner above the other candidates of its query).
    ``offsets`` are the logarithms of the sampling weights of the rows (0 for a row taken
    for certain, ``log(N / k)`` for one of ``k`` drawn among ``N``).

    Parameters
    ----------
    X, y : examples by features, and 0 or 1 per example.
    groups : the group (query) of each row; rows of a group are contiguous.
    offsets : log sampling weight of each row.
    l2 : penalty on the coefficients, per positive.
    steps : most Newton steps per active set.

    Returns
    -------
    ndarray
        The coefficients (a feature whose best coefficient is negative gets 0).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> X = rng.random((300, 2))
    >>> groups = np.repeat(np.arange(30), 10)
    >>> y = np.zeros(300)
    >>> y[[g * 10 + int(np.argmax(X[g * 10 : g * 10 + 10, 0])) for g in range(30)]] = 1
    >>> coef = conditional_logistic(X, y, groups, np.zeros(300), l2=0.001)
    >>> bool(coef[0] > 3 and coef[1] < 1)
    True
    """
    n, m = X.shape
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    n_pos = np.add.reduceat(y, starts)
    keep = n_pos > 0
    total = max(float(n_pos.sum()), 1.0)
    active = list(range(m))
    while active:
        A = X[:, active]
        beta = np.zeros(len(active))
        for _ in range(steps):
            z = A @ beta + offsets
            top = np.maximum.reduceat(z, starts)
            e = np.exp(z - np.repeat(top, np.diff(np.r_[starts, n])))
            norm = np.add.reduceat(e, starts)
            p = e / np.repeat(norm, np.diff(np.r_[starts, n]))
            weight = np.repeat(np.where(keep, n_pos, 0.0), np.diff(np.r_[starts, n]))
            mean = np.add.reduceat(A * p[:, None], starts)  # per group
            grad = (-(A * y[:, None]).sum(0) + (mean * n_pos[:, None]).sum(0)) / total
            grad += l2 * beta
            second = (A * (p * weight)[:, None]).T @ A - (mean * n_pos[:, None]).T @ mean
            hess = second / total + np.eye(len(active)) * (l2 + 1e-9)
            delta = np.linalg.solve(hess, grad)
            beta -= delta
            if np.max(np.abs(delta)) < 1e-8:
                break
        negative = [a for a, b in zip(active, beta, strict=True) if b < 0]
        if not negative:
            coef = np.zeros(m)
            coef[active] = beta
            return coef
        active = [a for a in active if a not in negative]
    return np.zeros(m)


def choice_loss(
    X: np.ndarray, y: np.ndarray, groups: np.ndarray, offsets: np.ndarray, coef: np.ndarray
) -> float:
    """Mean negative log-likelihood of the positives under :func:`conditional_logistic`'s model.

    Parameters
    ----------
    X, y, groups, offsets : as :func:`conditional_logistic`.
    coef : the coefficients.

    Returns
    -------
    float
        The loss per positive.
    """
    n = len(y)
    if not n or not y.sum():
        return 0.0
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, n])
    z = X @ coef + offsets
    top = np.maximum.reduceat(z, starts)
    lse = top + np.log(np.add.reduceat(np.exp(z - np.repeat(top, sizes)), starts))
    pos = y > 0
    return float((np.repeat(lse, sizes)[pos] - (X @ coef)[pos]).sum() / pos.sum())
