"""Kepatuhan laporan: per place and period, received / late / not yet due, summed for Ringkasan and a map."""

from datetime import date

import pandas as pd
import pytest

from analytics.penanganan.compliance import (compliance_summary, compliance_table, expected_periods, place_status,
                                  reporting_places)

KEC = pd.DataFrame({"kode": ["65.02.01", "65.02.02"], "nama": ["Mentarang", "Malinau Kota"]})
DESA = pd.DataFrame({"kode": ["65.02.01.2002"], "nama": ["Long Bisai"], "kode_kecamatan": ["65.02.01"]})


def _reports(rows):
    return pd.DataFrame(rows, columns=["periode_mulai", "periode_akhir", "level", "kode_kecamatan", "kode_desa"]).astype(
        {"periode_mulai": "datetime64[ns]", "periode_akhir": "datetime64[ns]"})


REPORTS = _reports([
    ("2024-04-01", "2024-04-30", "kecamatan", "65.02.01", None),  # Mentarang, April
    ("2024-04-01", "2024-04-30", "desa", "65.02.01", "65.02.01.2002"),  # Long Bisai, April
    ("2024-05-01", "2024-05-31", "kecamatan", "65.02.02", None),  # Malinau Kota, May
])


@pytest.mark.parametrize(
    "start, end, days, expected",
    [
        (date(2024, 1, 15), date(2024, 3, 2), 30, [("2024-01-01", "2024-01-31"), ("2024-02-01", "2024-02-29"),
                                                   ("2024-03-01", "2024-03-31")]),
        (date(2024, 5, 1), date(2024, 5, 8), 7, [("2024-04-29", "2024-05-05"), ("2024-05-06", "2024-05-12")]),
        (date(2024, 1, 20), date(2024, 1, 20), 14, [("2024-01-15", "2024-01-28")]),  # blocks of 14 from 1 Jan
        (date(2024, 2, 1), date(2024, 1, 1), 30, []),
    ],
)
def test_expected_periods(start, end, days, expected):
    """Monthly reports give calendar months; weekly ISO weeks; other lengths blocks counted from 1 January."""
    got = expected_periods(start, end, days)
    assert [(a.strftime("%Y-%m-%d"), b.strftime("%Y-%m-%d")) for a, b in zip(got["periode_mulai"], got["periode_akhir"])] == expected


def test_compliance_received_late_and_not_yet_due():
    """On 5 June: April and May reports received where sent, April missing is late, May missing is not yet due."""
    places = reporting_places(REPORTS, KEC, DESA)
    assert list(places["kode"]) == ["65.02.01", "65.02.02", "65.02.01.2002"]  # desa included: it has reported
    periods = expected_periods(date(2024, 4, 1), date(2024, 5, 31))
    table = compliance_table(REPORTS, places, periods, as_of=date(2024, 6, 5), late_days=7)
    status = {(r.kode, r.periode_mulai.month): r.status for r in table.itertuples()}
    assert status == {
        ("65.02.01", 4): "diterima",
        ("65.02.02", 4): "terlambat",  # April ended 30 Apr; 30 Apr + 7 = 7 May < 5 Jun
        ("65.02.01.2002", 4): "diterima",
        ("65.02.01", 5): "belum jatuh tempo",  # May ended 31 May; deadline 7 Jun ≥ 5 Jun
        ("65.02.02", 5): "diterima",
        ("65.02.01.2002", 5): "belum jatuh tempo",
    }
    # On 8 June (one day past 7 June) the May gaps become late.
    later = compliance_table(REPORTS, places, periods, as_of=date(2024, 6, 8), late_days=7)
    assert (later["status"] == "terlambat").sum() == 3


def test_compliance_summary_and_map_layer():
    """Ringkasan counts received of expected per period; the map layer shows each place's latest due period."""
    places = reporting_places(REPORTS, KEC, DESA)
    table = compliance_table(REPORTS, places, expected_periods(date(2024, 4, 1), date(2024, 5, 31)), date(2024, 6, 5))
    summary = compliance_summary(table).set_index(["periode_mulai", "level"])
    april_kec = summary.loc[(pd.Timestamp("2024-04-01"), "kecamatan")]
    assert (april_kec["diharapkan"], april_kec["diterima"], april_kec["terlambat"]) == (2, 1, 1)
    assert april_kec["persen_diterima"] == 50.0  # 1 of the 2 due
    may_kec = summary.loc[(pd.Timestamp("2024-05-01"), "kecamatan")]
    assert may_kec["persen_diterima"] == 100.0  # 1 received of 1 due; the other not yet due
    layer = place_status(table).set_index("kode")
    assert layer.loc["65.02.02", "status"] == "diterima"  # May is received, so it is shown
    assert layer.loc["65.02.01", "status"] == "diterima"  # May not due yet: April is shown
    assert layer.loc["65.02.01", "periode_mulai"] == pd.Timestamp("2024-04-01")


def test_compliance_on_empty_reports_and_missing_columns():
    """No reports: every due period is late; a reports table without periode_akhir is an error naming the column."""
    empty = _reports([])
    places = reporting_places(empty, KEC, DESA)
    assert list(places["kode"]) == ["65.02.01", "65.02.02"]
    table = compliance_table(empty, places, expected_periods(date(2024, 4, 1), date(2024, 4, 30)), date(2024, 6, 1))
    assert list(table["status"]) == ["terlambat", "terlambat"]
    assert place_status(table.iloc[0:0]).empty
    with pytest.raises(KeyError, match="periode_akhir"):
        compliance_table(empty.drop(columns="periode_akhir"), places, expected_periods(date(2024, 4, 1), date(2024, 4, 2)),
                         date(2024, 6, 1))
