"""The audit log as the administrator reads it: labels, filters, WITA times, safe export; account changes audited."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.store import tables
from analytics.store.audit import AuditFilters, audit_choices, audit_csv, audit_xlsx, label_action, read_audit
from analytics.auth import AuthError, authenticate, create_user, reset_password, set_user_active, unlock_user
from analytics.settings import read_settings

PASSWORD = "kata-sandi-uji-1"


def add_entry(engine, ts: datetime, user: str, action: str, target: str | None = None, detail=None) -> None:
    """Append one audit row at a chosen UTC time."""
    with engine.begin() as conn:
        conn.execute(sa.insert(tables.audit_log).values(ts=ts, username=user, action=action, target=target,
                                                        detail=detail))


@pytest.fixture
def logged(engine):
    """A store with four entries on known UTC times (WITA = UTC+8)."""
    utc = timezone.utc
    add_entry(engine, datetime(2026, 3, 1, 15, 30, tzinfo=utc), "ani", "masuk")  # 01/03 23:30 WITA
    add_entry(engine, datetime(2026, 3, 1, 16, 30, tzinfo=utc), "ani", "unggah_data", "upload:1")  # 02/03 00:30 WITA
    add_entry(engine, datetime(2026, 3, 5, 2, 0, tzinfo=utc), "budi", "masuk_gagal", "budi")
    add_entry(engine, datetime(2026, 3, 9, 2, 0, tzinfo=utc), "budi", "aksi_baru_lain", "x")
    return engine


@pytest.mark.parametrize("code, label", [
    ("masuk", "Masuk"), ("masuk_gagal", "Gagal masuk"), ("masuk_ditolak", "Masuk ditolak (akun terkunci)"),
    ("unggah_data", "Mengunggah data"), ("hapus_unggahan", "Menghapus unggahan"),
    ("batal_hapus_unggahan", "Membatalkan penghapusan unggahan"), ("ubah_pengaturan", "Mengubah pengaturan"),
    ("atur_ulang_sandi", "Mengatur ulang kata sandi"), ("aksi_baru_lain", "aksi_baru_lain"),
])
def test_action_labels(code, label):
    """Each action code reads as an Indonesian phrase; an unknown code is shown as it is, never hidden."""
    assert label_action(code) == label


def test_empty_log_gives_empty_table(engine):
    """With nothing logged the table is empty but has its columns."""
    frame = read_audit(engine, AuditFilters(users=("siapa",)))
    assert frame.empty and list(frame.columns) == ["waktu", "pengguna", "tindakan", "sasaran", "rincian", "aksi"]


def test_newest_first_in_wita(logged):
    """Entries come newest first, with times in WITA (UTC+8)."""
    frame = read_audit(logged)
    assert frame["aksi"].tolist() == ["aksi_baru_lain", "masuk_gagal", "unggah_data", "masuk"]
    assert frame["waktu"].iloc[-1] == pd.Timestamp("2026-03-01 23:30")
    assert frame["tindakan"].iloc[2] == "Mengunggah data" and frame["sasaran"].iloc[2] == "upload:1"


@pytest.mark.parametrize("filters, expected", [
    (AuditFilters(users=("ani",)), ["unggah_data", "masuk"]),
    (AuditFilters(actions=("masuk", "masuk_gagal")), ["masuk_gagal", "masuk"]),
    (AuditFilters(users=("budi",), actions=("masuk",)), []),
    # WITA days: 00:30 WITA on 02/03 is on 2 March although it is still 1 March in UTC.
    (AuditFilters(start=date(2026, 3, 2), end=date(2026, 3, 5)), ["masuk_gagal", "unggah_data"]),
    (AuditFilters(start=date(2026, 3, 1), end=date(2026, 3, 1)), ["masuk"]),
    (AuditFilters(start=date(2026, 3, 6)), ["aksi_baru_lain"]),
    (AuditFilters(users=("'); DROP TABLE audit_log;--",)), []),
])
def test_filters(logged, filters, expected):
    """Filtering by user, action and WITA dates keeps exactly the matching entries."""
    assert read_audit(logged, filters)["aksi"].tolist() == expected
    assert len(read_audit(logged)) == 4  # the SQL-looking filter value harmed nothing


def test_choices_list_what_occurs(logged):
    """The pickers offer the users and actions that occur in the log, sorted."""
    assert audit_choices(logged) == (["ani", "budi"], ["aksi_baru_lain", "masuk", "masuk_gagal", "unggah_data"])


def test_exports_neutralise_formulas_and_keep_headers(logged):
    """A username typed as '=HYPERLINK(…)' is exported with a leading apostrophe in CSV and Excel."""
    add_entry(logged, datetime(2026, 3, 10, tzinfo=timezone.utc), '=HYPERLINK("http://x","klik")', "masuk_gagal",
              "@SUM(A1)", '{"gagal_berturut": 1}')
    frame = read_audit(logged)
    text = audit_csv(frame).decode("utf-8-sig")
    assert text.splitlines()[0] == "Waktu (WITA),Pengguna,Tindakan,Sasaran,Rincian,Kode tindakan"
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    book = pd.read_excel(io.BytesIO(audit_xlsx(frame)), engine="openpyxl")
    assert book["Pengguna"].iloc[0] == "'=HYPERLINK(\"http://x\",\"klik\")"
    assert book["Sasaran"].iloc[0] == "'@SUM(A1)"
    assert book["Waktu (WITA)"].iloc[0] == pd.Timestamp("2026-03-10 08:00")


def actions_of(engine) -> list[tuple[str, str, str]]:
    """Return (username, action, target) of every audit entry, oldest first."""
    log = tables.audit_log
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(log.c.username, log.c.action, log.c.target).order_by(log.c.id))]


def test_account_changes_are_audited_and_take_effect(engine):
    """Deactivate, reactivate, unlock and reset each work and each leave one entry under the admin's name."""
    settings = read_settings(engine)
    create_user(engine, "kepala", PASSWORD, "admin")
    create_user(engine, "ani", PASSWORD, "analis", created_by="kepala")
    set_user_active(engine, "ani", False, by="kepala")
    with pytest.raises(AuthError, match="Nama pengguna atau kata sandi salah"):
        authenticate(engine, "ani", PASSWORD, settings)
    set_user_active(engine, "ani", True, by="kepala")
    for _ in range(5):
        with pytest.raises(AuthError):
            authenticate(engine, "ani", "salah-salah-salah", settings)
    with pytest.raises(AuthError, match="Terlalu banyak percobaan"):
        authenticate(engine, "ani", PASSWORD, settings)
    unlock_user(engine, "ani", by="kepala")
    assert authenticate(engine, "ani", PASSWORD, settings).role == "analis"
    reset_password(engine, "ani", "sandi-baru-yang-panjang", by="kepala")
    assert authenticate(engine, "ani", "sandi-baru-yang-panjang", settings).username == "ani"
    admin_entries = [a for a in actions_of(engine) if a[0] == "kepala"]
    assert admin_entries == [("kepala", "buat_pengguna", "ani"), ("kepala", "nonaktifkan_pengguna", "ani"),
                             ("kepala", "aktifkan_pengguna", "ani"), ("kepala", "buka_kunci_pengguna", "ani"),
                             ("kepala", "atur_ulang_sandi", "ani")]
    details = read_audit(engine, AuditFilters(actions=("atur_ulang_sandi",)))["rincian"].tolist()
    assert details == ['{"role": "analis"}']  # never the password


