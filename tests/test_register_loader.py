"""The orang asing register goes through read_table: same limits, Excel row numbers, a declared schema."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analytics.asing.queries import read_foreigners
from analytics.asing.register import check_register_schema, ingest_foreigners, read_register
from analytics.errors import IngestError

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["Periode Mulai", "Periode Akhir", "Kecamatan", "Desa", "Jenis", "Status Dokumen", "Jumlah", "Nama"]


def titled_workbook(rows: list[list]) -> bytes:
    """Return a register .xlsx with a two-line title block, the header on row 4, and rows from row 5 (blank ones kept)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["REGISTER ORANG ASING KABUPATEN MALINAU"])
    sheet.append(["Bulan Mei 2024"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_title_block_and_blank_rows_keep_excel_row_numbers(engine):
    """A bad jumlah on Excel row 7 (after a title block and a blank row 6) is reported as row 7, column 'Jumlah'."""
    good = [dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31), "Mentarang", None, "tka", "lengkap", 3, None]
    bad = [dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31), "Mentarang", None, "tka", "lengkap", -2, None]
    table = read_register(titled_workbook([good, [None] * 8, bad]), "register.xlsx")
    assert table.header_row == 4 and table.row_numbers == [5, 7]
    with pytest.raises(IngestError) as caught:
        ingest_foreigners(engine, table, file_name="register.xlsx", user="uji")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(7, "Jumlah", "-2")]
    assert read_foreigners(engine).empty


def test_excel_date_cells_and_numbers_are_stored(engine):
    """Real date cells and a numeric jumlah from Excel are read as dates and whole numbers."""
    row = [dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31), "Mentarang", None, "tka", "tanpa_dokumen", 4, "Li Wei"]
    stored = ingest_foreigners(engine, read_register(titled_workbook([row]), "r.xlsx"), file_name="r.xlsx", user="u")
    frame = read_foreigners(engine, personal=True)
    assert stored == 1 and frame["jumlah"].tolist() == [4] and frame["nama"].tolist() == ["Li Wei"]
    assert frame["periode_akhir"].dt.date.tolist() == [dt.date(2024, 5, 31)]


@pytest.mark.parametrize("data, name, fragment", [
    (b"PK\x03\x04 terpotong", "register.xlsx", "Berkas 'register.xlsx' bukan berkas Excel yang sah"),
    (("periode_mulai,jumlah\n" + "," * 1_000_000 + "\n").encode(), "register.csv",
     "Baris 2 pada berkas 'register.csv' berisi 1,000,001 kolom"),
    (b"", "register.csv", "Berkas 'register.csv' kosong"),
])
def test_unreadable_or_hostile_register_gets_the_loaders_message(data, name, fragment):
    """A cut-off workbook, a million-comma line and an empty file give read_table's Indonesian messages."""
    with pytest.raises(IngestError, match=fragment.replace("(", r"\(")):
        read_register(data, name)


def test_nul_in_a_register_cell_is_an_error_not_a_database_crash(engine):
    """A NUL in 'Nama' is reported on its row and column; nothing is stored (also on PostgreSQL)."""
    good = "01/05/2024,31/05/2024,Mentarang,,tka,lengkap,1,Warga Contoh\n" * 300  # NUL past the binary check
    text = ",".join(HEADER) + "\n" + good + "01/05/2024,31/05/2024,Mentarang,,tka,lengkap,1,Li\x00Wei\n"
    table = read_register(text.encode(), "nul.csv")
    with pytest.raises(IngestError) as caught:
        ingest_foreigners(engine, table, file_name="nul.csv", user="uji")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(302, "Nama", "Li␀Wei")]
    assert read_foreigners(engine).empty


def test_register_rows_are_checked_against_the_declared_schema():
    """ForeignerRecord refuses a row the parser should never produce (jumlah 0, unknown jenis), naming the row."""
    rows = pd.DataFrame([{"periode_mulai": dt.date(2024, 5, 1), "periode_akhir": dt.date(2024, 5, 31),
                          "kode_kecamatan": "65.02.01", "kode_desa": None, "jenis": "turis", "dokumen": "lengkap",
                          "jumlah": 0, "nama": None, "kebangsaan": None, "paspor": None, "sponsor": None,
                          "catatan": None, "source_row": 9}])
    with pytest.raises(IngestError) as caught:
        check_register_schema(rows, "r.csv")
    assert {(p.row, p.column) for p in caught.value.problems} == {(9, "jenis"), (9, "jumlah")}


def test_register_page_code_has_no_reader_of_its_own():
    """ui/asing.py no longer writes temporary files or calls pandas readers: it uses read_register."""
    source = (ROOT / "ui" / "asing.py").read_text(encoding="utf-8")
    assert "tempfile" not in source and "read_csv" not in source and "read_excel" not in source
    assert "read_register" in source
