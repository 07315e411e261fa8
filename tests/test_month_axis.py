"""Every time axis reads Indonesian month names (Mei, Agu, Okt, Des), set offline by us."""

import pandas as pd
import pytest

from analytics.views.figures import facet_figure, score_figure, trend_figure
from analytics.views.month_axis import month_ticks_between


def test_ticks_are_indonesian_with_the_year_on_the_first_and_january():
    """May 2024 – Feb 2025: Mei 2024, Jun, …, Agu, …, Okt, Nov, Des, Jan 2025, Feb."""
    values, texts = month_ticks_between("2024-05-01", "2025-02-15")
    assert texts == ["Mei 2024", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des", "Jan 2025", "Feb"]
    assert values[0] == pd.Timestamp("2024-05-01")


def test_long_spans_thin_out_to_twelve_ticks():
    """Three years of months give at most twelve ticks."""
    _, texts = month_ticks_between("2022-01-01", "2024-12-31")
    assert len(texts) <= 12 and texts[0] == "Jan 2022"


def test_weekly_axis_starting_mid_month_keeps_the_year_visible():
    """Weeks from 31 Aug 2026 start at Sep 2026 (the tick before the first point would be off the axis)."""
    _, texts = month_ticks_between("2026-08-31", "2026-11-29")
    assert texts == ["Sep 2026", "Okt", "Nov"]


COUNTS = pd.DataFrame({"periode": pd.to_datetime(["2024-05-01", "2024-08-01", "2024-10-01", "2024-12-01"]),
                       "kelompok": "pemilu", "jumlah": [1, 2, 3, 4]})


@pytest.mark.parametrize("build", [
    lambda: trend_figure(COUNTS),
    lambda: facet_figure(COUNTS),
    lambda: score_figure(pd.DataFrame({"tanggal": COUNTS["periode"], "skor": [1.0, 2, 3, 4]}), []),
])
def test_dashboard_charts_use_indonesian_months(build):
    """Trend, facets and score charts label their months Mei, Agu, Okt, Des — never May/Aug/Oct/Dec."""
    fig = build()
    texts = list(fig.layout.xaxis.ticktext)
    assert {"Agu", "Okt", "Des"} <= set(texts) and texts[0] == "Mei 2024"
    assert not {"May", "Aug", "Oct", "Dec"} & set(texts)
    assert fig.layout.xaxis.hoverformat == "%d/%m/%Y"
