"""Hostile files: time and peak memory of refusing each (fresh process each); cost of the parsing worker.

Run: /work/venv/bin/python bench/bench_bounded.py   (figures go in docs/loaders.md, "Bounded input")
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

HOSTILE = {  # name → expression building the bytes (from the tests' generators), reader
    "xlsx, one cell at XFD1048576": ("t.far_cell_xlsx('XFD1048576')", "jauh.xlsx", "table"),
    "xlsx, one cell at XFD2000": ("t.far_cell_xlsx('XFD2000')", "jauh.xlsx", "table"),
    "CSV, a line of 1,000,000 commas": ("t.comma_line_csv(1_000_000)", "koma.csv", "table"),
    "CSV, one cell of 300,000 chars": ("t.long_cell_csv(300_000)", "panjang.csv", "table"),
    "GeoJSON, 1,000,000 vertices": ("b.many_vertex_geojson(1_000_000)", "batas.geojson", "boundary"),
    "zipped Shapefile padded by 250 MB": ("b.padded_shapefile_zip(250)", "batas.zip", "boundary"),
}
SCRIPT = """
import resource, sys, time
sys.path[:0] = {paths!r}
import test_bounded_input as t, test_bounded_boundaries as b
from analytics.errors import IngestError
from analytics.ingest.read import read_table
from analytics.places.files import read_boundary_file
data = {make}
start = time.perf_counter()
try:
    (read_table if {reader!r} == "table" else read_boundary_file)(data, {name!r})
    outcome = "LOADED"
except IngestError:
    outcome = "refused"
print(outcome, len(data), time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def measure_hostile() -> None:
    """Print one row per hostile file: size, outcome, seconds to refuse, peak RSS of the whole process."""
    print("| file | size | outcome | time to refuse | peak RSS (whole process) |\n|---|---|---|---|---|")
    for label, (make, name, reader) in HOSTILE.items():
        code = SCRIPT.format(paths=sys.path[:3], make=make, name=name, reader=reader)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600).stdout.split()
        outcome, size, seconds, peak_mb = out[0], int(out[1]), float(out[2]), int(out[3])
        print(f"| {label} | {size / 1024:,.0f} KB | {outcome} | {seconds:.2f} s | {peak_mb} MB |")


def measure_worker(rows: int = 100_000) -> None:
    """Print read_table in-process vs through the worker (run_isolated) on a plain kejadian CSV, best of 3."""
    from analytics.ingest.filecheck import FileLimits
    from analytics.ingest.isolate import run_isolated
    from analytics.ingest.read import read_table
    from bench_loaders import make_csv

    data = make_csv(rows)
    limits = FileLimits(max_bytes=10**9, max_rows=10**6)
    run_isolated(len, b"", file_name="x", memory_mb=256, timeout_seconds=60)  # start the forkserver once
    for label, call in (("in process", lambda: read_table(data, "k.csv", limits=limits)),
                        ("worker", lambda: run_isolated(read_table, data, "k.csv", file_name="k.csv", memory_mb=768,
                                                        timeout_seconds=180, limits=limits))):
        best = min(timed(call) for _ in range(3))
        print(f"read_table {label}, {rows:,}-row CSV ({len(data) / 2**20:.1f} MB): {best:.2f} s")


def timed(call) -> float:
    """Return the seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


if __name__ == "__main__":
    measure_hostile()
    measure_worker()
