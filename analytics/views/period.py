"""The default period of every view: the latest complete month (or week) of the data actually stored.

Pure functions (no Streamlit). Demo rows count only while no real upload exists, so a real May 2023
report shows at once after it is uploaded instead of hiding behind the demo's later dates.

Periods are also bounded: a period from the URL (?dari=…&sampai=…) or a date widget comes from anyone;
unclamped, year 1 overflows pandas and a thousand-year range makes a page score centuries of empty weeks,
so every period is clamped into the data's span (`data_span`, `clamp_period`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

EARLIEST = date(2000, 1, 1)  # validation refuses earlier kejadian (analytics.validate.EARLIEST_DATE)
MIN_SPAN_DAYS = 365  # with little or no data, the last year stays selectable
QUARTER_MONTHS = 3
QUARTER_WEEKS = 13


def _month_end(day: date) -> date:
    return (pd.Timestamp(day) + pd.offsets.MonthEnd(0)).date()


def latest_data_day(incidents: pd.DataFrame, reports: pd.DataFrame | None = None) -> date | None:
    """Return the last day with stored data (kejadian dates and report periods); real data only once any exists."""
    days: list[pd.Series] = []
    frames = [(incidents, "tanggal"), (reports, "periode_akhir")]
    real_exists = any(f is not None and not f.empty and "is_demo" in f and (~f["is_demo"]).any() for f, _ in frames)
    for frame, column in frames:
        if frame is None or frame.empty or column not in frame:
            continue
        chosen = frame[~frame["is_demo"]] if real_exists and "is_demo" in frame else frame
        days.append(pd.to_datetime(chosen[column]))
    values = pd.concat(days).dropna() if days else pd.Series(dtype="datetime64[ns]")
    return None if values.empty else values.max().date()


def complete_period(last_day: date | None, today: date) -> tuple[date, date]:
    """Return (start, end): the three months up to the month of last_day once that month is over, else 13 weeks
    up to the latest Sunday that is both past and not before the data's week."""
    anchor = min(last_day or today, today)
    month_end = _month_end(anchor)
    if month_end < today:
        first = (pd.Timestamp(month_end) - pd.offsets.MonthBegin(QUARTER_MONTHS)).date()
        return first, month_end
    sunday_of_data = anchor + timedelta(days=6 - anchor.weekday())
    last_past_sunday = today - timedelta(days=today.weekday() + 1)
    end = sunday_of_data if sunday_of_data < today else last_past_sunday
    return end - timedelta(weeks=QUARTER_WEEKS) + timedelta(days=1), end


def default_period(incidents: pd.DataFrame, reports: pd.DataFrame | None, today: date) -> tuple[date, date]:
    """Return the filters' default period for the stored data (see complete_period)."""
    return complete_period(latest_data_day(incidents, reports), today)


def upload_period(dates: pd.Series) -> tuple[date, date] | None:
    """Return (first day, last day) of an upload's dates, or None when it has none."""
    values = pd.to_datetime(dates, errors="coerce").dropna()
    return None if values.empty else (values.min().date(), values.max().date())


def data_span(incidents: pd.DataFrame, today: date) -> tuple[date, date]:
    """Return (first, last) selectable day: the data's first and last kejadian, widened to today and a year back."""
    first, last = today - timedelta(days=MIN_SPAN_DAYS), today
    if not incidents.empty:
        dates = pd.to_datetime(incidents["tanggal"])
        first = min(first, dates.min().date())
        last = max(last, dates.max().date())
    return max(first, EARLIEST), last


def clamp_day(day: date, span: tuple[date, date]) -> date:
    """Return day moved inside span (the nearest end when outside)."""
    return min(max(day, span[0]), span[1])


def clamp_period(start: date, end: date, span: tuple[date, date]) -> tuple[date, date]:
    """Return (start, end) inside span, in order: a reversed period is swapped, an outside one clamped."""
    start, end = sorted((clamp_day(start, span), clamp_day(end, span)))
    return start, end
