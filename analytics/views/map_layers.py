"""pydeck layer builders used by analytics.maps: places, hatching, outlines, labels, incident points.

Every record carries an `info` field holding its tooltip as HTML (escaped), because one Deck has one
tooltip template ("{info}") for all its layers.
"""

from __future__ import annotations

import html
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from analytics.places.schematic import label_lines
from analytics.views import colours as colors

# pydeck turns every plain string into a data accessor ("@@=pixels"); literal values need String.
LITERAL_PIXELS = pdk.types.String("pixels")
COORD_DECIMALS = 5  # ≈ 1 m: finer digits only make the page heavier
# Above this many distinct incident locations the points are gathered into grid cells of
# DENSE_CELL_DEG (≈ 5.5 km), so a projector shows clusters with counts instead of a smear.
DENSE_POINTS = 300
DENSE_CELL_DEG = 0.05
# Fallback view: Kabupaten Malinau's extent (lon/lat) when there is nothing to fit.
MALINAU_BOUNDS = (114.56, 1.11, 116.80, 4.13)


def escape(value: object) -> str:
    """Return value as HTML-safe text ('' for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def polygon_parts(geometry: BaseGeometry | None) -> list[list[list[list[float]]]]:
    """Return each polygon part as rings of [lon, lat] (outer first, then holes)."""
    if geometry is None or geometry.is_empty:
        return []
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    out = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon):
            continue
        rings = [polygon.exterior, *polygon.interiors]
        out.append([np.round(np.asarray(r.coords)[:, :2], COORD_DECIMALS).tolist() for r in rings])
    return out


def place_records(places: gpd.GeoDataFrame, fills: dict[str, str | None], infos: dict[str, str]) -> list[dict]:
    """Return one PolygonLayer record per polygon part: kode, polygon, fill colour, tooltip."""
    records = []
    for kode, geometry in zip(places["kode"], places.geometry):
        fill = fills.get(kode) or colors.NO_DATA
        for rings in polygon_parts(geometry):
            records.append({"kode": kode, "polygon": rings, "fill": colors.rgba(fill, 235), "info": infos.get(kode, "")})
    return records


def hatch_paths(geometry: BaseGeometry, spacing: float) -> list[list[list[float]]]:
    """Return diagonal hatch lines clipped to a geometry (pydeck has no offline fill patterns)."""
    minx, miny, maxx, maxy = geometry.bounds
    paths = []
    height = maxy - miny
    offset = minx - height
    while offset <= maxx:
        line = LineString([(offset, miny), (offset + height, maxy)]).intersection(geometry)
        for part in getattr(line, "geoms", [line]):
            if isinstance(part, LineString) and not part.is_empty:
                paths.append(np.round(np.asarray(part.coords)[:, :2], COORD_DECIMALS).tolist())
        offset += spacing
    return paths


def hatch_layer(places: gpd.GeoDataFrame, kodes: set[str], infos: dict[str, str]) -> pdk.Layer:
    """Return the PathLayer hatching the places without data."""
    minx, miny, maxx, maxy = places.total_bounds if len(places) else (0, 0, 1, 1)
    span = max(maxx - minx, maxy - miny)
    records = []
    for kode, geometry in zip(places["kode"], places.geometry):
        if kode in kodes and geometry is not None and not geometry.is_empty:
            gminx, gminy, gmaxx, gmaxy = geometry.bounds
            spacing = max(span / 250, min(gmaxx - gminx, gmaxy - gminy) / 5)
            records += [{"path": p, "info": infos.get(kode, "")} for p in hatch_paths(geometry, spacing)]
    return pdk.Layer(
        "PathLayer", data=records, id="tanpa_data", get_path="path", get_color=colors.rgba(colors.HATCH, 200),
        width_units=LITERAL_PIXELS, get_width=1, pickable=True,
    )


def boundary_paths(frame: gpd.GeoDataFrame) -> list[dict]:
    """Return the rings of every shape in frame as PathLayer records."""
    records = []
    for nama, geometry in zip(frame["nama"], frame.geometry):
        for rings in polygon_parts(geometry):
            records += [{"path": ring, "nama": nama, "info": f"<b>{escape(nama)}</b>"} for ring in rings]
    return records


def outline_layer(frame: gpd.GeoDataFrame, layer_id: str, color: str, width_px: float) -> pdk.Layer:
    """Return a PathLayer drawing the boundaries of frame (kabupaten thick and dark, kecamatan thinner)."""
    return pdk.Layer(
        "PathLayer", data=boundary_paths(frame), id=layer_id, get_path="path", get_color=colors.rgba(color),
        width_units=LITERAL_PIXELS, get_width=width_px, width_min_pixels=width_px, joint_rounded=True, pickable=False,
    )


def label_layer(labels: gpd.GeoDataFrame, *, above: bool = False, size: int = 13,
                positions: dict[str, tuple[float, float]] | None = None) -> pdk.Layer:
    """Return a TextLayer of place names at their centroids, just above their shapes (above=True), or at
    positions (name → lon, lat: spots chosen by analytics.views.label_placement so names never collide)."""
    records = []
    positions = positions or {}
    for nama, lat, lon, geometry in zip(labels["nama"], labels["centroid_lat"], labels["centroid_lon"], labels.geometry):
        # Schematic blocks keep a strip above them for their name (one or two lines): it never hides a tile.
        top = geometry.bounds[3] if above and geometry is not None else lat
        if not above and str(nama) in positions:
            lon, top = positions[str(nama)]
        text = "\n".join(label_lines(str(nama))) if above else str(nama)
        records.append({"position": [round(float(lon), COORD_DECIMALS), round(float(top), COORD_DECIMALS)], "nama": text})
    return pdk.Layer(
        "TextLayer", data=records, id="label_kecamatan", get_position="position", get_text="nama",
        get_size=size, size_units=LITERAL_PIXELS, get_color=colors.rgba(colors.LABEL),
        font_family=pdk.types.String("Arial, Helvetica, sans-serif"), font_weight=pdk.types.String("bold"),
        background=True, get_background_color=colors.rgba(colors.BACKGROUND, 200), background_padding=[3, 1],
        get_text_anchor=pdk.types.String("middle"),
        get_alignment_baseline=pdk.types.String("bottom" if above else "center"), pickable=False,
    )


def background_layer(bounds: tuple[float, float, float, float]) -> pdk.Layer:
    """Return a plain light rectangle well beyond the data, so the map never shows a dark page."""
    minx, miny, maxx, maxy = bounds
    pad = max(maxx - minx, maxy - miny, 1.0) * 3
    ring = [[minx - pad, miny - pad], [maxx + pad, miny - pad], [maxx + pad, maxy + pad], [minx - pad, maxy + pad]]
    return pdk.Layer(
        "SolidPolygonLayer", data=[{"polygon": ring}], id="latar", get_polygon="polygon",
        get_fill_color=colors.rgba(colors.BACKGROUND), pickable=False,
    )


def place_centroids(frame: gpd.GeoDataFrame | None) -> dict[str, tuple[float, float]]:
    """Return kode → (lon, lat) of each place's stored centroid."""
    if frame is None or frame.empty:
        return {}
    return {k: (float(lon), float(lat)) for k, lat, lon in zip(frame["kode"], frame["centroid_lat"], frame["centroid_lon"])}


