"""Faults during an upload: a killed process or a failing write leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from analytics import REPO_ROOT
from analytics.store import writes as store_writes
from analytics.store import tables
from analytics.store.backup import checksum_tables
from analytics.store.db import open_store
from analytics.store.writes import commit_records
from test_concurrency import incident_records, write_kejadian_csv

BIG_ROWS = 25_000  # more than one insert chunk (store_writes.CHUNK_ROWS), so the kill lands mid-write


def seed_one_upload(engine: sa.Engine) -> None:
    """Store one small upload so 'unchanged' is checked against a store that holds data."""
    commit_records(engine, kind="kejadian", records=incident_records(range(900_000, 900_050)), file_name="awal.csv",
                   sha256="e" * 64, sheet=None, header_row=1, user="analis1", rows_read=50, rows_rejected=0)


def test_ingest_killed_mid_write_leaves_store_unchanged(store_url, tmp_path):
    """An ingest killed with SIGKILL inside its write leaves every table as before; the next upload works."""
    assert store_writes.CHUNK_ROWS < BIG_ROWS
    engine = open_store(store_url)
    seed_one_upload(engine)
    before = checksum_tables(engine)
    big = write_kejadian_csv(tmp_path / "besar.csv", range(BIG_ROWS))
    marker = tmp_path / "inside-write"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "WASPADA_TEST_PAUSE_AFTER_CHUNK": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "analytics", "ingest", str(big), "--db", store_url],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not marker.exists():  # the hook writes it after the first chunk is inserted, before commit
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "ingest never reached its write transaction"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    engine.dispose()

    reopened = open_store(store_url)  # SQLite recovers its WAL on open; PostgreSQL rolled back the session
    assert checksum_tables(reopened) == before
    if reopened.dialect.name == "sqlite":
        with reopened.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    result = commit_records(reopened, kind="kejadian", records=incident_records(range(10)), file_name="lagi.csv",
                            sha256="f" * 64, sheet=None, header_row=1, user="analis1", rows_read=10, rows_rejected=0)
    assert result.inserted == 10
    reopened.dispose()


@pytest.mark.parametrize("fail_at", ["first_chunk", "second_chunk", "audit"])
def test_write_failing_midway_leaves_store_unchanged(engine, monkeypatch, fail_at):
    """A write that fails part-way (disk full, lost connection) stores nothing: counts and checksums as before."""
    seed_one_upload(engine)
    before = checksum_tables(engine)
    calls = {"n": 0}
    real_insert, real_audit = store_writes._insert_chunk, tables.record_audit

    def failing_insert(conn, sql, rows):
        calls["n"] += 1
        if fail_at == "first_chunk" or (fail_at == "second_chunk" and calls["n"] == 2):
            raise OSError("disk penuh (simulasi)")
        real_insert(conn, sql, rows)

    def failing_audit(*args, **kwargs):
        raise OSError("koneksi putus (simulasi)")

    monkeypatch.setattr(store_writes, "_insert_chunk", failing_insert)
    if fail_at == "audit":
        monkeypatch.setattr(tables, "record_audit", failing_audit)
    with pytest.raises(OSError, match="simulasi"):
        commit_records(engine, kind="kejadian", records=incident_records(range(15_000)), file_name="besar.csv",
                       sha256="9" * 64, sheet=None, header_row=1, user="analis1", rows_read=15_000, rows_rejected=0)
    monkeypatch.setattr(tables, "record_audit", real_audit)
    assert checksum_tables(engine) == before
