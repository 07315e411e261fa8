"""Time the Bahan Rakor on the demo store: gathering the context, the PDF and the slides (prints a table).

Run: python bench/bench_briefing.py [--db URL]  (default: a fresh SQLite store with the demo data)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics.briefing.data import build_briefing_context  # noqa: E402
from analytics.briefing.pdf import build_briefing_pdf
from analytics.briefing.pptx import build_briefing_pptx  # noqa: E402
from analytics.demo.generate import load_demo  # noqa: E402
from analytics.store.db import open_store  # noqa: E402


def timed(label: str, func, repeat: int = 3):
    """Run func `repeat` times; print the best wall time and return the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    size = f"{len(result) / 1024:8.0f} KiB" if isinstance(result, bytes) else ""
    print(f"| {label:<28} | {best:6.2f} s | {size:>12} |")
    return result


def main() -> None:
    """Print the timing table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        engine = open_store(url)
        if not args.db:
            load_demo(engine)
        print("| step                         |   best   |         size |")
        print("|------------------------------|----------|--------------|")
        context = timed("build_briefing_context", lambda: build_briefing_context(engine))
        timed("build_briefing_pdf", lambda: build_briefing_pdf(context))
        timed("build_briefing_pptx", lambda: build_briefing_pptx(context))
        engine.dispose()


if __name__ == "__main__":
    main()
