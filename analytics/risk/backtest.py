"""Does the score rank the desa that then have kejadian? A monthly backtest against two naive baselines.

For each month the desa are ranked by what was known on its first day (data strictly before it);
the target is "the desa had ≥ 1 kejadian in that month". Models: `skor` (the risk score),
`bulan_lalu` (last month's count) and `rata_12` (mean monthly count over the previous 12 months).
Probabilities for the Brier score come from a logistic fit p = σ(a + b·x) on every EARLIER month only
(x = skor/100, or log(1 + count) for the baselines), so no month is calibrated on itself.
Ties are scored by their expectation under a random order (AP like scikit-learn: tied scores
share one threshold; precision@k takes the tied group's positive share for the last places).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.risk.elections import Calendar
from analytics.risk.score import combine, compute_arrays, default_places
from analytics.settings import Settings

MODELS = ("skor", "bulan_lalu", "rata_12")
METRICS = ("ap", "p_at_k", "r_at_k", "brier")


@dataclass(frozen=True)
class BacktestResult:
    """Monthly rows (bulan, positif, model_metric…) and one row of averages over the months."""

    monthly: pd.DataFrame
    averages: pd.DataFrame
    top_k: int


def average_precision(score: np.ndarray, target: np.ndarray) -> float:
    """Return average precision (tied scores form one threshold); NaN when the month has no positive."""
    positives = target.sum()
    if positives == 0:
        return float("nan")
    order = np.argsort(-score, kind="stable")
    s, t = score[order], target[order].astype(float)
    last_of_group = np.r_[s[1:] != s[:-1], True]
    tp = np.cumsum(t)[last_of_group]
    predicted = (np.flatnonzero(last_of_group) + 1).astype(float)
    recall = tp / positives
    precision = tp / predicted
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def expected_hits_at_k(score: np.ndarray, target: np.ndarray, k: int) -> float:
    """Return the expected number of positives among the top k, the tie at the cut taken at random."""
    k = min(k, len(score))
    if k == 0:
        return 0.0
    cut = np.sort(score)[::-1][k - 1]
    above, tied = score > cut, score == cut
    return float(target[above].sum() + (k - above.sum()) * target[tied].mean())


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3, steps: int = 25) -> tuple[float, float]:
    """Return (a, b) of p = σ(a + b·x) by Newton's method, with a small ridge so perfect separation stays finite."""
    a, b = 0.0, 0.0
    X = np.c_[np.ones_like(x), x]
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a + b * x)))
        grad = X.T @ (y - p) - ridge * np.array([0.0, b])
        hess = (X * (p * (1 - p))[:, None]).T @ X + ridge * np.diag([1e-6, 1.0])
        a, b = np.array([a, b]) + np.linalg.solve(hess, grad)
    return float(a), float(b)


def month_counts(incidents: pd.DataFrame, places: pd.DataFrame, month_starts: pd.DatetimeIndex) -> np.ndarray:
    """Return desa × month counts of desa-level kejadian (months starting at month_starts)."""
    idx = pd.Index(places["kode"]).get_indexer(incidents["kode_desa"].astype(object))
    periods = pd.PeriodIndex(month_starts, freq="M")
    m = pd.PeriodIndex(pd.to_datetime(incidents["tanggal"]), freq="M")
    col = pd.Index(periods).get_indexer(m)
    ok = (idx >= 0) & (col >= 0)
    counts = np.bincount(idx[ok] * len(periods) + col[ok], minlength=len(places) * len(periods))
    return counts.reshape(len(places), len(periods)).astype(float)


def run_backtest(incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar, settings: Settings,
                 start=None, end=None, top_k: int = 10, places: pd.DataFrame | None = None,
                 border_km: pd.Series | None = None) -> BacktestResult:
    """Return the monthly backtest of the score and both baselines from start to end (months, inclusive)."""
    places = default_places() if places is None else places
    if incidents.empty:
        raise ValueError("Tidak ada data kejadian untuk backtest.")
    first = pd.Timestamp(incidents["tanggal"].min()).to_period("M")
    last = pd.Timestamp(incidents["tanggal"].max()).to_period("M")
    months = pd.period_range(first, last, freq="M")
    starts = months.start_time
    arrays = compute_arrays(incidents, reports, calendar, settings, starts, places, border_km)
    skor, _ = combine(arrays.components, settings.risk_weights)
    counts = month_counts(incidents, places, starts)
    target = counts > 0
    lo = pd.Period(start, freq="M") if start else first + 12
    hi = pd.Period(end, freq="M") if end else last
    n = len(places)
    # Column j of each feature is what was known on the first day of month j.
    cumulative = np.c_[np.zeros(n), np.cumsum(counts, axis=1)]
    lag = np.arange(len(months))
    window = np.maximum(np.minimum(lag, 12), 1)
    features = {
        "skor": np.nan_to_num(skor) / 100.0,
        "bulan_lalu": np.log1p(np.c_[np.zeros(n), counts[:, :-1]]),
        "rata_12": np.log1p((cumulative[:, lag] - cumulative[:, np.maximum(lag - 12, 0)]) / window),
    }
    rows = []
    for j, month in enumerate(months):
        if month < max(lo, first + 1) or month > hi:
            continue
        row = {"bulan": str(month), "positif": int(target[:, j].sum())}
        for model in MODELS:
            x = features[model]
            now, y = x[:, j], target[:, j]
            row[f"{model}_ap"] = average_precision(now, y)
            hits = expected_hits_at_k(now, y, top_k)
            row[f"{model}_p_at_k"] = hits / min(top_k, len(now))
            row[f"{model}_r_at_k"] = hits / y.sum() if y.sum() else float("nan")
            past_x, past_y = x[:, 1:j].ravel(), target[:, 1:j].ravel()
            if past_y.size and 0 < past_y.sum() < past_y.size:
                a, b = fit_logistic(past_x, past_y.astype(float))
                p = 1.0 / (1.0 + np.exp(-(a + b * now)))
                row[f"{model}_brier"] = float(np.mean((p - y) ** 2))
            else:
                row[f"{model}_brier"] = float("nan")
        rows.append(row)
    monthly = pd.DataFrame(rows)
    if monthly.empty:
        raise ValueError(f"Tidak ada bulan untuk backtest antara {lo} dan {hi}.")
    averages = monthly.drop(columns=["bulan"]).mean(numeric_only=True).to_frame().T
    averages.insert(0, "bulan", "rata-rata")
    return BacktestResult(monthly=monthly, averages=averages, top_k=top_k)


def summary_table(result: BacktestResult) -> pd.DataFrame:
    """Return models × metrics averaged over the months (rows skor, bulan_lalu, rata_12)."""
    avg = result.averages.iloc[0]
    return pd.DataFrame(
        {metric: [avg[f"{model}_{metric}"] for model in MODELS] for metric in METRICS}, index=list(MODELS)
    ).rename(columns={"p_at_k": f"p@{result.top_k}", "r_at_k": f"r@{result.top_k}"})
