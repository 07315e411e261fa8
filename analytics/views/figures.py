"""Plotly figures of the dashboard, as pure functions of frames (no Streamlit, nothing fetched online)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.views.month_axis import set_month_axis

# Colour-blind-safe (Okabe–Ito) plus greys: enough for the 11 kategori and distinct on a projector.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#000000", "#F0E442", "#8C564B", "#7F7F7F", "#B07AA1",
)
BAND_FILL = "rgba(230, 159, 0, 0.15)"
VOTE_LINE = "#B2182B"
FONT = dict(family="sans-serif", size=14, color="#111111")


def empty_figure(message: str) -> go.Figure:
    """Return a blank figure that says message in the middle (no axes)."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=18))
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), font=FONT, height=320)
    return fig


def _visible_bands(bands: pd.DataFrame | None, x_min: pd.Timestamp, x_max: pd.Timestamp) -> pd.DataFrame:
    # Only stages overlapping the plotted span: others would stretch the x axis out to them.
    if bands is None or bands.empty:
        return pd.DataFrame(columns=["mulai", "selesai", "selesai_eksklusif", "tahap", "pemilihan", "is_vote"])
    end = bands.get("selesai_eksklusif", bands["selesai"])
    return bands[(bands["mulai"] <= x_max) & (end >= x_min)]


def add_election_marks(fig: go.Figure, bands: pd.DataFrame | None, x_min, x_max, facets: bool = False) -> go.Figure:
    """Shade each election stage (add_vrect) and draw each vote day (add_vline) inside [x_min, x_max]."""
    visible = _visible_bands(bands, pd.Timestamp(x_min), pd.Timestamp(x_max))
    where = dict(row="all", col="all") if facets else {}
    stages = visible[~visible["is_vote"]].drop_duplicates(["mulai", "selesai", "tahap"])
    for _, stage in stages.iterrows():
        end = stage.get("selesai_eksklusif", stage["selesai"])
        fig.add_vrect(x0=stage["mulai"], x1=end, fillcolor=BAND_FILL, line_width=0, layer="below", **where)
    votes = visible[visible["is_vote"]].drop_duplicates(["mulai"])
    for _, vote in votes.iterrows():
        fig.add_vline(x=vote["mulai"], line=dict(color=VOTE_LINE, width=2, dash="dash"), **where)
        if not facets:
            fig.add_annotation(
                x=vote["mulai"], y=1, yref="paper", text=str(vote["pemilihan"]), showarrow=False,
                yanchor="bottom", font=dict(color=VOTE_LINE, size=12),
            )
    return fig


def trend_figure(
    counts: pd.DataFrame,
    bands: pd.DataFrame | None = None,
    previous: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    empty_message: str = "Tidak ada kejadian pada periode ini",
) -> go.Figure:
    """Return kejadian per period as one line per kelompok, election stages shaded, vote days marked.

    counts: periode, kelompok, jumlah (analytics.summary.count_incidents); previous: the same shape for
    the span before, drawn as one dotted total line shifted onto this span; labels: kelompok → label.
    """
    if counts.empty or counts["jumlah"].sum() == 0:
        return empty_figure(empty_message)
    labels = labels or {}
    fig = go.Figure()
    for i, (group, rows) in enumerate(counts.groupby("kelompok", sort=True)):
        fig.add_trace(
            go.Scatter(
                x=rows["periode"], y=rows["jumlah"], mode="lines+markers", name=labels.get(group, str(group)),
                line=dict(color=PALETTE[i % len(PALETTE)], width=2),
            )
        )
    if previous is not None and not previous.empty:
        totals = previous.groupby("periode")["jumlah"].sum().reset_index()
        shift = counts["periode"].min() - totals["periode"].min()
        fig.add_trace(
            go.Scatter(
                x=totals["periode"] + shift, y=totals["jumlah"], mode="lines", name=labels.get("_sebelum", "Periode sebelumnya (total)"),
                line=dict(color="#555555", width=2, dash="dot"),
            )
        )
    add_election_marks(fig, bands, counts["periode"].min(), counts["periode"].max())
    set_month_axis(fig, counts["periode"].min(), counts["periode"].max())
    fig.update_layout(font=FONT, hovermode="x unified", legend=dict(orientation="h", y=-0.2), height=420,
                      margin=dict(t=40, r=10, l=10, b=10), yaxis=dict(rangemode="tozero", title=labels.get("_y", "Kejadian"), automargin=True))
    return fig


