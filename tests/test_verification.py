"""Verification: only terverifikasi kejadian count; approve, reject (kept, out of every figure), merge, CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from kobo_exports import BASE, export_bytes

from analytics.briefing.data import build_briefing_context
from analytics.fieldreports.verification import (
    VerificationError,
    find_possible_duplicates,
    merge_into,
    read_waiting,
    set_status,
    waiting_with_duplicates,
)
from analytics.ingest.pipeline import ingest_file
from analytics.risk.inputs import read_risk_inputs
from analytics.risk.score import score_desa
from analytics.settings import write_setting
from analytics.store import tables
from analytics.store.db import PACKAGE_DIR, create_store_engine, open_store
from analytics.store.queries import read_incidents
from analytics.store.writes import commit_records

AS_OF = date(2026, 5, 2)
LONG_BISAI = "65.02.01.2002"


def scores(engine) -> pd.Series:
    """Return skor per desa on AS_OF, as the dashboard and briefing compute it from the store."""
    inputs = read_risk_inputs(engine)
    table = score_desa(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, AS_OF)
    return table.set_index("kode")["skor"]


def field_reports(engine) -> pd.DataFrame:
    """Store the three field submissions and return them (all statuses), in date order."""
    ingest_file(engine, export_bytes(BASE), "kobo.xlsx", user="analis1")
    return read_incidents(engine, statuses=None).sort_values("tanggal").reset_index(drop=True)


def audit_actions(engine) -> list[tuple[str, str]]:
    """Return (action, target) of every audit entry."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(tables.audit_log.c.action, tables.audit_log.c.target))]


def test_unverified_rows_change_no_score_and_verifying_them_does(engine):
    """Waiting field reports leave every score as it was; once verified, Long Bisai's score rises (from none)."""
    before = scores(engine)
    stored = field_reports(engine)
    assert scores(engine).equals(before)
    set_status(engine, stored["id"].tolist(), "terverifikasi", user="analis1")
    after = scores(engine)
    assert after[LONG_BISAI] > (0 if pd.isna(before[LONG_BISAI]) else before[LONG_BISAI])
    assert len(read_incidents(engine)) == 3


