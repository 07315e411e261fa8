"""Storing field submissions (Kobo/ODK exports of our kejadian form): `_uuid` is a submission's identity.

- A submission not yet stored is inserted with status `menunggu` (it waits for an analyst).
- A submission already stored with the same content is a duplicate: nothing changes.
- A submission already stored with different content is an edit made on the server: the stored row
  is updated in place (same id, so links from penanganan cases stay) and, as the content changed
  after any decision, it returns to `menunggu`. Counted as `updated`.
- A stored submission missing from a later export is NOT deleted (exports may be filtered, and the
  analyst's decisions must survive); the report says how many there are.
All of it happens in one transaction with one audit entry per upload and one per edited record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.errors import Problem
from analytics.ingest.checks import ValidationResult
from analytics.store import tables
from analytics.store.writes import insert_rows, lock_for_upload, records_to_columns

MENUNGGU = "menunggu"
COMPARED = ("tanggal", "kode_kecamatan", "kode_desa", "jenis", "kategori", "uraian", "pihak", "korban_meninggal",
            "korban_luka", "tindak_lanjut", "lat", "lon", "reporter_role")
EDIT_REASON = "Kiriman diubah di server KoboToolbox; perlu diverifikasi ulang."


@dataclass(frozen=True)
class SubmissionCommit:
    """What storing one export did: the upload id (None if nothing changed) and the counts."""

    upload_id: int | None
    inserted: int
    updated: int
    duplicates: int
    missing_from_export: int  # stored submissions not in this export (kept, never deleted here)


def submission_hash(uuid: str) -> str:
    """Return the row_hash of a field submission: derived from its _uuid, so each submission is held once."""
    return hashlib.sha256(f"kobo\x1f{uuid}".encode("utf-8")).hexdigest()


def apply_submission_fields(raw, result: ValidationResult) -> ValidationResult:
    """Return the result with the kategori chosen on the phone, and rows without `_uuid` refused."""
    subs = raw.submissions
    if result.records.empty:
        return result
    records = result.records.copy()
    positions = records.index.to_numpy()
    chosen = subs["kategori"].to_numpy(dtype=object)[positions]
    known = np.array([c is not None for c in chosen], dtype=bool)
    if known.any():
        records.loc[records.index[known], "kategori"] = chosen[known]
    problems = list(result.problems)
    if known.all():
        # every kategori was chosen on the phone: the validator's "jenis not recognised, put in lainnya"
        # note about the free-text jenis does not apply (analytics/ingest/validate.py words it so)
        problems = [p for p in problems if not (p.row is None and p.severity == "warning"
                                                and "tidak dikenali dan dimasukkan ke kategori" in p.message)]
    column = raw.columns.get("kategori") or "kategori"
    for pos in positions[~known]:
        problems.append(Problem(raw.file_name, raw.sheet, int(raw.row_numbers[pos]), column,
                                str(subs["kategori_written"].iat[pos]),
                                "Kategori tidak dikenal formulir; kategori ditentukan dari jenis kejadian", "warning"))
    no_uuid = np.array([subs["submission_uuid"].iat[p] is None for p in positions], dtype=bool)
    for pos in positions[no_uuid]:
        problems.append(Problem(raw.file_name, raw.sheet, int(raw.row_numbers[pos]), "_uuid", None,
                                "Kiriman tanpa _uuid tidak dapat dikenali saat ekspor ulang; unduh ulang ekspor "
                                "lengkap dari KoboToolbox", "error"))
    keep = ~no_uuid
    records = records[keep]
    rejected = result.rows_rejected + int(no_uuid.sum())
    return ValidationResult(result.kind, records, result.source_rows[keep], problems, result.rows_read, rejected)


def _same(a: object, b: object) -> bool:
    """Return True when a stored value and a new one mean the same (None, '' and NaN alike; numbers by value)."""
    a = None if a == "" or (isinstance(a, float) and a != a) else a
    b = None if b == "" or (isinstance(b, float) and b != b) else b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float, np.number)) and isinstance(b, (int, float, np.number)):
        return abs(float(a) - float(b)) < 1e-9
    if hasattr(a, "isoformat") or hasattr(b, "isoformat"):  # dates: SQLite may hand back text
        return str(a)[:10] == str(b)[:10]
    return str(a) == str(b)


def commit_submissions(engine: sa.Engine, raw, result: ValidationResult, *, file_name: str, sha256: str,
                       user: str) -> SubmissionCommit:
    """Store an export's valid submissions (new ones menunggu, edits updated) in one transaction."""
    table = tables.incidents
    records = result.records
    subs = raw.submissions.iloc[records.index.to_numpy()].reset_index(drop=True)
    records = records.reset_index(drop=True).assign(reporter_role=subs["reporter_role"].to_numpy(dtype=object))
    source_rows = result.source_rows.reset_index(drop=True)
    # the same submission twice in one file (two exports pasted together): the last one wins
    last = ~subs["submission_uuid"].duplicated(keep="last").to_numpy()
    in_file_dup = int((~last).sum())
    records, subs, source_rows = records[last], subs[last], source_rows[last]
    uuids = subs["submission_uuid"].tolist()
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        lock_for_upload(conn, table)
        stored = {}
        for start in range(0, len(uuids), 1000):
            chunk = uuids[start:start + 1000]
            query = sa.select(table).where(table.c.active, table.c.submission_uuid.in_(chunk))
            stored.update({row.submission_uuid: row for row in conn.execute(query)})
        is_new = np.array([u not in stored for u in uuids], dtype=bool)
        edits = []
        # plain Python values, once: row-by-row .iloc on a DataFrame costs more than the comparison itself
        plain = records[list(COMPARED)].assign(tanggal=records["tanggal"].dt.date).astype(object)
        plain = plain.where(plain.notna(), None).to_dict("records")
        for i, uuid in enumerate(uuids):
            if uuid in stored:
                old, new = stored[uuid], plain[i]
                changed = {c: new[c] for c in COMPARED if not _same(getattr(old, c), new[c])}
                if changed:
                    edits.append((old, changed, i))
        missing = _count_missing(conn, set(uuids))
        duplicates = in_file_dup + int((~is_new).sum()) - len(edits)
        if not is_new.any() and not edits:
            return SubmissionCommit(None, 0, 0, duplicates, missing)
        upload_id = conn.execute(sa.insert(tables.uploads).values(
            kind="kejadian", file_name=file_name, sha256=sha256, sheet=raw.sheet, header_row=raw.header_row,
            uploaded_by=user, uploaded_at=now, rows_read=int(result.rows_read), rows_accepted=int(is_new.sum()),
            rows_rejected=int(result.rows_rejected), duplicates=duplicates, is_demo=False,
        )).inserted_primary_key[0]
        if is_new.any():
            new_records = records[is_new]
            hashes = pd.Series([submission_hash(u) for u in subs["submission_uuid"][is_new]], index=new_records.index)
            columns = records_to_columns("kejadian", new_records, upload_id, hashes, source_rows[is_new],
                                         iso_dates=conn.dialect.name == "sqlite")
            new_subs = subs[is_new]
            columns["status"] = [MENUNGGU] * len(new_records)
            columns["submission_uuid"] = new_subs["submission_uuid"].tolist()
            columns["submitted_by"] = new_subs["submitted_by"].tolist()
            columns["reporter_role"] = new_subs["reporter_role"].tolist()
            columns["submitted_at"] = [None if pd.isna(t) else pd.Timestamp(t).to_pydatetime()
                                       for t in new_subs["submitted_at"]]
            if conn.dialect.name == "sqlite":  # the driver stores datetimes as text; keep SQLAlchemy's format
                columns["submitted_at"] = [None if t is None else t.astimezone(timezone.utc).replace(tzinfo=None)
                                           .isoformat(sep=" ") for t in columns["submitted_at"]]
            insert_rows(conn, table, columns)
        for old, changed, i in edits:
            values = {c: _plain(v) for c, v in changed.items()}
            reason = EDIT_REASON if old.status != MENUNGGU else old.status_reason
            values |= {"status": MENUNGGU, "status_reason": reason, "status_by": user, "status_at": now,
                       "merged_into": None}
            when = subs["submitted_at"].iloc[i]
            if not pd.isna(when):
                values["submitted_at"] = pd.Timestamp(when).to_pydatetime()
            conn.execute(sa.update(table).where(table.c.id == old.id).values(**values))
            tables.record_audit(conn, user, "kiriman_diubah", f"incident:{old.id}", {
                "uuid": old.submission_uuid, "status_sebelumnya": old.status, "kolom": sorted(changed)})
        tables.record_audit(conn, user, "unggah_data", f"upload:{upload_id}", {
            "kind": "kejadian", "source": "kobo", "file": file_name, "sha256": sha256, "inserted": int(is_new.sum()),
            "updated": len(edits), "duplicates": duplicates, "is_demo": False,
        })
    return SubmissionCommit(int(upload_id), int(is_new.sum()), len(edits), duplicates, missing)


