"""Writing clean records to the store: one transaction per upload, duplicates recognised by row_hash.

How a duplicate is recognised (docs/ingest.md says the same for users):
- kejadian / ACLED: row_hash = sha256 over the normalised tanggal, kode_kecamatan, kode_desa, kategori,
  jenis, korban_meninggal, korban_luka and uraian. A row whose hash is already held by an active row,
  or appeared earlier in the same file, is a duplicate and is not stored again.
- laporan berkala: row_hash = sha256 over periode_mulai, periode_akhir, kode_kecamatan, kode_desa and
  indikator (not the value). The same value again is a duplicate; a different value is a correction:
  the new upload's value supersedes, the old row is deactivated, and it is counted as 'diperbarui'.
The unique index on row_hash covers active rows only, so a deleted upload can be sent again.
"""

from __future__ import annotations

import hashlib
import os
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.text import fold_texts

CHUNK_ROWS = 10_000  # rows per executemany: large enough to amortise, small enough for PG's parameter limit
LOOKUP_CHUNK = 5_000  # hashes per IN (...) when looking for rows already stored

KIND_TABLES = {"kejadian": tables.incidents, "acled": tables.incidents, "laporan": tables.reports}
TEXT_COLUMNS = ("jenis", "kategori", "uraian", "pihak", "tindak_lanjut", "sumber", "catatan", "level",
                "indikator", "kode_kecamatan", "kode_desa")


@dataclass(frozen=True)
class CommitResult:
    """What one commit stored: the new upload's id (None when nothing was new), rows inserted, duplicates."""

    upload_id: int | None
    inserted: int
    duplicates: int
    updated: int = 0  # laporan values that superseded an older value for the same period/place/indicator


def _text(values: pd.Series) -> np.ndarray:
    """Return values as an object array of text, missing values as ''."""
    if pd.api.types.is_string_dtype(values.dtype) or values.dtype == object:
        return np.array([v if type(v) is str else ("" if v is None or v != v else str(v))
                         for v in values.to_numpy(dtype=object, na_value=None)], dtype=object)
    return values.astype(str).to_numpy(dtype=object)


def _iso_dates(values: pd.Series) -> np.ndarray:
    """Return dates as 'YYYY-MM-DD' text, formatted in C rather than row by row."""
    return np.datetime_as_string(pd.to_datetime(values).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"))


def compute_row_hashes(kind: str, records: pd.DataFrame) -> pd.Series:
    """Return the sha256 row_hash of each record (see the module docstring for what it covers)."""
    if records.empty:
        return pd.Series([], index=records.index, dtype=object)
    if kind == "laporan":
        parts = [_iso_dates(records["periode_mulai"]), _iso_dates(records["periode_akhir"]),
                 _text(records["kode_kecamatan"]), _text(records["kode_desa"]), _text(records["indikator"])]
    else:
        parts = [_iso_dates(records["tanggal"]), _text(records["kode_kecamatan"]), _text(records["kode_desa"]),
                 _text(records["kategori"]), fold_texts(_text(records["jenis"])),
                 records["korban_meninggal"].astype("int64").astype(str).to_numpy(dtype=object),
                 records["korban_luka"].astype("int64").astype(str).to_numpy(dtype=object),
                 fold_texts(_text(records["uraian"]))]
    # sha256 stays (row_hash is stored and compared with rows already in the store); the joined text is
    # built and hashed in one pass, which is all the per-row Python work left
    sha = hashlib.sha256
    hashes = [sha("\x1f".join(row).encode("utf-8")).hexdigest() for row in zip(*parts)]
    return pd.Series(hashes, index=records.index, dtype=object)


def find_active(conn: sa.Connection, table: sa.Table, hashes: list[str]) -> dict[str, tuple[int, float | None]]:
    """Return row_hash → (id, nilai or None) of the active rows holding any of hashes."""
    found: dict[str, tuple[int, float | None]] = {}
    # plain driver SQL: compiling an SQLAlchemy IN of 5,000 bound values costs more than the lookup itself
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quote = conn.dialect.identifier_preparer.quote
    value = quote("nilai") if "nilai" in table.c else "NULL"
    active = "1" if conn.dialect.name == "sqlite" else "TRUE"
    for start in range(0, len(hashes), LOOKUP_CHUNK):
        chunk = hashes[start:start + LOOKUP_CHUNK]
        sql = (f"SELECT row_hash, id, {value} FROM {quote(table.name)} WHERE active = {active} "
               f"AND row_hash IN ({', '.join([mark] * len(chunk))})")
        for row_hash, row_id, nilai in conn.exec_driver_sql(sql, tuple(chunk)):
            found[row_hash] = (row_id, nilai)
    return found


def records_to_columns(kind: str, records: pd.DataFrame, upload_id: int, hashes: pd.Series,
                       source_rows: pd.Series | None, iso_dates: bool) -> dict[str, list]:
    """Return the records as column name → list of plain values (dates as date or ISO text, missing as None)."""
    table = KIND_TABLES[kind]
    columns: dict[str, list] = {}
    for name in records.columns:
        if name not in table.c:
            continue
        values = records[name]
        if name in ("tanggal", "periode_mulai", "periode_akhir"):
            iso = _iso_dates(values)
            columns[name] = iso.tolist() if iso_dates else iso.astype("datetime64[D]").tolist()  # tolist → date
        elif name in ("korban_meninggal", "korban_luka"):
            columns[name] = values.astype("int64").tolist()
        elif name in ("lat", "lon", "nilai"):
            numbers = values.to_numpy(dtype=float)
            columns[name] = np.where(np.isnan(numbers), None, numbers).tolist()
        else:
            columns[name] = values.to_numpy(dtype=object, na_value=None).tolist()
    n = len(records)
    columns["row_hash"] = hashes.tolist()
    columns["source_row"] = (source_rows.astype(object).tolist() if source_rows is not None else [None] * n)
    columns["upload_id"] = [upload_id] * n
    columns["active"] = [True] * n
    return columns


def _insert_chunk(conn: sa.Connection, sql: str, rows: list[tuple]) -> None:
    """Insert one chunk of rows with the driver's executemany."""
    conn.exec_driver_sql(sql, rows)


def _pause_for_fault_test() -> None:
    """Touch the marker file named by WASPADA_TEST_PAUSE_AFTER_CHUNK and sleep (tests/test_faults.py only)."""
    # The fault tests kill an ingest process while its write transaction is open; this hook makes that
    # moment observable. Unset in production, so the cost is one environment lookup per upload.
    marker = os.environ.get("WASPADA_TEST_PAUSE_AFTER_CHUNK")
    if marker:
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(str(os.getpid()))
        time.sleep(120)


def lock_for_upload(conn: sa.Connection, table: sa.Table) -> None:
    """Serialise uploads into table: wait for any other upload's transaction to finish first."""
    # Without this, two uploads sharing rows both find them absent, and the second then hits the
    # partial unique index on row_hash (PostgreSQL) or fails to upgrade its stale read (SQLite WAL).
    # Waiting first means the duplicate lookup below sees everything the other upload committed.
    if conn.dialect.name == "sqlite":
        # take the write lock now (busy_timeout makes this wait) rather than at the first INSERT
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        # released at commit or rollback, also when the client process dies
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (zlib.crc32(table.name.encode()),))


