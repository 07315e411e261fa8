"""Command-line start-up benchmark: whole processes, side by side in one run, against bare pandas.

Run: python bench/bench_cli.py [--runs 5] [--rows 100000]
Each figure is the median wall time of --runs processes. Targets (issue 12): `--help` ≤ 1× a bare
`python -c "import pandas"`; `score` for Malinau ≤ 2× that; ingest of a 100k-row CSV ≤ 6× a bare
`pandas.read_csv` process and < 10 s. Figures go to docs/operations.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def wall(command: list[str], runs: int, fresh_store: str | None = None) -> float:
    """Return the median wall time of running command `runs` times (a fresh SQLite copy before each when given)."""
    times = []
    for _ in range(runs):
        if fresh_store:
            Path(fresh_store).unlink(missing_ok=True)
            subprocess.run([sys.executable, "-m", "analytics", "setup", "--db", f"sqlite:///{fresh_store}", "--no-demo"],
                           cwd=REPO, check=False, capture_output=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the side-by-side table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    from bench_ingest import make_frame  # the same realistic rows as the ingest benchmark

    with tempfile.TemporaryDirectory() as tmp:
        demo = f"{tmp}/demo.db"
        subprocess.run([sys.executable, "-m", "analytics", "demo", "--db", f"sqlite:///{demo}"], cwd=REPO, check=True,
                       capture_output=True)
        csv = Path(tmp) / "kejadian.csv"
        make_frame(args.rows).to_csv(csv, index=False)
        py = sys.executable
        pandas_import = wall([py, "-c", "import pandas"], args.runs)
        bare_read = wall([py, "-c", f"import pandas; pandas.read_csv({str(csv)!r})"], args.runs)
        rows = [
            ("python -c 'import pandas'", pandas_import, pandas_import, None),
            ("python -m analytics --help", wall([py, "-m", "analytics", "--help"], args.runs), pandas_import, 1.0),
            ("python -m analytics score (Malinau, demo store)",
             wall([py, "-m", "analytics", "score", "--db", f"sqlite:///{demo}", "--as-of", "2025-06-01"], args.runs),
             pandas_import, 2.0),
            (f"python -c 'pandas.read_csv' ({args.rows:,} rows)", bare_read, bare_read, None),
            (f"python -m analytics ingest ({args.rows:,} rows, fresh store)",
             wall([py, "-m", "analytics", "ingest", str(csv), "--db", f"sqlite:///{tmp}/ingest.db", "--valid-only"],
                  args.runs, fresh_store=f"{tmp}/ingest.db"), bare_read, 6.0),
        ]
    print(f"{'process':58} {'median s':>9} {'ratio':>7} {'target':>7}")
    for name, seconds, base, target in rows:
        print(f"{name:58} {seconds:9.2f} {seconds / base:6.1f}× {('≤ %.0f×' % target) if target else '':>7}")


if __name__ == "__main__":
    main()