def facet_figure(
    counts: pd.DataFrame,
    bands: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    columns: int = 3,
    empty_message: str = "Tidak ada kejadian pada periode ini",
) -> go.Figure:
    """Return small multiples: one panel per kelompok (e.g. kecamatan), shared axes, election marks in each."""
    if counts.empty or counts["jumlah"].sum() == 0:
        return empty_figure(empty_message)
    labels = labels or {}
    groups = sorted(counts["kelompok"].unique())
    rows = -(-len(groups) // columns)
    fig = make_subplots(
        rows=rows, cols=columns, shared_xaxes=True, shared_yaxes=True,
        subplot_titles=[labels.get(g, str(g)) for g in groups], vertical_spacing=0.08,
    )
    for i, group in enumerate(groups):
        part = counts[counts["kelompok"] == group]
        fig.add_trace(
            go.Bar(x=part["periode"], y=part["jumlah"], marker_color=PALETTE[0], name=labels.get(group, str(group)),
                   showlegend=False),
            row=i // columns + 1, col=i % columns + 1,
        )
    add_election_marks(fig, bands, counts["periode"].min(), counts["periode"].max(), facets=True)
    set_month_axis(fig, counts["periode"].min(), counts["periode"].max())
    fig.update_layout(font=FONT, height=max(260, 190 * rows), margin=dict(t=40, r=10, l=10, b=10))
    return fig


def comparison_figure(
    now: pd.Series, before: pd.Series, labels: dict[str, str] | None = None, names: tuple[str, str] = ("Periode ini", "Periode sebelumnya"),
    empty_message: str = "Tidak ada kejadian pada kedua periode",
) -> go.Figure:
    """Return grouped horizontal bars: kejadian per kelompok this period vs the previous equal period."""
    groups = sorted(set(now.index) | set(before.index))
    if not groups or (now.sum() == 0 and before.sum() == 0):
        return empty_figure(empty_message)
    labels = labels or {}
    y = [labels.get(g, str(g)) for g in groups]
    fig = go.Figure(
        [
            go.Bar(y=y, x=before.reindex(groups, fill_value=0), name=names[1], orientation="h", marker_color="#999999"),
            go.Bar(y=y, x=now.reindex(groups, fill_value=0), name=names[0], orientation="h", marker_color=PALETTE[0]),
        ]
    )
    fig.update_layout(barmode="group", font=FONT, height=max(260, 40 * len(groups) + 80),
                      legend=dict(orientation="h", y=-0.15), margin=dict(t=20, r=10, l=10, b=10))
    return fig


def score_figure(
    series: pd.DataFrame, components: list[str], labels: dict[str, str] | None = None,
    thresholds: dict[str, float] | None = None, empty_message: str = "Belum ada skor untuk tempat ini",
) -> go.Figure:
    """Return the risk score over time (thick line) with its components (thin lines) and band thresholds.

    series: one row per date with columns tanggal, skor and each component (0–100).
    """
    if series.empty:
        return empty_figure(empty_message)
    labels = labels or {}
    fig = go.Figure()
    for i, name in enumerate(c for c in components if c in series.columns):
        fig.add_trace(go.Scatter(x=series["tanggal"], y=series[name], mode="lines", name=labels.get(name, name),
                                 line=dict(color=PALETTE[(i + 1) % len(PALETTE)], width=1.5)))
    fig.add_trace(go.Scatter(x=series["tanggal"], y=series["skor"], mode="lines", name=labels.get("skor", "Skor"),
                             line=dict(color="#111111", width=4)))
    for band, value in (thresholds or {}).items():
        fig.add_hline(y=value, line=dict(color="#888888", width=1, dash="dot"), annotation_text=band,
                      annotation_position="top left")
    set_month_axis(fig, series["tanggal"].min(), series["tanggal"].max())
    fig.update_layout(font=FONT, yaxis=dict(range=[0, 100]), height=420, hovermode="x unified",
                      legend=dict(orientation="h", y=-0.2), margin=dict(t=20, r=10, l=10, b=10))
    return fig


def projector_figure(fig: go.Figure, height: int = 560) -> go.Figure:
    """Return fig restyled for Mode Rapat: large near-black type on white, thicker lines, taller."""
    fig.update_layout(font=dict(family="sans-serif", size=24, color="#111111"), height=height,
                      paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF", legend=dict(font=dict(size=22)))
    fig.update_traces(selector=dict(type="scatter"), line=dict(width=4))
    fig.update_xaxes(gridcolor="#DDDDDD", tickfont=dict(size=22), automargin=True)
    fig.update_yaxes(gridcolor="#DDDDDD", tickfont=dict(size=22), automargin=True)
    fig.update_layout(margin=dict(l=20, r=20, t=50, b=20))
    return fig
