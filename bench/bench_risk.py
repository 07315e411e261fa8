"""Benchmark of the risk score: weekly scores for every desa over 3 years, Malinau and national scale.

    python bench/bench_risk.py                # both scales, each in its own process (clean peak memory)
    python bench/bench_risk.py --one national # one scale only
    python bench/bench_risk.py --backtest-poisson  # backtest on a pure-Poisson set without election effect

Prints, per scale: rows, seconds for score_series(freq="W"), seconds for one bare
groupby(desa, week).size() over the same incidents, and the process's peak RSS (ru_maxrss).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.risk.elections import load_calendar  # noqa: E402
from analytics.places.gazetteer import load_gazetteer  # noqa: E402
from analytics.risk.score import score_series  # noqa: E402
from analytics.settings import default_settings  # noqa: E402

KATEGORI = np.array(["pemilu", "sumber_daya", "batas_wilayah", "identitas", "unjuk_rasa", "kekerasan",
                     "orang_asing", "perbatasan", "informasi", "tata_kelola", "lainnya"])
START, DAYS = pd.Timestamp("2022-01-01"), 3 * 365
REPORT_COLUMNS = ["periode_mulai", "periode_akhir", "level", "kode_kecamatan", "kode_desa", "indikator", "nilai"]


def make_places(scale: str) -> pd.DataFrame:
    """Return Malinau's 109 desa, or 83,000 synthetic desa in 7,000 kecamatan."""
    if scale == "malinau":
        return load_gazetteer().desa[["kode", "nama", "kode_kecamatan", "kecamatan"]]
    n = 83_000
    kec = np.arange(n) % 7_000
    return pd.DataFrame({"kode": [f"99.{k // 100:02d}.{k % 100:02d}.{i:05d}" for i, k in enumerate(kec)],
                         "nama": [f"Desa {i}" for i in range(n)],
                         "kode_kecamatan": [f"99.{k // 100:02d}.{k % 100:02d}" for k in kec],
                         "kecamatan": [f"Kec {k}" for k in kec]})


def make_poisson_incidents(places: pd.DataFrame, n: int, seed: int = 1) -> pd.DataFrame:
    """Return n kejadian: each desa a constant Gamma-distributed rate, uniform days, no election effect."""
    rng = np.random.default_rng(seed)
    rate = rng.gamma(0.7, 1.0, len(places))
    idx = rng.choice(len(places), size=n, p=rate / rate.sum())
    kode = places["kode"].to_numpy()[idx].astype(object)
    kode[rng.random(n) < 0.05] = None  # 5 % recorded at kecamatan level only
    return pd.DataFrame({
        "tanggal": START + pd.to_timedelta(rng.integers(0, DAYS, n), unit="D"),
        "kode_kecamatan": places["kode_kecamatan"].to_numpy()[idx],
        "kode_desa": kode,
        "kategori": rng.choice(KATEGORI, n),
        "korban_meninggal": rng.poisson(0.02, n),
        "korban_luka": rng.poisson(0.1, n),
    }).sort_values("tanggal", ignore_index=True)


def run_one(scale: str) -> None:
    """Time one scale and print a tab-separated result line."""
    places = make_places(scale)
    incidents = make_poisson_incidents(places, 10_000 if scale == "malinau" else 1_000_000)
    settings = default_settings()
    calendar = load_calendar()
    reports = pd.DataFrame(columns=REPORT_COLUMNS)
    end = START + pd.Timedelta(days=DAYS - 1)
    score_series(incidents.head(100), reports, calendar, settings, "W", START, START + pd.Timedelta(days=30), places=places)
    t0 = time.perf_counter()
    out = score_series(incidents, reports, calendar, settings, "W", START, end, places=places)
    score_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    incidents.groupby(["kode_desa", pd.Grouper(key="tanggal", freq="W")]).size()
    groupby_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{scale}\t{len(places)}\t{len(incidents)}\t{len(out)}\t{score_s:.3f}\t{groupby_s:.3f}\t{peak_mb:.0f}")


def run_poisson_backtest() -> None:
    """Print the backtest summary on a pure-Poisson Malinau set (no election effect, no reports)."""
    from analytics.risk.backtest import run_backtest, summary_table

    places = make_places("malinau")
    incidents = make_poisson_incidents(places, 2_000, seed=7)
    settings = default_settings()
    result = run_backtest(incidents, pd.DataFrame(columns=REPORT_COLUMNS), load_calendar(), settings)
    print(f"{len(result.monthly)} bulan, rata-rata {result.monthly['positif'].mean():.1f} desa dengan kejadian")
    print(summary_table(result).to_string(float_format=lambda v: f"{v:.3f}"))


def main() -> None:
    """Run the requested benchmark(s)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", choices=["malinau", "national"])
    parser.add_argument("--backtest-poisson", action="store_true")
    args = parser.parse_args()
    if args.backtest_poisson:
        run_poisson_backtest()
        return
    if args.one:
        run_one(args.one)
        return
    print("scale\tdesa\tkejadian\trows\tscore_series_s\tbare_groupby_s\tpeak_rss_mb")
    for scale in ("malinau", "national"):
        subprocess.run([sys.executable, __file__, "--one", scale], check=True)


if __name__ == "__main__":
    main()
