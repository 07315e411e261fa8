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
HALO = [patheffects.withStroke(linewidth=3, foreground="white")]
# Where a name may go, nearest first: its point, then one to three label heights / half widths away.
NUDGES = [(0, 0)] + [(dx * ring, dy * ring) for ring in (1, 2, 3)
                     for dx, dy in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))]


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

    As on the screen, the Tinggi-and-above desa (of the kecamatan filter, when given) are numbered on their
    area, highest skor first, with a key naming them. Kecamatan names: on schematic tiles in the space the
    layout keeps above each block; on official shapes at their area, nudged off the numbers and each other.
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
    numbers, key = _number_desa(fig, ax, levels, boundaries, kecamatan)
    present = [level for level in LEVEL_COLOURS if level in set(shapes["tingkat"].dropna())]
    handles = [Patch(facecolor=LEVEL_COLOURS[level], edgecolor="#444444", label=level) for level in present]
    if shapes["tingkat"].isna().any():
        handles.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#444444", label="Tanpa skor"))
    legends = []
    if handles:
        legends.append(ax.legend(handles=handles, title="Tingkat risiko", loc="upper left", bbox_to_anchor=(1.0, 1.0),
                                 fontsize=10, title_fontsize=11))
        if key:
            ax.add_artist(legends[-1])  # kept when the key below becomes the axes' legend
    if key:
        legends.append(ax.legend(handles=[Patch(visible=False)] * len(key), labels=key, title="Desa Tinggi ke atas",
                                 loc="upper left", bbox_to_anchor=(1.0, 0.55), fontsize=9, title_fontsize=10,
                                 handlelength=0, handletextpad=0))
    if schematic:
        _label_blocks(ax, areas.index)
    else:
        renderer = fig.canvas.get_renderer()
        taken = [artist.get_window_extent(renderer=renderer) for artist in [*numbers, *legends]]
        _label_places(fig, ax, areas, taken)
    if title:
        ax.set_title(title, fontsize=12)
    return fig


def _number_desa(fig: Figure, ax, levels: pd.DataFrame, places, kecamatan: tuple[str, ...]) -> tuple[list, list[str]]:
    """Write 1, 2, … on the Tinggi-and-above desa (highest skor first); return (the number texts, the key's lines).

    A number that would cover another is moved beside its desa, with a thin line back to it."""
    from analytics.views.callouts import high_desa_callouts

    scores = levels.assign(kode_kecamatan=levels["kode"].str[:8])
    if "skor" not in scores.columns:
        scores["skor"] = 0.0
    if not {"centroid_lon", "centroid_lat"} <= set(places.columns):
        points = places.geometry.representative_point()
        places = places.assign(centroid_lon=points.x, centroid_lat=points.y)
    if "nama" not in places.columns:
        gazetteer = load_gazetteer()
        places = places.assign(nama=places["kode"].map(dict(zip(gazetteer.desa["kode"], gazetteer.desa["nama"]))))
    numbered = high_desa_callouts(scores, places, kecamatan)
    renderer = fig.canvas.get_renderer()
    texts, boxes = [], []
    for no, lon, lat in zip(numbered["no"], numbered["lon"], numbered["lat"]):
        text = ax.text(lon, lat, str(no), fontsize=8, fontweight="bold", ha="center", va="center", color="white",
                       path_effects=[patheffects.withStroke(linewidth=2, foreground=colours.LABEL)])
        box = text.get_window_extent(renderer=renderer).expanded(1.3, 1.2)
        moved = _nudge(ax, text, box, boxes) or box  # nowhere free (never seen): stays on its desa
        if text.get_position() != (lon, lat):  # moved beside its desa: a thin line back to it
            x, y = text.get_position()
            ax.plot([lon, x], [lat, y], color=colours.LABEL, linewidth=0.6, zorder=text.get_zorder() - 0.1)
        boxes.append(moved)
        texts.append(text)
    return texts, [f"{no}  {nama}" for no, nama in zip(numbered["no"], numbered["nama"])]


def _label_blocks(ax, codes) -> None:
    """Write each kecamatan's name in the space the schematic layout keeps above its block (never over a tile)."""
    from analytics.places.schematic import label_anchor, label_lines

    names = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    for code in codes:
        lon, lat = label_anchor(code)
        ax.text(lon, lat, "\n".join(label_lines(names.get(code, code))), fontsize=7.5, fontweight="bold",
                ha="center", va="bottom", color=colours.LABEL, linespacing=1.0)


def _label_places(fig: Figure, ax, kecamatan, taken: list) -> list:
    """Write the kecamatan names (bold) on official shapes; return the labels kept.

    Each name goes to its area's representative point, or is nudged next to it; one that would still overlap
    a desa number, a legend or a name already placed is dropped, so nothing written ever covers anything else.
    """
    kec_names = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    renderer = fig.canvas.get_renderer()
    placed = []
    boxes = [box.expanded(1.1, 1.1) for box in taken]
    for code, row in kecamatan.iterrows():
        point = row.geometry.representative_point()
        label = ax.text(point.x, point.y, kec_names.get(code, code), fontsize=9, fontweight="bold", ha="center",
                        va="center", color=colours.LABEL, path_effects=HALO)
        moved = _nudge(ax, label, label.get_window_extent(renderer=renderer).expanded(1.05, 1.1), boxes)
        if moved is None:
            label.remove()
            continue
        placed.append(label)
        boxes.append(moved)
    return placed


def _nudge(ax, text, box, taken: list):
    """Move text to the first free spot of NUDGES around where it stands (in half widths and heights of its
    display box) and return its box there; None, text unmoved, when every spot meets a box already taken."""
    to_data = ax.transData.inverted()
    (x0, y0), (x1, y1) = to_data.transform([(0, 0), (box.width / 2, box.height)])
    x, y = text.get_position()
    for dx, dy in NUDGES:
        moved = box.translated(dx * box.width / 2, dy * box.height)
        if not any(moved.overlaps(other) for other in taken):
            text.set_position((x + dx * (x1 - x0), y + dy * (y1 - y0)))
            return moved
    return None


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
