"""Simulated kejadian for Malinau's 109 desa, made without the forecast's assumptions, to test it beyond the demo.

Each world is a different process, none of them the additive negative-binomial model:

  stasioner   each desa a constant rate (log-normal across desa), Poisson days;
  menular     self-exciting (Hawkes-like branching): a kejadian triggers later ones in its desa and
              in a random desa of the same kecamatan, with exponential delays; sparse background;
  jarang      very low rates, most desa never see a kejadian, a few hot spots (gamma shape 0.15);
  bergeser    each desa's log-rate drifts as a mean-reverting random walk, and every election
              multiplies the rate ×2.5 in the 45 days before its vote (Pilkades only where voting).

Severity (korban) is drawn independently of everything, as kategori is; 3% of kejadian are recorded
at kecamatan level only. Every world covers 2022-01-01 … 2025-06-30.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.places.gazetteer import load_gazetteer

START, END = pd.Timestamp("2022-01-01"), pd.Timestamp("2025-06-30")
KATEGORI = np.array(["sumber_daya", "batas_wilayah", "identitas", "unjuk_rasa", "kekerasan", "orang_asing",
                     "perbatasan", "informasi", "lainnya"])
VOTES = (("2023-05-30", 0.5), ("2024-02-14", 1.0), ("2024-11-27", 1.0))  # (vote day, share of desa voting)
WORLDS = ("stasioner", "menular", "jarang", "bergeser")


def malinau_places() -> pd.DataFrame:
    """Return the 109 desa (kode, nama, kode_kecamatan, kecamatan)."""
    return load_gazetteer().desa[["kode", "nama", "kode_kecamatan", "kecamatan"]].reset_index(drop=True)


def _days() -> int:
    return (END - START).days + 1


def _frame(places: pd.DataFrame, place_idx: np.ndarray, day_idx: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n = len(place_idx)
    kode = places["kode"].to_numpy()[place_idx].astype(object)
    kode[rng.random(n) < 0.03] = None
    return pd.DataFrame({
        "tanggal": START + pd.to_timedelta(day_idx, unit="D"),
        "kode_kecamatan": places["kode_kecamatan"].to_numpy()[place_idx],
        "kode_desa": kode,
        "kategori": rng.choice(KATEGORI, n),
        "korban_meninggal": rng.poisson(0.05, n),
        "korban_luka": rng.poisson(0.3, n),
    }).sort_values("tanggal", ignore_index=True)


def _from_daily_rates(places: pd.DataFrame, rate: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    counts = rng.poisson(rate)  # places × days
    place_idx, day_idx = np.nonzero(counts)
    reps = counts[place_idx, day_idx]
    frame = _frame(places, np.repeat(place_idx, reps), np.repeat(day_idx, reps), rng)
    frame.attrs["true_rate"] = rate  # the oracle: the bench ranks by it to show how much room any model has
    return frame


def stationary(places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return kejadian from constant log-normal rates (mean about 0.6 per desa-month)."""
    monthly = np.exp(rng.normal(np.log(0.35), 1.0, len(places)))
    return _from_daily_rates(places, np.repeat(monthly[:, None] / 30.4, _days(), axis=1), rng)


def sparse(places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return kejadian from very uneven low rates (about 0.12 per desa-month on average)."""
    monthly = rng.gamma(0.15, 0.8, len(places))
    return _from_daily_rates(places, np.repeat(monthly[:, None] / 30.4, _days(), axis=1), rng)


def drifting(places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return kejadian from drifting rates with election surges."""
    n, days = len(places), _days()
    level = rng.normal(np.log(0.3), 0.8, n)
    months = days // 30 + 1
    walk = np.zeros((n, months))
    for m in range(1, months):  # mean-reverting walk of the log-rate, month by month
        walk[:, m] = 0.85 * walk[:, m - 1] + rng.normal(0.0, 0.35, n)
    log_rate = level[:, None] + np.repeat(walk, 30, axis=1)[:, :days]
    surge = np.ones((n, days))
    for vote, share in VOTES:
        d = (pd.Timestamp(vote) - START).days
        voting = rng.random(n) < share
        surge[np.ix_(voting, np.arange(max(d - 45, 0), min(d + 1, days)))] = 2.5
    frame = _from_daily_rates(places, np.exp(log_rate) / 30.4 * surge, rng)
    # the hidden state, for bench_forecast --ceiling: what knowing it would be worth to any model
    frame.attrs["level"], frame.attrs["walk"] = level, walk  # walk: one column per 30-day step from START
    return frame


def contagious(places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return kejadian from a branching process: background events, each begetting more nearby and soon after."""
    n, days = len(places), _days()
    kec = places["kode_kecamatan"].to_numpy()
    members = {k: np.flatnonzero(kec == k) for k in np.unique(kec)}
    background = rng.gamma(0.6, 0.25, n) / 30.4  # per day
    counts = rng.poisson(np.repeat(background[:, None], days, axis=1))
    place, day = np.nonzero(counts)
    reps = counts[place, day]
    queue_place, queue_day = list(np.repeat(place, reps)), list(np.repeat(day, reps))
    out_place, out_day = [], []
    while queue_place:
        p, d = queue_place.pop(), queue_day.pop()
        out_place.append(p)
        out_day.append(d)
        for target, mean_children in ((p, 0.45), (None, 0.2)):
            for _ in range(rng.poisson(mean_children)):
                child_day = d + 1 + int(rng.exponential(20.0))
                if child_day >= days:
                    continue
                child = target if target is not None else rng.choice(members[kec[p]])
                queue_place.append(int(child))
                queue_day.append(child_day)
    return _frame(places, np.asarray(out_place), np.asarray(out_day), rng)


def make_world(name: str, seed: int = 2024) -> pd.DataFrame:
    """Return the kejadian of one named world (see the module docstring)."""
    places = malinau_places()
    rng = np.random.default_rng(seed)
    make = {"stasioner": stationary, "menular": contagious, "jarang": sparse, "bergeser": drifting}[name]
    return make(places, rng)
