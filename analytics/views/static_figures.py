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
from matplotlib import patheffects  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from analytics.places.gazetteer import load_gazetteer  # noqa: E402
from analytics.views import colours  # noqa: E402
from analytics.views.plain_words import month_label  # noqa: E402

# The dashboard's own palette, so the printed map reads exactly like the screen.
LEVEL_COLOURS: dict[str, str] = dict(colours.BAND_COLORS)
NO_DATA_COLOUR = colours.NO_DATA
BAR_COLOUR = colours.INCIDENT
HIGH_LEVELS = ("Tinggi", "Sangat Tinggi")  # desa named on the printed map
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


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


def is_schematic(boundaries) -> bool:
    """True when the shapes are the schematic tile cartogram (no official boundary file imported)."""
    return bool(boundaries.attrs.get("schematic")) or bool(
        "schematic" in boundaries.columns and boundaries["schematic"].fillna(False).astype(bool).all())


def draw_risk_map(levels: pd.DataFrame, boundaries, title: str = "", kecamatan: tuple[str, ...] = ()) -> Figure:
    """Return a map figure: each desa coloured by its risk level (`kode`, `tingkat`, optional `skor`), kecamatan
    named, and the desa at Tinggi or above named too; no two names overlap.

    Official shapes: desa names placed beside their area (one that would overlap another is left out).
    Schematic tiles (as on the screen): kecamatan names in the space the layout keeps above each block, and
    the Tinggi-and-above desa (of the kecamatan filter, when given) numbered on their tile, highest skor first,
    with a numbered key, as on the screen.
    `boundaries` is a GeoDataFrame with `kode` and `geometry` (official or schematic), or None.
    """
    if boundaries is None or len(boundaries) == 0:
        return _message_figure("Batas wilayah belum tersedia: peta tidak dapat digambar.", (7, 5))
    schematic = is_schematic(boundaries)
    shapes = boundaries[["kode", "geometry"]].merge(levels[["kode", "tingkat"]], on="kode", how="left")
    shapes["colour"] = shapes["tingkat"].map(LEVEL_COLOURS).fillna(NO_DATA_COLOUR)
    fig = Figure(figsize=(10, 6.5) if schematic else (8, 6.5))
    FigureCanvasAgg(fig)  # a canvas of its own: label sizes are measured before the figure is saved
    ax = fig.add_subplot()
    shapes.plot(ax=ax, color=shapes["colour"], edgecolor=colours.PLACE_EDGE, linewidth=0.4)
    areas = shapes.assign(kode_kecamatan=shapes["kode"].str[:8]).dissolve("kode_kecamatan")
    if not schematic:
        areas.boundary.plot(ax=ax, color=colours.KECAMATAN_EDGE, linewidth=1.2)
    ax.set_axis_off()
    ax.set_aspect("equal")
    key = _number_tiles(ax, levels, boundaries, kecamatan) if schematic else []
    if schematic:
        _label_blocks(ax, areas.index)
    else:
        _label_places(fig, ax, shapes, areas)
    present = [level for level in LEVEL_COLOURS if level in set(shapes["tingkat"].dropna())]
    handles = [Patch(facecolor=LEVEL_COLOURS[level], edgecolor="#444444", label=level) for level in present]
    if shapes["tingkat"].isna().any():
        handles.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#444444", label="Tanpa skor"))
    if handles:
        legend = ax.legend(handles=handles, title="Tingkat risiko", loc="upper left", bbox_to_anchor=(1.0, 1.0),
                           fontsize=10, title_fontsize=11)
        ax.add_artist(legend)
    if key:
        ax.legend(handles=[Patch(visible=False)] * len(key), labels=key, title="Desa Tinggi ke atas", loc="upper left",
                  bbox_to_anchor=(1.0, 0.55), fontsize=9, title_fontsize=10, handlelength=0, handletextpad=0)
    if title:
        ax.set_title(title, fontsize=12)
    return fig


def _number_tiles(ax, levels: pd.DataFrame, tiles, kecamatan: tuple[str, ...]) -> list[str]:
    """Write 1, 2, … on the tiles of the Tinggi-and-above desa (highest skor first); return the key's lines."""
    from analytics.views.callouts import high_desa_callouts

    scores = levels.assign(kode_kecamatan=levels["kode"].str[:8])
    if "skor" not in scores.columns:
        scores["skor"] = 0.0
    numbered = high_desa_callouts(scores, tiles, kecamatan)
    for no, lon, lat in zip(numbered["no"], numbered["lon"], numbered["lat"]):
        ax.text(lon, lat, str(no), fontsize=8, fontweight="bold", ha="center", va="center", color="white")
    return [f"{no}  {nama}" for no, nama in zip(numbered["no"], numbered["nama"])]


def _label_blocks(ax, codes) -> None:
    """Write each kecamatan's name in the space the schematic layout keeps above its block (never over a tile)."""
    from analytics.places.schematic import label_anchor, label_lines

    names = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    for code in codes:
        lon, lat = label_anchor(code)
        ax.text(lon, lat, "\n".join(label_lines(names.get(code, code))), fontsize=7.5, fontweight="bold",
                ha="center", va="bottom", color=colours.LABEL, linespacing=1.0)


def _label_places(fig: Figure, ax, shapes, kecamatan) -> list:
    """Write kecamatan names (bold) and the names of Tinggi-and-above desa; return the labels kept.

    Each label goes to its area's representative point, or is nudged next to it; one that would still overlap
    a label already placed is dropped, so no two names ever cover each other (kecamatan are placed first).
    """
    gazetteer = load_gazetteer()
    kec_names = dict(zip(gazetteer.kecamatan["kode"], gazetteer.kecamatan["nama"]))
    desa_names = dict(zip(gazetteer.desa["kode"], gazetteer.desa["nama"]))
    wanted = [(kec_names.get(code, code), row.geometry.representative_point(), 9, "bold")
              for code, row in kecamatan.iterrows()]
    high = shapes[shapes["tingkat"].isin(HIGH_LEVELS)]
    wanted += [(desa_names.get(row.kode, row.kode), row.geometry.representative_point(), 7.5, "normal")
               for row in high.itertuples()]
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    placed, boxes = [], []
    for text, point, size, weight in wanted:
        label = ax.text(point.x, point.y, text, fontsize=size, fontweight=weight, ha="center", va="center",
                        color=colours.LABEL, path_effects=HALO)
        box = label.get_window_extent(renderer=renderer).expanded(1.05, 1.1)
        # Try the point itself, then nudges of one label height up/down and half a width sideways.
        (x0, y0), (x1, y1) = to_data.transform([(0, 0), (box.width / 2, box.height)])
        for dx, dy in ((0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)):
            moved = box.translated(dx * box.width / 2, dy * box.height)
            if not any(moved.overlaps(other) for other in boxes):
                label.set_position((point.x + dx * (x1 - x0), point.y + dy * (y1 - y0)))
                placed.append(label)
                boxes.append(moved)
                break
        else:
            label.remove()
    return placed


def draw_trend_chart(trend: pd.DataFrame, title: str = "") -> Figure:
    """Return a bar chart of kejadian per month from `bulan` (Timestamp) and `jumlah` columns."""
    if trend is None or trend.empty:
        return _message_figure("Belum ada kejadian pada periode ini.", (8, 3.5))
    fig = Figure(figsize=(8, 3.5))
    ax = fig.add_subplot()
    labels = [month_label(month) for month in trend["bulan"]]  # "Mei 2025", as on the screen
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