def test_rejecting_keeps_the_row_but_out_of_every_figure(engine):
    """A rejected kejadian stays stored with reason, who and when, and counts in no score, trend or briefing."""
    stored = field_reports(engine)
    set_status(engine, stored["id"].tolist(), "terverifikasi", user="analis1")
    counted = scores(engine)
    briefing = build_briefing_context(engine, start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert int(briefing.trend["jumlah"].sum()) == 3
    first = int(stored.loc[0, "id"])
    set_status(engine, [first], "ditolak", user="analis2", reason="Laporan ganda dari grup WA")
    everything = read_incidents(engine, statuses=None).set_index("id")
    assert everything.loc[first, "status"] == "ditolak"
    with engine.connect() as conn:
        row = conn.execute(sa.select(tables.incidents).where(tables.incidents.c.id == first)).one()
    assert (row.status_reason, row.status_by) == ("Laporan ganda dari grup WA", "analis2") and row.status_at
    assert first not in set(read_incidents(engine)["id"])
    assert scores(engine)[LONG_BISAI] < counted[LONG_BISAI]
    briefing = build_briefing_context(engine, start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert int(briefing.trend["jumlah"].sum()) == 2
    assert ("verifikasi_kejadian", f"incident:{first}") in audit_actions(engine)


def test_rejecting_without_a_reason_is_refused(sqlite_engine):
    """Rejecting needs a reason; nothing changes without one."""
    stored = field_reports(sqlite_engine)
    with pytest.raises(VerificationError, match="alasan"):
        set_status(sqlite_engine, [int(stored.loc[0, "id"])], "ditolak", user="analis1", reason="  ")
    assert read_incidents(sqlite_engine, statuses=None)["status"].eq("menunggu").all()


def test_merge_rejects_the_waiting_report_and_points_at_the_existing_record(engine):
    """Merging a waiting report into a stored kejadian rejects it as 'digabung ke #N' and audits it."""
    stored = field_reports(engine)
    target, source = int(stored.loc[0, "id"]), int(stored.loc[1, "id"])
    set_status(engine, [target], "terverifikasi", user="analis1")
    merge_into(engine, source, target, user="analis1")
    with engine.connect() as conn:
        row = conn.execute(sa.select(tables.incidents).where(tables.incidents.c.id == source)).one()
    assert (row.status, row.merged_into) == ("ditolak", target)
    assert f"#{target}" in row.status_reason
    assert ("gabung_kejadian", f"incident:{source}") in audit_actions(engine)
    assert read_incidents(engine)["id"].tolist() == [target]


def test_waiting_list_is_oldest_first_with_possible_duplicates(sqlite_engine):
    """The waiting list starts with the longest-waiting report and shows a stored kejadian of the same
    desa, kategori and within 3 days as a possible duplicate (not one 4 days away or of another kategori)."""
    records = pd.DataFrame([
        {"tanggal": pd.Timestamp(day), "kode_kecamatan": "65.02.01", "kode_desa": LONG_BISAI, "jenis": kat,
         "kategori": kat, "uraian": f"arsip {i}", "pihak": None, "korban_meninggal": 0, "korban_luka": 0,
         "tindak_lanjut": None, "sumber": "Polsek", "lat": None, "lon": None}
        for i, (day, kat) in enumerate([("2026-04-18", "sumber_daya"), ("2026-04-24", "sumber_daya"),
                                        ("2026-04-20", "pemilu")])])
    commit_records(sqlite_engine, kind="kejadian", records=records, file_name="arsip.xlsx", sha256="b" * 64,
                   sheet=None, header_row=1, user="analis1", rows_read=3, rows_rejected=0)
    field_reports(sqlite_engine)
    waiting, duplicates = waiting_with_duplicates(sqlite_engine)
    assert waiting["submitted_by"].tolist()[0] == "babinsa_mentarang"
    assert waiting["diterima"].is_monotonic_increasing
    kebun = int(waiting.loc[waiting["kategori"] == "sumber_daya", "id"].item())
    assert duplicates[kebun]["uraian"].tolist() == ["arsip 0"]
    assert find_possible_duplicates(waiting.iloc[0:0], waiting) == {}


def test_spreadsheets_arrive_verified_unless_the_setting_says_waiting(sqlite_engine, tmp_path):
    """An analyst's spreadsheet counts at once; with spreadsheet_status = menunggu it waits like a field report."""
    csv = "Tanggal;Kecamatan;Desa;Jenis Kejadian;Uraian\n20/04/2026;Mentarang;Long Bisai;Demo;Aksi warga\n"
    ingest_file(sqlite_engine, csv.encode(), "a.csv", user="analis1")
    assert read_incidents(sqlite_engine)["status"].tolist() == ["terverifikasi"]
    write_setting(sqlite_engine, "spreadsheet_status", "menunggu", user="admin1")
    ingest_file(sqlite_engine, csv.replace("Aksi warga", "Aksi kedua").encode(), "b.csv", user="analis1")
    assert read_waiting(sqlite_engine)["uraian"].tolist() == ["Aksi kedua"]


def test_existing_rows_become_verified_on_upgrade(tmp_path):
    """A store created before verification existed keeps counting its kejadian after the migration."""
    url = f"sqlite:///{(tmp_path / 'old.db').as_posix()}"
    engine = create_store_engine(url)
    config = Config()
    config.set_main_option("script_location", str(PACKAGE_DIR / "store" / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.exec_driver_sql(
            "INSERT INTO uploads (id, kind, file_name, sha256, uploaded_by, uploaded_at, rows_read, rows_accepted, "
            "rows_rejected, duplicates, is_demo) VALUES (1, 'kejadian', 'lama.xlsx', 'c', 'x', '2025-01-01', 1, 1, 0, 0, 0)")
        conn.exec_driver_sql(
            "INSERT INTO incidents (upload_id, tanggal, kode_kecamatan, kategori, korban_meninggal, korban_luka, "
            "row_hash, active) VALUES (1, '2025-01-01', '65.02.01', 'pemilu', 0, 0, 'h', 1)")
    engine.dispose()
    engine = open_store(url)
    assert read_incidents(engine)["status"].tolist() == ["terverifikasi"]
    engine.dispose()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m analytics` with args."""
    return subprocess.run([sys.executable, "-m", "analytics", *args], capture_output=True, text=True, timeout=180)


def test_verify_command_by_upload_and_by_id(tmp_path):
    """`verify --upload N --status terverifikasi` approves a whole export; `verify ID --status ditolak`
    without --reason is refused with exit 2, and with a reason rejects it."""
    url = f"sqlite:///{(tmp_path / 's.db').as_posix()}"
    engine = open_store(url)
    report = ingest_file(engine, export_bytes(BASE), "kobo.xlsx", user="analis1")
    done = run_cli("verify", "--upload", str(report.upload_id), "--status", "terverifikasi", "--db", url)
    assert done.returncode == 0 and "3 kejadian kini berstatus terverifikasi" in done.stdout
    first = str(read_incidents(engine)["id"].iloc[0])
    refused = run_cli("verify", first, "--status", "ditolak", "--db", url)
    assert refused.returncode == 2 and "alasan" in refused.stderr
    done = run_cli("verify", first, "--status", "ditolak", "--reason", "Tidak terjadi", "--db", url)
    assert done.returncode == 0
    assert len(read_incidents(engine)) == 2
    unknown = run_cli("verify", "999", "--status", "terverifikasi", "--db", url)
    assert unknown.returncode == 2 and "999" in unknown.stderr
    engine.dispose()


def test_export_has_a_status_column_and_a_status_filter(tmp_path):
    """`export` lists every kejadian with its status by default; `--status menunggu` only the waiting ones."""
    url = f"sqlite:///{(tmp_path / 's.db').as_posix()}"
    engine = open_store(url)
    ingest_file(engine, export_bytes(BASE), "kobo.xlsx", user="analis1")
    set_status(engine, [int(read_incidents(engine, statuses=None)["id"].iloc[0])], "terverifikasi", user="a")
    engine.dispose()
    out = tmp_path / "semua.csv"
    assert run_cli("export", "--db", url, "--output", str(out)).returncode == 0
    assert sorted(pd.read_csv(out)["status"]) == ["menunggu", "menunggu", "terverifikasi"]
    assert run_cli("export", "--db", url, "--output", str(out), "--status", "menunggu").returncode == 0
    assert pd.read_csv(out)["status"].tolist() == ["menunggu", "menunggu"]


def test_compliance_counts_only_verified_field_submissions(engine):
    """Phone reports count for their reporter and kecamatan in compliance only once verified."""
    from analytics.penanganan.compliance import reporter_table
    from analytics.store.queries import read_field_submissions

    stored = field_reports(engine)
    assert read_field_submissions(engine).empty
    set_status(engine, stored["id"].tolist(), "terverifikasi", user="analis1")
    table = reporter_table(read_field_submissions(engine), date(2026, 4, 1), date(2026, 5, 31), date(2026, 5, 31))
    assert table.set_index("pelapor")["jumlah_kiriman"].to_dict() == {
        "babinsa_mentarang": 1, "kec_malinau_kota": 1, "polsek_kota": 1}


def test_merge_into_a_missing_or_rejected_record_is_refused(sqlite_engine):
    """Merging into a number that does not exist, into itself, or into a rejected kejadian is refused."""
    stored = field_reports(sqlite_engine)
    first, second = int(stored.loc[0, "id"]), int(stored.loc[1, "id"])
    with pytest.raises(VerificationError, match="99999"):
        merge_into(sqlite_engine, first, 99999, user="analis1")
    with pytest.raises(VerificationError, match="dirinya sendiri"):
        merge_into(sqlite_engine, first, first, user="analis1")
    set_status(sqlite_engine, [second], "ditolak", user="analis1", reason="salah")
    with pytest.raises(VerificationError, match="sudah ditolak"):
        merge_into(sqlite_engine, first, second, user="analis1")
    assert read_incidents(sqlite_engine, statuses=None).set_index("id").loc[first, "status"] == "menunggu"
