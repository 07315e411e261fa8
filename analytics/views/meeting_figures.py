"""Mode Rapat's trend: monthly totals as bars, election stages shaded, vote days marked, and the categories
that moved most — one message per screen. Pure functions (no Streamlit); month names set offline."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.views.figures import empty_figure
from analytics.views.plain_words import change_words, month_ticks

BAR_IN_PERIOD, BAR_BEFORE = "#0B4F8A", "#8FB3D9"  # the period's months dark, the year before lighter
STAGE_FILL = "rgba(230, 159, 0, 0.30)"  # strong enough to survive a washed-out projector
VOTE_LINE = "#B2182B"
ROOM_FONT = dict(family="sans-serif", size=24, color="#111111")
TREND_MONTHS = 12


def trend_window(start, end, months: int = TREND_MONTHS) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return (first day, last day) of the months-long window of whole months that ends with end's month."""
    last = pd.Timestamp(end)
    first = (last.to_period("M") - (months - 1)).start_time
    return min(first, pd.Timestamp(start).to_period("M").start_time), last


def monthly_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """Return periode, jumlah: the kejadian of all groups per month of a count_incidents table."""
    if counts.empty:
        return pd.DataFrame({"periode": pd.Series(dtype="datetime64[ns]"), "jumlah": pd.Series(dtype="int64")})
    return counts.groupby("periode", as_index=False)["jumlah"].sum()


def top_movers(now: pd.DataFrame, before: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Return at most n kategori whose count changed most against the previous period (kelompok, kini, sebelum,
    selisih), largest change first; unchanged kategori are left out."""
    current = now.groupby("kelompok")["jumlah"].sum() if not now.empty else pd.Series(dtype="int64")
    previous = before.groupby("kelompok")["jumlah"].sum() if not before.empty else pd.Series(dtype="int64")
    table = pd.DataFrame({"kini": current, "sebelum": previous}).fillna(0).astype("int64")
    table["selisih"] = table["kini"] - table["sebelum"]
    table = table[table["selisih"] != 0]
    order = table["selisih"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].head(n).rename_axis("kelompok").reset_index()


def mover_lines(movers: pd.DataFrame, labels: dict[str, str], lang: str = "id") -> list[str]:
    """Return one plain line per mover: "Sengketa lahan: 6 (naik 4)"."""
    return [f"{labels.get(k, k)}: {kini} ({change_words(d, lang)})"
            for k, kini, d in zip(movers["kelompok"], movers["kini"], movers["selisih"])]


def _visible(bands: pd.DataFrame | None, lo: pd.Timestamp, hi: pd.Timestamp) -> pd.DataFrame:
    if bands is None or bands.empty:
        return pd.DataFrame(columns=["mulai", "selesai", "selesai_eksklusif", "pemilihan", "is_vote"])
    end = bands.get("selesai_eksklusif", bands["selesai"])
    return bands[(bands["mulai"] <= hi) & (end >= lo)]


def meeting_trend_figure(totals: pd.DataFrame, bands: pd.DataFrame | None, period: tuple, lang: str = "id",
                         empty_message: str = "Tidak ada kejadian", height: int = 420) -> tuple[go.Figure, list[str]]:
    """Return (figure, items drawn): monthly bars (the period's months dark), stages shaded, vote days as red lines.

    items drawn is a subset of ["bars", "stages", "votes"], so the caption names only what is on screen.
    """
    if totals.empty or totals["jumlah"].sum() == 0:
        return empty_figure(empty_message), []
    months = pd.to_datetime(totals["periode"])
    lo, hi = months.min(), months.max() + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)
    start, end = pd.Timestamp(period[0]).to_period("M").start_time, pd.Timestamp(period[1])
    colours = [BAR_IN_PERIOD if start <= m <= end else BAR_BEFORE for m in months]
    # Bars centred mid-month so that stage shading and vote lines fall on the right day of the month.
    middle = months + pd.Timedelta(days=14)
    fig = go.Figure(go.Bar(x=middle, y=totals["jumlah"], marker_color=colours, text=totals["jumlah"],
                           textposition="outside", textfont=dict(size=24), cliponaxis=False,
                           hovertemplate="%{y}<extra></extra>", width=24 * 86400000))
    drawn = ["bars"]
    visible = _visible(bands, lo, hi)
    stages = visible[~visible["is_vote"].astype(bool)].drop_duplicates(["mulai", "selesai"])
    for _, stage in stages.iterrows():
        fig.add_vrect(x0=max(stage["mulai"], lo), x1=min(stage.get("selesai_eksklusif", stage["selesai"]), hi),
                      fillcolor=STAGE_FILL, line_width=0, layer="below")
    if not stages.empty:
        drawn.append("stages")
    votes = visible[visible["is_vote"].astype(bool)].drop_duplicates(["mulai"])
    for _, vote in votes.iterrows():
        fig.add_vline(x=vote["mulai"], line=dict(color=VOTE_LINE, width=4))
        fig.add_annotation(x=vote["mulai"], y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=str(vote["pemilihan"]), font=dict(color=VOTE_LINE, size=24))
    if not votes.empty:
        drawn.append("votes")
    values, texts = month_ticks(list(months), lang)
    fig.update_xaxes(tickmode="array", tickvals=[v + pd.Timedelta(days=14) for v in values], ticktext=texts,
                     range=[lo, hi], tickfont=dict(size=24), showgrid=False, automargin=True)
    top = float(totals["jumlah"].max())
    fig.update_yaxes(range=[0, top * 1.25 + 1], showticklabels=False, showgrid=False, zeroline=True)
    fig.update_layout(font=ROOM_FONT, height=height, showlegend=False, bargap=0.15, paper_bgcolor="#FFFFFF",
                      plot_bgcolor="#FFFFFF", margin=dict(l=10, r=10, t=44, b=10))
    return fig, drawn


def caption_keys(drawn: list[str]) -> list[str]:
    """Return the i18n keys of the caption sentences for the items drawn (never one for an item not drawn)."""
    keys = {"bars": "trend_cap_bars", "stages": "trend_cap_stages", "votes": "trend_cap_votes"}
    return [keys[item] for item in drawn]