def incident_points(
    incidents: pd.DataFrame, desa_at: dict[str, tuple[float, float]], kecamatan_at: dict[str, tuple[float, float]]
) -> pd.DataFrame:
    """Return lon, lat, perkiraan (placed at a centroid) for each incident that can be placed."""
    rows = []
    for item in incidents.to_dict("records"):
        lat, lon = item.get("lat"), item.get("lon")
        if lat is not None and lon is not None and pd.notna(lat) and pd.notna(lon):
            rows.append((float(lon), float(lat), False))
        elif (at := desa_at.get(item.get("kode_desa"))) is not None:
            rows.append((*at, True))
        elif (at := kecamatan_at.get(item.get("kode_kecamatan"))) is not None:
            rows.append((*at, True))
    return pd.DataFrame(rows, columns=["lon", "lat", "perkiraan"])


def incident_layer(points: pd.DataFrame) -> pdk.Layer:
    """Return a ScatterplotLayer of incidents, stacked per location (and per grid cell when dense)."""
    frame = points.assign(lon=points["lon"].round(4), lat=points["lat"].round(4))
    groups = frame.groupby(["lon", "lat"], sort=True).agg(jumlah=("perkiraan", "size"), perkiraan=("perkiraan", "all"))
    groups = groups.reset_index()
    if len(groups) > DENSE_POINTS:
        frame = frame.assign(cx=(frame["lon"] / DENSE_CELL_DEG).round(), cy=(frame["lat"] / DENSE_CELL_DEG).round())
        groups = frame.groupby(["cx", "cy"], sort=True).agg(
            lon=("lon", "mean"), lat=("lat", "mean"), jumlah=("perkiraan", "size"), perkiraan=("perkiraan", "all")
        ).reset_index(drop=True)
    records = []
    for row in groups.itertuples(index=False):
        note = "<br/>lokasi perkiraan (titik tengah wilayah)" if row.perkiraan else ""
        records.append({
            "position": [round(float(row.lon), COORD_DECIMALS), round(float(row.lat), COORD_DECIMALS)],
            "jumlah": int(row.jumlah), "radius": 4.0 + 3.0 * math.sqrt(int(row.jumlah)),
            "info": f"<b>{int(row.jumlah)} kejadian</b>{note}",
        })
    return pdk.Layer(
        "ScatterplotLayer", data=records, id="kejadian", get_position="position", get_radius="radius",
        radius_units=LITERAL_PIXELS, get_fill_color=colors.rgba(colors.INCIDENT, 220), get_line_color=[255, 255, 255, 255],
        stroked=True, line_width_min_pixels=1, pickable=True,
    )


def fitted_view(bounds: tuple[float, float, float, float], width_px: int = 800, height_px: int = 700) -> pdk.ViewState:
    """Return a view centred on bounds and zoomed so they fill a typical dashboard map."""
    minx, miny, maxx, maxy = bounds
    lon_span, lat_span = max(maxx - minx, 0.01), max(maxy - miny, 0.01)
    # deck.gl's world is 512 px wide at zoom 0; near the equator degrees of lat and lon are alike.
    zoom = min(math.log2(width_px * 360 / (512 * lon_span)), math.log2(height_px * 360 / (512 * lat_span)))
    return pdk.ViewState(
        longitude=round((minx + maxx) / 2, 5), latitude=round((miny + maxy) / 2, 5),
        zoom=round(max(zoom - 0.1, 1.0), 2), pitch=0, bearing=0,
    )
