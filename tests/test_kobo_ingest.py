"""KoboToolbox / ODK exports of our own form: recognised in every export style, _uuid as identity, edits."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
import sqlalchemy as sa
from kobo_exports import BASE, LATER_SUBMISSIONS, STYLES, Submission, export_bytes, file_name, laporan_export_bytes

from analytics.ingest.pipeline import ingest_file
from analytics.store import tables
from analytics.store.queries import read_incidents

LATER = LATER_SUBMISSIONS


def later_export() -> list[Submission]:
    """Return the next export: the first three (one edited: 2 more injured) plus three new submissions."""
    edited = dataclasses.replace(BASE[0], korban_luka=4, uraian="Warga dua desa berselisih; dua korban baru")
    return [edited, BASE[1], BASE[2], *LATER]


def all_rows(engine):
    """Return every stored kejadian whatever its status."""
    return read_incidents(engine, statuses=None)


@pytest.mark.parametrize("fmt, values, groups", STYLES)
def test_every_kobo_export_style_is_recognised_and_stored_as_waiting(sqlite_engine, fmt, values, groups):
    """XLSX/CSV(; or ,) × XML values/labels × group paths '/', '-' or none: 3 submissions, all menunggu."""
    report = ingest_file(sqlite_engine, export_bytes(BASE, fmt, values, groups), file_name(fmt), user="analis1")
    assert report.committed and report.inserted == 3 and not report.problems
    assert any("KoboToolbox" in note for note in report.notes)
    stored = all_rows(sqlite_engine).sort_values("tanggal")
    assert stored["status"].tolist() == ["menunggu"] * 3
    assert stored["kategori"].tolist() == ["sumber_daya", "unjuk_rasa", "informasi"]
    assert stored["kode_desa"].tolist()[:2] == ["65.02.01.2002", "65.02.01.2005"]
    assert stored["korban_luka"].tolist() == [2, 0, 0]
    assert stored["lat"].iloc[0] == pytest.approx(3.58) and stored["lon"].iloc[0] == pytest.approx(116.62)
    assert read_incidents(sqlite_engine).empty  # nothing counts before verification


def test_reexport_adds_three_new_and_updates_the_edited_one(engine):
    """Exporting again later adds only the 3 new submissions and applies the 1 edit (SQLite and PostgreSQL)."""
    first = ingest_file(engine, export_bytes(BASE), "kobo_1.xlsx", user="analis1")
    assert first.inserted == 3
    ids_before = dict(zip(all_rows(engine)["uraian"], all_rows(engine)["id"]))
    again = ingest_file(engine, export_bytes(later_export(), "csv;"), "kobo_2.csv", user="analis1")
    assert (again.inserted, again.updated, again.duplicates) == (3, 1, 2)
    stored = all_rows(engine)
    assert len(stored) == 6
    edited = stored[stored["korban_luka"] == 4]
    assert edited["uraian"].tolist() == ["Warga dua desa berselisih; dua korban baru"]
    assert edited["id"].item() == ids_before["Warga dua desa berselisih soal batas kebun"]  # same record, updated
    third = ingest_file(engine, export_bytes(later_export(), "csv;"), "kobo_3.csv", user="analis1")
    assert not third.committed and third.already_stored and third.inserted == 0 and third.updated == 0


def test_edit_of_a_verified_submission_returns_it_to_waiting(engine):
    """A verified submission edited on the server comes back as menunggu and stops counting."""
    from analytics.fieldreports.verification import set_status

    ingest_file(engine, export_bytes(BASE), "kobo_1.xlsx", user="analis1")
    set_status(engine, all_rows(engine)["id"].tolist(), "terverifikasi", user="analis1")
    assert len(read_incidents(engine)) == 3
    ingest_file(engine, export_bytes(later_export()), "kobo_2.xlsx", user="analis1")
    stored = all_rows(engine).set_index("korban_luka")
    assert stored.loc[4, "status"] == "menunggu"
    assert len(read_incidents(engine)) == 2
    with engine.connect() as conn:
        actions = [r[0] for r in conn.execute(sa.select(tables.audit_log.c.action))]
    assert "kiriman_diubah" in actions


def test_submission_deleted_on_the_server_is_kept_and_reported(sqlite_engine):
    """A later export without one stored submission deletes nothing here, and the report says so."""
    ingest_file(sqlite_engine, export_bytes(BASE), "kobo_1.xlsx", user="analis1")
    report = ingest_file(sqlite_engine, export_bytes(BASE[1:] + LATER[:1]), "kobo_2.xlsx", user="analis1")
    assert report.inserted == 1 and len(all_rows(sqlite_engine)) == 4
    assert any("1 kiriman yang sudah tersimpan tidak ada dalam ekspor ini" in n and "TIDAK dihapus" in n
               for n in report.notes)


def test_future_date_and_negative_count_in_an_export_are_refused_with_row_and_column(sqlite_engine):
    """A submission edited on the server to a future date or negative MD is named by row and column."""
    bad = [dataclasses.replace(BASE[0], tanggal="2099-01-01"), dataclasses.replace(BASE[1], korban_meninggal=-1)]
    report = ingest_file(sqlite_engine, export_bytes(bad, groups="/"), "kobo_bad.xlsx", user="analis1")
    assert not report.committed and all_rows(sqlite_engine).empty
    found = {(p.row, p.column) for p in report.problems}
    assert (2, "waktu_tempat/tanggal") in found and (3, "kejadian/korban_meninggal") in found


def test_ingest_json_counts_updated_submissions(tmp_path):
    """`ingest --json` on a later export prints inserted 3 and updated 1."""
    db = f"sqlite:///{(tmp_path / 's.db').as_posix()}"
    first, second = tmp_path / "kobo_1.xlsx", tmp_path / "kobo_2.csv"
    first.write_bytes(export_bytes(BASE))
    second.write_bytes(export_bytes(later_export(), "csv,", "labels", "-"))
    run = lambda path: subprocess.run([sys.executable, "-m", "analytics", "ingest", str(path), "--db", db, "--json"],  # noqa: E731
                                      capture_output=True, text=True, timeout=180)
    assert run(first).returncode == 0
    done = run(second)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["inserted"], report["updated"]) == (3, 1)


@pytest.mark.parametrize("fmt, values, groups", [("xlsx", "labels", "/"), ("csv;", "xml", None), ("csv,", "xml", "-")])
def test_laporan_berkala_export_is_stored_as_indicator_values(sqlite_engine, fmt, values, groups):
    """An export of the laporan form stores one value per indicator; a kecamatan report names no desa."""
    from analytics.settings import DEFAULT_INDICATORS
    from analytics.store.queries import read_reports

    scores = {code: i % 4 for i, code in enumerate(DEFAULT_INDICATORS)}
    rows = [{"periode_mulai": "2026-03-01", "periode_akhir": "2026-03-31", "tingkat": "kecamatan",
             "kecamatan": "65.02.01", "desa": "65.02.01.2002", **scores, "catatan": "aman terkendali",
             "peran_pelapor": "staf_kecamatan"},
            {"periode_mulai": "2026-03-01", "periode_akhir": "2026-03-31", "tingkat": "desa",
             "kecamatan": "65.02.01", "desa": "65.02.01.2002", **scores, "peran_pelapor": "perangkat_desa"}]
    report = ingest_file(sqlite_engine, laporan_export_bytes(rows, fmt, values, groups), file_name(fmt),
                         user="analis1")
    assert report.committed and not report.problems, report.as_dict()
    stored = read_reports(sqlite_engine)
    assert len(stored) == 2 * len(DEFAULT_INDICATORS)
    kec = stored[stored["level"] == "kecamatan"]
    assert kec["kode_desa"].isna().all() and dict(zip(kec["indikator"], kec["nilai"])) == scores
    assert set(stored.loc[stored["level"] == "desa", "kode_desa"]) == {"65.02.01.2002"}


def test_someone_elses_kobo_form_falls_back_to_the_ordinary_reader(sqlite_engine):
    """A Kobo export of another form (headers the spreadsheet reader knows) is read as a normal table."""
    csv = ("tanggal;kecamatan;desa;jenis kejadian;uraian;_id;_uuid;_submission_time\n"
           "20/04/2026;Mentarang;Long Bisai;Demo;Aksi warga;1;abc;2026-04-21T01:00:00\n")
    report = ingest_file(sqlite_engine, csv.encode(), "lain.csv", user="analis1")
    assert report.committed and report.inserted == 1
    assert read_incidents(sqlite_engine)["status"].tolist() == ["terverifikasi"]


def test_preview_titles_stay_unique_when_one_column_feeds_lat_and_lon():
    """The upload preview of a file whose one GPS column gives lat and lon shows two distinct titles."""
    import pandas as pd

    from analytics.ingest.report import preview_frame

    frame = pd.DataFrame({"lat": ["3.5"], "lon": ["116.6"], "desa": ["Long Bisai"]}, dtype=object)
    preview = preview_frame(frame, [2], {"lat": "Koordinat", "lon": "Koordinat", "desa": "Desa"})
    assert list(preview.columns) == ["Baris", "Koordinat (lat)", "Koordinat (lon)", "Desa"]


def test_oversized_kobo_export_is_refused_like_any_upload(sqlite_engine):
    """A Kobo export with more submissions than upload_max_rows is refused with an Indonesian message."""
    from analytics.errors import IngestError
    from analytics.settings import write_setting

    write_setting(sqlite_engine, "upload_max_rows", 2, user="admin1")
    with pytest.raises(IngestError, match="lebih dari 2 kiriman"):
        ingest_file(sqlite_engine, export_bytes(BASE, "csv,"), "kobo.csv", user="analis1")
    assert all_rows(sqlite_engine).empty


def test_kategori_chosen_on_the_phone_wins_over_the_free_text(sqlite_engine):
    """A jenis the synonyms do not know keeps the phone's kategori, with no 'put in lainnya' warning."""
    odd = [dataclasses.replace(BASE[0], jenis="Sengketa", kategori="pemilu")]
    report = ingest_file(sqlite_engine, export_bytes(odd), "kobo.xlsx", user="analis1")
    assert report.committed and not report.warnings
    assert all_rows(sqlite_engine)["kategori"].tolist() == ["pemilu"]


def test_kobo_export_without_submissions_is_refused_with_a_message(sqlite_engine):
    """An export downloaded before anyone sent anything (header only) says so in Indonesian."""
    from analytics.errors import IngestError

    header_only = export_bytes(BASE, "csv,").split(b"\n", 1)[0] + b"\n"
    with pytest.raises(IngestError, match="tanpa kiriman"):
        ingest_file(sqlite_engine, header_only, "kosong.csv", user="analis1")