def _plain(value: object) -> object:
    """Return a pandas/numpy scalar as the plain Python value the driver binds."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _count_missing(conn: sa.Connection, uuids: set[str]) -> int:
    """Return how many active stored submissions this export does not contain."""
    i = tables.incidents
    stored = conn.execute(sa.select(i.c.submission_uuid).where(i.c.active, i.c.submission_uuid.is_not(None)))
    return sum(1 for (uuid,) in stored if uuid not in uuids)


def store_submissions(engine: sa.Engine, raw, result: ValidationResult, report, *, user: str):
    """Store an export's submissions and return the ingest report with counts and notes in Indonesian."""
    outcome = commit_submissions(engine, raw, result, file_name=report.file_name, sha256=report.sha256, user=user)
    report.upload_id, report.inserted, report.updated = outcome.upload_id, outcome.inserted, outcome.updated
    report.duplicates, report.committed = outcome.duplicates, outcome.upload_id is not None
    if report.committed:
        report.notes.append(f"Disimpan sebagai unggahan #{outcome.upload_id}: {outcome.inserted} kiriman baru, "
                            f"{outcome.updated} kiriman diperbarui, {outcome.duplicates} sudah ada. Kiriman baru "
                            "dan yang diperbarui berstatus 'menunggu' sampai diverifikasi di halaman Verifikasi.")
    elif outcome.duplicates:
        report.notes.append(f"Semua {outcome.duplicates} kiriman sudah ada di basis data tanpa perubahan; "
                            "tidak ada yang ditambahkan.")
    if outcome.missing_from_export:
        report.notes.append(f"{outcome.missing_from_export} kiriman yang sudah tersimpan tidak ada dalam ekspor ini "
                            "(mungkin dihapus di server atau ekspor disaring). Kiriman itu TIDAK dihapus di sini; "
                            "tolak di halaman Verifikasi bila memang tidak berlaku.")
    return report
