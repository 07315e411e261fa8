"""Vectorised building blocks of the risk score: place × evaluation-date arrays from event lists.

Every function takes events as parallel arrays (place index, day as datetime64[D], weight) and
sorted evaluation days, and only lets an event count at an evaluation day strictly after it
(day < as_of), so no score ever sees its own future. Nothing here is a place × day grid: the
arrays are place × evaluation point, which keeps the national scale (83,000 desa) in memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LN2 = np.log(2.0)


def _eval_index(eval_days: np.ndarray, days: np.ndarray, side: str = "right") -> np.ndarray:
    return np.searchsorted(eval_days, days, side=side)


def decayed_sums(
    place: np.ndarray, days: np.ndarray, weight: np.ndarray, eval_days: np.ndarray, n_places: int, half_life: float
) -> np.ndarray:
    """Return Σ weight·2^(−age/half_life) over events before each evaluation day, places × evals.

    Recursion over evaluation points: S_k = S_(k−1)·2^(−(t_k − t_(k−1))/h) + (events in [t_(k−1), t_k)
    decayed to t_k), so each event is touched once.
    """
    n_eval = len(eval_days)
    out = np.zeros((n_places, n_eval))
    if n_eval == 0 or len(days) == 0:
        return out
    k = _eval_index(eval_days, days, side="right")  # first evaluation day strictly after the event
    keep = k < n_eval
    k, place, days, weight = k[keep], place[keep], days[keep], weight[keep]
    age = (eval_days[k] - days).astype(np.int64)
    contrib = weight * np.exp(-LN2 * age / half_life)
    fresh = np.bincount(place * n_eval + k, weights=contrib, minlength=n_places * n_eval).reshape(n_places, n_eval)
    steps = np.diff(eval_days).astype(np.int64)
    out[:, 0] = fresh[:, 0]
    for j in range(1, n_eval):
        out[:, j] = out[:, j - 1] * np.exp(-LN2 * steps[j - 1] / half_life) + fresh[:, j]
    return out


def window_sums(
    place: np.ndarray,
    days: np.ndarray,
    weight: np.ndarray | None,
    eval_days: np.ndarray,
    n_places: int,
    min_age: int,
    max_age: int,
) -> np.ndarray:
    """Return Σ weight of events aged min_age..max_age days (inclusive) at each evaluation day, places × evals.

    An event of day d counts at t when min_age ≤ t − d ≤ max_age, i.e. for evaluation indices in
    [first t ≥ d + min_age, first t > d + max_age): a +w/−w difference array, then a cumulative sum.
    """
    n_eval = len(eval_days)
    if n_eval == 0 or len(days) == 0:
        return np.zeros((n_places, n_eval))
    w = np.ones(len(days)) if weight is None else np.asarray(weight, dtype=float)
    lo = _eval_index(eval_days, days + np.timedelta64(min_age, "D"), side="left")
    hi = _eval_index(eval_days, days + np.timedelta64(max_age, "D"), side="right")
    width = n_eval + 1
    diff = np.bincount(place * width + lo, weights=w, minlength=n_places * width)
    diff -= np.bincount(place * width + hi, weights=w, minlength=n_places * width)
    sums = np.cumsum(diff.reshape(n_places, width), axis=1)[:, :n_eval]
    # A cumulative sum of +w/−w leaves ~1e-15 residue where the true sum is 0.
    return np.round(sums, 9)


def latest_values(
    place: np.ndarray, days: np.ndarray, values: np.ndarray, eval_days: np.ndarray, n_places: int, stale_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (value of the latest entry dated before each evaluation day, its age in days), NaN when none is fresh.

    Entries are one per (place, day); an entry is the latest from the day after its date until the day
    after the next entry's date, and never longer than stale_days.
    """
    n_eval = len(eval_days)
    value = np.full((n_places, n_eval), np.nan)
    age = np.full((n_places, n_eval), np.nan)
    if n_eval == 0 or len(days) == 0:
        return value, age
    order = np.lexsort((days, place))
    place, days, values = place[order], days[order], values[order]
    next_day = np.empty_like(days)
    next_day[:-1] = days[1:]
    same_next = np.zeros(len(days), dtype=bool)
    same_next[:-1] = place[1:] == place[:-1]
    end = days + np.timedelta64(stale_days + 1, "D")
    end = np.where(same_next, np.minimum(end, next_day + np.timedelta64(1, "D")), end)
    lo = _eval_index(eval_days, days + np.timedelta64(1, "D"), side="left")
    hi = _eval_index(eval_days, end, side="left")
    for j in np.flatnonzero(hi > lo):  # one short slice per report; reports are few
        value[place[j], lo[j] : hi[j]] = values[j]
        age[place[j], lo[j] : hi[j]] = (eval_days[lo[j] : hi[j]] - days[j]).astype(np.int64)
    return value, age


