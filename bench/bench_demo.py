"""Time the demo generator, loading it into a store and writing the sample files; prints a table.

Run: python bench/bench_demo.py [DATABASE_URL]   (default: a temporary SQLite file)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.store.db import open_store  # noqa: E402
from analytics.demo.generate import generate_demo, load_demo, write_demo_files  # noqa: E402


def timed(label: str, func, rows: list) -> object:
    """Run func once, append (label, seconds) to rows and return its result."""
    start = time.perf_counter()
    result = func()
    rows.append((label, time.perf_counter() - start))
    return result


def main() -> None:
    """Print seconds per step for the default demo (seed 20230530, 2022-01-01..2025-06-30)."""
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{Path(tmp, 'bench.db').as_posix()}"
        generate_demo()  # warm: gazetteer and calendar are read once per process
        data = timed("generate_demo (warm)", generate_demo, rows)
        engine = open_store(url)
        counts = timed("load_demo, first", lambda: load_demo(engine), rows)
        timed("load_demo, again (adds nothing)", lambda: load_demo(engine), rows)
        engine.dispose()
        timed("write_demo_files", lambda: write_demo_files(Path(tmp, "files")), rows)
    print(f"backend: {url.split(':', 1)[0]}; kejadian {len(data.incidents)}, laporan {len(data.reports)}; {counts}")
    print(f"{'step':36} {'seconds':>8}")
    for label, seconds in rows:
        print(f"{label:36} {seconds:8.2f}")


if __name__ == "__main__":
    main()
