"""Plain words for the room: Indonesian numbers, dates, month names, counts and changes."""

from datetime import date

import pandas as pd
import pytest

from analytics.views.plain_words import (change_words, format_date, format_number, format_period, month_label,
                                         month_ticks, text_or_dash)
from analytics.views.room_reasons import count_words, rate_words


@pytest.mark.parametrize("value, digits, expected", [
    (1234, 0, "1.234"), (4.5, 1, "4,5"), (4.0, 1, "4"), (1234567.25, 2, "1.234.567,25"), (0, 0, "0"),
    (None, 0, "—"), (float("nan"), 1, "—"), (-3, 0, "-3"),
])
def test_format_number(value, digits, expected):
    """Numbers read with a thousands dot and a decimal comma; missing values show a dash, never None."""
    assert format_number(value, digits) == expected


def test_format_date():
    """A date reads "29 Juni 2025", not "2025-06-29 00:00:00"."""
    assert format_date("2025-06-29 00:00:00") == "29 Juni 2025"
    assert format_date(date(2025, 8, 1), "en") == "1 August 2025"
    assert format_date(None) == "—"


@pytest.mark.parametrize("start, end, expected", [
    (date(2023, 5, 1), date(2023, 5, 31), "1–31 Mei 2023"),
    (date(2026, 3, 1), date(2026, 5, 31), "1 Maret – 31 Mei 2026"),
    (date(2025, 12, 1), date(2026, 2, 28), "1 Desember 2025 – 28 Februari 2026"),
])
def test_format_period(start, end, expected):
    """A period is written once, in words, with the shared month and year not repeated."""
    assert format_period(start, end) == expected


def test_month_names_are_indonesian():
    """Chart months read Mei, Agu, Okt, Des; the year only on the first tick and on January."""
    assert [month_label(f"2024-{m:02d}-01", year=False) for m in (5, 8, 10, 12)] == ["Mei", "Agu", "Okt", "Des"]
    _, texts = month_ticks(["2024-11-01", "2024-12-01", "2025-01-01"])
    assert texts == ["Nov 2024", "Des", "Jan 2025"]
    _, texts = month_ticks(["2024-11-01", "2025-02-01", "2025-05-01"])  # every third month: the year where it changes
    assert texts == ["Nov 2024", "Feb 2025", "Mei"]
    assert month_label("2025-06-01", long=True) == "Juni 2025" and month_label("2025-06-01", "en", long=True) == "June 2025"


@pytest.mark.parametrize("n, lang, expected", [
    (4, "id", "4 kejadian"), (0, "id", "tidak ada kejadian"), (1250, "id", "1.250 kejadian"),
    (1250, "en", "1,250 incidents"), (0, "en", "no incidents"),
])
def test_count_words(n, lang, expected):
    """Counts read as words a room understands, in the reader's language."""
    assert count_words(n, lang) == expected


@pytest.mark.parametrize("rate, lang, expected", [
    (0.4, "id", "biasanya kurang dari 1 per bulan"), (2.6, "id", "biasanya sekitar 3 per bulan"),
    (0, "id", "biasanya tidak ada"), (2.6, "en", "usually about 3 a month"),
])
def test_rate_words(rate, lang, expected):
    """A usual rate is said without averages or ratios."""
    assert rate_words(rate, lang) == expected


@pytest.mark.parametrize("delta, expected", [(0, "sama"), (3, "naik 3"), (-2, "turun 2"), (None, "—")])
def test_change_words(delta, expected):
    """No change reads "sama", never "↑ +0"."""
    assert change_words(delta) == expected


def test_text_or_dash():
    """None, NaN and empty show a dash instead of the word None."""
    assert [text_or_dash(v) for v in (None, float("nan"), "", "None", "Sesaot")] == ["—", "—", "—", "—", "Sesaot"]


def test_escape_markdown():
    """A name with Markdown characters is shown as typed."""
    from analytics.views.plain_words import escape_markdown

    assert escape_markdown("1. Long *Bisai* (x)") == "1\\. Long \\*Bisai\\* \\(x\\)"


def test_moments_read_in_words_on_the_office_clock():
    """An upload stored at 22:05 UTC on 30 Nov shows as 1 Desember 2026 06.05 WITA in the upload history."""
    from analytics.ingest.report import history_frame
    from analytics.views.plain_words import format_datetime

    assert format_datetime(pd.Timestamp("2025-06-29 14:05")) == "29 Juni 2025 14.05"
    assert format_datetime(pd.Timestamp("2025-06-29 14:05"), "en") == "29 June 2025 14:05"
    uploads = pd.DataFrame({"id": [1], "file_name": ["a.csv"], "kind": ["kejadian"], "uploaded_by": ["uji"],
                            "uploaded_at": [pd.Timestamp("2026-11-30 22:05")], "rows_read": [1], "rows_accepted": [1],
                            "rows_rejected": [0], "duplicates": [0], "active_rows": [1], "deleted_at": [None],
                            "is_demo": [False]})
    assert history_frame(uploads)["Waktu"].tolist() == ["1 Desember 2026 06.05 WITA"]


def test_stored_moments_read_on_the_office_clock():
    """A stored UTC moment (naive means UTC) reads in WITA, 8 hours on; a missing one as the dash given."""
    from analytics.views.plain_words import wita_time, wita_words

    assert wita_time(pd.Timestamp("2026-11-30 20:05")) == "1 Desember 2026 04.05 WITA"
    assert wita_time(pd.Timestamp("2026-11-30 20:05", tz="UTC"), "en") == "1 December 2026 04:05 WITA"
    assert wita_time(None, no_data="") == ""
    assert wita_words(pd.Series(["2026-11-30 20:05:00", None])).tolist() == ["1 Desember 2026 04.05 WITA", "—"]
