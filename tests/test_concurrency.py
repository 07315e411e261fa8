"""Two analysts uploading at the same moment: nothing lost, nothing stored twice, on both backends."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics import REPO_ROOT
from analytics.store import tables
from analytics.store.writes import commit_records

HEADER = "No,Tanggal,Kecamatan,Desa,Jenis Kejadian,Uraian Kejadian,Pihak yang Terlibat,Meninggal,Luka,Tindak Lanjut,Sumber"


def write_kejadian_csv(path: Path, numbers: range) -> Path:
    """Write a kejadian CSV with one distinct row per number (the same number → the same event)."""
    lines = [HEADER]
    for i in numbers:
        day = date(2023, 1, 1) + timedelta(days=i % 700)
        lines.append(f"{i},{day.isoformat()},Malinau Selatan,Long Loreh,Sengketa lahan,"
                     f"Warga memblokir jalan nomor {i},Warga,0,{i % 3},Mediasi,Laporan Camat")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def incident_records(numbers: range) -> pd.DataFrame:
    """Return clean kejadian records, one per number (the same number → the same row_hash)."""
    return pd.DataFrame({
        "tanggal": [date(2023, 1, 1) + timedelta(days=i % 700) for i in numbers],
        "kode_kecamatan": "65.02.03", "kode_desa": None, "jenis": "Sengketa lahan", "kategori": "lahan",
        "uraian": [f"kejadian nomor {i}" for i in numbers], "pihak": "Warga", "korban_meninggal": 0,
        "korban_luka": [i % 3 for i in numbers], "tindak_lanjut": None, "sumber": None, "lat": None, "lon": None,
    })


def store_state(engine: sa.Engine) -> tuple[int, int, int, int]:
    """Return (active incidents, distinct active row hashes, live uploads, upload audit entries)."""
    i = tables.incidents
    with engine.connect() as conn:
        active = conn.execute(sa.select(sa.func.count()).where(i.c.active)).scalar_one()
        distinct = conn.execute(sa.select(sa.func.count(sa.distinct(i.c.row_hash))).where(i.c.active)).scalar_one()
        uploads = conn.execute(sa.select(sa.func.count()).select_from(tables.uploads)).scalar_one()
        audits = conn.execute(sa.select(sa.func.count()).where(tables.audit_log.c.action == "unggah_data")).scalar_one()
    return active, distinct, uploads, audits


@pytest.mark.parametrize("first, second, union", [
    (range(0, 6000), range(3000, 9000), 9000),   # half of each file is in the other
    (range(0, 4000), range(0, 4000), 4000),      # the same file twice: the second adds nothing
    (range(0, 3000), range(3000, 6000), 6000),   # no overlap
])
def test_threads_uploading_overlapping_rows_store_the_union(engine, first, second, union):
    """Two uploads at once with shared rows: the store holds each row once, and every upload is recorded."""
    start = threading.Barrier(2)
    results, errors = [], []

    def upload(numbers: range, name: str) -> None:
        records = incident_records(numbers)
        start.wait()
        try:
            results.append(commit_records(engine, kind="kejadian", records=records, file_name=name,
                                          sha256=name[0] * 64, sheet=None, header_row=1, user=name,
                                          rows_read=len(records), rows_rejected=0))
        except Exception as error:  # the assertion below shows it
            errors.append(error)

    threads = [threading.Thread(target=upload, args=(first, "a.csv")), threading.Thread(target=upload, args=(second, "b.csv"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.inserted for r in results) == union
    assert sum(r.inserted + r.duplicates for r in results) == len(first) + len(second)
    stored_uploads = sum(1 for r in results if r.upload_id is not None)
    assert store_state(engine) == (union, union, stored_uploads, stored_uploads)


def test_two_ingest_processes_at_once_store_the_union(store_url, tmp_path):
    """Two `python -m analytics ingest` processes on overlapping files: 7,000 rows, each once, both uploads kept."""
    a = write_kejadian_csv(tmp_path / "analis_a.csv", range(0, 5000))
    b = write_kejadian_csv(tmp_path / "analis_b.csv", range(2000, 7000))
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "analytics", "ingest", str(path), "--db", store_url,
                               "--user", path.stem], cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for path in (a, b)]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        assert store_state(engine) == (7000, 7000, 2, 2)
        with engine.connect() as conn:
            inserted = dict(conn.execute(sa.select(tables.uploads.c.uploaded_by, tables.uploads.c.rows_accepted)).all())
    finally:
        engine.dispose()
    # whichever went first stored its 5,000 rows; the other only the 2,000 the first did not have
    assert sorted(inserted.values()) == [2000, 5000]
    assert set(inserted) == {"analis_a", "analis_b"}
