"""Ingest benchmark: bare parse vs parse+validate+resolve, bare insert vs our store step, CLI end to end.

Run: /work/venv/bin/python bench/bench_ingest.py [--sizes 10000 100000] [--xlsx 50000]
Prints one table; figures go to docs/ingest.md by hand. Parse and validate times are the median of 3 runs,
the inserts single runs (each needs a fresh store).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analytics.ingest.categories import load_synonyms  # noqa: E402
from analytics.store.db import open_store  # noqa: E402
from analytics.places.gazetteer import load_gazetteer  # noqa: E402
from analytics.ingest.read import read_table  # noqa: E402
from analytics.ingest.filecheck import FileLimits  # noqa: E402
from analytics.places.names import build_resolver  # noqa: E402
from analytics.settings import read_settings  # noqa: E402
from analytics.store.writes import commit_records  # noqa: E402
from analytics.ingest.validate import validate_table  # noqa: E402

KINDS = ["Sengketa lahan sawit", "Demo warga", "Bentrok pendukung Pilkades", "Perkelahian pemuda", "Hoaks di medsos",
         "Pelintasan batas ilegal", "Sengketa tapal batas", "Penyalahgunaan dana desa", "TKA tanpa dokumen",
         "Kebakaran gudang"]
MISSPELL = {"Long Nawang": "Long Nawng", "Long Loreh": "Long Lore", "Lubak Manis": "Lubok Manis",
            "Semengaris": "Semanggaris"}


def make_frame(n: int, seed: int = 1) -> pd.DataFrame:
    """Return n kejadian rows with real Malinau names, ~3% misspelt, in the way analysts type them."""
    rng = np.random.default_rng(seed)
    desa = load_gazetteer().desa
    pick = rng.integers(0, len(desa), n)
    names = desa["nama"].to_numpy()[pick].astype(object)
    bad = rng.random(n) < 0.03
    names[bad] = [MISSPELL.get(x, x) for x in names[bad]]
    days = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D")
    return pd.DataFrame({
        "Tanggal": days.strftime("%d/%m/%Y"),
        "Kecamatan": desa["kecamatan"].to_numpy()[pick],
        "Desa": names,
        "Jenis Kejadian": np.array(KINDS, dtype=object)[rng.integers(0, len(KINDS), n)],
        "Uraian": [f"Kejadian nomor {i} di lapangan" for i in range(n)],
        "Korban MD": rng.integers(0, 2, n),
        "Korban LL": rng.integers(0, 4, n),
    })


def bare_executemany(records: pd.DataFrame, db_path: Path) -> float:
    """Return the seconds of one plain executemany of the records into a fresh store's incidents table."""
    engine = open_store(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO uploads (id, kind, file_name, sha256, uploaded_by, uploaded_at, rows_read, "
                             "rows_accepted, rows_rejected, duplicates, is_demo) VALUES "
                             "(1, 'kejadian', 'x', 'x', 'b', '2024-01-01', 0, 0, 0, 0, 0)")
    frame = records.assign(tanggal=records["tanggal"].dt.strftime("%Y-%m-%d"), upload_id=1, active=1,
                           row_hash=[f"{i:064x}" for i in range(len(records))])
    frame = frame.astype(object).where(frame.notna(), None)
    sql = f"INSERT INTO incidents ({', '.join(frame.columns)}) VALUES ({', '.join('?' * len(frame.columns))})"
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql(sql, list(frame.itertuples(index=False, name=None)))
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def timed_median(fn, repeats: int = 3):
    """Return the median seconds of repeats runs (the machine is shared: single runs vary 2-3x) and a value."""
    runs = [timed(fn) for _ in range(repeats)]
    return sorted(t for t, _ in runs)[repeats // 2], runs[-1][1]


def bench_file(path: Path, engine_url: str, bare_reader) -> dict:
    """Return the timings of one file."""
    data = path.read_bytes()
    t_bare, frame = timed_median(lambda: bare_reader(path))
    store = open_store(engine_url)
    settings = read_settings(store)
    limits = FileLimits(max_bytes=500 * 2**20, max_rows=1_000_000, max_uncompressed_bytes=2000 * 2**20)
    resolver, synonyms = build_resolver(store, settings), load_synonyms(store)
    t_read, raw = timed_median(lambda: read_table(data, path.name, limits=limits))
    t_val, result = timed_median(lambda: validate_table(raw, resolver, synonyms, settings))
    records = result.records
    bare_db = sa.create_engine(f"sqlite:///{path.with_suffix('.bare.db')}")
    t_insert, _ = timed(lambda: records.to_sql("incidents", bare_db, index=False, chunksize=10_000))
    t_insert_idx = bare_executemany(records, path.with_suffix(".bare_store.db"))
    sha = hashlib.sha256(data).hexdigest()
    t_store, outcome = timed(lambda: commit_records(
        store, kind="kejadian", records=records, file_name=path.name, sha256=sha, sheet=None, header_row=1,
        user="bench", rows_read=len(records), rows_rejected=0, source_rows=result.source_rows))
    assert outcome.inserted + outcome.duplicates == len(records), outcome
    store.dispose()
    return {"rows": len(frame), "bare_parse": t_bare, "read_table": t_read, "validate": t_val,
            "parse_validate": t_read + t_val, "bare_insert": t_insert, "bare_insert_idx": t_insert_idx, "store": t_store,
            "errors": len(result.errors), "warnings": len(result.warnings)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--xlsx", type=int, default=50_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    rows = []
    for n in args.sizes:
        path = tmp / f"kejadian_{n}.csv"
        make_frame(n).to_csv(path, index=False, sep=";")
        res = bench_file(path, f"sqlite:///{tmp}/store_{n}.db",
                         lambda p: pd.read_csv(p, sep=";", dtype=str, keep_default_na=False))
        rows.append((f"CSV {n:,}", res))
    if args.xlsx:
        path = tmp / f"kejadian_{args.xlsx}.xlsx"
        make_frame(args.xlsx, seed=2).to_excel(path, index=False, engine="xlsxwriter")
        res = bench_file(path, f"sqlite:///{tmp}/store_x.db", lambda p: pd.read_excel(p, engine="calamine"))
        rows.append((f"XLSX {args.xlsx:,}", res))
    print("| file | bare parse | read_table | validate | parse+validate | ratio | bare to_sql | bare executemany "
          "(same indexes) | our store | ratio to_sql | ratio executemany |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['bare_parse']:.2f}s | {r['read_table']:.2f}s | {r['validate']:.2f}s | "
              f"{r['parse_validate']:.2f}s | {r['parse_validate'] / r['bare_parse']:.1f}x | {r['bare_insert']:.2f}s | "
              f"{r['bare_insert_idx']:.2f}s | {r['store']:.2f}s | {r['store'] / r['bare_insert']:.2f}x | "
              f"{r['store'] / r['bare_insert_idx']:.2f}x |")
    big = max(args.sizes)
    path = tmp / f"kejadian_{big}.csv"
    db = f"sqlite:///{tmp}/cli_{big}.db"
    open_store(db).dispose()  # the migration is a one-time cost of a new store, not of an upload
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "analytics", "ingest", str(path), "--db", db, "--json"],
                          cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - start
    print(f"\n`python -m analytics ingest` {big:,}-row CSV, whole process: {wall:.2f}s (exit {proc.returncode})")


if __name__ == "__main__":
    main()
