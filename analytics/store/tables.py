"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The migrations in analytics/migrations/ create exactly these; tests/test_db.py compares them.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

# Every upload, with its provenance. Deleting an upload sets deleted_at (and deactivates its
# rows) so that the deletion can be undone.
uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),  # kejadian | laporan | acled
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("sheet", sa.String(255)),
    sa.Column("header_row", sa.Integer),
    sa.Column("uploaded_by", sa.String(100), nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_accepted", sa.Integer, nullable=False),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
    sa.Column("duplicates", sa.Integer, nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
    sa.Column("deleted_by", sa.String(100)),
)

# Kejadian. row_hash identifies the same event however often it is uploaded (see
# analytics/ingest.py); it is unique among active rows only, so a deleted upload can be re-sent.
incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False, index=True),
    sa.Column("source_row", sa.Integer),
    sa.Column("tanggal", sa.Date, nullable=False, index=True),
    sa.Column("kode_kecamatan", sa.String(8), nullable=False, index=True),
    sa.Column("kode_desa", sa.String(13), index=True),
    sa.Column("jenis", sa.Text),
    sa.Column("kategori", sa.String(20), nullable=False),
    sa.Column("uraian", sa.Text),
    sa.Column("pihak", sa.Text),
    sa.Column("korban_meninggal", sa.Integer, nullable=False, default=0),
    sa.Column("korban_luka", sa.Integer, nullable=False, default=0),
    sa.Column("tindak_lanjut", sa.Text),
    sa.Column("sumber", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("row_hash", sa.String(64), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Index(
        "ux_incidents_active_hash",
        "row_hash",
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    ),
)

# Laporan berkala, stored long: one row per place, period and indicator.
reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False, index=True),
    sa.Column("source_row", sa.Integer),
    sa.Column("periode_mulai", sa.Date, nullable=False, index=True),
    sa.Column("periode_akhir", sa.Date, nullable=False),
    sa.Column("level", sa.String(10), nullable=False),  # desa | kecamatan
    sa.Column("kode_kecamatan", sa.String(8), nullable=False, index=True),
    sa.Column("kode_desa", sa.String(13), index=True),
    sa.Column("indikator", sa.String(40), nullable=False),
    sa.Column("nilai", sa.Float, nullable=False),
    sa.Column("catatan", sa.Text),
    sa.Column("sumber", sa.Text),
    sa.Column("row_hash", sa.String(64), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Index(
        "ux_reports_active_hash",
        "row_hash",
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    ),
)

# User-added spellings of place names: alias_key is the normalised alias (analytics.names.name_key).
aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("level", sa.String(10), nullable=False),
    sa.Column("alias", sa.String(200), nullable=False),
    sa.Column("alias_key", sa.String(200), nullable=False),
    sa.Column("kode", sa.String(13), nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("level", "alias_key", name="uq_aliases_level_key"),
)

# User-added synonyms: a phrase found in 'jenis kejadian' → a canonical kategori.
category_synonyms = sa.Table(
    "category_synonyms",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("phrase", sa.String(200), nullable=False, unique=True),
    sa.Column("kategori", sa.String(20), nullable=False),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),  # JSON
    sa.Column("updated_by", sa.String(100), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# Official boundaries, one row per place; geometries as GeoJSON text so that SQLite and
# PostgreSQL behave the same without PostGIS.
boundaries = sa.Table(
    "boundaries",
    metadata,
    sa.Column("kode", sa.String(13), primary_key=True),
    sa.Column("level", sa.String(10), nullable=False),  # kabupaten | kecamatan | desa
    sa.Column("nama", sa.String(200), nullable=False),
    sa.Column("geometry", sa.Text, nullable=False),
    sa.Column("geometry_simple", sa.Text, nullable=False),
    sa.Column("centroid_lat", sa.Float, nullable=False),
    sa.Column("centroid_lon", sa.Float, nullable=False),
    sa.Column("area_km2", sa.Float),
    sa.Column("border_distance_km", sa.Float),
    sa.Column("derived", sa.Boolean, nullable=False, default=False),  # dissolved from desa
    sa.Column("source_file", sa.String(255), nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("imported_by", sa.String(100), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),  # pimpinan | analis | admin
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Append-only: nothing in the product updates or deletes these rows.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ts", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("username", sa.String(100), nullable=False),
    sa.Column("action", sa.String(50), nullable=False),
    sa.Column("target", sa.String(255)),
    sa.Column("detail", sa.Text),  # JSON
)

# One row: a counter every write transaction bumps, so the UI caches are keyed on it.
data_version = sa.Table(
    "data_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)


def record_audit(
    conn: sa.Connection, user: str, action: str, target: str | None, detail: Any = None, bump_version: bool = True
) -> None:
    """Append one audit entry and bump the data version, inside the caller's transaction."""
    conn.execute(
        sa.insert(audit_log).values(
            ts=datetime.now(timezone.utc),
            username=user,
            action=action,
            target=target,
            detail=json.dumps(detail, default=str, ensure_ascii=False) if detail is not None else None,
        )
    )
    # Logins and logouts change no data: bump_version=False keeps the dashboard's caches warm.
    if bump_version:
        conn.execute(sa.update(data_version).values(version=data_version.c.version + 1))


def read_data_version(engine: sa.Engine) -> int:
    """Return the store's write counter (changes after every committed write)."""
    with engine.connect() as conn:
        return int(conn.execute(sa.select(data_version.c.version)).scalar_one())


# ---------------------------------------------------------------------------------------------
# Penanganan (analytics/cases.py, rakor.py, foreigners.py; migration 0002). Appended by h12.
# ---------------------------------------------------------------------------------------------

# Tindak lanjut: one case per problem being handled. `judul` may be typed by a user (free text,
# may hold names); `judul_umum` is always generated from place and kategori and is what pimpinan see.
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("judul", sa.String(300), nullable=False),
    sa.Column("judul_umum", sa.String(300), nullable=False),
    sa.Column("uraian", sa.Text),
    sa.Column("kategori", sa.String(20)),
    sa.Column("instansi", sa.String(100)),  # responsible agency, from the `agencies` setting
    sa.Column("status", sa.String(30), nullable=False, index=True),  # baru | dalam penanganan | selesai | dipantau
    sa.Column("jatuh_tempo", sa.Date),
    sa.Column("sumber", sa.String(20), nullable=False),  # peringatan | kejadian | manual | rakor
    sa.Column("sumber_ref", sa.String(100)),  # alert period, rakor decision id …
    sa.Column("tanggal_buka", sa.Date, nullable=False),  # the day the case was opened (may be back-dated)
    sa.Column("periode_peringatan", sa.Date),  # alert cases: the as_of of the alert (one open case per place and period)
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True)),
)

