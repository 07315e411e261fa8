"""Benchmark of the risk forecast: the honest backtest on the demo and on simulated worlds, ablations, and speed.

    python bench/bench_forecast.py                    # backtest table per world (demo + bench/forecast_worlds.py)
    python bench/bench_forecast.py --ablation         # AP change when each part is switched off, per world
    python bench/bench_forecast.py --speed            # 109 desa one date in-process; national fit + score (own process)
    python bench/bench_forecast.py --ceiling          # drifting world: what knowing its hidden state is worth

The demo world is generated into a temporary SQLite store with `python -m analytics demo` and read back
through the same RiskInputs bundle the CLI and the dashboard use.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from forecast_worlds import WORLDS, make_world, malinau_places

from analytics.risk import forecast_metrics as fm
from analytics.risk.backtest import BASELINES, run_forecast_backtest
from analytics.risk.elections import load_calendar
from analytics.risk.inputs import RiskInputs
from analytics.settings import Settings, default_settings

REPORT_COLUMNS = ["periode_mulai", "periode_akhir", "level", "kode_kecamatan", "kode_desa", "indikator", "nilai"]
ABLATE = ("riwayat", "setahun", "tiga_bulan", "dua_minggu", "kecamatan", "laporan", "paparan", "pemilihan")


def defaults() -> Settings:
    """Return every setting at its default."""
    return default_settings()


def world_inputs(name: str) -> RiskInputs:
    """Return the inputs of a simulated world, or of the demo (read back from a fresh store)."""
    if name == "demo":
        from analytics.risk.inputs import read_risk_inputs
        from analytics.store.db import open_store

        path = Path(tempfile.mkdtemp()) / "demo.db"
        subprocess.run([sys.executable, "-m", "analytics", "demo", "--db", f"sqlite:///{path}"], cwd=ROOT, check=True,
                       capture_output=True)
        return read_risk_inputs(open_store(f"sqlite:///{path}"))
    return RiskInputs(incidents=make_world(name), reports=pd.DataFrame(columns=REPORT_COLUMNS),
                      calendar=load_calendar(), settings=defaults(), border_km=None, foreigners=None)


def oracle_ap(inputs: RiskInputs, months: pd.Series) -> float:
    """Return the mean AP of ranking by the world's true expected count per month (NaN when the world has none)."""
    rate = inputs.incidents.attrs.get("true_rate")
    if rate is None:
        return float("nan")
    from forecast_worlds import START

    from analytics.risk.backtest import month_counts

    places = malinau_places()
    periods = pd.PeriodIndex(list(months), freq="M")
    counts = month_counts(inputs.incidents, places, periods)
    day_month = pd.PeriodIndex(START + pd.to_timedelta(np.arange(rate.shape[1]), unit="D"), freq="M")
    aps = []
    for j, month in enumerate(periods):
        expected = rate[:, np.asarray(day_month == month)].sum(axis=1)
        aps.append(fm.average_precision(expected, counts[:, j] > 0))
    return float(np.nanmean(aps))


def backtest_row(name: str, inputs: RiskInputs) -> dict:
    """Return one table row: the model against the best baseline, calibration and Brier."""
    r = run_forecast_backtest(inputs, places=malinau_places())
    oracle = oracle_ap(inputs, r.monthly["bulan"])
    best = r.best_baseline
    cmp = r.comparison.loc[best]
    s = r.summary
    return {"dunia": name, "bulan": len(r.monthly), "positif/bln": r.monthly["positif"].mean(),
            "AP oracle": oracle, "AP model": s.loc["model", "ap"], **{f"AP {b}": s.loc[b, "ap"] for b in BASELINES},
            "Δ vs terbaik": cmp["selisih_ap"], "CI95": f"[{cmp['bawah']:+.3f}, {cmp['atas']:+.3f}]",
            "menang": f"{int(cmp['bulan_menang'])}/{int(cmp['bulan'])}", "ECE": s.loc["model", "ece"],
            "Brier model": s.loc["model", "brier"], "Brier klim.": s.loc["klimatologi", "brier"],
            "logloss model": s.loc["model", "logloss"], "logloss klim.": s.loc["klimatologi", "logloss"]}


def markdown(frame: pd.DataFrame, fmt: str) -> str:
    """Return the frame as a Markdown table, numbers formatted with fmt (docs/risk.md pastes it as is)."""
    cells = [[format(v, fmt) if isinstance(v, (float, np.floating)) else str(v) for v in row] for row in frame.to_numpy()]
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


def run_table(worlds: list[str]) -> None:
    """Print the backtest table per world."""
    rows = [backtest_row(w, world_inputs(w)) for w in worlds]
    print(markdown(pd.DataFrame(rows), ".3f"))


