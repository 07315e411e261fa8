"""The span of dates a period filter may take, and clamping a requested period into it.

A period comes from the URL (?dari=…&sampai=…) or a date widget, i.e. from anyone. Unclamped, year 1
overflows date arithmetic and 1700–2199 makes every chart work through five centuries of empty days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

EARLIEST = date(2000, 1, 1)  # validation refuses earlier kejadian (analytics.validate.EARLIEST_DATE)
MIN_SPAN_DAYS = 365  # with little or no data, the last year stays selectable


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
