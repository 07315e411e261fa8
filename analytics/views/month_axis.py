"""Indonesian month names on every time axis: tick texts set by us, never Plotly's English defaults."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from analytics.views.plain_words import month_label

MAX_TICKS = 12
HOVER_FORMAT = "%d/%m/%Y"  # numbers only: d3's month names would be English


def month_ticks_between(x_min, x_max, lang: str = "id", max_ticks: int = MAX_TICKS) -> tuple[list, list[str]]:
    """Return (tick values, texts) at month starts from x_min to x_max, every k-th month so at most max_ticks;
    the year is written on the first tick and on each January."""
    lo, hi = pd.Timestamp(x_min), pd.Timestamp(x_max)
    months = pd.date_range(lo.to_period("M").start_time, hi, freq="MS")
    inside = months[months >= lo]
    # A tick before the first point would fall off the axis and take the year written on it along.
    months = inside if len(inside) else months[:1]
    if len(months) == 0:
        return [], []
    step = max(1, math.ceil(len(months) / max_ticks))
    chosen = list(months[::step])
    texts = [month_label(m, lang, year=i == 0 or m.month == 1) for i, m in enumerate(chosen)]
    return chosen, texts


def set_month_axis(fig: go.Figure, x_min, x_max, lang: str = "id") -> go.Figure:
    """Put Indonesian month ticks and a numeric hover date on every x axis of fig; return fig."""
    if pd.isna(x_min) or pd.isna(x_max):
        return fig
    values, texts = month_ticks_between(x_min, x_max, lang)
    fig.update_xaxes(tickmode="array", tickvals=values, ticktext=texts, hoverformat=HOVER_FORMAT)
    return fig
