"""The risk forecast per desa: expected kejadian in the next `forecast_horizon_days` (perkiraan) and P(≥ 1) (peluang).

    perkiraan_i(t) = (1 + γ·e_t) · Σ_k β_k·x_ik(t)      every β_k ≥ 0, γ ≥ 0   (analytics/risk/forecast_fit.py)

Parts x (kejadian per 30 days, from data dated strictly before t): `dasar` (1: the kabupaten base
rate), `riwayat` (the desa's rate over up to `forecast_long_days`), `setahun` (last 365 days),
`tiga_bulan` (91 days), `dua_minggu` (14 days), `kecamatan` (its kecamatan's rate per desa over 91
days, kecamatan-only kejadian included), and — only when rolling-origin validation inside the
training window says they help — `laporan` (latest fresh laporan berkala, 0–1) and `paparan`
(border nearness and orang asing exposure, 0–1). e_t is the kabupaten-wide election intensity in
the middle of the horizon (the calendar is published in advance). The model is refitted at every
evaluation day on training origins whose horizon ended before it, so nothing on or after t is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.risk import components as rc
from analytics.risk import forecast_fit as ff
from analytics.risk.elections import Calendar, election_component, wave_membership
from analytics.settings import Settings

BASE_PARTS = ("dasar", "riwayat", "setahun", "tiga_bulan", "dua_minggu", "kecamatan")
OPTIONAL_PARTS = ("laporan", "paparan")
EXPLAINED = (*BASE_PARTS, *OPTIONAL_PARTS, "pemilihan")
MIN_HISTORY_DAYS = 30  # a training origin needs this much data before it, else every part is empty
EPOCH = np.datetime64("1970-01-05", "D")  # a Monday: training origins sit on one grid shared by every evaluation


@dataclass(frozen=True)
class EventIndex:
    """Kejadian as parallel arrays against the places table (desa level, and by kecamatan)."""

    desa: np.ndarray
    desa_days: np.ndarray
    kec: np.ndarray
    kec_days: np.ndarray
    kec_of_desa: np.ndarray
    desa_per_kec: np.ndarray
    first_day: np.datetime64 | None


@dataclass(frozen=True)
class Forecast:
    """perkiraan, peluang and each part's kejadian (places × evaluation days), and the fit behind each day."""

    eval_days: np.ndarray
    perkiraan: np.ndarray
    peluang: np.ndarray
    parts: dict[str, np.ndarray]
    fits: list[ff.CountFit | None]


def index_events(incidents: pd.DataFrame, places: pd.DataFrame) -> EventIndex:
    """Return the kejadian as place / kecamatan indices and days."""
    desa_index = pd.Index(places["kode"])
    kec_codes = pd.Index(places["kode_kecamatan"].unique())
    kec_of_desa = kec_codes.get_indexer(places["kode_kecamatan"])
    days = pd.to_datetime(incidents["tanggal"]).to_numpy().astype("datetime64[D]")
    d_idx = desa_index.get_indexer(incidents["kode_desa"].astype(object).where(incidents["kode_desa"].notna(), None))
    c_idx = kec_codes.get_indexer(incidents["kode_kecamatan"].astype(object))
    at_desa, at_kec = d_idx >= 0, c_idx >= 0
    return EventIndex(desa=d_idx[at_desa], desa_days=days[at_desa], kec=c_idx[at_kec], kec_days=days[at_kec],
                      kec_of_desa=kec_of_desa, desa_per_kec=np.bincount(kec_of_desa, minlength=len(kec_codes)),
                      first_day=days.min() if len(days) else None)


def _rate(place, days, origins, n, window, covered) -> np.ndarray:
    # Kejadian per 30 days over the last `window` days, over the days the data actually covers.
    counts = rc.window_sums(place, days, None, origins, n, 1, window)
    span = np.maximum(np.minimum(covered, window), min(window, 14))
    return counts * 30.0 / span[None, :]


