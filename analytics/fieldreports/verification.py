"""Verification of kejadian: menunggu → terverifikasi | ditolak, merge of duplicates, all audited.

Rules (docs/fieldreports.md says the same for users):
- Field submissions (KoboToolbox / ODK) arrive `menunggu`; spreadsheets uploaded by an analyst arrive
  with the `spreadsheet_status` setting (default `terverifikasi`).
- Only `terverifikasi` counts in scores, maps, trends, compliance and the briefing
  (analytics/queries.py read_incidents filters there, once for every figure).
- Rejecting needs a reason; who and when are stored on the row and in the audit log.
- Merging a waiting report into an existing record rejects the waiting one with the reason
  "digabung ke #N" and remembers N in merged_into, so it never counts twice.
- An edit arriving from the server for a decided record returns it to `menunggu`
  (analytics/fieldreports/submissions.py).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.settings import Settings
from analytics.store import tables

MENUNGGU, TERVERIFIKASI, DITOLAK = "menunggu", "terverifikasi", "ditolak"
STATUSES: tuple[str, ...] = (MENUNGGU, TERVERIFIKASI, DITOLAK)
DECISIONS: tuple[str, ...] = (TERVERIFIKASI, DITOLAK)
DUPLICATE_DAYS = 3
WAITING_COLUMNS = ["id", "upload_id", "tanggal", "kode_kecamatan", "kode_desa", "kategori", "jenis", "uraian", "pihak",
                   "korban_meninggal", "korban_luka", "tindak_lanjut", "sumber", "lat", "lon", "submitted_by",
                   "reporter_role", "diterima", "status_reason", "file_name"]


class VerificationError(Exception):
    """A verification request that cannot be done; the message says why, in Indonesian."""


def spreadsheet_status(settings: Settings) -> str:
    """Return the status new kejadian from an analyst's spreadsheet get (the setting, else terverifikasi)."""
    value = settings.spreadsheet_status
    return value if value in (MENUNGGU, TERVERIFIKASI) else TERVERIFIKASI


def _received(i: sa.Table, u: sa.Table):
    """Return the SQL expression of when a kejadian reached the office (phone submission time, else upload time)."""
    return sa.func.coalesce(i.c.submitted_at, u.c.uploaded_at)


def read_waiting(engine: sa.Engine) -> pd.DataFrame:
    """Return the active kejadian waiting for verification (WAITING_COLUMNS), the longest waiting first."""
    i, u = tables.incidents, tables.uploads
    received = _received(i, u)
    query = (sa.select(*[i.c[c] for c in WAITING_COLUMNS if c in i.c], received.label("diterima"), u.c.file_name)
             .join(u, u.c.id == i.c.upload_id)
             .where(i.c.active, i.c.status == MENUNGGU)
             .order_by(received, i.c.id))
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    frame["diterima"] = pd.to_datetime(frame["diterima"], utc=True, format="mixed")
    return frame[WAITING_COLUMNS]


