"""The audit log, read back for the administrator: filter by user, action and date; export safely.

The log itself is written by tables.record_audit inside every write transaction and is never
updated or deleted. Times are stored in UTC and shown in WITA (UTC+8, Malinau keeps no summer time).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.views.exports import neutralise_cell

WITA = timezone(timedelta(hours=8), "WITA")

# Each action code written by record_audit → what the administrator reads. Unknown codes (from a
# newer module) are shown as they are rather than hidden.
ACTION_LABELS: dict[str, str] = {
    "masuk": "Masuk",
    "masuk_gagal": "Gagal masuk",
    "masuk_ditolak": "Masuk ditolak (akun terkunci)",
    "keluar": "Keluar",
    "buat_pengguna": "Membuat pengguna",
    "nonaktifkan_pengguna": "Menonaktifkan pengguna",
    "aktifkan_pengguna": "Mengaktifkan kembali pengguna",
    "buka_kunci_pengguna": "Membuka kunci akun",
    "atur_ulang_sandi": "Mengatur ulang kata sandi",
    "unggah_data": "Mengunggah data",
    "hapus_unggahan": "Menghapus unggahan",
    "batal_hapus_unggahan": "Membatalkan penghapusan unggahan",
    "hapus_data_demo": "Menghapus data contoh",
    "ubah_pengaturan": "Mengubah pengaturan",
    "tambah_sinonim": "Menambah sinonim kategori",
    "tambah_alias": "Menambah alias nama tempat",
    "impor_batas": "Mengimpor batas wilayah",
    "masuk_ditahan": "Masuk ditahan (terlalu banyak gagal)",
    "buat_cadangan": "Membuat cadangan",
    "pulihkan_cadangan": "Memulihkan cadangan",
    "ekspor_data": "Mengekspor kejadian",
    "unduh_bahan_rakor": "Mengunduh Bahan Rakor",
    "ekspor_log_audit": "Mengekspor log audit",
    "unduh_masalah_unggahan": "Mengunduh daftar masalah unggahan",
    "unduh_templat": "Mengunduh templat",
    "verifikasi_kejadian": "Memverifikasi / menolak kejadian",
    "gabung_kejadian": "Menggabungkan kejadian",
    "kiriman_diubah": "Kiriman lapangan diubah (kembali menunggu)",
}

AUDIT_COLUMNS = ["waktu", "pengguna", "tindakan", "sasaran", "rincian", "aksi"]
# Headers of the exported file, in the administrator's language.
EXPORT_HEADERS = {"waktu": "Waktu (WITA)", "pengguna": "Pengguna", "tindakan": "Tindakan", "sasaran": "Sasaran",
                  "rincian": "Rincian", "aksi": "Kode tindakan"}


@dataclass(frozen=True)
class AuditFilters:
    """Which entries to show: users and action codes (empty = all), inclusive WITA dates (None = open)."""

    users: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


def label_action(action: str) -> str:
    """Return the Indonesian label of an action code (the code itself when unknown)."""
    return ACTION_LABELS.get(action, action)


def _wita_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=WITA).astimezone(timezone.utc)


def read_audit(engine: sa.Engine, filters: AuditFilters | None = None) -> pd.DataFrame:
    """Return the matching audit entries, newest first, with WITA times and labels (AUDIT_COLUMNS)."""
    filters = filters or AuditFilters()
    log = tables.audit_log
    query = sa.select(log.c.ts, log.c.username, log.c.action, log.c.target, log.c.detail)
    # Bound parameters throughout: a username typed at the login form may contain anything.
    if filters.users:
        query = query.where(log.c.username.in_(filters.users))
    if filters.actions:
        query = query.where(log.c.action.in_(filters.actions))
    if filters.start:
        query = query.where(log.c.ts >= _wita_midnight_utc(filters.start))
    if filters.end:
        query = query.where(log.c.ts < _wita_midnight_utc(filters.end + timedelta(days=1)))
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(log.c.ts.desc(), log.c.id.desc())).fetchall()
    frame = pd.DataFrame(rows, columns=["ts", "pengguna", "aksi", "sasaran", "rincian"])
    # SQLite returns naive datetimes; every stored time is UTC.
    stamps = pd.to_datetime(frame["ts"], utc=True) if not frame.empty else pd.Series(dtype="datetime64[ns, UTC]")
    frame["waktu"] = stamps.dt.tz_convert(WITA).dt.tz_localize(None)
    frame["tindakan"] = frame["aksi"].map(label_action)
    return frame[AUDIT_COLUMNS].reset_index(drop=True)


def plain_detail(detail: object) -> str:
    """Return an entry's detail as a reader sees it: {"role": "admin", "baris": 3} → "role: admin · baris: 3".

    The stored text stays JSON (exports keep it); anything that is not a JSON object is shown as stored.
    """
    if detail is None or (isinstance(detail, float) and detail != detail):
        return ""
    try:
        value = json.loads(str(detail))
    except ValueError:
        return str(detail)
    if not isinstance(value, dict):
        return str(detail)
    return " · ".join(f"{key}: {item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)}"
                      for key, item in value.items())


def audit_choices(engine: sa.Engine) -> tuple[list[str], list[str]]:
    """Return (usernames, action codes) that occur in the log, sorted, for the filter pickers."""
    log = tables.audit_log
    with engine.connect() as conn:
        users = [r[0] for r in conn.execute(sa.select(log.c.username).distinct().order_by(log.c.username))]
        actions = [r[0] for r in conn.execute(sa.select(log.c.action).distinct().order_by(log.c.action))]
    return users, actions


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the entries ready for a file: Indonesian headers, text cells formula-neutralised."""
    out = frame[AUDIT_COLUMNS].copy()
    for name in ("pengguna", "tindakan", "sasaran", "rincian", "aksi"):
        out[name] = out[name].astype(object).map(neutralise_cell)
    return out.rename(columns=EXPORT_HEADERS)


def audit_csv(frame: pd.DataFrame) -> bytes:
    """Return the entries as CSV bytes (UTF-8 with BOM so Excel reads accents; formulas neutralised)."""
    return export_frame(frame).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode("utf-8-sig")


def audit_xlsx(frame: pd.DataFrame) -> bytes:
    """Return the entries as an Excel workbook (no string ever becomes a formula or a link)."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", datetime_format="yyyy-mm-dd hh:mm:ss",
                        engine_kwargs={"options": options}) as writer:
        export_frame(frame).to_excel(writer, sheet_name="Log audit", index=False)
        sheet = writer.sheets["Log audit"]
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 0, 20)
        sheet.set_column(4, 4, 60)  # rincian: wide enough to read
    return buffer.getvalue()
