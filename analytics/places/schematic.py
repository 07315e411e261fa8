"""The schematic map used until an official boundary file is imported: a tile cartogram, one square per desa.

Kecamatan blocks keep their real relative positions as an order, not as distances: they are put in
rows from north to south (by their approximate centres below, for the layout only), and west to east
within a row, in slots as wide as the block or its name, whichever is wider. Each name has its own
strip above its block, so no two names and no name and tile can meet, and the empty forest between
kecamatan is squeezed out, so the tiles fill the frame: at 1280×720 a tile is about 30 px.
The result has the same columns as analytics.places.boundaries.read_boundaries, so every map builder
takes either, and is flagged `schematic=True` (a column and frame.attrs) so pages can say so.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from analytics.places.boundaries import BOUNDARY_COLUMNS
from analytics.places.gazetteer import KABUPATEN_KODE, load_gazetteer

# Approximate kecamatan centres (lat, lon), by name as in the gazetteer; layout only.
KECAMATAN_CENTRES = {
    "Mentarang Hulu": (3.8, 116.2),
    "Malinau Utara": (3.7, 116.5),
    "Malinau Kota": (3.6, 116.7),
    "Mentarang": (3.6, 116.3),
    "Malinau Barat": (3.4, 116.6),
    "Malinau Selatan Hilir": (3.3, 116.5),
    "Sungai Tubu": (3.3, 116.1),
    "Bahau Hulu": (3.1, 115.8),
    "Malinau Selatan": (3.1, 116.5),
    "Malinau Selatan Hulu": (2.9, 116.2),
    "Pujungan": (2.6, 115.6),
    "Kayan Hilir": (2.0, 115.6),
    "Kayan Selatan": (1.7, 115.1),
    "Kayan Hulu": (1.6, 114.8),
    "Sungai Boh": (1.4, 115.3),
}
TILE_DEG = 0.07  # one grid cell (the layout unit), in degrees so the map builders take it like real shapes
TILE_FILL = 0.9  # a tile covers 90 % of its cell, so neighbouring tiles show a gap
SLOTS_PER_ROW = 5  # 15 kecamatan in three rows: the frame's shape suits a 16:9 screen
BLOCK_COLUMNS = 4  # a block is at most four tiles wide (12 desa: three rows)
SLOT_GAP = 0.6  # clear space between two slots, in cells
ROW_GAP = 0.5  # clear space between a row's lowest tile and the next row's names, in cells
# Kecamatan names are drawn at most LABEL_RATIO × the tile's height on screen (analytics.views.maps sizes
# them from the fitted zoom), and the layout reserves their room at that ratio.
LABEL_RATIO = 0.62
CHAR_WIDTH_EM = 0.62  # bold Arial/Helvetica averages below 0.62 em per character
LINE_HEIGHT_EM = 1.25
LONGEST_LINE = 12  # longer names are broken at their last space
ORIGIN = (115.2, 3.9)  # (lon, lat) of the frame's top-left corner: around Malinau, for a sensible map position


def label_lines(name: str) -> list[str]:
    """Return a kecamatan name as one line, or two when long ("Malinau Selatan", "Hilir")."""
    if len(name) <= LONGEST_LINE or " " not in name:
        return [name]
    head, _, tail = name.rpartition(" ")
    return [head, tail]


def label_size_cells(name: str) -> tuple[float, float]:
    """Return (width, height) in cells of a kecamatan name drawn at LABEL_RATIO of a tile."""
    lines = label_lines(name)
    width = max(len(line) for line in lines) * CHAR_WIDTH_EM * LABEL_RATIO + 0.3
    return width, len(lines) * LINE_HEIGHT_EM * LABEL_RATIO


def _block_shape(count: int) -> tuple[int, int]:
    """Return (columns, rows) of a block of count tiles, at most BLOCK_COLUMNS wide."""
    columns = max(1, min(count, BLOCK_COLUMNS))
    return columns, max(1, math.ceil(count / columns))


def _rows_by_position() -> list[list[str]]:
    """Return kecamatan kode in rows north → south, each row west → east."""
    g = load_gazetteer()
    centres = {k: KECAMATAN_CENTRES[n] for k, n in zip(g.kecamatan["kode"], g.kecamatan["nama"])}
    north_first = sorted(centres, key=lambda k: (-centres[k][0], centres[k][1], k))
    rows = [north_first[i:i + SLOTS_PER_ROW] for i in range(0, len(north_first), SLOTS_PER_ROW)]
    return [sorted(row, key=lambda k: (centres[k][1], k)) for row in rows]


def _layout() -> dict[str, dict]:
    """Return kode → {centre (lon, lat), columns, rows, label box} in degrees, rows centred on the widest."""
    g = load_gazetteer()
    names = dict(zip(g.kecamatan["kode"], g.kecamatan["nama"]))
    counts = g.desa.groupby("kode_kecamatan").size()
    rows = _rows_by_position()
    slots = {k: (_block_shape(int(counts.get(k, 0))), label_size_cells(names[k])) for k in names}
    widths = [sum(max(cols, lw) for (cols, _), (lw, _) in (slots[k] for k in row)) + SLOT_GAP * (len(row) - 1)
              for row in rows]
    widest = max(widths)
    layout: dict[str, dict] = {}
    top = 0.0  # in cells, downwards from ORIGIN
    for row, width in zip(rows, widths):
        label_h = max(slots[k][1][1] for k in row)
        tiles_h = max(slots[k][0][1] for k in row)
        x = (widest - width) / 2
        for k in row:
            (cols, n_rows), (lw, lh) = slots[k]
            slot_w = max(cols, lw)
            cx, block_top = x + slot_w / 2, top + label_h
            lon, lat = ORIGIN[0] + cx * TILE_DEG, ORIGIN[1] - (block_top + n_rows / 2) * TILE_DEG
            layout[k] = {"centre": (lon, lat), "columns": cols, "rows": n_rows,
                         "label": (lon - lw / 2 * TILE_DEG, ORIGIN[1] - block_top * TILE_DEG,
                                   lon + lw / 2 * TILE_DEG, ORIGIN[1] - (block_top - lh) * TILE_DEG)}
            x += slot_w + SLOT_GAP
        top += label_h + tiles_h + ROW_GAP
    return layout


def layout_blocks() -> dict[str, tuple[float, float, int, int]]:
    """Return kecamatan kode → (centre lon, centre lat, columns, rows) of its tile block."""
    return {k: (*v["centre"], v["columns"], v["rows"]) for k, v in sorted(_layout().items())}


def kecamatan_label_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Return kecamatan kode → (minx, miny, maxx, maxy) of its name, drawn at LABEL_RATIO of a tile, in degrees."""
    return {k: v["label"] for k, v in sorted(_layout().items())}


