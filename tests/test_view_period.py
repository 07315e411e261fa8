"""The default period: the latest complete month or week of the stored data, real uploads before demo."""

from datetime import date

import pandas as pd
import pytest

from analytics.views.period import complete_period, default_period, latest_data_day, upload_period


def _incidents(days: list[str], demo: list[bool]) -> pd.DataFrame:
    return pd.DataFrame({"tanggal": pd.to_datetime(days), "is_demo": demo})


@pytest.mark.parametrize("last, today, expected", [
    (date(2026, 5, 30), date(2026, 11, 30), (date(2026, 3, 1), date(2026, 5, 31))),  # May is over
    (date(2023, 5, 31), date(2026, 11, 30), (date(2023, 3, 1), date(2023, 5, 31))),
    (date(2026, 11, 25), date(2026, 11, 30), (date(2026, 8, 31), date(2026, 11, 29))),  # this week not over
    (date(2026, 11, 11), date(2026, 11, 30), (date(2026, 8, 17), date(2026, 11, 15))),  # the data's week is over
    (None, date(2026, 11, 30), (date(2026, 8, 31), date(2026, 11, 29))),  # empty store
])
def test_complete_period(last, today, expected):
    """The period ends at the last complete month holding the data, or the last complete week this month."""
    assert complete_period(last, today) == expected


def test_real_upload_beats_later_demo_data():
    """A real May 2023 report shows at once although the demo data runs to 2026."""
    incidents = _incidents(["2026-05-30", "2023-05-04"], [True, False])
    assert latest_data_day(incidents) == date(2023, 5, 4)
    assert default_period(incidents, None, date(2026, 11, 30)) == (date(2023, 3, 1), date(2023, 5, 31))


def test_reports_count_as_data():
    """A laporan berkala for June 2023 moves the default past the last kejadian."""
    incidents = _incidents(["2023-05-04"], [False])
    reports = pd.DataFrame({"periode_akhir": pd.to_datetime(["2023-06-30"]), "is_demo": [False]})
    assert latest_data_day(incidents, reports) == date(2023, 6, 30)


def test_demo_only_store_uses_demo_dates():
    """With only the demo loaded the period follows the demo's dates."""
    assert latest_data_day(_incidents(["2026-05-30"], [True])) == date(2026, 5, 30)


def test_upload_period():
    """An upload's period runs from its first to its last date; none without dates."""
    assert upload_period(pd.Series(["2023-05-01", "2023-05-31", None])) == (date(2023, 5, 1), date(2023, 5, 31))
    assert upload_period(pd.Series([], dtype=object)) is None