def base_features(ev: EventIndex, origins: np.ndarray, n: int, long_days: int) -> dict[str, np.ndarray]:
    """Return the base parts (places × origins), each from kejadian dated strictly before the origin."""
    covered = np.zeros(len(origins))
    if ev.first_day is not None:
        covered = np.clip((origins - ev.first_day).astype(np.int64), 0, None).astype(float)
    out = {"dasar": np.ones((n, len(origins)))}
    for name, window in (("riwayat", long_days), ("setahun", 365), ("tiga_bulan", 91), ("dua_minggu", 14)):
        out[name] = _rate(ev.desa, ev.desa_days, origins, n, window, covered)
    kec = _rate(ev.kec, ev.kec_days, origins, len(ev.desa_per_kec), 91, covered)
    out["kecamatan"] = (kec / np.maximum(ev.desa_per_kec, 1)[:, None])[ev.kec_of_desa]
    has_data = covered > 0
    return {name: value if name == "dasar" else np.where(has_data[None, :], value, 0.0) for name, value in out.items()}


def target_counts(ev: EventIndex, origins: np.ndarray, n: int, horizon: int) -> np.ndarray:
    """Return desa-level kejadian in [origin, origin + horizon) per place × origin."""
    return rc.window_sums(ev.desa, ev.desa_days, None, origins, n, -(horizon - 1), 0)


def election_intensity(calendar: Calendar, places: pd.DataFrame, days: np.ndarray, settings: Settings) -> np.ndarray:
    """Return the kabupaten-wide election intensity 0–1 per day: the mean over desa of the pemilihan component / 100."""
    codes = pd.Index(places["kode"])
    if not len(codes):
        return np.zeros(len(days))
    # Desa voting in the same waves share one value: compute it once per pattern, weighted by its desa.
    _, member = wave_membership(calendar, codes)
    _, first, counts = np.unique(member.T, axis=0, return_index=True, return_counts=True)
    value, _ = election_component(calendar, codes[first], days, settings.election_stage_weights,
                                  settings.election_window_days)
    return (value * counts[:, None]).sum(axis=0) / len(codes) / 100.0


def training_origins(as_of: np.datetime64, horizon: int, first_day, settings: Settings) -> np.ndarray:
    """Return the training origins for as_of: on the shared grid, their horizon ended before as_of, oldest first."""
    if first_day is None:
        return np.array([], dtype="datetime64[D]")
    step, span = settings.forecast_train_step_days, settings.forecast_train_days
    last = as_of - np.timedelta64(horizon, "D")
    last = last - np.timedelta64(int((last - EPOCH).astype(np.int64)) % step, "D")
    lo = max(as_of - np.timedelta64(span, "D"), first_day + np.timedelta64(MIN_HISTORY_DAYS, "D"))
    count = int((last - lo).astype(np.int64)) // step + 1 if last >= lo else 0
    return (last - np.arange(count)[::-1] * np.timedelta64(step, "D")).astype("datetime64[D]")


def _training_rows(features, e, targets, cols, origins, max_rows, parts):
    total = targets.shape[0] * len(cols)
    rows = np.arange(total)
    if total > max_rows:  # plenty for a handful of weights; a fixed seed keeps the fit reproducible
        rows = np.sort(np.random.default_rng(0).choice(total, max_rows, replace=False))
    place, col = np.divmod(rows, len(cols))  # gather the sampled (desa, origin) cells, never the whole grid
    col = np.asarray(cols)[col]
    x = {p: features[p][place, col] for p in parts}
    return x, e[col], targets[place, col], origins[col].astype(np.int64)


