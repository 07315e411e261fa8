"""Reading the spreadsheets people really send: every dialect gives the same rows, with Excel row numbers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.ingest.dates import parse_date_column
from analytics.errors import IngestError
from analytics.ingest.read import read_table
from analytics.ingest.model import RawTable, TableKind
from tests.conftest import FIXTURES

KEJADIAN = sorted((FIXTURES / "kejadian").glob("*.*"))
# The five incidents every kejadian fixture holds, written out by hand.
EXPECTED = pd.DataFrame({
    "tanggal": pd.to_datetime(["2023-05-11", "2023-05-14", "2023-06-02", "2023-08-17", "2023-11-30"]).astype("datetime64[ns]"),
    "kecamatan": ["Malinau Selatan", "Malinau Utara", "Mentarang Hulu", "Malinau Utara", "Pujungan"],
    "desa": ["Long Loreh", "Lubak Manis", "Lung Kebinu", "Semengaris", "Long Peliran"],
    "jenis": ["Sengketa lahan", "Unjuk rasa", "Sengketa batas desa", "Perkelahian antar kelompok",
              "Pelintasan batas ilegal"],
    "korban_meninggal": [0, 0, 0, 1, 0],
    "korban_luka": [2, 0, 1, 3, 0],
})
MISSPELT = {"desa": ["Long Lore", "Lubok Manis", "Ds. Long Kebinu", "Semanggaris", "Long Paliran"],
            "kecamatan": ["MALINAU SELATAN", "Kec. Malinau Utara", "Mentarang Hulu", "Kec. Malinau Utara", "Pujungan"]}
# file -> (sheet used, header row, first and last data row as seen in Excel / an editor)
WHERE = {
    "cp1252_semicolon.csv": (None, 4, 5, 9),
    "date_cells.xlsx": ("Sheet1", 1, 2, 6),
    "misspelt_desa.xlsx": ("Sheet1", 1, 2, 6),
    "mixed_dates.xlsx": ("Sheet1", 1, 2, 6),
    "multi_sheet.xlsx": ("Data", 6, 9, 13),
    "serial_dates.xlsx": ("Sheet1", 1, 2, 6),
    "tab_delimited.tsv": (None, 1, 2, 6),
    "title_block.xlsx": ("Kejadian", 6, 7, 11),
    "utf8_bom.csv": (None, 1, 2, 6),
}


def canonical_rows(table: RawTable) -> pd.DataFrame:
    """Return the compared fields with dates parsed and counts as integers."""
    frame = table.frame
    dates, reasons = parse_date_column(frame["tanggal"])
    assert (reasons == "").all(), list(reasons)
    return pd.DataFrame({
        "tanggal": dates.astype("datetime64[ns]"),
        "kecamatan": frame["kecamatan"].astype(str).tolist(),
        "desa": frame["desa"].astype(str).tolist(),
        "jenis": frame["jenis"].astype(str).tolist(),
        "korban_meninggal": pd.to_numeric(frame["korban_meninggal"]).astype(int).tolist(),
        "korban_luka": pd.to_numeric(frame["korban_luka"]).astype(int).tolist(),
    })


def test_every_good_fixture_is_listed():
    """The table of expected header rows covers every kejadian fixture (a new file needs a line here)."""
    assert sorted(p.name for p in KEJADIAN) == sorted(WHERE)


@pytest.mark.parametrize("path", KEJADIAN, ids=lambda p: p.name)
def test_every_dialect_loads_to_the_same_incidents(path):
    """CSV with BOM, cp1252 with ';', tabs, title blocks, merged headers and any date style give the same five rows."""
    table = read_table(path, path.name)
    expected = EXPECTED.copy()
    if path.name == "misspelt_desa.xlsx":  # names stay as written: the resolver corrects them, not the loader
        expected["desa"], expected["kecamatan"] = MISSPELT["desa"], MISSPELT["kecamatan"]
    pd.testing.assert_frame_equal(canonical_rows(table), expected)
    assert table.kind is TableKind.KEJADIAN
    assert "no" not in table.frame.columns
    assert table.frame.dtypes.map(lambda d: d == object).all()


@pytest.mark.parametrize(("name", "where"), sorted(WHERE.items()))
def test_header_and_row_numbers_are_as_seen_in_excel(name, where):
    """The header row and each data row are reported with the row number the user sees in Excel or an editor."""
    sheet, header_row, first, last = where
    table = read_table(FIXTURES / "kejadian" / name, name)
    assert (table.sheet, table.header_row) == (sheet, header_row)
    assert table.row_numbers == list(range(first, last + 1))


def test_cp1252_semicolon_file():
    """A ';' file saved by Excel in cp1252 keeps its en dash header and ± sign."""
    table = read_table(FIXTURES / "kejadian" / "cp1252_semicolon.csv", "cp1252_semicolon.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.columns["tindak_lanjut"] == "Tindak Lanjut – Camat"
    assert table.frame["keterangan"].iloc[0] == "dilaporkan ± 2 hari kemudian"
    assert table.columns["tanggal"] == "TGL" and table.columns["kecamatan"] == "KEC."


def test_bom_and_tab_files_report_their_dialect():
    """The BOM and the tab delimiter are detected and said in the notes."""
    bom = read_table(FIXTURES / "kejadian" / "utf8_bom.csv", "utf8_bom.csv")
    tab = read_table(FIXTURES / "kejadian" / "tab_delimited.tsv", "tab_delimited.tsv")
    assert (bom.encoding, bom.delimiter, tab.delimiter) == ("utf-8-sig", ",", "\t")
    assert bom.columns["tanggal"] == "Tanggal"  # the BOM is not glued to the first header
    assert "pemisah tab" in tab.notes[0]


def test_multi_sheet_two_row_header():
    """The Data sheet is chosen over Cover and Rekap, and KORBAN over MD/LL becomes meninggal/luka."""
    table = read_table(FIXTURES / "kejadian" / "multi_sheet.xlsx", "multi_sheet.xlsx")
    assert table.sheets == ["Cover", "Data", "Rekap"]
    assert table.notes[0] == "Lembar 'Data' dipakai (lembar lain: Cover, Rekap)."
    assert table.columns["korban_meninggal"] == "KORBAN MD" and table.columns["korban_luka"] == "KORBAN LL"
    assert any("baris 8 diabaikan" in n for n in table.notes)  # the (1) (2) (3) numbering row


def test_footer_is_dropped_with_a_note():
    """The place/date and signature block under the table are not data and not an error."""
    table = read_table(FIXTURES / "kejadian" / "title_block.xlsx", "title_block.xlsx")
    assert len(table.frame) == 5
    assert table.notes == ["Baris penutup (catatan, tempat/tanggal, tanda tangan) di bawah tabel diabaikan: baris 14–19."]
    assert not table.frame.apply(lambda c: c.astype(str).str.contains("NIP")).any().any()


def test_excel_unicode_text_with_a_source_note_below():
    """Excel's "Unicode text" export (UTF-16, tabs) with a 'Sumber: …' line under the table: read, the note dropped."""
    text = ("Tanggal\tKecamatan\tDesa\tJenis Kejadian\tUraian\r\n"
            "12 Januari 2024\tMalinau Barat\tKuala Lapang\tUnjuk rasa\tDemo sopir\r\n"
            "\r\nSumber: Polsek Malinau Barat\t\t\t\t\r\n")
    table = read_table(b"\xff\xfe" + text.encode("utf-16-le"), "rekap.txt")
    assert len(table.frame) == 1 and "utf-16" in table.notes[0] and "pemisah tab" in table.notes[0]
    assert table.notes[-1] == "Baris penutup (catatan, tempat/tanggal, tanda tangan) di bawah tabel diabaikan: baris 4."


