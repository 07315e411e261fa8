"""Unggah Data: the preview shows values as interpreted, the commit reuses the preview's check, hostile files fail alone."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import openpyxl

from pagetest import open_app, store_url, texts  # noqa: F401 (store_url is a fixture)

import analytics.ingest.pipeline
from analytics.ingest.report import preview_frame

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = "pages/unggah.py"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_bounded_input import far_cell_xlsx  # noqa: E402


def put(at, name: str, data: bytes):
    """Put bytes in the uploader and rerun."""
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def mixed_workbook() -> bytes:
    """Return a kejadian workbook with real date cells, an empty cell and a column mixing numbers and words."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Uraian", "Korban MD"])
    import datetime as dt

    sheet.append([dt.datetime(2023, 5, 25), "Mentarang", "Pulau Sapi", "Unjuk rasa", None, 0])
    sheet.append([dt.datetime(2023, 5, 26), "Mentarang", "Pulau Sapi", "Unjuk rasa", "Warga berkumpul", "nihil"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_preview_shows_dates_as_read_and_empty_cells_empty(store_url, caplog):
    """Date cells show as 25/05/2023 (not '2023-05-25 00:00:00'), empty cells as '' (not 'None'); no Arrow error."""
    caplog.set_level(logging.WARNING)
    at = put(open_app("analis", PAGE), "campur.xlsx", mixed_workbook())
    assert not at.exception
    preview = at.dataframe[0].value
    assert preview["Tanggal"].tolist() == ["25/05/2023", "26/05/2023"]
    assert preview["Uraian"].tolist() == ["", "Warga berkumpul"]
    assert preview["Korban MD"].tolist() == ["0", "nihil"]
    assert "ArrowTypeError" not in caplog.text and "None" not in preview.to_string()


def test_preview_frame_keeps_unreadable_dates_as_written():
    """A date cell that cannot be read is shown exactly as written, so the analyst sees what is wrong."""
    import pandas as pd

    frame = pd.DataFrame({"tanggal": ["11/05/2023", "kemarin", 45000.0], "korban": [1.0, None, "2"]}, dtype=object)
    shown = preview_frame(frame, [2, 3, 4], {"tanggal": "TGL", "korban": "KORBAN"})
    assert shown["TGL"].tolist() == ["11/05/2023", "kemarin", "15/03/2023"]
    assert shown["KORBAN"].tolist() == ["1", "", "2"]


def test_commit_reuses_the_preview_check(store_url, monkeypatch):
    """Saving stores the rows the preview checked without reading and validating the file a second time."""
    calls = []
    original = analytics.ingest.pipeline.validate_file
    monkeypatch.setattr(analytics.ingest.pipeline, "validate_file", lambda *a, **k: calls.append(1) or original(*a, **k))
    at = put(open_app("analis", PAGE), "utf8_bom.csv", (DATA / "kejadian" / "utf8_bom.csv").read_bytes())
    at.button(key="unggah_simpan").click().run()
    assert not at.exception
    assert "Tersimpan: 5 baris baru" in at.success[0].value
    assert calls == []


def test_far_cell_workbook_shows_an_error_and_the_page_keeps_working(store_url):
    """The 5 KB XFD1048576 workbook gives an Indonesian error naming the sheet and cell; the page stays usable."""
    at = put(open_app("analis", PAGE), "jauh.xlsx", far_cell_xlsx("XFD1048576"))
    assert not at.exception
    assert any("Lembar 'Data' pada berkas 'jauh.xlsx' berisi sel sampai XFD1048576" in e.value for e in at.error)
    at = put(at, "utf8_bom.csv", (DATA / "kejadian" / "utf8_bom.csv").read_bytes())
    assert not at.exception and "5 baris data" in texts(at)


def test_preview_says_where_a_title_block_kecamatan_and_month_came_from(store_url):
    """A camat's report naming its kecamatan and month only above the table: the preview shows both notes and the
    kecamatan column, under the name of where it came from, so the analyst can check it before saving."""
    book = openpyxl.Workbook()
    sheet = book.active
    for line in ("LAPORAN BULANAN KEWASPADAAN DINI", "KECAMATAN MENTARANG", "BULAN: JUNI 2024", None):
        sheet.append([line])
    sheet.append(["No", "Desa", "Sengketa Lahan", "Lintas Batas"])
    sheet.append([1, "Long Bisai", 1, 2])
    buffer = io.BytesIO()
    book.save(buffer)
    at = put(open_app("analis", PAGE), "laporan_juni.xlsx", buffer.getvalue())
    assert not at.exception
    shown = texts(at)
    assert "Kecamatan semua baris diambil dari judul di atas tabel: 'KECAMATAN MENTARANG'." in shown
    assert "Periode semua baris diambil dari judul di atas tabel: 'BULAN: JUNI 2024'." in shown
    preview = at.dataframe[0].value  # the file's own headers; the title's values under where they came from
    assert list(preview.columns) == ["Baris", "Desa", "Sengketa Lahan", "Lintas Batas", "judul di atas tabel (kecamatan)",
                                     "judul di atas tabel (periode)"]
    assert preview.iloc[0, -2:].tolist() == ["MENTARANG", "JUNI 2024"]