def read_candidates(engine: sa.Engine, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Return active kejadian that are not rejected with tanggal in start..end (id, place, kategori, status …)."""
    i = tables.incidents
    query = (sa.select(i.c.id, i.c.tanggal, i.c.kode_kecamatan, i.c.kode_desa, i.c.kategori, i.c.jenis, i.c.uraian,
                       i.c.korban_meninggal, i.c.korban_luka, i.c.sumber, i.c.status)
             .where(i.c.active, i.c.status != DITOLAK, i.c.tanggal >= start.date(), i.c.tanggal <= end.date())
             .order_by(i.c.tanggal, i.c.id))
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    return frame


def find_possible_duplicates(waiting: pd.DataFrame, candidates: pd.DataFrame,
                             days: int = DUPLICATE_DAYS) -> dict[int, pd.DataFrame]:
    """Return waiting id → the candidates with the same desa (or kecamatan when no desa), kategori and ±days."""
    out: dict[int, pd.DataFrame] = {}
    if waiting.empty:
        return out
    place = candidates["kode_desa"].fillna(candidates["kode_kecamatan"])
    for row in waiting.itertuples(index=False):
        own_place = row.kode_desa if isinstance(row.kode_desa, str) and row.kode_desa else row.kode_kecamatan
        near = (candidates["tanggal"] - row.tanggal).abs() <= pd.Timedelta(days=days)
        same = (place == own_place) & (candidates["kategori"] == row.kategori) & near & (candidates["id"] != row.id)
        out[int(row.id)] = candidates[same].reset_index(drop=True)
    return out


def waiting_with_duplicates(engine: sa.Engine) -> tuple[pd.DataFrame, dict[int, pd.DataFrame]]:
    """Return the waiting kejadian and, for each, its possible duplicates already stored."""
    waiting = read_waiting(engine)
    if waiting.empty:
        return waiting, {}
    pad = pd.Timedelta(days=DUPLICATE_DAYS)
    candidates = read_candidates(engine, waiting["tanggal"].min() - pad, waiting["tanggal"].max() + pad)
    return waiting, find_possible_duplicates(waiting, candidates)


def ids_of_upload(engine: sa.Engine, upload_id: int) -> list[int]:
    """Return the ids of the active kejadian stored by one upload (VerificationError if it holds none)."""
    i = tables.incidents
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(i.c.id).where(i.c.upload_id == upload_id, i.c.active)
                                          .order_by(i.c.id))]
    if not ids:
        raise VerificationError(f"Unggahan #{upload_id} tidak berisi kejadian aktif.")
    return ids


def _load(conn: sa.Connection, ids: list[int]) -> dict[int, sa.Row]:
    """Return id → active row for ids; VerificationError naming the ids that do not exist."""
    i = tables.incidents
    rows = {r.id: r for r in conn.execute(sa.select(i).where(i.c.id.in_(ids), i.c.active))}
    missing = [str(x) for x in ids if x not in rows]
    if missing:
        raise VerificationError(f"Kejadian tidak ditemukan (atau unggahannya sudah dihapus): {', '.join(missing)}.")
    return rows


def set_status(engine: sa.Engine, ids: list[int], status: str, user: str, reason: str | None = None) -> int:
    """Set the status of kejadian ids (terverifikasi | ditolak, with a reason) and return how many changed."""
    if status not in DECISIONS:
        raise VerificationError(f"Status '{status}' tidak dikenal; pilih {' atau '.join(DECISIONS)}.")
    reason = (reason or "").strip() or None
    if status == DITOLAK and not reason:
        raise VerificationError("Penolakan memerlukan alasan (--reason).")
    if not ids:
        raise VerificationError("Tidak ada kejadian yang dipilih.")
    i = tables.incidents
    now = datetime.now(timezone.utc)
    changed = 0
    with engine.begin() as conn:
        rows = _load(conn, list(dict.fromkeys(int(x) for x in ids)))
        for row in rows.values():
            if row.status == status and (status != DITOLAK or row.status_reason == reason):
                continue
            conn.execute(sa.update(i).where(i.c.id == row.id).values(
                status=status, status_reason=reason if status == DITOLAK else None, status_by=user, status_at=now,
                merged_into=None))
            tables.record_audit(conn, user, "verifikasi_kejadian", f"incident:{row.id}", {
                "status": status, "sebelumnya": row.status, "alasan": reason})
            changed += 1
    return changed


def merge_into(engine: sa.Engine, source_id: int, target_id: int, user: str) -> None:
    """Merge a waiting report into an existing kejadian: the report is rejected as 'digabung ke #target'."""
    if int(source_id) == int(target_id):
        raise VerificationError("Kejadian tidak dapat digabungkan ke dirinya sendiri.")
    i = tables.incidents
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        rows = _load(conn, [int(source_id), int(target_id)])
        target = rows[int(target_id)]
        if target.status == DITOLAK:
            raise VerificationError(f"Kejadian #{target_id} sudah ditolak; pilih kejadian tujuan yang lain.")
        reason = f"Digabung ke kejadian #{target_id} (laporan yang sama)."
        conn.execute(sa.update(i).where(i.c.id == int(source_id)).values(
            status=DITOLAK, status_reason=reason, status_by=user, status_at=now, merged_into=int(target_id)))
        tables.record_audit(conn, user, "gabung_kejadian", f"incident:{source_id}", {
            "ke": int(target_id), "sebelumnya": rows[int(source_id)].status})


def count_by_status(engine: sa.Engine) -> dict[str, int]:
    """Return the number of active kejadian per status (every status present, 0 when none)."""
    i = tables.incidents
    with engine.connect() as conn:
        found = dict(conn.execute(sa.select(i.c.status, sa.func.count()).where(i.c.active).group_by(i.c.status)).all())
    return {s: int(found.get(s, 0)) for s in STATUSES}


def read_decisions(engine: sa.Engine, limit: int = 20) -> pd.DataFrame:
    """Return the latest decided kejadian (id, tanggal, kategori, status, status_reason, status_by, status_at)."""
    i = tables.incidents
    query = (sa.select(i.c.id, i.c.tanggal, i.c.kode_kecamatan, i.c.kode_desa, i.c.kategori, i.c.status,
                       i.c.status_reason, i.c.status_by, i.c.status_at, i.c.merged_into)
             .where(i.c.active, i.c.status_at.is_not(None), i.c.status != MENUNGGU)
             .order_by(i.c.status_at.desc(), i.c.id.desc()).limit(limit))
    with engine.connect() as conn:
        return pd.read_sql(query, conn)
