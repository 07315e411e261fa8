"""Dates as written in Malinau's spreadsheets: what each one reads as, and why a bad one is refused."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics.ingest.dates import explain_date_value, parse_date_column, parse_date_value, parse_period_value

D = dt.date(2023, 5, 11)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kamis, 11 Mei 2023", D),
        ("11 Mei 2023", D),
        ("11/05/2023", D),
        ("11-5-2023", D),
        ("11.05.2023", D),
        ("11/05/23", D),
        ("2023-05-11", D),
        ("2023/05/11", D),
        ("2023-05-11 14:30:00", D),
        ("11/05/2023 pukul 14.30 WITA", D),
        ("20230511", D),
        ("05/11/2023", dt.date(2023, 11, 5)),  # day first, always
        ("11 May 2023", D),
        ("May 11, 2023", D),
        ("11-Mei-2023", D),
        ("  11 mei 2023  ", D),
        ("5 Jan 2023", dt.date(2023, 1, 5)),
        ("5 Peb 2023", dt.date(2023, 2, 5)),
        ("5 Pebruari 2023", dt.date(2023, 2, 5)),
        ("5 Agu 2023", dt.date(2023, 8, 5)),
        ("5 Agt 2023", dt.date(2023, 8, 5)),
        ("5 Ags 2023", dt.date(2023, 8, 5)),
        ("5 Okt 2023", dt.date(2023, 10, 5)),
        ("5 Nop 2023", dt.date(2023, 11, 5)),
        ("5 Nopember 2023", dt.date(2023, 11, 5)),
        ("5 Des 2023", dt.date(2023, 12, 5)),
        ("Jumat, 29 Desember 2023", dt.date(2023, 12, 29)),
        ("11 Mei '23", D),  # the apostrophe of a short year
        ("Tgl. 11/05/2023", D),
        ("Tanggal: Kamis, 11 Mei 2023", D),
        (45057, D),  # Excel serial number
        (45057.0, D),
        ("45057", D),  # a serial kept as text in a CSV
        (dt.datetime(2023, 5, 11, 8, 0), D),
        (D, D),
        (pd.Timestamp("2023-05-11"), D),
        (np.int64(45057), D),
    ],
)
def test_parse_date_value_reads_every_dialect(value, expected):
    """Every way people write 11 May 2023 in a Malinau report reads as that day."""
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31/02/2023", "tanggal 31/02/2023 tidak ada (Februari 2023 hanya sampai tanggal 28)"),
        ("29/02/2023", "tanggal 29/02/2023 tidak ada (Februari 2023 hanya sampai tanggal 28)"),
        ("31 April 2023", "tanggal 31 April 2023 tidak ada (April 2023 hanya sampai tanggal 30)"),
        ("11/13/2023", "tanggal 11/13/2023 tidak ada (bulan 13 tidak ada); tanggal dibaca hari/bulan/tahun, maksudnya 13/11/2023?"),
        ("kemarin sore", "tanggal 'kemarin sore' tidak dapat dibaca; tulis seperti 11/05/2023 atau 11 Mei 2023"),
        ("11 Mai 2023", "nama bulan 'mai' pada tanggal '11 Mai 2023' tidak dikenal; tulis seperti 11/05/2023 atau 11 Mei 2023"),
        ("Mei 2023", "tanggal 'Mei 2023' tidak lengkap (hanya bulan dan tahun); tulis seperti 11/05/2023 atau 11 Mei 2023"),
        ("", "tanggal kosong"),
        (None, "tanggal kosong"),
        (float("nan"), "tanggal kosong"),
        (3_000_000, "angka 3000000 bukan tanggal; tulis seperti 11/05/2023 atau 11 Mei 2023"),
        ("11/05/3023", "tanggal 11/05/3023: tahun 3023 tidak masuk akal"),
    ],
)
def test_bad_dates_come_back_with_a_reason(value, reason):
    """An impossible date says it does not exist; an unreadable one says how to write it."""
    assert explain_date_value(value) == (None, reason)


def test_leap_day_exists_in_2024():
    """29 February exists in a leap year."""
    assert parse_date_value("29/02/2024") == dt.date(2024, 2, 29)


def test_parse_date_column_marks_bad_cells_and_keeps_the_index():
    """A column of mixed cells gives dates where readable, NaT plus a reason where not, on the same index."""
    values = pd.Series(["11/05/2023", 45060, "31/02/2023", "", dt.datetime(2023, 6, 2)], index=[7, 8, 9, 10, 11],
                       dtype=object)
    dates, reasons = parse_date_column(values)
    assert dates.dtype.kind == "M"
    assert list(dates.index) == [7, 8, 9, 10, 11]
    assert dates[7] == pd.Timestamp("2023-05-11") and dates[8] == pd.Timestamp("2023-05-14")
    assert dates[11] == pd.Timestamp("2023-06-02")
    assert pd.isna(dates[9]) and pd.isna(dates[10])
    assert list(reasons) == ["", "", "tanggal 31/02/2023 tidak ada (Februari 2023 hanya sampai tanggal 28)",
                             "tanggal kosong", ""]


def test_parse_date_column_empty_and_nan():
    """An empty column gives empty results; NaN cells are 'tanggal kosong'."""
    dates, reasons = parse_date_column(pd.Series([], dtype=object))
    assert len(dates) == 0 and len(reasons) == 0
    dates, reasons = parse_date_column(pd.Series([np.nan, None], dtype=object))
    assert dates.isna().all() and list(reasons) == ["tanggal kosong", "tanggal kosong"]


def test_parse_date_column_parses_each_distinct_value_once(monkeypatch):
    """100k rows holding a few distinct dates are parsed once per distinct value (dd/mm/yyyy in bulk by pandas)."""
    import analytics.ingest.dates as dates_module

    calls = []
    original = dates_module.explain_date_value
    monkeypatch.setattr(dates_module, "explain_date_value", lambda v: calls.append(v) or original(v))
    values = pd.Series(["11/05/2023", "12/05/2023", "31/02/2023"] * 33_334, dtype=object)
    dates, reasons = parse_date_column(values)
    assert calls == ["31/02/2023"]  # the two readable dd/mm/yyyy values never reach the slow path
    assert dates.notna().sum() == 66_668 and (reasons != "").sum() == 33_334


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mei 2023", (dt.date(2023, 5, 1), dt.date(2023, 5, 31))),
        ("2023-05", (dt.date(2023, 5, 1), dt.date(2023, 5, 31))),
        ("05/2023", (dt.date(2023, 5, 1), dt.date(2023, 5, 31))),
        ("Februari 2024", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("15/06/2023", (dt.date(2023, 6, 1), dt.date(2023, 6, 30))),
        (dt.datetime(2023, 6, 1), (dt.date(2023, 6, 1), dt.date(2023, 6, 30))),
        ("bulan lalu", None),
        ("", None),
    ],
)
def test_parse_period_value(value, expected):
    """A laporan period written as a month (or any date in it) covers that whole month."""
    assert parse_period_value(value) == expected
