"""The title block above a table fills a kecamatan (or a laporan's month) the table itself does not have."""

import io

import pytest
from openpyxl import Workbook

from analytics.ingest.pipeline import ingest_file
from analytics.ingest.title_context import title_kecamatan, title_month
from analytics.store.queries import read_incidents, read_reports


@pytest.mark.parametrize("lines, kecamatan, month", [
    (["REKAPITULASI KEJADIAN KECAMATAN MALINAU KOTA BULAN MEI 2024"], "MALINAU KOTA", "MEI 2024"),
    (["Kec. Malinau Selatan Hilir", "Periode: Mei 2024 s.d. Juni 2024"], "Malinau Selatan Hilir", None),  # two months
    (["KECAMATAN : PUJUNGAN (UPDATE)", "TAHUN 2024"], "PUJUNGAN", None),
    (["DATA KEJADIAN PER KECAMATAN DI KABUPATEN MALINAU"], None, None),  # names no kecamatan
    (["KECAMATAN MENTARANG HILIR"], None, None),  # not a kecamatan of Malinau: never guessed
])
def test_title_lines_name_a_kecamatan_and_one_month(lines, kecamatan, month):
    """Only a kecamatan of the kabupaten, named exactly, and exactly one month-year are taken from a title."""
    found = title_kecamatan(lines)
    assert (found[0] if found else None) == kecamatan
    found = title_month(lines)
    assert (found[0] if found else None) == month


def workbook(title: list[str], header: list[str], rows: list[list]) -> bytes:
    """Return an .xlsx with the title lines, an empty row, the header and the rows."""
    book = Workbook()
    sheet = book.active
    for line in title:
        sheet.append([line])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["", "Mentarang, 30 Juni 2024"])
    sheet.append(["", "Camat Mentarang"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_camat_monthly_report_takes_kecamatan_and_month_from_its_title(engine):
    """A wide laporan berkala per desa, kecamatan and month only in the title: stored for Juni 2024, Mentarang."""
    data = workbook(["LAPORAN BULANAN KEWASPADAAN DINI", "KECAMATAN MENTARANG", "BULAN: JUNI 2024"],
                    ["No", "Desa", "Sengketa Lahan", "Lintas Batas"], [[1, "Long Bisai", 1, 2], [2, "Paking", 0, 0]])
    report = ingest_file(engine, data, "laporan_juni.xlsx", user="uji")
    assert report.rows_rejected == 0 and report.inserted == 4
    assert "Kecamatan semua baris diambil dari judul di atas tabel: 'KECAMATAN MENTARANG'." in report.notes
    assert "Periode semua baris diambil dari judul di atas tabel: 'BULAN: JUNI 2024'." in report.notes
    stored = read_reports(engine)
    assert set(stored["kode_kecamatan"]) == {"65.02.01"} and set(stored["periode_akhir"].dt.strftime("%Y-%m-%d")) == {"2024-06-30"}
    assert stored.loc[stored["indikator"] == "lintas_batas", "nilai"].max() == 2  # the signature block is not a row


def test_kejadian_without_a_kecamatan_column_uses_the_title(engine):
    """A kejadian table whose kecamatan is only in the title gets it for every row; a desa elsewhere is refused."""
    data = workbook(["REKAP KEJADIAN KECAMATAN MENTARANG TAHUN 2024"], ["Tanggal", "Desa", "Jenis Kejadian", "Uraian"],
                    [["05/06/2024", "Long Bisai", "Demo warga", "Demo"], ["06/06/2024", "Long Loreh", "Demo", "Demo"]])
    report = ingest_file(engine, data, "rekap.xlsx", user="uji", valid_only=True)
    assert report.inserted == 1 and report.rows_rejected == 1
    assert any("Long Loreh" in p.message and "Malinau Selatan" in p.message for p in report.problems)
    assert read_incidents(engine)["kode_kecamatan"].tolist() == ["65.02.01"]


def test_a_title_that_names_no_kecamatan_is_not_used(engine):
    """Nothing is guessed from a title that names no kecamatan: each row's kecamatan comes from its desa, as before."""
    data = workbook(["DATA KEJADIAN PER KECAMATAN DI KABUPATEN MALINAU"], ["Tanggal", "Desa", "Jenis Kejadian"],
                    [["05/06/2024", "Long Loreh", "Demo warga"]])
    report = ingest_file(engine, data, "rekap.xlsx", user="uji")
    assert not any("diambil dari judul" in note for note in report.notes)
    assert read_incidents(engine)["kode_kecamatan"].tolist() == ["65.02.06"]  # Long Loreh lies in Malinau Selatan
