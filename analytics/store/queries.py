"""Reading the store back as DataFrames: only active rows, with stable column names and dtypes."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables

# Columns that say where a row came from and whether it counts, not what it reports.
BOOKKEEPING = frozenset({"id", "upload_id", "source_row", "row_hash", "active"})


def data_columns(table: sa.Table) -> list[str]:
    """Return the columns of a stored table that hold reported data (the clean record's columns), in order."""
    return [column.name for column in table.columns if column.name not in BOOKKEEPING]


def read_incidents(engine: sa.Engine) -> pd.DataFrame:
    """Return every active kejadian (its data columns plus id, upload_id, is_demo), oldest first."""
    i, u = tables.incidents, tables.uploads
    query = (
        sa.select(i.c.id, i.c.upload_id, *[i.c[name] for name in data_columns(i)], u.c.is_demo)
        .join(u, u.c.id == i.c.upload_id)
        .where(i.c.active)
        .order_by(i.c.tanggal, i.c.id)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["tanggal"] = pd.to_datetime(frame["tanggal"])
    for name in ("korban_meninggal", "korban_luka"):
        frame[name] = frame[name].astype("int64")
    frame["is_demo"] = frame["is_demo"].astype(bool)
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
