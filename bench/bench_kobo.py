"""Field report benchmark: ingest a Kobo export of N submissions, then a re-export with 1% edited and 1% new.

Run: /work/venv/bin/python bench/bench_kobo.py [--sizes 1000 10000] [--format xlsx|csv]
Prints one line per size; figures go to docs/fieldreports.md by hand. Single runs (each needs a fresh store).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from analytics.ingest.pipeline import ingest_file  # noqa: E402
from analytics.places.gazetteer import load_gazetteer  # noqa: E402
from analytics.store.db import open_store  # noqa: E402
from kobo_exports import Submission, export_bytes, file_name  # noqa: E402

KATEGORI = ["pemilu", "sumber_daya", "unjuk_rasa", "kekerasan", "informasi", "lainnya"]


def submissions(n: int, seed: int = 1) -> list[Submission]:
    """Return n plausible submissions spread over the 109 desa and 2025."""
    rng = np.random.default_rng(seed)
    desa = load_gazetteer().desa
    picks = rng.integers(0, len(desa), n)
    days = rng.integers(0, 365, n)
    return [Submission(f"uuid-{i:07d}", f"{np.datetime64('2025-01-01') + int(d)}", desa["kode_kecamatan"].iat[p],
                       desa["kode"].iat[p], KATEGORI[i % len(KATEGORI)], "Laporan", f"Uraian kiriman {i}",
                       korban_luka=int(i % 3), submission_time=f"2025-12-31T{i % 24:02d}:00:00")
            for i, (p, d) in enumerate(zip(picks, days))]


def run(n: int, fmt: str) -> str:
    """Return one result line for n submissions."""
    first = submissions(n)
    edited = [dataclasses.replace(s, korban_luka=s.korban_luka + 1) if i % 100 == 0 else s for i, s in enumerate(first)]
    later = edited + submissions(max(1, n // 100), seed=2)
    later = [dataclasses.replace(s, uuid=f"new-{i}") if i >= n else s for i, s in enumerate(later)]
    data1, data2 = export_bytes(first, fmt), export_bytes(later, fmt)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/bench.db")
        start = time.perf_counter()
        one = ingest_file(engine, data1, file_name(fmt), user="bench")
        t1 = time.perf_counter() - start
        start = time.perf_counter()
        two = ingest_file(engine, data2, file_name(fmt, "later"), user="bench")
        t2 = time.perf_counter() - start
        engine.dispose()
    return (f"{fmt} n={n}: first export {t1:.2f} s ({one.inserted} inserted); re-export {t2:.2f} s "
            f"({two.inserted} inserted, {two.updated} updated, {two.duplicates} unchanged)")


def main() -> None:
    """Parse the arguments and print one line per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--format", choices=("xlsx", "csv;", "csv,"), default="xlsx")
    args = parser.parse_args()
    for n in args.sizes:
        print(run(n, args.format), flush=True)


if __name__ == "__main__":
    main()