def saturate(x: np.ndarray, midpoint: float) -> np.ndarray:
    """Return 100·(1 − 2^(−x/midpoint)): 0 at 0, 50 at midpoint, 75 at twice it, never above 100."""
    return 100.0 * (1.0 - np.exp2(-np.asarray(x, dtype=float) / midpoint))


def spike_score(recent: np.ndarray, base: np.ndarray, base_days: np.ndarray, prior_rate: np.ndarray,
                recent_days: int, prior_days: float) -> np.ndarray:
    """Return lonjakan 0–100: 100·max(0, 2·P(X < recent) − 1), X the count expected from the desa's own baseline.

    The desa's daily rate has a Gamma(prior_rate·prior_days + base, prior_days + base_days) posterior
    (prior = kabupaten rate), so X over recent_days is negative binomial. A zero baseline gives the
    kabupaten's expectation, not a division by zero; zero recent events give 0.
    """
    recent = np.rint(np.asarray(recent, dtype=float)).astype(np.int64)
    shape_all = np.broadcast_to(prior_rate * prior_days + base, recent.shape)
    p_all = np.broadcast_to((prior_days + base_days) / (prior_days + base_days + recent_days), recent.shape)
    out = np.zeros(recent.shape)
    busy = recent > 0  # zero recent kejadian is never a spike; most cells are zero, so compute the rest only
    r, shape, p = recent[busy], shape_all[busy], p_all[busy]
    term = np.exp(shape * np.log(p))  # P(X = 0)
    cdf = np.zeros(r.shape)
    top = int(min(r.max(initial=0), 400))  # beyond 400 events P(X < r) is 1 for any plausible baseline
    for k in range(top):
        cdf += np.where(r > k, term, 0.0)
        term = term * (k + shape) / (k + 1) * (1 - p)
    # A count the baseline makes as likely as not (F ≤ ½) is no spike: 100·(2F − 1) above the median.
    out[busy] = 100.0 * np.clip(2.0 * cdf - 1.0, 0.0, 1.0)
    return out


def report_scores(reports: pd.DataFrame, indicator_max: float) -> pd.DataFrame:
    """Return one row per (level, place, periode_akhir): nilai 0–1 = ½·max + ½·mean of indicators / indicator_max."""
    cols = ["level", "kode", "periode_akhir", "nilai", "indikator_top", "nilai_top"]
    if reports.empty:
        return pd.DataFrame(columns=cols)
    r = reports.copy()
    r["kode"] = np.where(r["level"] == "desa", r["kode_desa"], r["kode_kecamatan"])
    r["nilai"] = r["nilai"].astype(float).clip(0, indicator_max) / indicator_max
    # Two uploads of the same period and indicator average rather than double-count.
    per_ind = r.groupby(["level", "kode", "periode_akhir", "indikator"], as_index=False)["nilai"].mean()
    g = per_ind.groupby(["level", "kode", "periode_akhir"])["nilai"]
    out = (0.5 * g.max() + 0.5 * g.mean()).rename("nilai").reset_index()
    top = per_ind.sort_values(["nilai", "indikator"], ascending=[False, True]).drop_duplicates(
        ["level", "kode", "periode_akhir"]
    )
    top = top.rename(columns={"indikator": "indikator_top", "nilai": "nilai_top"})
    return out.merge(top, on=["level", "kode", "periode_akhir"], how="left")[cols]


def border_proximity(is_border: np.ndarray, distance_km: np.ndarray | None, near_km: float, far_km: float) -> np.ndarray:
    """Return 0–1 nearness to the national border: from distance when known, else 1 for border desa, 0 otherwise."""
    base = is_border.astype(float)
    if distance_km is None:
        return base
    d = np.asarray(distance_km, dtype=float)
    from_distance = np.clip((far_km - d) / max(far_km - near_km, 1e-9), 0.0, 1.0)
    return np.where(np.isnan(d), base, from_distance)
