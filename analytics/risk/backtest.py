"""The honest monthly backtest of the forecast: same inputs and procedure as the live score, three baselines.

For each complete month the forecast is made on its first day exactly as the live score is made
(`risk.score.compute_with_forecast`: every input of the live score, the orang asing register included;
refitted on data before that day; optional parts chosen by rolling-origin validation inside the
training window), with the month's length as horizon. Target: the desa had ≥ 1 desa-level
kejadian in the month. Baselines: `bulan_lalu` (last month's count), `rata_12` (mean count over
the previous ≤ 12 months) and `klimatologi` (the kabupaten's past share of desa-months with a
kejadian, the same for every desa). Baseline probabilities come from a logistic fit on earlier
months only. Only months that the data cover to their last day are scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.risk import forecast_metrics as fm
from analytics.risk.score import compute_with_forecast, default_places

MODEL = "model"
BASELINES = ("bulan_lalu", "rata_12", "klimatologi")
MODELS = (MODEL, *BASELINES)


@dataclass(frozen=True)
class ForecastBacktest:
    """Monthly scores, averages per model, the model against each baseline, and the reliability of peluang."""

    monthly: pd.DataFrame  # bulan, positif, {model}_ap / _p_at_k / _r_at_k / _brier / _logloss
    summary: pd.DataFrame  # index model: ap, p_at_k, r_at_k, brier, logloss, ece
    comparison: pd.DataFrame  # index baseline: selisih_ap, bawah, atas, bulan_menang, bulan
    reliability: pd.DataFrame  # fm.reliability_table of the model's peluang, pooled over months
    best_baseline: str
    top_k: int
    partial_month: str | None  # the last month of data, left out because the data stop before its end


def month_counts(incidents: pd.DataFrame, places: pd.DataFrame, months: pd.PeriodIndex) -> np.ndarray:
    """Return desa × month counts of desa-level kejadian."""
    idx = pd.Index(places["kode"]).get_indexer(incidents["kode_desa"].astype(object))
    col = pd.Index(months).get_indexer(pd.PeriodIndex(pd.to_datetime(incidents["tanggal"]), freq="M"))
    ok = (idx >= 0) & (col >= 0)
    counts = np.bincount(idx[ok] * len(months) + col[ok], minlength=len(places) * len(months))
    return counts.reshape(len(places), len(months)).astype(float)


def complete_months(incidents: pd.DataFrame, start=None, end=None, data_end=None) -> tuple[pd.PeriodIndex, pd.PeriodIndex, str | None]:
    """Return (all months from the first kejadian, the months to score, the partial last month left out or None)."""
    if incidents.empty:
        raise ValueError("Tidak ada data kejadian untuk backtest.")
    dates = pd.to_datetime(incidents["tanggal"])
    last_day = pd.Timestamp(data_end) if data_end is not None else dates.max()
    first = dates.min().to_period("M")
    last = last_day.to_period("M")
    partial = None
    if last_day < last.end_time.normalize():
        partial, last = str(last), last - 1
    lo = max(pd.Period(start, freq="M") if start else first + 12, first + 1)
    hi = min(pd.Period(end, freq="M"), last) if end else last
    months = pd.period_range(first, max(last, first), freq="M")
    scored = pd.period_range(lo, hi, freq="M") if lo <= hi else pd.PeriodIndex([], freq="M")
    if not len(scored):
        raise ValueError(f"Tidak ada bulan lengkap untuk backtest antara {lo} dan {hi}.")
    return months, scored, partial


def _baselines(counts: np.ndarray, j: int) -> dict[str, np.ndarray]:
    n = counts.shape[0]
    past = counts[:, :j]
    recent = past[:, -12:]
    share = float((past > 0).mean()) if j else 0.0
    return {"bulan_lalu": past[:, -1] if j else np.zeros(n), "rata_12": recent.mean(axis=1) if j else np.zeros(n),
            "klimatologi": np.full(n, share)}


def _model_forecasts(inputs, places: pd.DataFrame, scored: pd.PeriodIndex) -> dict[str, np.ndarray]:
    # One call per month length (the horizon); the model is still refitted at each month's first day.
    out = {}
    starts = scored.start_time
    lengths = np.asarray(scored.days_in_month)
    for length in np.unique(lengths):
        days = starts[lengths == length]
        _, forecast = compute_with_forecast(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, days,
                                            places, inputs.border_km, inputs.foreigners, horizon=int(length),
                                            explain=False)
        for col, day in enumerate(days):
            out[str(day.to_period("M"))] = forecast.peluang[:, col]
    return out


def run_forecast_backtest(inputs, start=None, end=None, top_k: int = 10, places: pd.DataFrame | None = None,
                          data_end=None) -> ForecastBacktest:
    """Return the monthly backtest of the forecast and the three baselines over the complete months in [start, end]."""
    places = default_places() if places is None else places.reset_index(drop=True)
    months, scored, partial = complete_months(inputs.incidents, start, end, data_end)
    counts = month_counts(inputs.incidents, places, months)
    peluang = _model_forecasts(inputs, places, scored)
    rows, pooled = [], {m: ([], []) for m in MODELS}
    for month in scored:
        j = months.get_loc(month)
        y = counts[:, j] > 0
        ranks = {MODEL: np.nan_to_num(peluang[str(month)]), **_baselines(counts, j)}
        probs = {MODEL: np.nan_to_num(peluang[str(month)]), "klimatologi": ranks["klimatologi"]}
        for name in ("bulan_lalu", "rata_12"):  # a count is no probability: calibrate on earlier months only
            xs = [np.log1p(_baselines(counts, i)[name]) for i in range(1, j)]
            ys = [counts[:, i] > 0 for i in range(1, j)]
            a, b = fm.fit_logistic(np.concatenate(xs), np.concatenate(ys)) if xs else (0.0, 0.0)
            probs[name] = 1.0 / (1.0 + np.exp(-(a + b * np.log1p(ranks[name]))))
        row = {"bulan": str(month), "positif": int(y.sum())}
        for name in MODELS:
            hits = fm.expected_hits_at_k(ranks[name], y, top_k)
            row[f"{name}_ap"] = fm.average_precision(ranks[name], y)
            row[f"{name}_p_at_k"] = hits / min(top_k, len(y))
            row[f"{name}_r_at_k"] = hits / y.sum() if y.sum() else float("nan")
            row[f"{name}_brier"] = fm.brier(probs[name], y)
            row[f"{name}_logloss"] = fm.log_loss(probs[name], y)
            pooled[name][0].append(probs[name])
            pooled[name][1].append(y)
        rows.append(row)
    monthly = pd.DataFrame(rows)
    return _summarise(monthly, pooled, top_k, partial)


def _summarise(monthly: pd.DataFrame, pooled: dict, top_k: int, partial: str | None) -> ForecastBacktest:
    summary = {}
    for name in MODELS:
        p, y = np.concatenate(pooled[name][0]), np.concatenate(pooled[name][1])
        summary[name] = {"ap": monthly[f"{name}_ap"].mean(), "p_at_k": monthly[f"{name}_p_at_k"].mean(),
                         "r_at_k": monthly[f"{name}_r_at_k"].mean(), "brier": fm.brier(p, y),
                         "logloss": fm.log_loss(p, y), "ece": fm.calibration_error(fm.reliability_table(p, y))}
    summary = pd.DataFrame(summary).T
    comparison = {}
    for name in BASELINES:
        diff = (monthly[f"{MODEL}_ap"] - monthly[f"{name}_ap"]).dropna().to_numpy()
        lo, hi = fm.bootstrap_interval(diff)
        comparison[name] = {"selisih_ap": float(diff.mean()) if len(diff) else float("nan"), "bawah": lo, "atas": hi,
                            "bulan_menang": int((diff > 0).sum()), "bulan": len(diff)}
    comparison = pd.DataFrame(comparison).T
    best = str(summary.loc[list(BASELINES), "ap"].astype(float).idxmax())
    p, y = np.concatenate(pooled[MODEL][0]), np.concatenate(pooled[MODEL][1])
    return ForecastBacktest(monthly=monthly, summary=summary, comparison=comparison,
                            reliability=fm.reliability_table(p, y), best_baseline=best, top_k=top_k,
                            partial_month=partial)