# The places of a case: desa or kecamatan codes (a case may cover several).
case_places = sa.Table(
    "case_places",
    metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("kode", sa.String(13), primary_key=True, index=True),
    sa.Column("level", sa.String(10), nullable=False),  # desa | kecamatan
)

# Dated entries of a case: actions taken (jenis 'tindakan') and status changes (jenis 'status').
case_actions = sa.Table(
    "case_actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
    sa.Column("tanggal", sa.Date, nullable=False),
    sa.Column("jenis", sa.String(20), nullable=False),  # tindakan | status
    sa.Column("pelaku", sa.String(100)),  # who acted (agency or person)
    sa.Column("uraian", sa.Text, nullable=False),
    sa.Column("status_baru", sa.String(30)),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Kejadian linked to a case. No foreign key on incident_id: deleting demo data removes kejadian
# rows for good, and a case must survive that (the link then simply points at nothing).
case_incidents = sa.Table(
    "case_incidents",
    metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("incident_id", sa.Integer, primary_key=True, index=True),
)

# Rapat koordinasi (Rakor): peserta is a JSON list of agencies.
rakor_meetings = sa.Table(
    "rakor_meetings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("tanggal", sa.Date, nullable=False, index=True),
    sa.Column("tempat", sa.String(200)),
    sa.Column("peserta", sa.Text, nullable=False),  # JSON list
    sa.Column("catatan", sa.Text),
    sa.Column("created_by", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Each decision of a Rakor, and the case it opened or updated.
rakor_decisions = sa.Table(
    "rakor_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("rakor_id", sa.Integer, sa.ForeignKey("rakor_meetings.id"), nullable=False, index=True),
    sa.Column("urutan", sa.Integer, nullable=False),
    sa.Column("uraian", sa.Text, nullable=False),
    sa.Column("kode", sa.String(13)),
    sa.Column("kategori", sa.String(20)),
    sa.Column("instansi", sa.String(100)),
    sa.Column("jatuh_tempo", sa.Date),
    sa.Column("status_baru", sa.String(30)),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id")),
    sa.Column("tindakan", sa.String(20), nullable=False),  # buka | perbarui | catat
)

# Register of orang asing / TKA / lembaga asing, aggregated per kecamatan (optionally desa) and
# period. nama/kebangsaan/paspor/sponsor are personal details: only analis/admin may see them.
foreigners = sa.Table(
    "foreigners",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("periode_mulai", sa.Date, nullable=False, index=True),
    sa.Column("periode_akhir", sa.Date, nullable=False),
    sa.Column("kode_kecamatan", sa.String(8), nullable=False, index=True),
    sa.Column("kode_desa", sa.String(13)),
    sa.Column("jenis", sa.String(20), nullable=False),  # wisata | tka | lembaga_asing | pelintas_batas
    sa.Column("dokumen", sa.String(20), nullable=False),  # lengkap | tidak_lengkap | tanpa_dokumen
    sa.Column("jumlah", sa.Integer, nullable=False),
    sa.Column("nama", sa.Text),  # personal
    sa.Column("kebangsaan", sa.String(100)),  # personal
    sa.Column("paspor", sa.String(50)),  # personal
    sa.Column("sponsor", sa.Text),  # personal (employer / sponsoring institution)
    sa.Column("catatan", sa.Text),
    sa.Column("source_row", sa.Integer),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("uploaded_by", sa.String(100), nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
)
