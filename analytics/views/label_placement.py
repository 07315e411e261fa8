"""Collision-free place names for maps drawn from an official boundary file.

Names are fixed-size text (pixels) on a map fitted to the screen: at the map's scale (pixels per
degree) each name is a box. Names are placed one by one, northernmost first, at the first of a ring
of candidate spots around the place's centre (centre, above, below, right, left, then further out)
whose box meets neither a name already placed nor an obstacle (e.g. the numbered desa).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from analytics.places.schematic import LABEL_RATIO, TILE_DEG

CHAR_WIDTH_EM = 0.62  # bold Arial/Helvetica averages below 0.62 em per character
LINE_EM = 1.25
OFFSETS = [(0.0, 0.0), (0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0), (1.0, 1.0), (-1.0, 1.0), (1.0, -1.0),
           (-1.0, -1.0)]  # in label widths (x) and heights (y)
RINGS = (1.0, 2.0, 3.0)


def label_box(text: str, lon: float, lat: float, label_px: float, px_per_deg: float) -> BaseGeometry:
    """Return the box (degrees) of text centred on (lon, lat), label_px high at px_per_deg."""
    half_w = (len(text) * CHAR_WIDTH_EM * label_px + 6) / px_per_deg / 2
    half_h = (LINE_EM * label_px) / px_per_deg / 2
    return box(lon - half_w, lat - half_h, lon + half_w, lat + half_h)


def place_labels(anchors: list[tuple[str, float, float]], label_px: float, px_per_deg: float,
                 obstacles: list[BaseGeometry] | None = None) -> dict[str, tuple[float, float]]:
    """Return name → (lon, lat) of its label's centre, no two labels (nor a label and an obstacle) overlapping.

    When no candidate spot is free (a crowded map at a tiny scale), the one overlapping least is kept.
    """
    placed: list[BaseGeometry] = list(obstacles or [])
    result: dict[str, tuple[float, float]] = {}
    for name, lon, lat in sorted(anchors, key=lambda a: (-a[2], a[1], a[0])):
        base = label_box(name, lon, lat, label_px, px_per_deg)
        width, height = base.bounds[2] - base.bounds[0], base.bounds[3] - base.bounds[1]
        best, best_overlap = None, None
        for ring in RINGS:
            for dx, dy in OFFSETS[1:] if ring > 1 else OFFSETS:
                x, y = lon + dx * width * 0.6 * ring, lat + dy * height * 1.05 * ring
                candidate = label_box(name, x, y, label_px, px_per_deg)
                overlap = sum(candidate.intersection(other).area for other in placed)
                if best_overlap is None or overlap < best_overlap:
                    best, best_overlap = (x, y, candidate), overlap
                if overlap == 0:
                    break
            if best_overlap == 0:
                break
        x, y, chosen = best
        placed.append(chosen)
        result[name] = (x, y)
    return result


def plan_labels(kecamatan: gpd.GeoDataFrame, numbered: pd.DataFrame | None, schematic: bool, label_size: int,
                zoom: float) -> tuple[int, dict[str, tuple[float, float]] | None]:
    """Return (name size in px, name positions or None) for a map drawn at zoom.

    Schematic: the layout keeps room for names up to LABEL_RATIO of a tile, so they are never drawn larger.
    Official shapes: names are moved apart, and off the numbered desa, at the scale the map is drawn.
    """
    px_per_deg = 512 * 2 ** zoom / 360  # deck.gl's world is 512 px wide at zoom 0
    if schematic:
        return max(10, min(label_size, int(LABEL_RATIO * TILE_DEG * px_per_deg))), None
    if kecamatan.empty:
        return label_size, None
    numbers = [] if numbered is None else [label_box(str(n), x, y, max(label_size, 16), px_per_deg)
                                            for n, x, y in zip(numbered["no"], numbered["lon"], numbered["lat"])]
    anchors = [(str(n), float(x), float(y))
               for n, x, y in zip(kecamatan["nama"], kecamatan["centroid_lon"], kecamatan["centroid_lat"])]
    return label_size, place_labels(anchors, label_size, px_per_deg, obstacles=numbers)
