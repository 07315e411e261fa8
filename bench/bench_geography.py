"""Benchmark of the geography code on the real Malinau files: import, read back, build and serialise maps.

Run: python bench/bench_geography.py  (needs ../shared/reference/boundaries; prints a table).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics.places.boundaries import import_boundaries, read_boundaries  # noqa: E402
from analytics.store.db import open_store  # noqa: E402
from analytics.views.maps import risk_map  # noqa: E402
from analytics.places.schematic import schematic_places  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "boundaries"
REPEATS = 5


def timed(action) -> tuple[float, object]:
    """Return the best wall time (ms) of REPEATS runs and the last result."""
    best, result = float("inf"), None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = action()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, result


def main() -> None:
    """Print one row per measured step."""
    if not (SHARED / "malinau_desa.geojson").exists():
        print("../shared/reference/boundaries not present; nothing to measure")
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{tmp}/bench.db")
        path = SHARED / "malinau_desa.geojson"
        ms, _ = timed(lambda: import_boundaries(engine, path, path.name, user="bench"))
        rows.append(("import desa file (109 desa, derive 15 kecamatan + kabupaten)", ms, ""))
        ms, simple = timed(lambda: read_boundaries(engine, "desa"))
        rows.append(("read_boundaries desa (simplified)", ms, ""))
        ms, full = timed(lambda: read_boundaries(engine, "desa", full=True))
        rows.append(("read_boundaries desa (full)", ms, ""))
        kecamatan = read_boundaries(engine, "kecamatan")
        kabupaten = read_boundaries(engine, "kabupaten")
        scores = pd.DataFrame({"kode": simple["kode"], "nama": simple["nama"], "skor": 50.0, "tingkat": "Sedang"})
        ms, deck = timed(lambda: risk_map(scores, simple, labels=kecamatan, outline=kabupaten))
        rows.append(("risk_map, simplified desa", ms, ""))
        ms, text = timed(deck.to_json)
        rows.append(("deck.to_json, simplified desa", ms, f"{len(text) / 1e6:.2f} MB"))
        deck_full = risk_map(scores, full, labels=kecamatan, outline=kabupaten)
        rows.append(("deck.to_json, full desa", timed(deck_full.to_json)[0], f"{len(deck_full.to_json()) / 1e6:.2f} MB"))
        tiles = schematic_places("desa")
        ms, deck_s = timed(lambda: risk_map(None, tiles, labels=schematic_places("kecamatan")))
        rows.append(("risk_map, schematic, no scores (all hatched)", ms, f"{len(deck_s.to_json()) / 1e6:.2f} MB"))
        engine.dispose()
    print(f"{'step':<62} {'best ms':>9}  size")
    for name, ms, size in rows:
        print(f"{name:<62} {ms:>9.1f}  {size}")


if __name__ == "__main__":
    main()