def fit_at(features, e, targets, origins, train_days, settings, horizon) -> ff.CountFit | None:
    """Return the model fitted on the training origins (columns of features), None when there are none with kejadian."""
    cols = np.searchsorted(origins, train_days)
    if len(cols) < 2 or targets[:, cols].sum() == 0:
        return None
    off = set(settings.forecast_parts_off or ())
    base = ("dasar", *(p for p in BASE_PARTS[1:] if p not in off))
    optional = tuple(p for p in OPTIONAL_PARTS if p not in off)
    if "pemilihan" in off:
        e = np.zeros_like(e)
    x, ee, y, origin = _training_rows(features, e, targets, cols, origins, settings.forecast_max_rows,
                                      base + optional)
    validation = max(settings.forecast_validation_days // settings.forecast_train_step_days, 1)
    chosen = ff.select_parts(x, ee, y, origin, base, optional, validation, horizon)
    return ff.fit_counts(x, ee, y, chosen)


def prior_fit(riwayat: np.ndarray, first_day, day: np.datetime64, settings: Settings, horizon: int) -> ff.CountFit | None:
    """Return the model used while history is too short to fit one: each desa's gamma-Poisson posterior mean rate.

    μ_i = H·(c_i + κ·ρ)/(T + κ): c_i the desa's kejadian over the T days of data, ρ the kabupaten's rate
    per desa-day, κ = `risk_spike_prior_days` days of prior weight. Written as parts dasar + riwayat.
    """
    if first_day is None or first_day >= day:
        return None
    long_days = settings.forecast_long_days
    covered = float((day - first_day).astype(np.int64))
    span = max(min(covered, long_days), min(long_days, 14))
    counts = riwayat * span / 30.0
    rho = counts.sum() / (max(len(counts), 1) * covered)
    kappa = settings.risk_spike_prior_days
    beta = np.array([max(horizon * kappa * rho / (covered + kappa), 1e-9), horizon * span / 30.0 / (covered + kappa)])
    return ff.CountFit(parts=("dasar", "riwayat"), beta=beta, gamma=0.0, alpha=0.0, rows=0)


@dataclass(frozen=True)
class Panel:
    """The laporan and paparan components (0–100) of some places (rows of the places table) at some days."""

    rows: np.ndarray
    days: np.ndarray
    laporan: np.ndarray
    paparan: np.ndarray


def subset_events(ev: EventIndex, rows: np.ndarray, n: int) -> EventIndex:
    """Return ev for the places at rows only (desa kejadian elsewhere dropped; kecamatan kejadian all kept)."""
    if len(rows) == n:
        return ev
    position = np.full(n, -1)
    position[rows] = np.arange(len(rows))
    at = position[ev.desa]
    keep = at >= 0
    return EventIndex(desa=at[keep], desa_days=ev.desa_days[keep], kec=ev.kec, kec_days=ev.kec_days,
                      kec_of_desa=ev.kec_of_desa[rows], desa_per_kec=ev.desa_per_kec, first_day=ev.first_day)


def training_places(n: int, settings: Settings) -> np.ndarray:
    """Return the rows of the places the model is fitted on: all of them, or a fixed random sample at national scale.

    A fit draws at most `forecast_max_rows` (desa, origin) cells; desa enough for twice that over one
    training window are plenty, and their parts are then all that is computed at the training origins.
    """
    per_fit = max(settings.forecast_train_days // settings.forecast_train_step_days, 1)
    need = -(-2 * settings.forecast_max_rows // per_fit)
    if n <= need:
        return np.arange(n)
    return np.sort(np.random.default_rng(0).choice(n, need, replace=False))


def panel_features(ev: EventIndex, panel: Panel, n: int, long_days: int) -> dict[str, np.ndarray]:
    """Return every part (panel rows × panel days): the base parts from kejadian, laporan and paparan as 0–1."""
    features = base_features(subset_events(ev, panel.rows, n), panel.days, len(panel.rows), long_days)
    features["laporan"] = np.nan_to_num(panel.laporan) / 100.0
    features["paparan"] = np.nan_to_num(panel.paparan) / 100.0
    return features


SCORED_BLOCK = 64  # evaluation days whose parts are computed together (bounds memory at national scale)


def forecast_from_arrays(ev: EventIndex, train: Panel, scored: Panel, calendar: Calendar, places: pd.DataFrame,
                         settings: Settings, horizon: int, refit: str = "M", explain: bool = True) -> Forecast:
    """Return the forecast of every place at scored.days; train holds the training places at every training origin.

    The model is refitted at the first evaluation day of each calendar month (refit="M"; "Q" for each
    quarter, the long weekly series) and used for that period's evaluation days, so a fit never uses
    data on or after any day it scores; a single day is always refitted on itself. explain=False leaves
    out each part's kejadian (only the one-day score shows them).
    """
    n, eval_days = len(places), scored.days
    half = np.timedelta64(horizon // 2, "D")
    features = panel_features(ev, train, n, settings.forecast_long_days)
    e_train = election_intensity(calendar, places, train.days + half, settings)
    e_scored = election_intensity(calendar, places, eval_days + half, settings)
    targets = target_counts(subset_events(ev, train.rows, n), train.days, len(train.rows), horizon)
    k = len(eval_days)
    perkiraan, peluang = np.full((n, k), np.nan), np.full((n, k), np.nan)
    parts = {p: np.full((n, k), np.nan) for p in EXPLAINED} if explain else {}
    fits: list[ff.CountFit | None] = []
    month = pd.PeriodIndex(pd.DatetimeIndex(eval_days.astype("datetime64[ns]")), freq=refit).asi8
    fit = None
    for first in range(0, k, SCORED_BLOCK):
        block = slice(first, min(first + SCORED_BLOCK, k))
        x_block = panel_features(ev, Panel(scored.rows, eval_days[block], scored.laporan[:, block],
                                           scored.paparan[:, block]), n, settings.forecast_long_days)
        for j in range(block.start, block.stop):
            day, col = eval_days[j], j - block.start
            if j == 0 or month[j] != month[j - 1]:
                fit = fit_at(features, e_train, targets, train.days,
                             training_origins(day, horizon, ev.first_day, settings), settings, horizon) \
                    or prior_fit(x_block["riwayat"][:, col], ev.first_day, day, settings, horizon)
            fits.append(fit)
            if fit is None:
                continue
            x = {p: x_block[p][:, col] for p in fit.parts}
            mu = fit.mean(x, e_scored[j])
            perkiraan[:, j] = mu
            peluang[:, j] = ff.probability_any(mu, fit.alpha)
            if explain:
                _explain(parts, fit, x, e_scored[j], j)
    return Forecast(eval_days=eval_days, perkiraan=perkiraan, peluang=peluang, parts=parts, fits=fits)


def _explain(parts: dict[str, np.ndarray], fit: ff.CountFit, x: dict[str, np.ndarray], e: float, j: int) -> None:
    for name, value in fit.contributions(x, e).items():
        parts[name][:, j] = value
    for name in set(EXPLAINED) - set(fit.parts) - {"pemilihan"}:
        parts[name][:, j] = 0.0


def training_grid(eval_days, settings: Settings, horizon: int | None = None) -> np.ndarray:
    """Return the training origins the forecast at eval_days may use (on the grid shared by every evaluation)."""
    eval_days = np.unique(np.asarray(eval_days, dtype="datetime64[D]"))
    if not len(eval_days):
        return eval_days
    horizon = int(horizon or settings.forecast_horizon_days)
    step = settings.forecast_train_step_days
    lo = eval_days.min() - np.timedelta64(settings.forecast_train_days, "D")
    hi = eval_days.max() - np.timedelta64(horizon, "D")
    first = lo + np.timedelta64(-int((lo - EPOCH).astype(np.int64)) % step, "D")  # first grid day ≥ lo
    grid = np.arange(first, hi + np.timedelta64(1, "D"), np.timedelta64(step, "D")) if hi >= first else eval_days[:0]
    return grid.astype("datetime64[D]")
