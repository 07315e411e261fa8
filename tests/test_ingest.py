"""Files go into the store whole or not at all; duplicates, deletes and undo behave as the analyst expects."""

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.store import writes as store_writes
from analytics.store import tables
from analytics.errors import IngestError
from analytics.ingest.pipeline import commit_records, delete_demo, delete_upload, ingest_file, list_uploads, undo_delete
from analytics.store.queries import read_incidents, read_reports

DATA = Path(__file__).resolve().parent / "data"
GOOD_KEJADIAN = sorted(p for p in (DATA / "kejadian").glob("*") if p.suffix in {".csv", ".tsv", ".xlsx"})
HEADER = "Tanggal;Kecamatan;Desa;Jenis Kejadian;Korban MD;Korban LL;Uraian\n"


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


GOOD_ROWS = ("12/03/2024;Kayan Hulu;Long Nawang;Demo;0;1;a", "13/03/2024;Mentarang;Paking;Sengketa lahan;0;0;b")
BAD_ROW = "31/02/2024;Mentarang;Paking;Demo;0;0;c"


def store_snapshot(engine) -> dict:
    """Return row counts and a checksum of every table (audit log and data version included)."""
    out = {}
    with engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).fetchall()
            out[table.name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def stored_rows(engine) -> list[tuple]:
    frame = read_incidents(engine)
    return sorted(zip(frame["tanggal"].dt.strftime("%Y-%m-%d"), frame["kode_kecamatan"], frame["kode_desa"],
                      frame["kategori"], frame["korban_meninggal"], frame["korban_luka"]))


# The five events every good kejadian fixture holds (worked out from tests/data/make_fixtures.py).
EXPECTED_FIXTURE_ROWS = sorted([
    ("2023-05-11", "65.02.06", "65.02.06.2002", "sumber_daya", 0, 2),
    ("2023-05-14", "65.02.07", "65.02.07.2010", "unjuk_rasa", 0, 0),
    ("2023-06-02", "65.02.12", "65.02.12.2002", "batas_wilayah", 0, 1),
    ("2023-08-17", "65.02.07", "65.02.07.2012", "kekerasan", 1, 3),
    ("2023-11-30", "65.02.03", "65.02.03.2007", "perbatasan", 0, 0),
])


@pytest.mark.parametrize("path", GOOD_KEJADIAN, ids=lambda p: p.name)
def test_every_good_kejadian_fixture_stores_the_same_rows(engine, path):
    """Each dialect (BOM, cp1252;, tabs, title block, serial dates …) stores the same five kejadian."""
    report = ingest_file(engine, path, path.name, user="uji")
    assert report.problems == [], [p.message for p in report.problems]
    assert report.committed and report.rows_accepted == 5
    assert stored_rows(engine) == EXPECTED_FIXTURE_ROWS


BROKEN = [
    ("empty.csv", "kosong"),
    ("header_only.xlsx", "tidak ada baris data"),
    ("letter.xlsx", "dokumen Word"),
    ("letter.csv", "tidak ditemukan baris judul kolom"),
    ("random_bytes.xlsx", "bukan berkas Excel yang sah"),
    ("zip_bomb.xlsx", "bom zip"),
    ("zip_bomb_deflate.xlsx", "dimampatkan"),
]
FLAGGED = [
    ("future_date.csv", 3, "Tanggal", "ada di masa depan"),
    ("impossible_date.csv", 3, "Tanggal", "Februari 2023 hanya sampai tanggal 28"),
    ("negative_counts.csv", 3, "Meninggal", "bukan '-1'"),
    ("unknown_desa.csv", 3, "Desa", "Desa 'Antah Berantah' tidak dikenal di Kecamatan Mentarang"),
]


@pytest.mark.parametrize("name, message", BROKEN)
def test_unreadable_files_are_refused_and_store_unchanged(engine, name, message):
    """A file that is no table at all raises IngestError with an Indonesian message; nothing changes."""
    before = store_snapshot(engine)
    with pytest.raises(IngestError) as caught:
        ingest_file(engine, DATA / "broken" / name, name, user="uji")
    assert message in caught.value.message
    assert store_snapshot(engine) == before


@pytest.mark.parametrize("name, row, column, message", FLAGGED)
def test_flagged_files_commit_nothing_and_name_the_cell(engine, name, row, column, message):
    """One bad row refuses the whole file; the first error names its row, column and what was expected."""
    before = store_snapshot(engine)
    report = ingest_file(engine, DATA / "broken" / name, name, user="uji")
    assert not report.committed and report.upload_id is None
    first = report.problems[0]
    assert (first.row, first.column) == (row, column) and message in first.message
    assert store_snapshot(engine) == before


def test_formulas_and_html_are_stored_verbatim(engine):
    """Formula-, HTML- and SQL-looking text is stored as text, exactly as written."""
    report = ingest_file(engine, DATA / "broken" / "formulas_html.csv", "formulas_html.csv", user="uji")
    assert report.committed
    stored = read_incidents(engine)[["jenis", "uraian", "sumber"]].to_numpy().ravel()
    texts = {t for t in stored if isinstance(t, str)}
    with open(DATA / "broken" / "formulas_html.csv", encoding="utf-8-sig", newline="") as handle:
        cells = {cell.strip() for row in csv.reader(handle) for cell in row}
    assert texts and texts <= cells
    assert {'=HYPERLINK("http://x","klik")', "'; DROP TABLE incidents;--", "<script>alert(1)</script>",
            "@SUM(A1)", "-1+1", "+62 812 3456"} <= texts


def test_missing_required_column_commits_nothing(engine):
    """A table without a date column is refused as a whole, naming the missing column."""
    before = store_snapshot(engine)
    report = ingest_file(engine, b"Kecamatan;Desa;Jenis Kejadian\nMentarang;Paking;Demo\n", "g.csv", user="uji")
    assert not report.committed and report.rows_rejected == 1
    assert report.problems[0].row is None and "Kolom wajib 'Tanggal' tidak ditemukan" in report.problems[0].message
    assert store_snapshot(engine) == before


def test_reupload_adds_nothing_and_says_when(engine):
    """Sending the same file twice adds nothing; the report names the earlier upload."""
    first = ingest_file(engine, csv_bytes(*GOOD_ROWS), "a.csv", user="uji")
    before = store_snapshot(engine)
    again = ingest_file(engine, csv_bytes(*GOOD_ROWS), "a.csv", user="uji")
    assert (again.committed, again.duplicates, again.already_stored) == (False, 2, True)
    assert any(f"sebagai unggahan #{first.upload_id}" in n for n in again.notes)
    assert store_snapshot(engine) == before


def test_duplicates_within_one_file_are_stored_once(engine):
    """The same event twice in one file is stored once and counted as a duplicate."""
    report = ingest_file(engine, csv_bytes(GOOD_ROWS[0], GOOD_ROWS[0], GOOD_ROWS[1]), "b.csv", user="uji")
    assert (report.inserted, report.duplicates) == (2, 1)
    assert len(read_incidents(engine)) == 2


def test_valid_only_commits_only_valid_rows(engine):
    """With 'valid rows only' the good rows are stored and the bad one is reported."""
    refused = ingest_file(engine, csv_bytes(*GOOD_ROWS, BAD_ROW), "c.csv", user="uji")
    assert not refused.committed and read_incidents(engine).empty
    report = ingest_file(engine, csv_bytes(*GOOD_ROWS, BAD_ROW), "c.csv", user="uji", valid_only=True)
    assert (report.committed, report.rows_accepted, report.rows_rejected) == (True, 2, 1)
    assert [p.row for p in report.problems] == [4]
    assert len(read_incidents(engine)) == 2
    assert read_incidents(engine)["upload_id"].unique().tolist() == [report.upload_id]


def test_delete_and_undo(engine):
    """Deleting an upload hides its rows; undo brings back those not re-sent meanwhile."""
    first = ingest_file(engine, csv_bytes(*GOOD_ROWS), "d.csv", user="uji")
    assert delete_upload(engine, first.upload_id, "admin") == 2
    assert read_incidents(engine).empty
    assert list_uploads(engine).iloc[0]["deleted_by"] == "admin"
    resent = ingest_file(engine, csv_bytes(GOOD_ROWS[0]), "d2.csv", user="uji")  # one row sent again
    assert resent.inserted == 1
    undone = undo_delete(engine, first.upload_id, "admin")
    assert (undone.restored, undone.kept_inactive) == (1, 1)
    assert len(read_incidents(engine)) == 2
    with pytest.raises(IngestError):
        undo_delete(engine, first.upload_id, "admin")
    with engine.connect() as conn:
        actions = [r[0] for r in conn.execute(sa.select(tables.audit_log.c.action))]
    assert actions.count("hapus_unggahan") == 1 and actions.count("batal_hapus_unggahan") == 1


def test_failure_mid_transaction_leaves_store_unchanged(engine, monkeypatch):
    """If writing fails after the first chunk, nothing of the upload remains."""
    ingest_file(engine, csv_bytes(GOOD_ROWS[0]), "e0.csv", user="uji")
    before = store_snapshot(engine)
    real_insert = store_writes._insert_chunk
    calls = {"n": 0}

    def failing_insert(conn, sql, rows):
        calls["n"] += 1
        real_insert(conn, sql, rows)
        if calls["n"] == 2:  # the second chunk is written, then the disk "fills up"
            raise RuntimeError("disk penuh (simulasi)")

    monkeypatch.setattr(store_writes, "CHUNK_ROWS", 1)
    monkeypatch.setattr(store_writes, "_insert_chunk", failing_insert)
    with pytest.raises(RuntimeError):
        ingest_file(engine, csv_bytes(*GOOD_ROWS[1:], "14/03/2024;Pujungan;Long Aran;Demo;0;0;z",
                                      "15/03/2024;Pujungan;Long Aran;Demo;0;0;y"), "e.csv", user="uji")
    assert calls["n"] == 2
    assert store_snapshot(engine) == before


def test_laporan_correction_supersedes_and_delete_restores(engine):
    """A new value for the same period, place and indicator replaces the old; deleting it brings the old back."""
    head = "Periode,Kecamatan,Desa,Indikator,Nilai\n"
    first = ingest_file(engine, (head + "2024-03,Mentarang,Paking,hoaks,1\n2024-03,Mentarang,Paking,unjuk_rasa,0\n")
                        .encode(), "l1.csv", user="uji")
    fix = ingest_file(engine, (head + "2024-03,Mentarang,Paking,hoaks,3\n2024-03,Mentarang,Paking,unjuk_rasa,0\n")
                      .encode(), "l2.csv", user="uji")
    assert (fix.inserted, fix.updated, fix.duplicates) == (1, 1, 1)
    values = read_reports(engine).set_index("indikator")["nilai"].to_dict()
    assert values == {"hoaks": 3.0, "unjuk_rasa": 0.0}
    delete_upload(engine, fix.upload_id, "admin")
    assert read_reports(engine).set_index("indikator")["nilai"].to_dict() == {"hoaks": 1.0, "unjuk_rasa": 0.0}
    assert first.committed


def test_demo_data_is_noted_and_removable(engine):
    """An upload into a store holding demo data says so; delete_demo removes only the demo uploads."""
    demo = pd.DataFrame({"tanggal": pd.to_datetime(["2024-01-05"]), "kode_kecamatan": ["65.02.01"],
                         "kode_desa": [None], "jenis": ["Demo"], "kategori": ["unjuk_rasa"], "uraian": [None],
                         "pihak": [None], "korban_meninggal": [0], "korban_luka": [0], "tindak_lanjut": [None],
                         "sumber": [None], "lat": [None], "lon": [None]})
    result = commit_records(engine, kind="kejadian", records=demo, file_name="demo", sha256="0" * 64, sheet=None,
                            header_row=None, user="demo", rows_read=1, rows_rejected=0, is_demo=True)
    assert (result.inserted, result.duplicates) == (1, 0)
    report = ingest_file(engine, csv_bytes(*GOOD_ROWS), "f.csv", user="uji")
    assert any("data demo" in n for n in report.notes)
    assert delete_demo(engine, "admin") == 1
    frame = read_incidents(engine)
    assert len(frame) == 2 and not frame["is_demo"].any()


def test_another_forms_phone_export_is_read_by_its_field_paths(engine):
    """A KoboToolbox/ODK export of some other form: group paths as titles ("kejadian/tanggal"), places as codes.
    Each title is read by its last step, so 'kejadian/…' is not taken for the jenis column."""
    data = ("start,end,kejadian/tanggal,kejadian/kecamatan,kejadian/desa,kejadian/kategori,kejadian/uraian,_uuid\n"
            "2024-06-10T08:00:00.000+08:00,2024-06-10T08:10:00.000+08:00,2024-06-09,65.02.06,65.02.06.2002,"
            "Sengketa lahan,Klaim lahan warga,abc-1\n").encode("utf-8")
    report = ingest_file(engine, data, "ekspor_odk.csv", user="uji")
    assert report.rows_rejected == 0 and report.inserted == 1
    row = read_incidents(engine).iloc[0]
    assert (str(row["tanggal"].date()), row["kode_kecamatan"], row["kode_desa"]) == ("2024-06-09", "65.02.06", "65.02.06.2002")
    assert (row["kategori"], row["uraian"]) == ("sumber_daya", "Klaim lahan warga")


@pytest.mark.parametrize("title, field", [("DESA/KELURAHAN", "desa"), ("HARI/TANGGAL", "tanggal"), ("LAT/LONG", "koordinat"),
                                          ("MD/LL", None), ("lokasi-desa", "desa"), ("kejadian/uraian", "uraian")])
def test_slashed_titles_keep_their_spreadsheet_meaning(title, field):
    """Only a lower-case, one-token path is read by its last step; a spreadsheet's slashed titles mean what they did."""
    from analytics.ingest.headers import KEJADIAN_HEADERS, match_title

    assert match_title(title, KEJADIAN_HEADERS) == field
