"""Reading the store back as DataFrames: only active rows, with stable column names and dtypes."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables

# Columns that say where a row came from and whether it counts, not what it reports.
# The verification columns are the workflow around a report (analytics/fieldreports/), read where needed.
BOOKKEEPING = frozenset({"id", "upload_id", "source_row", "row_hash", "active", "status", "status_reason", "status_by",
                         "status_at", "merged_into", "submission_uuid", "submitted_by", "reporter_role",
                         "submitted_at"})


def data_columns(table: sa.Table) -> list[str]:
    """Return the columns of a stored table that hold reported data (the clean record's columns), in order."""
    return [column.name for column in table.columns if column.name not in BOOKKEEPING]


# Only verified kejadian count in scores, maps, trends, compliance and the briefing (analytics/verification.py).
COUNTED_STATUSES: tuple[str, ...] = ("terverifikasi",)


def read_incidents(engine: sa.Engine, statuses: tuple[str, ...] | None = COUNTED_STATUSES) -> pd.DataFrame:
    """Return the active kejadian with a status in statuses (None: all), its data columns plus id, upload_id,
    is_demo and status, oldest first. Every figure reads kejadian through here, so the default is what counts."""
    i, u = tables.incidents, tables.uploads
    query = (
        sa.select(i.c.id, i.c.upload_id, *[i.c[name] for name in data_columns(i)], u.c.is_demo, i.c.status)
        .join(u, u.c.id == i.c.upload_id)
        .where(i.c.active)
        .order_by(i.c.tanggal, i.c.id)
    )
    if statuses is not None:
        query = query.where(i.c.status.in_(list(statuses)))
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    for name in ("korban_meninggal", "korban_luka"):
        frame[name] = frame[name].astype("int64")
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame


def read_field_submissions(engine: sa.Engine, statuses: tuple[str, ...] | None = COUNTED_STATUSES) -> pd.DataFrame:
    """Return the active kejadian sent from phones (KoboToolbox/ODK) with a status in statuses (None: all):
    id, tanggal, kode_kecamatan, kode_desa, submitted_by, reporter_role, submitted_at, status."""
    i = tables.incidents
    query = (sa.select(i.c.id, i.c.tanggal, i.c.kode_kecamatan, i.c.kode_desa, i.c.submitted_by, i.c.reporter_role,
                       i.c.submitted_at, i.c.status)
             .where(i.c.active, i.c.submission_uuid.is_not(None)).order_by(i.c.tanggal, i.c.id))
    if statuses is not None:
        query = query.where(i.c.status.in_(list(statuses)))
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True, format="mixed")
    return frame


def read_reports(engine: sa.Engine) -> pd.DataFrame:
    """Return every active laporan berkala value (its data columns plus id, upload_id, is_demo)."""
    r, u = tables.reports, tables.uploads
    query = (
        sa.select(r.c.id, r.c.upload_id, *[r.c[name] for name in data_columns(r)], u.c.is_demo)
        .join(u, u.c.id == r.c.upload_id)
        .where(r.c.active)
        .order_by(r.c.periode_mulai, r.c.id)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    for name in ("periode_mulai", "periode_akhir"):
        frame[name] = pd.to_datetime(frame[name])
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame


def has_demo_data(engine: sa.Engine) -> bool:
    """True when any live (not deleted) upload in the store is demo data."""
    u = tables.uploads
    with engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(u).where(u.c.is_demo, u.c.deleted_at.is_(None))
        return bool(conn.execute(query).scalar_one())