def insert_rows(conn: sa.Connection, table: sa.Table, columns: dict[str, list]) -> None:
    """Insert column lists in chunks with the driver's executemany (inside the caller's transaction)."""
    # SQLAlchemy's per-row parameter processing costs more than SQLite's own insert; the values are
    # already plain Python, so they go straight to the driver (still bound parameters, never SQL text).
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = list(columns)
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join([mark] * len(names))})")
    rows = list(zip(*columns.values()))
    for start in range(0, len(rows), CHUNK_ROWS):
        _insert_chunk(conn, sql, rows[start:start + CHUNK_ROWS])
        if start == 0:
            _pause_for_fault_test()


def commit_records(engine: sa.Engine, *, kind: str, records: pd.DataFrame, file_name: str, sha256: str,
                   sheet: str | None, header_row: int | None, user: str, rows_read: int, rows_rejected: int,
                   is_demo: bool = False, source_rows=None) -> CommitResult:
    """Store clean records as one upload in one transaction; return its id, rows inserted and duplicates."""
    if kind not in KIND_TABLES:
        raise ValueError(f"Jenis data tidak dikenal: {kind}")
    table = KIND_TABLES[kind]
    records = records.reset_index(drop=True)
    source = None if source_rows is None else pd.Series(np.asarray(source_rows)).reset_index(drop=True)
    hashes = compute_row_hashes(kind, records)
    in_file_dup = hashes.duplicated().to_numpy()
    with engine.begin() as conn:
        lock_for_upload(conn, table)
        if conn.dialect.name == "sqlite":
            # row hashes land at random places in the unique index: with SQLite's default 2 MB page cache
            # a 100k-row upload spills and re-reads index pages; 64 MB keeps them in memory (this connection)
            conn.exec_driver_sql("PRAGMA cache_size = -65536")
        existing = find_active(conn, table, hashes[~in_file_dup].tolist())
        held = hashes.isin(list(existing)).to_numpy(dtype=bool) if existing else np.zeros(len(hashes), dtype=bool)
        superseded_ids: list[int] = []
        if kind == "laporan" and existing:
            same_value = np.array([h in existing and existing[h][1] == v
                                   for h, v in zip(hashes, records["nilai"].astype(float))], dtype=bool)
            correction = held & ~same_value & ~in_file_dup
            superseded_ids = [existing[h][0] for h in hashes[correction]]
            held = held & same_value
        new = ~held & ~in_file_dup
        duplicates = int(len(records) - new.sum())
        if not new.any():
            return CommitResult(None, 0, duplicates)  # nothing new: the store is left untouched
        now = datetime.now(timezone.utc)
        upload_id = conn.execute(
            sa.insert(tables.uploads).values(
                kind=kind, file_name=file_name, sha256=sha256, sheet=sheet, header_row=header_row,
                uploaded_by=user, uploaded_at=now, rows_read=int(rows_read), rows_accepted=int(new.sum()),
                rows_rejected=int(rows_rejected), duplicates=duplicates, is_demo=bool(is_demo),
            )
        ).inserted_primary_key[0]
        if superseded_ids:
            for start in range(0, len(superseded_ids), LOOKUP_CHUNK):
                chunk = superseded_ids[start:start + LOOKUP_CHUNK]
                conn.execute(sa.update(table).where(table.c.id.in_(chunk)).values(active=False))
        columns = records_to_columns(kind, records[new], upload_id, hashes[new],
                                     source[new] if source is not None else None,
                                     iso_dates=conn.dialect.name == "sqlite")
        insert_rows(conn, table, columns)
        tables.record_audit(conn, user, "unggah_data", f"upload:{upload_id}", {
            "kind": kind, "file": file_name, "sha256": sha256, "inserted": int(new.sum()),
            "duplicates": duplicates, "updated": len(superseded_ids), "is_demo": bool(is_demo),
        })
    return CommitResult(int(upload_id), int(new.sum()), duplicates, len(superseded_ids))