def run_ablation(worlds: list[str]) -> None:
    """Print the model's mean AP with every part on and the change when each part is switched off."""
    rows = []
    for w in worlds:
        inputs = world_inputs(w)
        full = run_forecast_backtest(inputs, places=malinau_places()).summary.loc["model", "ap"]
        row = {"dunia": w, "AP semua bagian": full}
        for part in ABLATE:
            settings = inputs.settings.model_copy(update={"forecast_parts_off": [part]})
            r = run_forecast_backtest(RiskInputs(**{**inputs.__dict__, "settings": settings}), places=malinau_places())
            row[f"tanpa {part}"] = r.summary.loc["model", "ap"] - full
        rows.append(row)
    print(markdown(pd.DataFrame(rows), "+.3f"))


def run_ceiling() -> None:
    """Print, for the drifting world, the AP of rankings that know part of its hidden state, beside the model's.

    level only: each desa's permanent log-rate, known exactly; level + walk a month late: also its drift
    as it stood one 30-day step before the month (what the counts could at best reveal); oracle: the
    true expected count of the month itself. The model and the baselines see only the kejadian.
    """
    from forecast_worlds import START

    from analytics.risk.backtest import month_counts

    inputs = world_inputs("bergeser")
    level, walk, rate = (inputs.incidents.attrs[k] for k in ("level", "walk", "true_rate"))
    result = run_forecast_backtest(inputs, places=malinau_places())
    periods = pd.PeriodIndex(list(result.monthly["bulan"]), freq="M")
    counts = month_counts(inputs.incidents, malinau_places(), periods)
    day_month = pd.PeriodIndex(START + pd.to_timedelta(np.arange(rate.shape[1]), unit="D"), freq="M")
    aps: dict[str, list[float]] = {"oracle": [], "level only": [], "level + walk a month late": []}
    for j, month in enumerate(periods):
        days = np.flatnonzero(np.asarray(day_month == month))
        happened = counts[:, j] > 0
        step = max(days[0] // 30 - 1, 0)
        aps["oracle"].append(fm.average_precision(rate[:, days].sum(axis=1), happened))
        aps["level only"].append(fm.average_precision(level, happened))
        aps["level + walk a month late"].append(fm.average_precision(level + 0.85 * walk[:, step], happened))
    row = {name: float(np.nanmean(values)) for name, values in aps.items()}
    row.update({"model": result.summary.loc["model", "ap"], "best baseline": result.summary.loc[result.best_baseline, "ap"]})
    print(markdown(pd.DataFrame([{"dunia": "bergeser", **row}]), ".3f"))


def run_speed_malinau() -> None:
    """Print the median seconds of score_desa for 109 desa on one date (demo-sized stationary world)."""
    from analytics.risk.score import score_desa

    inputs = world_inputs("stasioner")
    times, cpu = [], []
    for _ in range(7):
        t0, c0 = time.perf_counter(), time.process_time()
        score_desa(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, "2025-01-01",
                   places=malinau_places())
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    load = os.getloadavg()[0]
    print(f"malinau\t109 desa\t{len(inputs.incidents)} kejadian\twall median {np.median(times):.3f} s (min "
          f"{min(times):.3f})\tCPU median {np.median(cpu):.3f} s\tload average {load:.1f} on {os.cpu_count()} cores")


def run_speed_national() -> None:
    """Print seconds and peak RSS for fitting and scoring 83,000 desa with 1M kejadian on one date."""
    from bench_risk import make_places, make_poisson_incidents

    from analytics.risk.score import score_desa

    places = make_places("national")
    incidents = make_poisson_incidents(places, 1_000_000)
    t0, c0 = time.perf_counter(), time.process_time()
    out = score_desa(incidents, pd.DataFrame(columns=REPORT_COLUMNS), load_calendar(), defaults(), "2024-12-30",
                     places=places)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"national\t{len(places)} desa\t{len(incidents)} kejadian\tfit+score {seconds:.1f} s (CPU {cpu:.1f} s)\tpeak RSS {peak:.0f} MB"
          f"\tpeluang mean {out['peluang'].mean():.3f}")


def main() -> None:
    """Run the requested part of the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--ceiling", action="store_true", help="drifting world: AP when part of its hidden state is known")
    parser.add_argument("--national", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worlds", nargs="*", default=["demo", *WORLDS])
    args = parser.parse_args()
    if args.national:
        run_speed_national()
    elif args.speed:
        run_speed_malinau()
        subprocess.run([sys.executable, __file__, "--national"], check=True)
    elif args.ablation:
        run_ablation(args.worlds)
    elif args.ceiling:
        run_ceiling()
    else:
        run_table(args.worlds)


if __name__ == "__main__":
    main()