def test_acled_export_maps_to_kejadian_fields():
    """An ACLED export keeps admin2 as kabupaten and joins event types and actors."""
    table = read_table(FIXTURES / "acled" / "acled_malinau.csv", "acled_malinau.csv")
    assert table.kind is TableKind.ACLED
    frame = table.frame
    assert frame["kabupaten"].tolist() == ["Malinau", "Malinau", "Malinau", "Nunukan"]
    assert frame.loc[0, "jenis"] == "Riots / Mob violence"
    assert frame.loc[0, "pihak"] == "Rioters (Indonesia); Civilians (Indonesia)"
    assert frame.loc[1, "pihak"] == "Protesters (Indonesia)"  # no "; " when actor2 is empty
    assert frame["kecamatan"].tolist()[:3] == ["Malinau Selatan", "Mentarang", "Malinau Utara"]
    assert frame["desa"].tolist()[:3] == ["Long Loreh", "Pulau Sapi", "Semengaris"]
    assert frame["korban_meninggal"].tolist() == ["0", "0", "1", "0"]
    assert table.columns["kecamatan"] == "admin3"


def test_laporan_wide_and_long_hold_the_same_values():
    """The wide laporan (one column per indicator, title block) and the long CSV give the same 32 values."""
    wide = read_table(FIXTURES / "laporan" / "wide.xlsx", "wide.xlsx")
    long = read_table(FIXTURES / "laporan" / "long.csv", "long.csv")
    assert wide.kind is TableKind.LAPORAN and long.kind is TableKind.LAPORAN
    assert wide.header_row == 6 and wide.row_numbers == [7, 8, 9, 10]
    assert len(wide.indicator_columns) == 8
    assert wide.indicator_columns["unjuk_rasa"] == "UNJUK RASA"
    melted = wide.frame.melt(id_vars=["periode", "kecamatan", "desa"], value_vars=list(wide.indicator_columns),
                             var_name="indikator", value_name="nilai")
    month = {"Mei 2023": "2023-05", "Juni 2023": "2023-06"}
    as_set = lambda f, p: {(p(r.periode), r.desa, r.indikator, int(r.nilai)) for r in f.itertuples()}  # noqa: E731
    assert as_set(melted, month.get) == as_set(long.frame, str)
    assert len(long.frame) == 32
    # hand count: Pulau Sapi Mei 2023 sengketa_lahan = 2
    assert (2023, "Pulau Sapi", 2) in {(2023, r.desa, int(r.nilai)) for r in long.frame.itertuples()
                                      if r.indikator == "sengketa_lahan" and r.periode == "2023-05"}