@pytest.mark.parametrize("call, message", [
    (lambda e: set_user_active(e, "kepala", False, by="kepala"), "akun Anda sendiri"),
    (lambda e: set_user_active(e, "kepala", False, by="ani"), "satu-satunya admin aktif"),
    (lambda e: set_user_active(e, "hantu", False, by="kepala"), "Pengguna 'hantu' tidak ada"),
    (lambda e: unlock_user(e, "hantu", by="kepala"), "Pengguna 'hantu' tidak ada"),
    (lambda e: reset_password(e, "ani", "pendek", by="kepala"), "minimal 10 karakter"),
])
def test_refused_account_changes_change_nothing(engine, call, message):
    """Self-deactivation, removing the last admin, unknown accounts and short passwords are refused, unlogged."""
    create_user(engine, "kepala", PASSWORD, "admin")
    create_user(engine, "ani", PASSWORD, "analis")
    before = actions_of(engine)
    with pytest.raises(AuthError, match=message):
        call(engine)
    assert actions_of(engine) == before


def test_detail_reads_as_words_on_screen():
    """The stored JSON detail is shown as "key: value" pairs; text that is not a JSON object is shown as stored."""
    from analytics.store.audit import plain_detail

    assert plain_detail('{"role": "admin", "baris": 3, "daftar": ["a", "b"]}') == 'role: admin · baris: 3 · daftar: ["a", "b"]'
    assert plain_detail("bukan json {") == "bukan json {"
    assert plain_detail('"teks"') == '"teks"' and plain_detail(None) == ""