def label_anchor(kode: str) -> tuple[float, float]:
    """Return (lon, lat) of the bottom centre of a kecamatan's name (just above its block)."""
    minx, miny, maxx, _ = kecamatan_label_boxes()[kode]
    return (minx + maxx) / 2, miny


def _frame(rows: list[dict]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")
    for column in BOUNDARY_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame = frame[BOUNDARY_COLUMNS]
    frame.attrs["schematic"] = True
    return frame


def schematic_places(level: str = "desa") -> gpd.GeoDataFrame:
    """Return schematic tiles (desa), kecamatan blocks or the kabupaten frame, like read_boundaries."""
    g = load_gazetteer()
    blocks = layout_blocks()
    base = {"derived": True, "schematic": True, "source_file": None, "imported_at": None}
    rows: list[dict] = []
    if level == "desa":
        for kode_kec, desa in g.desa.sort_values("kode").groupby("kode_kecamatan", sort=True):
            lon0, lat0, columns, n_rows = blocks[kode_kec]
            left, top = lon0 - columns * TILE_DEG / 2, lat0 + n_rows * TILE_DEG / 2
            for i, (kode, nama) in enumerate(zip(desa["kode"], desa["nama"])):
                cx = left + (i % columns + 0.5) * TILE_DEG
                cy = top - (i // columns + 0.5) * TILE_DEG
                half = TILE_DEG * TILE_FILL / 2
                rows.append({**base, "kode": kode, "level": "desa", "nama": nama, "kode_kecamatan": kode_kec,
                             "centroid_lat": cy, "centroid_lon": cx,
                             "geometry": box(cx - half, cy - half, cx + half, cy + half)})
    elif level == "kecamatan":
        names = dict(zip(g.kecamatan["kode"], g.kecamatan["nama"]))
        for kode, (lon0, lat0, columns, n_rows) in blocks.items():
            half_w, half_h = columns * TILE_DEG / 2, n_rows * TILE_DEG / 2
            rows.append({**base, "kode": kode, "level": "kecamatan", "nama": names[kode], "kode_kecamatan": kode,
                         "centroid_lat": lat0, "centroid_lon": lon0,
                         "geometry": box(lon0 - half_w, lat0 - half_h, lon0 + half_w, lat0 + half_h)})
    elif level == "kabupaten":
        extent = schematic_places("kecamatan").total_bounds
        pad = TILE_DEG
        frame = box(extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad)
        rows.append({**base, "kode": KABUPATEN_KODE, "level": "kabupaten", "nama": g.kabupaten,
                     "centroid_lat": frame.centroid.y, "centroid_lon": frame.centroid.x, "geometry": frame})
    else:
        raise ValueError(f"unknown level {level!r}")
    return _frame(rows)
