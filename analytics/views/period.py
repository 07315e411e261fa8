"""The default period of every view: the latest complete month (or week) of the data actually stored.

Pure functions (no Streamlit). Demo rows count only while no real upload exists, so a real May 2023
report shows at once after it is uploaded instead of hiding behind the demo's later dates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd

WITA = timezone(timedelta(hours=8))  # Malinau's clock; the server runs in UTC
QUARTER_MONTHS = 3
QUARTER_WEEKS = 13


def today_wita(now: datetime | None = None) -> date:
    """Return today's date in Malinau (UTC+8), whatever the server's clock zone."""
    return (now or datetime.now(timezone.utc)).astimezone(WITA).date()


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
