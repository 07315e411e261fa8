"""Headline numbers: periods, filters, report counts, band changes, priority, vote countdown, counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.risk.elections import parse_calendar
from analytics.views.summary import (band_changes, count_high_desa, count_incidents, count_reports, data_period,
                               days_to_vote, filter_incidents, format_number, headline_metrics, place_incidents,
                               previous_period, priority_desa, public_incidents)

INCIDENTS = pd.DataFrame({
    "tanggal": pd.to_datetime(["2026-01-15", "2026-03-10", "2026-04-20", "2026-05-30"]),
    "kode_kecamatan": ["65.02.01", "65.02.01", "65.02.01", "65.02.02"],
    "kode_desa": ["65.02.01.2002", "65.02.01.2002", "65.02.01.2005", None],
    "kategori": ["pemilu", "sumber_daya", "kekerasan", "unjuk_rasa"],
    "korban_meninggal": [0, 1, 0, 0],
    "korban_luka": [3, 2, 1, 0],
    "pihak": ["A", "B", "C", None],
    "uraian": ["u1", "u2", "u3", "u4"],
})
EMPTY = INCIDENTS.iloc[0:0]


def scores(bands, skor=None):
    """A score_desa-shaped table for desa d1..dn in kecamatan 65.02.01 (d1, d2) and 65.02.02 (rest)."""
    n = len(bands)
    return pd.DataFrame({"kode": [f"d{i + 1}" for i in range(n)], "nama": [f"Desa {i + 1}" for i in range(n)],
                         "kode_kecamatan": ["65.02.01" if i < 2 else "65.02.02" for i in range(n)],
                         "tingkat": bands, "skor": skor or [10.0 * (i + 1) for i in range(n)]})


@pytest.mark.parametrize("frame, today, expected", [
    (INCIDENTS, None, (date(2026, 3, 2), date(2026, 5, 30))),
    (EMPTY, date(2026, 7, 1), (date(2026, 4, 3), date(2026, 7, 1))),
])
def test_data_period_is_the_last_90_days(frame, today, expected):
    """The default period is the 90 days ending on the latest kejadian (or today with no data)."""
    assert data_period(frame, 90, today=today) == expected


@pytest.mark.parametrize("start, end, expected", [
    (date(2026, 3, 2), date(2026, 5, 30), (date(2025, 12, 2), date(2026, 3, 1))),
    (date(2026, 1, 1), date(2026, 1, 1), (date(2025, 12, 31), date(2025, 12, 31))),
    (date(2024, 3, 1), date(2024, 3, 31), (date(2024, 1, 30), date(2024, 2, 29))),
])
def test_previous_period_has_equal_length(start, end, expected):
    """The comparison period is as long as the chosen one and ends the day before it starts."""
    assert previous_period(start, end) == expected


@pytest.mark.parametrize("kwargs, n", [
    ({}, 4),
    ({"start": date(2026, 3, 10), "end": date(2026, 4, 20)}, 2),
    ({"kecamatan": ("65.02.02",)}, 1),
    ({"kategori": ("pemilu", "kekerasan")}, 2),
    ({"start": date(2027, 1, 1)}, 0),
])
def test_filter_incidents(kwargs, n):
    """Period bounds are inclusive; empty kecamatan/kategori means all."""
    assert len(filter_incidents(INCIDENTS, **kwargs)) == n


def test_headline_metrics_now_against_before():
    """3 kejadian now vs 1 before: +2; 3 injured vs 3: ±0; reports 4 of 12 expected."""
    now = filter_incidents(INCIDENTS, date(2026, 3, 2), date(2026, 5, 30))
    before = filter_incidents(INCIDENTS, date(2025, 12, 2), date(2026, 3, 1))
    table = headline_metrics(now, before, reports=((4, 12), (1, 12)), high_desa=(2, 3)).set_index("key")
    assert table.loc["kejadian", ["kini", "sebelum", "selisih"]].tolist() == [3, 1, 2]
    assert table.loc["meninggal", "selisih"] == 1
    assert table.loc["luka", "selisih"] == 0
    assert table.loc["desa_tinggi", "selisih"] == -1
    assert table.loc["laporan", ["kini", "diharapkan"]].tolist() == [4, 12]


def test_headline_metrics_with_no_data():
    """No kejadian at all gives zeros, not an error."""
    table = headline_metrics(EMPTY, EMPTY, reports=((0, 0), (0, 0)), high_desa=(0, 0))
    assert table["kini"].tolist() == [0, 0, 0, 0, 0]


def test_count_reports_received_and_expected():
    """Two desa × one 30-day period expected = 2 per month; duplicates of a place-period count once."""
    reports = pd.DataFrame({
        "periode_mulai": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-01", "2026-04-01", "2026-02-01"]),
        "kode_kecamatan": ["65.02.01"] * 4 + ["65.02.01"],
        "kode_desa": ["65.02.01.2002", "65.02.01.2002", "65.02.01.2005", "65.02.01.2002", "65.02.01.2002"],
    })
    # 2026-03-01 .. 2026-04-29 = 60 days → 2 periods × 2 desa = 4 expected; received: 3 distinct place-periods.
    assert count_reports(reports, date(2026, 3, 1), date(2026, 4, 29), (), 2, 30) == (3, 4)
    assert count_reports(reports, date(2026, 3, 1), date(2026, 4, 29), ("65.02.02",), 2, 30) == (0, 4)
    assert count_reports(reports.iloc[0:0], date(2026, 3, 1), date(2026, 3, 30), (), 109, 30) == (0, 109)


def test_count_high_desa():
    """Tinggi and Sangat Tinggi count; Sedang does not; kecamatan narrows."""
    table = scores(["Tinggi", "Sedang", "Sangat Tinggi", "Rendah"])
    assert count_high_desa(table) == 2
    assert count_high_desa(table, ("65.02.01",)) == 1
    assert count_high_desa(table.iloc[0:0]) == 0


def test_band_changes_rises_first():
    """Desa 2 rose Sedang→Tinggi and desa 3 fell Tinggi→Rendah; unchanged desa 1 is not listed."""
    now = scores(["Rendah", "Tinggi", "Rendah"])
    before = scores(["Rendah", "Sedang", "Tinggi"])
    changes = band_changes(now, before)
    assert changes[["kode", "sebelum", "kini", "naik"]].values.tolist() == [
        ["d2", "Sedang", "Tinggi", True], ["d3", "Tinggi", "Rendah", False]]
    assert band_changes(now, before, ("65.02.02",))["kode"].tolist() == ["d3"]
    assert band_changes(now.iloc[0:0], before).empty


def test_priority_desa_highest_first_above_zero():
    """Only desa with a score above 0, highest first, at most n."""
    table = scores(["Rendah", "Tinggi", "Sedang", "Rendah"], skor=[0.0, 70.0, 40.0, 5.0])
    assert priority_desa(table, n=2)["kode"].tolist() == ["d2", "d3"]
    assert priority_desa(table, ("65.02.01",))["kode"].tolist() == ["d2"]


def test_days_to_vote():
    """From 01/03/2026 the vote on 14/03 is 13 days away; after it none; a desa outside the wave has none."""
    calendar = parse_calendar({"pemilihan": [{"id": "p", "nama": "Pilkades Uji", "jenis": "pilkades", "putaran": [
        {"nama": "1", "desa": ["65.02.01.2002"], "tahapan": [
            {"tahap": "pemungutan suara", "mulai": "2026-03-14", "selesai": "2026-03-14"}]}]}]})
    assert days_to_vote(calendar, date(2026, 3, 1)) == (13, "Pilkades Uji")
    assert days_to_vote(calendar, date(2026, 3, 14), ["65.02.01.2002"]) == (0, "Pilkades Uji")
    assert days_to_vote(calendar, date(2026, 3, 1), ["65.02.02.2001"]) is None
    assert days_to_vote(calendar, date(2026, 3, 15)) is None


def test_count_incidents_monthly_zero_filled():
    """Monthly counts Jan–May 2026 by kategori: every month × kategori present, zeros filled."""
    table = count_incidents(INCIDENTS, "M", "kategori", date(2026, 1, 1), date(2026, 5, 31))
    assert len(table) == 5 * 4
    assert table["jumlah"].sum() == 4
    march = table[(table["periode"] == "2026-03-01") & (table["kelompok"] == "sumber_daya")]
    assert march["jumlah"].item() == 1


def test_count_incidents_weekly_starts_on_monday():
    """Weekly periods start on Mondays: 10/03/2026 (a Tuesday) counts in the week of 09/03."""
    table = count_incidents(INCIDENTS, "W", "kategori", date(2026, 3, 2), date(2026, 3, 15))
    hit = table[table["jumlah"] > 0]
    assert hit["periode"].tolist() == [pd.Timestamp("2026-03-09")]


def test_count_incidents_empty():
    """No kejadian gives an empty table with the three columns."""
    assert list(count_incidents(EMPTY, "W", "kategori", date(2026, 1, 1), date(2026, 2, 1)).columns) == [
        "periode", "kelompok", "jumlah"]


def test_public_incidents_drops_personal_columns():
    """pihak and uraian are removed for pimpinan; counts stay."""
    assert set(public_incidents(INCIDENTS).columns) == {"tanggal", "kode_kecamatan", "kode_desa", "kategori",
                                                         "korban_meninggal", "korban_luka"}


def test_place_incidents_newest_first():
    """Long Bisai's kejadian in 2026, newest first."""
    rows = place_incidents(INCIDENTS, "desa", "65.02.01.2002", date(2026, 1, 1), date(2026, 12, 31))
    assert rows["tanggal"].dt.strftime("%d/%m").tolist() == ["10/03", "15/01"]


@pytest.mark.parametrize("value, expected", [(12.4, "12"), (None, "—"), (float("nan"), "—"), (99.5, "100")])
def test_format_number(value, expected):
    """Scores show rounded; missing ones show a dash."""
    assert format_number(value) == expected
