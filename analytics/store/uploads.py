"""Managing stored uploads: list, delete (reversible), undo a delete, and remove all demo data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.errors import IngestError

ROW_TABLES = (tables.incidents, tables.reports)


@dataclass(frozen=True)
class UndoResult:
    """What undoing a delete restored: rows active again, and rows kept inactive as duplicates."""

    upload_id: int
    restored: int
    kept_inactive: int


def list_uploads(engine: sa.Engine) -> pd.DataFrame:
    """Return every upload, newest first, with its provenance and how many of its rows are active."""
    u = tables.uploads
    active = [
        sa.select(sa.func.count()).where(t.c.upload_id == u.c.id, t.c.active).scalar_subquery() for t in ROW_TABLES
    ]
    query = sa.select(
        u.c.id, u.c.kind, u.c.file_name, u.c.sha256, u.c.sheet, u.c.header_row, u.c.uploaded_by, u.c.uploaded_at,
        u.c.rows_read, u.c.rows_accepted, u.c.rows_rejected, u.c.duplicates, u.c.is_demo, u.c.deleted_at,
        u.c.deleted_by, (active[0] + active[1]).label("active_rows"),
    ).order_by(u.c.id.desc())
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame


def _load_upload(conn: sa.Connection, upload_id: int) -> sa.Row:
    row = conn.execute(sa.select(tables.uploads).where(tables.uploads.c.id == upload_id)).first()
    if row is None:
        raise IngestError(f"Unggahan #{upload_id} tidak ditemukan")
    return row


def _reactivate_previous(conn: sa.Connection, hashes_of: sa.Select) -> int:
    """Reactivate, for each laporan hash left with no active row, its newest row in a live upload."""
    u = tables.uploads
    prev, holder = tables.reports.alias("prev"), tables.reports.alias("holder")
    hashes = [row[0] for row in conn.execute(hashes_of)]
    ids: list[int] = []
    for start in range(0, len(hashes), 5_000):
        query = (
            sa.select(sa.func.max(prev.c.id))
            .join(u, u.c.id == prev.c.upload_id)
            .where(prev.c.row_hash.in_(hashes[start:start + 5_000]), u.c.deleted_at.is_(None), ~prev.c.active,
                   ~sa.exists().where(holder.c.row_hash == prev.c.row_hash, holder.c.active))
            .group_by(prev.c.row_hash)
        )
        ids += [row[0] for row in conn.execute(query)]
    for start in range(0, len(ids), 5_000):
        r = tables.reports
        conn.execute(sa.update(r).where(r.c.id.in_(ids[start:start + 5_000])).values(active=True))
    return len(ids)


def delete_upload(engine: sa.Engine, upload_id: int, user: str) -> int:
    """Deactivate an upload's rows and mark it deleted (undoable); return how many rows went inactive."""
    u = tables.uploads
    with engine.begin() as conn:
        upload = _load_upload(conn, upload_id)
        if upload.deleted_at is not None:
            raise IngestError(f"Unggahan #{upload_id} sudah dihapus pada {upload.deleted_at:%d/%m/%Y %H:%M}")
        count = 0
        for table in ROW_TABLES:
            result = conn.execute(
                sa.update(table).where(table.c.upload_id == upload_id, table.c.active).values(active=False)
            )
            count += int(result.rowcount or 0)
        conn.execute(sa.update(u).where(u.c.id == upload_id).values(
            deleted_at=datetime.now(timezone.utc), deleted_by=user))
        # A laporan value this upload had superseded counts again once the correction is gone.
        restored = _reactivate_previous(
            conn, sa.select(tables.reports.c.row_hash).where(tables.reports.c.upload_id == upload_id))
        tables.record_audit(conn, user, "hapus_unggahan", f"upload:{upload_id}",
                            {"file": upload.file_name, "rows": count, "restored_previous": restored})
    return count


def undo_delete(engine: sa.Engine, upload_id: int, user: str) -> UndoResult:
    """Restore a deleted upload; rows that meanwhile became duplicates of active rows stay inactive."""
    u = tables.uploads
    with engine.begin() as conn:
        upload = _load_upload(conn, upload_id)
        if upload.deleted_at is None:
            raise IngestError(f"Unggahan #{upload_id} tidak sedang dihapus; tidak ada yang dibatalkan")
        total = restored = 0
        for table in ROW_TABLES:
            total += int(conn.execute(
                sa.select(sa.func.count()).where(table.c.upload_id == upload_id)).scalar_one())
            holder = table.alias("holder")
            free = ~sa.exists().where(holder.c.row_hash == table.c.row_hash, holder.c.active)
            result = conn.execute(
                sa.update(table).where(table.c.upload_id == upload_id, ~table.c.active, free).values(active=True)
            )
            restored += int(result.rowcount or 0)
        conn.execute(sa.update(u).where(u.c.id == upload_id).values(deleted_at=None, deleted_by=None))
        tables.record_audit(conn, user, "batal_hapus_unggahan", f"upload:{upload_id}",
                            {"file": upload.file_name, "restored": restored, "kept_inactive": total - restored})
    return UndoResult(upload_id, restored, total - restored)


def delete_demo(engine: sa.Engine, user: str) -> int:
    """Remove every demo upload and its rows for good; return how many uploads were removed."""
    u = tables.uploads
    with engine.begin() as conn:
        ids = [row[0] for row in conn.execute(sa.select(u.c.id).where(u.c.is_demo))]
        if not ids:
            return 0
        real = sa.select(u.c.id).where(~u.c.is_demo)
        demo_hashes = [row[0] for row in conn.execute(
            sa.select(tables.reports.c.row_hash).where(tables.reports.c.upload_id.in_(ids)))]
        for table in ROW_TABLES:
            conn.execute(sa.delete(table).where(table.c.upload_id.in_(ids)))
        conn.execute(sa.delete(u).where(u.c.id.in_(ids)))
        if demo_hashes:
            # Real laporan values that demo values had superseded count again.
            r = tables.reports
            _reactivate_previous(conn, sa.select(r.c.row_hash).where(r.c.upload_id.in_(real), ~r.c.active))
        tables.record_audit(conn, user, "hapus_data_demo", None, {"uploads": ids})
    return len(ids)