def test_overrides_sheet_header_row_and_column_map():
    """The analyst can pick the sheet, the header row and a column's meaning by hand."""
    path = FIXTURES / "kejadian" / "multi_sheet.xlsx"
    rekap = read_table(path, "multi_sheet.xlsx", sheet="Rekap", header_row=1,
                       column_map={"korban_meninggal": "Jumlah kejadian"})
    assert rekap.sheet == "Rekap" and rekap.row_numbers == [2, 3, 4, 5]
    assert rekap.frame["korban_meninggal"].tolist() == [2, 1, 1, 1]
    assert "tanggal" in rekap.missing


def test_column_map_moves_a_column():
    """Mapping a header to a field takes it from whatever it was detected as."""
    data = "Tanggal,Kecamatan,Desa,Keterangan\n11/05/2023,Mentarang,Pulau Sapi,demo\n".encode()
    table = read_table(data, "a.csv", column_map={"uraian": "Keterangan"})
    assert table.frame["uraian"].tolist() == ["demo"] and "keterangan" not in table.frame
    assert table.columns["uraian"] == "Keterangan"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"sheet": "Lain"}, "Lembar 'Lain' tidak ada pada berkas 'multi_sheet.xlsx'. Lembar yang ada: Cover, Data, Rekap."),
        ({"header_row": 99}, "Baris judul 99 tidak ada"),
        ({"column_map": {"desa": "LOKASI"}}, "Kolom 'LOKASI' (untuk desa) tidak ada"),
    ],
)
def test_bad_overrides_are_explained(kwargs, fragment):
    """A sheet, header row or column that does not exist is refused naming what does exist."""
    with pytest.raises(IngestError) as caught:
        read_table(FIXTURES / "kejadian" / "multi_sheet.xlsx", "multi_sheet.xlsx", **kwargs)
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("header", "field"),
    [("NO", None), ("HARI/TANGGAL", "tanggal"), ("Tgl", "tanggal"), ("TANGGAL KEJADIAN", "tanggal"),
     ("KEC.", "kecamatan"), ("Kecamatan", "kecamatan"), ("Desa/Kel.", "desa"), ("DESA/KELURAHAN", "desa"),
     ("JENIS KEJADIAN / POTENSI KONFLIK", "jenis"), ("URAIAN KEJADIAN", "uraian"), ("PIHAK YANG TERLIBAT", "pihak"),
     ("KORBAN MD", "korban_meninggal"), ("KORBAN LL", "korban_luka"), ("Meninggal", "korban_meninggal"),
     ("Luka", "korban_luka"), ("MD", "korban_meninggal"), ("LL", "korban_luka"), ("TINDAK LANJUT", "tindak_lanjut"),
     ("KET.", "keterangan"), ("SUMBER", "sumber"), ("Latitude", "lat"), ("Bujur", "lon"),
     ("Jumlah Korban Meninggal (orang)", None)],
)
def test_header_variants(header, field):
    """Each header spelling seen in real Kesbangpol files maps to its field (NO is dropped)."""
    data = f"Tanggal,Kecamatan,Desa,{header}\n11/05/2023,Mentarang,Pulau Sapi,x\n"
    if header in ("HARI/TANGGAL", "Tgl", "TANGGAL KEJADIAN", "KEC.", "Kecamatan", "Desa/Kel.", "DESA/KELURAHAN"):
        data = f"Jenis,Uraian,Sumber,{header}\nx,y,z,x\n"
    table = read_table(data.encode(), "h.csv")
    found = {v: k for k, v in table.columns.items()}.get(header)
    assert found == field


