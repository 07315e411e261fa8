"""The schematic map used until an official boundary file is imported: one square tile per desa.

Desa tiles are grouped by kecamatan in compact blocks; each block starts at the kecamatan's
approximate centre (below, for the layout only: these are not survey coordinates) and blocks that
would overlap are pushed apart, deterministically, until none do. The result has the same columns
as analytics.boundaries.read_boundaries, so every map builder takes either, and is flagged
`schematic=True` (a column and frame.attrs) so pages can say "peta skematis, bukan batas resmi".
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
TILE_DEG = 0.07  # one grid cell (≈ 8 km): a tile stays clickable when all of Malinau is on screen
TILE_FILL = 0.9  # a tile covers 90 % of its cell, so neighbouring tiles show a gap
BLOCK_GAP_DEG = 0.04  # the least clear space between two kecamatan blocks
# Room kept above each block for its kecamatan name (≈ 13 px at the overview zoom, where 1° ≈ 220 px).
LABEL_DEG = 0.06
MAX_PASSES = 500


def _block_shape(count: int) -> tuple[int, int]:
    """Return (columns, rows) of the most compact near-square block holding count tiles."""
    columns = max(1, math.ceil(math.sqrt(count)))
    return columns, max(1, math.ceil(count / columns))


def _separate_blocks(blocks: dict[str, list[float]], sizes: dict[str, tuple[float, float]]) -> None:
    """Move block centres ([lon, lat], in place) apart until no two blocks overlap (with the gap)."""
    names = sorted(blocks)
    for _ in range(MAX_PASSES):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                (ax, ay), (bx, by) = blocks[a], blocks[b]
                overlap_x = (sizes[a][0] + sizes[b][0]) / 2 + BLOCK_GAP_DEG - abs(ax - bx)
                overlap_y = (sizes[a][1] + sizes[b][1]) / 2 + BLOCK_GAP_DEG - abs(ay - by)
                if overlap_x <= 1e-9 or overlap_y <= 1e-9:
                    continue
                moved = True
                # Push along the axis that needs the smaller move, half each way; ties by name order
                # keep the result the same on every run.
                if overlap_x <= overlap_y:
                    step = overlap_x / 2 + 1e-6
                    sign = 1.0 if ax > bx or (ax == bx and a > b) else -1.0
                    blocks[a][0] += sign * step
                    blocks[b][0] -= sign * step
                else:
                    step = overlap_y / 2 + 1e-6
                    sign = 1.0 if ay > by or (ay == by and a > b) else -1.0
                    blocks[a][1] += sign * step
                    blocks[b][1] -= sign * step
        if not moved:
            return
    raise RuntimeError("schematic layout did not settle")  # cannot happen for 15 blocks; guards edits


def layout_blocks() -> dict[str, tuple[float, float, int, int]]:
    """Return kecamatan kode → (centre lon, centre lat, columns, rows) of its block after separation."""
    g = load_gazetteer()
    counts = g.desa.groupby("kode_kecamatan").size()
    centres: dict[str, list[float]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    shapes: dict[str, tuple[int, int]] = {}
    for kode, nama in zip(g.kecamatan["kode"], g.kecamatan["nama"]):
        lat, lon = KECAMATAN_CENTRES[nama]
        shapes[kode] = _block_shape(int(counts.get(kode, 0)))
        centres[kode] = [lon, lat]
        # Separation works on the block plus its label strip: centre raised by half the strip.
        sizes[kode] = (shapes[kode][0] * TILE_DEG, shapes[kode][1] * TILE_DEG + LABEL_DEG)
        centres[kode][1] += LABEL_DEG / 2
    _separate_blocks(centres, sizes)
    return {k: (centres[k][0], centres[k][1] - LABEL_DEG / 2, *shapes[k]) for k in sorted(centres)}


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
