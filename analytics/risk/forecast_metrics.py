"""Scores of a monthly ranking and of its probabilities, honest about ties: AP, hits@k, Brier, log-loss, reliability.

Ties are counted by their expectation under a random order of the tied places, for every model
alike: an integer baseline ("last month's count") has many ties, and breaking them by position
or by one shared threshold would bias its score one way or the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

LOGLOSS_EPS = 1e-6


def average_precision(score: np.ndarray, target: np.ndarray) -> float:
    """Return the expected average precision when tied scores are ordered at random; NaN without positives.

    For a tied group at ranks a+1 … a+n holding p positives, with T positives ranked above it,
    E[AP contribution] = Σ_i (p/n)·(T + 1 + (i−1)(p−1)/(n−1)) / (a+i): place i is positive with
    probability p/n and, given that, holds on average (i−1)(p−1)/(n−1) other positives before it.
    """
    target = np.asarray(target, dtype=float)
    positives = target.sum()
    if positives == 0:
        return float("nan")
    order = np.argsort(-np.asarray(score, dtype=float), kind="stable")
    s, t = np.asarray(score, dtype=float)[order], target[order]
    starts = np.r_[0, np.flatnonzero(s[1:] != s[:-1]) + 1]
    sizes = np.diff(np.r_[starts, len(s)])
    pos = np.add.reduceat(t, starts)
    group = np.repeat(np.arange(len(starts)), sizes)
    n, p, before = sizes[group], pos[group], (np.cumsum(pos) - pos)[group]
    within = np.arange(len(s)) - starts[group]
    others = np.where(n > 1, within * (p - 1) / np.maximum(n - 1, 1), 0.0)
    terms = (p / n) * (before + 1 + others) / np.arange(1, len(s) + 1)
    return float(terms.sum() / positives)


def expected_hits_at_k(score: np.ndarray, target: np.ndarray, k: int) -> float:
    """Return the expected number of positives among the top k, the tie at the cut taken at random."""
    score, target = np.asarray(score, dtype=float), np.asarray(target, dtype=float)
    k = min(k, len(score))
    if k == 0:
        return 0.0
    cut = np.sort(score)[::-1][k - 1]
    above, tied = score > cut, score == cut
    return float(target[above].sum() + (k - above.sum()) * target[tied].mean())


def brier(p: np.ndarray, y: np.ndarray) -> float:
    """Return the mean squared difference between probability and outcome (0 perfect, lower is better)."""
    return float(np.mean((np.asarray(p, dtype=float) - np.asarray(y, dtype=float)) ** 2))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Return the mean negative log-likelihood of the outcomes, probabilities clipped to [1e-6, 1 − 1e-6]."""
    p = np.clip(np.asarray(p, dtype=float), LOGLOSS_EPS, 1 - LOGLOSS_EPS)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Return one row per equal-width probability bin: edges, count, mean probability and observed share."""
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    count = np.bincount(which, minlength=bins)
    with np.errstate(invalid="ignore"):
        mean_p = np.bincount(which, weights=p, minlength=bins) / count
        share = np.bincount(which, weights=y, minlength=bins) / count
    return pd.DataFrame({"dari": edges[:-1], "sampai": edges[1:], "jumlah": count, "rata_peluang": mean_p,
                         "frekuensi": share})


def calibration_error(table: pd.DataFrame) -> float:
    """Return the expected calibration error: Σ (bin count / total)·|observed share − mean probability|."""
    used = table[table["jumlah"] > 0]
    if used.empty:
        return float("nan")
    gap = (used["frekuensi"] - used["rata_peluang"]).abs()
    return float((used["jumlah"] * gap).sum() / used["jumlah"].sum())


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3) -> tuple[float, float]:
    """Return (a, b) of p = σ(a + b·x) by maximum likelihood (scipy), a small ridge on b keeps separation finite."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + theta[1] * x
        p = special.expit(z)
        value = float(np.sum(np.logaddexp(0.0, z) - y * z)) + 0.5 * ridge * theta[1] ** 2
        r = p - y
        return value, np.array([r.sum(), (r * x).sum() + ridge * theta[1]])

    result = optimize.minimize(objective, np.zeros(2), jac=True, method="BFGS")
    return float(result.x[0]), float(result.x[1])


def bootstrap_interval(values: np.ndarray, confidence: float = 0.95, resamples: int = 2000,
                       seed: int = 0) -> tuple[float, float]:
    """Return the percentile bootstrap interval of the mean of values (months resampled with replacement)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) < 2:
        return float("nan"), float("nan")
    if np.ptp(values) == 0:
        return float(values[0]), float(values[0])
    result = stats.bootstrap((values,), np.mean, n_resamples=resamples, confidence_level=confidence,
                             method="percentile", rng=np.random.default_rng(seed))
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
