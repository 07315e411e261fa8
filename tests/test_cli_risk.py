"""`python -m analytics score` and `backtest` on both store backends, as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd

from analytics.store.db import open_store
from analytics.places.gazetteer import load_gazetteer
from tests.conftest import TESTS_DIR

try:
    from analytics.ingest.pipeline import commit_records
except ImportError:  # the ingest pipeline re-exports it once written
    from analytics.store.writes import commit_records

REPO = TESTS_DIR.parent
DESA = load_gazetteer().desa


def _seed(url: str) -> None:
    """Store 14 months of kejadian in three desa and one laporan berkala, through the normal write path."""
    rows = []
    for m in range(14):
        start = pd.Timestamp("2023-01-01") + pd.DateOffset(months=m)
        for i, desa in enumerate(DESA.iloc[[0, 10, 40]].itertuples()):
            for d in range(i + 1):
                rows.append({"tanggal": start + pd.Timedelta(days=3 + 7 * d), "kode_kecamatan": desa.kode_kecamatan,
                             "kode_desa": desa.kode, "jenis": "bentrok", "kategori": "kekerasan", "uraian": f"uji {m}",
                             "pihak": None, "korban_meninggal": 0, "korban_luka": d, "tindak_lanjut": None,
                             "sumber": "uji", "lat": None, "lon": None})
    incidents = pd.DataFrame(rows)
    report = pd.DataFrame([{"periode_mulai": pd.Timestamp("2024-01-01"), "periode_akhir": pd.Timestamp("2024-01-31"),
                            "level": "desa", "kode_kecamatan": DESA["kode_kecamatan"][0], "kode_desa": DESA["kode"][0],
                            "indikator": "hoaks", "nilai": 3.0, "catatan": None, "sumber": "uji"}])
    engine = open_store(url)
    try:
        for kind, records in (("kejadian", incidents), ("laporan", report)):
            commit_records(engine, kind=kind, records=records, file_name=f"{kind}.csv", sha256=kind * 4, sheet=None,
                           header_row=1, user="uji", rows_read=len(records), rows_rejected=0)
    finally:
        engine.dispose()


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_score_prints_every_desa_and_every_kecamatan(store_url):
    """109 desa rows or 15 kecamatan rows, columns kode, nama, skor, tingkat, then one per component."""
    _seed(store_url)
    desa = _run("score", "--db", store_url, "--as-of", "2024-02-10", "--level", "desa")
    assert desa.returncode == 0, desa.stderr
    table = pd.read_csv(io.StringIO(desa.stdout), dtype={"kode": str})
    assert list(table.columns) == ["kode", "nama", "skor", "tingkat", "intensitas", "lonjakan", "laporan",
                                   "pemilihan", "paparan", "kelengkapan"]
    assert len(table) == 109 and table["skor"].between(0, 100).all()
    first = table.set_index("kode").loc[DESA["kode"][0]]
    # Its own report on 31 Jan: hoaks 3 of 3 → ½·1 + ½·1 = 100; every other desa has no report (empty, not 0).
    assert first["laporan"] == 100.0 and table["laporan"].isna().sum() == 108
    # 4 days before Pemilu 2024 (14 Feb), in the kampanye: ramp 100·(1 − 4/90) = 95.6 for every desa.
    assert (table["pemilihan"] == 95.6).all()
    kec = _run("score", "--db", store_url, "--as-of", "2024-02-10", "--level", "kecamatan", "--format", "json")
    assert kec.returncode == 0, kec.stderr
    rows = json.loads(kec.stdout)
    assert len(rows) == 15 and list(rows[0]) == list(table.columns)


def test_score_uses_only_data_before_as_of(store_url):
    """Scoring on 1 Jan 2023, before any stored kejadian, leaves intensitas and lonjakan empty."""
    _seed(store_url)
    out = _run("score", "--db", store_url, "--as-of", "2023-01-01", "--format", "json")
    rows = json.loads(out.stdout)
    assert all(r["intensitas"] is None and r["lonjakan"] is None for r in rows)


def test_backtest_prints_months_and_averages(store_url):
    """The monthly table and the per-model averages; JSON carries both."""
    _seed(store_url)
    table = _run("backtest", "--db", store_url, "--start", "2023-06", "--end", "2024-01")
    assert table.returncode == 0, table.stderr
    assert "2023-06" in table.stdout and "rata-rata" in table.stdout and "Rata-rata per model" in table.stdout
    out = _run("backtest", "--db", store_url, "--start", "2023-06", "--end", "2024-01", "--format", "json")
    payload = json.loads(out.stdout)
    assert len(payload["bulanan"]) == 8 and set(payload["rata_rata"]) == {"skor", "bulan_lalu", "rata_12"}
    csv = _run("backtest", "--db", store_url, "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("bulan,positif,skor_ap")


def test_backtest_on_an_empty_store_explains_itself(store_url):
    """No kejadian stored: exit code 1 and a message, no traceback."""
    out = _run("backtest", "--db", store_url)
    assert out.returncode == 1
    assert "Backtest tidak dapat dijalankan: Tidak ada data kejadian" in out.stderr and "Traceback" not in out.stderr
