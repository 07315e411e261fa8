"""Hostile and broken files are refused before any parser runs, with a message the user can act on."""

from __future__ import annotations

import io
import zipfile

import pytest

from analytics.errors import IngestError
from analytics.ingest.filecheck import MB, FileLimits, check_file
from analytics.ingest.read import read_table
from analytics.settings import default_settings
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "broken"


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("empty.csv", ["Berkas 'empty.csv' kosong"]),
        ("header_only.xlsx", ["'header_only.xlsx'", "tidak ada baris data", "(baris 6)"]),
        ("letter.xlsx", ["'letter.xlsx'", "dokumen Word", "tidak ditemukan baris judul kolom", "TANGGAL, KECAMATAN"]),
        ("letter.csv", ["'letter.csv'", "tidak ditemukan baris judul kolom", "TANGGAL, KECAMATAN"]),
        ("random_bytes.xlsx", ["'random_bytes.xlsx' bukan berkas Excel yang sah", "simpan ulang"]),
        ("zip_bomb.xlsx", ["'zip_bomb.xlsx' ditolak", "1,024 MB", "batas 200 MB", "bom zip"]),
        ("zip_bomb_deflate.xlsx", ["'zip_bomb_deflate.xlsx' ditolak", "sheet1.xml", "bom zip"]),
    ],
)
def test_file_level_problems_raise_ingest_error(name, fragments):
    """Each broken file is refused with an Indonesian message that names it and says what to do."""
    with pytest.raises(IngestError) as caught:
        read_table(BROKEN / name, name)
    for fragment in fragments:
        assert fragment in caught.value.message
    assert caught.value.problems and caught.value.problems[0].file == name


@pytest.mark.parametrize("name", ["future_date.csv", "impossible_date.csv", "negative_counts.csv",
                                  "unknown_desa.csv", "formulas_html.csv"])
def test_row_level_problems_still_load(name):
    """Files whose problems are in single rows load (two rows, rows 2-3) so the validator can judge each row."""
    table = read_table(BROKEN / name, name)
    assert len(table.frame) == 2
    assert table.row_numbers == [2, 3]


def test_formula_cells_are_kept_as_text():
    """Formula-looking and script cells come back exactly as written, never evaluated or dropped."""
    frame = read_table(BROKEN / "formulas_html.csv", "formulas_html.csv").frame
    assert frame.loc[0, "jenis"] == '=HYPERLINK("http://x","klik")'
    assert frame.loc[0, "uraian"] == "+62 812 3456"
    assert frame.loc[0, "sumber"] == "@SUM(A1)"
    assert frame.loc[1, "jenis"] == "<script>alert(1)</script>"
    assert frame.loc[1, "uraian"] == "'; DROP TABLE incidents;--"


def test_size_limit_refuses_big_files():
    """A file over upload_max_mb is refused, saying its size and the limit."""
    data = b"Tanggal,Kecamatan,Desa\n" + b"11/05/2023,Mentarang,Pulau Sapi\n" * 40_000  # about 1.3 MB
    with pytest.raises(IngestError, match=r"berukuran 1\.2 MB, melebihi batas 1 MB"):
        check_file(data, "besar.csv", FileLimits(max_bytes=1 * MB))


def test_row_limit_refuses_too_many_rows():
    """A file with more data rows than upload_max_rows is refused, naming the count and the limit."""
    data = b"Tanggal,Kecamatan,Desa\n" + b"11/05/2023,Mentarang,Pulau Sapi\n" * 120
    with pytest.raises(IngestError, match="berisi 120 baris data, melebihi batas 100 baris"):
        read_table(data, "banyak.csv", limits=FileLimits(max_rows=100))


def test_uncompressed_limit_is_a_setting():
    """The inflate limit comes from xlsx_max_uncompressed_mb: a 16 MB sheet is refused under a 10 MB limit."""
    data = (BROKEN / "zip_bomb_deflate.xlsx").read_bytes()
    with pytest.raises(IngestError, match=r"mengembang menjadi 16 MB .*batas 10 MB"):
        check_file(data, "bom.xlsx", FileLimits(max_uncompressed_bytes=10 * MB))


def test_limits_from_settings():
    """FileLimits reads the three upload settings in MB and rows."""
    limits = FileLimits.from_settings(default_settings(upload_max_mb=2, upload_max_rows=10, xlsx_max_uncompressed_mb=3))
    assert limits == FileLimits(max_bytes=2 * MB, max_rows=10, max_uncompressed_bytes=3 * MB)


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"   \n\n", "kosong.csv", "kosong"),
        (b"\x00\x01\x02binary" * 10, "data.csv", "bukan berkas teks CSV"),
        (b"<html><table></table></html>", "ekspor.xls", "bukan berkas Excel yang sah"),
        (b"PK\x03\x04 truncated", "potong.xlsx", "bukan berkas Excel yang sah (arsip rusak"),
        (b"hello", "peta.pdf", "Unggah berkas .xlsx, .xlsm, .xls atau .csv"),
    ],
)
def test_disguised_and_unknown_files(data, name, fragment):
    """Blank text, binary CSVs, HTML saved as .xls, cut-off zips and unknown types are refused clearly."""
    with pytest.raises(IngestError, match=fragment.replace("(", r"\(").replace(".", r"\.")):
        check_file(data, name, FileLimits())


def test_zip_without_workbook_is_not_excel():
    """A zip that is neither a workbook nor a Word document is 'bukan berkas Excel yang sah'."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"x" * 100)
    with pytest.raises(IngestError, match="arsip zip tanpa buku kerja"):
        check_file(buffer.getvalue(), "foto.xlsx", FileLimits())


def test_good_files_pass():
    """A real workbook is 'excel', a text table is 'csv'."""
    assert check_file((FIXTURES / "kejadian" / "title_block.xlsx").read_bytes(), "a.xlsx", FileLimits()) == "excel"
    assert check_file(b"Tanggal,Kecamatan\n1,2\n", "a.csv", FileLimits()) == "csv"
