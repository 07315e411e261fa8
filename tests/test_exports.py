"""Exports and templates: what the analyst opens in Excel is safe and reads back unchanged."""

import pandas as pd
import pytest

from analytics.views.exports import EXPORT_COLUMNS, build_export, neutralise_cell, write_export
from analytics.ingest.pipeline import ingest_file
from analytics.ingest.read import read_table
from analytics.ingest.model import TableKind
from analytics.settings import default_settings
from analytics.ingest.templates import write_templates

DEFAULTS = default_settings()


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+62 812", "'+62 812"), ("-1+1", "'-1+1"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Demo warga", "Demo warga"), ("", ""), (3, 3), (None, None),
])
def test_neutralise_cell(value, expected):
    """Only text Excel would run as a formula gets the apostrophe; numbers and plain text are untouched."""
    assert neutralise_cell(value) == expected


def test_export_has_names_iso_dates_and_numbers(sqlite_engine, tmp_path):
    """The export lists each kejadian with ISO date, codes and names, counts as numbers."""
    csv = "Tanggal;Kecamatan;Desa;Jenis Kejadian;Korban MD;Korban LL\n12/03/2024;Kayan Hulu;Long Nawang;=1+1;1;2\n"
    ingest_file(sqlite_engine, csv.encode(), "x.csv", user="uji")
    frame = build_export(sqlite_engine)
    assert list(frame.columns) == EXPORT_COLUMNS
    row = frame.iloc[0]
    assert (row["tanggal"], row["kecamatan"], row["desa"], row["jenis"]) == ("2024-03-12", "Kayan Hulu",
                                                                           "Long Nawang", "'=1+1")
    path = write_export(frame, tmp_path / "k.csv", "csv")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.loc[0, "korban_luka"] == 2 and back.loc[0, "jenis"] == "'=1+1"


def test_export_of_empty_store_has_headers_only(sqlite_engine, tmp_path):
    """An empty store exports a file with the header row and no data."""
    frame = build_export(sqlite_engine)
    assert frame.empty and list(frame.columns) == EXPORT_COLUMNS
    write_export(frame, tmp_path / "k.xlsx", "xlsx")
    assert pd.read_excel(tmp_path / "k.xlsx", engine="calamine").empty


def test_filled_templates_read_back_and_store(sqlite_engine, tmp_path):
    """A template filled in by hand is recognised without column mapping and stored."""
    import openpyxl

    kejadian, laporan = write_templates(tmp_path, DEFAULTS)
    book = openpyxl.load_workbook(kejadian)
    book["Kejadian"].append(["15/03/2024", "Mentarang", "Long Bisai", "Pemilu / Pilkades / Pilkada", "x", "", 1, 0])
    book.save(kejadian)
    raw = read_table(kejadian.read_bytes(), kejadian.name)
    assert raw.kind is TableKind.KEJADIAN and raw.sheet == "Kejadian"
    report = ingest_file(sqlite_engine, kejadian, kejadian.name, user="uji")
    assert report.committed and report.inserted == 1
    book = openpyxl.load_workbook(laporan)
    book["Laporan"].append(["2024-03", "Mentarang", "Long Bisai", 1, 2, 0, 3, 1, 0, 0, 2])
    book.save(laporan)
    report = ingest_file(sqlite_engine, laporan, laporan.name, user="uji")
    assert (report.kind, report.committed, report.inserted) == ("laporan", True, 8)