def test_lintang_bujur_in_one_column_is_split():
    """A single 'Lintang/Bujur' column holding '3.59, 116.62' becomes lat and lon."""
    data = 'Tanggal,Kecamatan,Desa,Lintang/Bujur\n11/05/2023,Mentarang,Pulau Sapi,"3.59, 116.62"\n'.encode()
    frame = read_table(data, "k.csv").frame
    assert (frame.loc[0, "lat"], frame.loc[0, "lon"]) == ("3.59", "116.62")


def test_missing_required_column_is_noted_not_raised():
    """A table without a kecamatan column still loads; the preview says which required column is missing."""
    table = read_table(b"Tanggal,Desa,Jenis\n11/05/2023,Pulau Sapi,Demo\n", "m.csv")
    assert table.missing == ["kecamatan"]
    assert "Kolom wajib tidak ditemukan: kecamatan" in table.notes[-1]


def test_blank_rows_dropped_and_numbers_kept():
    """Blank lines and rows with only a NO are dropped; later rows keep their editor line numbers."""
    data = b"NO,Tanggal,Kecamatan,Desa\n1,11/05/2023,Mentarang,Pulau Sapi\n\n2,,,\n,,,\n3,14/05/2023,Mentarang,Paking\n"
    table = read_table(data, "b.csv")
    assert table.row_numbers == [2, 6]
    assert table.frame["desa"].tolist() == ["Pulau Sapi", "Paking"]


def test_wrong_types_stay_as_read():
    """Text in a count column and numbers in a text column come back untouched for the validator."""
    data = b"Tanggal,Kecamatan,Desa,MD\n11/05/2023,Mentarang,1234,dua\n"
    frame = read_table(data, "t.csv").frame
    assert (frame.loc[0, "desa"], frame.loc[0, "korban_meninggal"]) == ("1234", "dua")


def test_na_texts_are_data_not_missing():
    """'n/a', 'NA' and '-' are kept as written (pandas would otherwise turn them into NaN)."""
    frame = read_table(b"Tanggal,Kecamatan,Desa,MD\nn/a,NA,-,\n", "n.csv").frame
    assert frame.iloc[0].tolist() == ["n/a", "NA", "-", ""]


def test_big_csv_is_read_once(monkeypatch, tmp_path):
    """A 100k-row CSV loads completely with a single pandas read."""
    import analytics.ingest.csv_reader as loaders_csv

    calls = []
    original = pd.read_csv
    monkeypatch.setattr(loaders_csv.pd, "read_csv", lambda *a, **k: calls.append(1) or original(*a, **k))
    row = "11/05/2023,Malinau Selatan,Long Loreh,Sengketa lahan,0,2\n"
    data = ("Tanggal,Kecamatan,Desa,Jenis,MD,LL\n" + row * 100_000).encode()
    table = read_table(data, "besar.csv")
    assert len(table.frame) == 100_000 and table.row_numbers[-1] == 100_001
    assert calls == [1]
    monkeypatch.undo()


def test_xlsm_reads_values_only(tmp_path):
    """A macro-enabled workbook (.xlsm) is read for its cell values; nothing in it runs."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Tanggal", "Kecamatan", "Desa", "MD"])
    wb.active.append([dt.datetime(2023, 5, 11), "Mentarang", "Pulau Sapi", "=1+1"])
    path = tmp_path / "makro.xlsm"
    wb.save(path)
    table = read_table(path, "makro.xlsm")
    assert table.frame.loc[0, "desa"] == "Pulau Sapi"
    assert table.frame.loc[0, "korban_meninggal"] in ("", "=1+1", 2)  # never recalculated by us


def test_csv_without_header_is_refused():
    """A CSV of numbers with no header row asks for a header row."""
    with pytest.raises(IngestError, match="tidak ditemukan baris judul kolom"):
        read_table(b"1,2,3\n4,5,6\n", "angka.csv")
