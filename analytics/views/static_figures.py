"""Static PNG images for the Bahan Rakor export, drawn with matplotlib (offline, no browser).

Plotly's static export (kaleido) downloads a Chrome build on first use, which the meeting-room
server and the office's Windows PCs cannot do without internet; matplotlib ships as plain wheels
and draws from the same data. Figures are built on `matplotlib.figure.Figure` directly, never
through pyplot, so that concurrent dashboard sessions do not share pyplot's global state.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display on the server; must precede any backend use

import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

# The dashboard's risk colours (light to dark), so the printed map reads like the screen.
LEVEL_COLOURS: dict[str, str] = {
    "Rendah": "#fee8c8",
    "Sedang": "#fdbb84",
    "Tinggi": "#e34a33",
    "Sangat Tinggi": "#7f0000",
}
NO_DATA_COLOUR = "#d9d9d9"
BAR_COLOUR = "#2c7fb8"


def render_png(fig: Figure, dpi: int = 150) -> bytes:
    """Return the figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def _message_figure(text: str, size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#555555", wrap=True)
    return fig


def draw_risk_map(levels: pd.DataFrame, boundaries, title: str = "") -> Figure:
    """Return a map figure: each desa polygon coloured by its risk level (`kode`, `tingkat`).

    `boundaries` is a GeoDataFrame with `kode` and `geometry` (official or schematic), or None.
    """
    if boundaries is None or len(boundaries) == 0:
        return _message_figure("Batas wilayah belum tersedia: peta tidak dapat digambar.", (7, 5))
    shapes = boundaries[["kode", "geometry"]].merge(levels[["kode", "tingkat"]], on="kode", how="left")
    shapes["colour"] = shapes["tingkat"].map(LEVEL_COLOURS).fillna(NO_DATA_COLOUR)
    fig = Figure(figsize=(7, 6))
    ax = fig.add_subplot()
    shapes.plot(ax=ax, color=shapes["colour"], edgecolor="#444444", linewidth=0.4)
    ax.set_axis_off()
    ax.set_aspect("equal")
    present = [level for level in LEVEL_COLOURS if level in set(shapes["tingkat"].dropna())]
    handles = [Patch(facecolor=LEVEL_COLOURS[level], edgecolor="#444444", label=level) for level in present]
    if shapes["tingkat"].isna().any():
        handles.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#444444", label="Tanpa skor"))
    if handles:
        ax.legend(handles=handles, title="Tingkat risiko", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, title_fontsize=10)
    if title:
        ax.set_title(title, fontsize=12)
    return fig


def draw_trend_chart(trend: pd.DataFrame, title: str = "") -> Figure:
    """Return a bar chart of kejadian per month from `bulan` (Timestamp) and `jumlah` columns."""
    if trend is None or trend.empty:
        return _message_figure("Belum ada kejadian pada periode ini.", (8, 3.5))
    fig = Figure(figsize=(8, 3.5))
    ax = fig.add_subplot()
    labels = [pd.Timestamp(month).strftime("%m/%Y") for month in trend["bulan"]]
    ax.bar(range(len(labels)), trend["jumlah"], color=BAR_COLOUR)
    # Show at most ~12 month labels so they never overlap on a projector.
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("Jumlah kejadian")
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if title:
        ax.set_title(title, fontsize=12)
    return fig
