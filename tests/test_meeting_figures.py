"""Mode Rapat's trend: monthly bars, shaded stages, vote lines, Indonesian months, caption = what is drawn."""

from datetime import date

import pandas as pd

from analytics.views.meeting_figures import caption_keys, meeting_trend_figure, monthly_totals, top_movers, trend_window
from analytics.i18n.catalog import t


def _counts(months: list[str], values: list[int], group: str = "pemilu") -> pd.DataFrame:
    return pd.DataFrame({"periode": pd.to_datetime(months), "kelompok": group, "jumlah": values})


def _bands() -> pd.DataFrame:
    return pd.DataFrame({"mulai": pd.to_datetime(["2024-09-01", "2024-11-27"]),
                         "selesai": pd.to_datetime(["2024-11-23", "2024-11-27"]),
                         "selesai_eksklusif": pd.to_datetime(["2024-11-24", "2024-11-28"]),
                         "pemilihan": ["Pilkada 2024", "Pilkada 2024"], "is_vote": [False, True]})


def test_bars_stages_votes_drawn_and_named_in_the_caption():
    """With Pilkada 2024 in the window: bars, an orange stage and a red vote line, each named by the caption."""
    months = [f"2024-{m:02d}-01" for m in range(1, 13)]
    totals = monthly_totals(_counts(months, list(range(12))))
    fig, drawn = meeting_trend_figure(totals, _bands(), (date(2024, 10, 1), date(2024, 12, 31)))
    assert [trace.type for trace in fig.data] == ["bar"]
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(rects) == 1 and len(lines) == 1
    caption = " ".join(t(key) for key in caption_keys(drawn))
    assert "Batang" in caption and "Arsir jingga" in caption and "Garis merah" in caption
    assert list(fig.layout.xaxis.ticktext)[4:] == ["Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert fig.layout.xaxis.ticktext[0] == "Jan 2024"


def test_caption_leaves_out_what_is_not_drawn():
    """Without an election in the window the caption mentions no shading or vote line, and none is drawn."""
    totals = monthly_totals(_counts(["2025-04-01", "2025-05-01", "2025-06-01"], [3, 0, 5]))
    fig, drawn = meeting_trend_figure(totals, _bands(), (date(2025, 4, 1), date(2025, 6, 30)))
    assert not fig.layout.shapes
    caption = " ".join(t(key) for key in caption_keys(drawn))
    assert "Arsir" not in caption and "Garis merah" not in caption


def test_empty_trend_says_so():
    """No kejadian at all gives a message instead of empty bars."""
    fig, drawn = meeting_trend_figure(monthly_totals(_counts([], [])), None, (date(2025, 4, 1), date(2025, 6, 30)),
                                      empty_message="Tidak ada kejadian")
    assert drawn == [] and fig.layout.annotations[0].text == "Tidak ada kejadian"


def test_at_most_three_movers_largest_change_first():
    """Of four kategori, the three that changed most are kept, unchanged ones never."""
    now = pd.concat([_counts(["2025-04-01"], [6], "a"), _counts(["2025-04-01"], [1], "b"),
                     _counts(["2025-04-01"], [2], "c"), _counts(["2025-04-01"], [5], "d"), _counts(["2025-04-01"], [3], "e")])
    before = pd.concat([_counts(["2025-01-01"], [2], "a"), _counts(["2025-01-01"], [4], "b"),
                        _counts(["2025-01-01"], [2], "c"), _counts(["2025-01-01"], [4], "d")])
    movers = top_movers(now, before)
    assert movers["kelompok"].tolist() == ["a", "b", "e"] and movers["selisih"].tolist() == [4, -3, 3]


def test_window_is_twelve_whole_months():
    """The trend window runs from the first of the month eleven months before the period's end month."""
    assert trend_window(date(2025, 4, 1), date(2025, 6, 30)) == (pd.Timestamp("2024-07-01"), pd.Timestamp("2025-06-30"))
