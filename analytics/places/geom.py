"""Geometry work on imported boundaries: repair, dissolve, simplify, centroid, area, border distance.

Everything here takes and returns shapely geometries in EPSG:4326 (lon, lat); metric work happens
in a projected CRS chosen for what is measured:
- area in EPSG:6933 (equal-area cylindrical), so km² are true km² anywhere;
- distances in EPSG:32650 (UTM 50N), whose central meridian (117° E) runs just east of Malinau
  (114.5–116.8° E), so the scale error is below 0.1 %.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

AREA_CRS = "EPSG:6933"
METRIC_CRS = "EPSG:32650"
# 0.001° ≈ 110 m at Malinau's latitude: invisible at kabupaten zoom, and it cuts the desa file
# the map sends to the browser to a fraction (measured figures in docs/geography.md).
SIMPLIFY_TOLERANCE_DEG = 0.001


def keep_polygons(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """Return only the polygonal parts of a geometry (a (Multi)Polygon), or None if nothing is left."""
    if geometry is None or geometry.is_empty:
        return None
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    polygons = [p for part in parts for p in (part.geoms if isinstance(part, MultiPolygon) else [part])]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def repair_geometries(geometries: gpd.GeoSeries) -> tuple[gpd.GeoSeries, int]:
    """Return the geometries made valid (polygonal parts kept) and how many needed a repair."""
    invalid = ~geometries.is_valid
    repaired = geometries.copy()
    if invalid.any():
        # make_valid keeps every part of a bow-tie ring (as two triangles), where buffer(0) may drop one.
        repaired[invalid] = shapely.make_valid(geometries[invalid].to_numpy())
    repaired = gpd.GeoSeries([keep_polygons(g) for g in repaired], index=geometries.index, crs=geometries.crs)
    return repaired, int(invalid.sum())


def dissolve_by(geometries: gpd.GeoSeries, keys: pd.Series) -> dict[str, BaseGeometry]:
    """Return one unioned geometry per key (several features of one desa become one)."""
    out: dict[str, BaseGeometry] = {}
    for key, group in geometries.groupby(keys.to_numpy(), sort=True):
        merged = shapely.union_all(group.to_numpy()) if len(group) > 1 else group.iloc[0]
        if (merged := keep_polygons(merged)) is not None:
            out[str(key)] = merged
    return out


def drop_holes(geometry: BaseGeometry) -> BaseGeometry:
    """Return a polygon without interior rings: slivers between desa must not count as border."""
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    filled = [Polygon(p.exterior) for p in polygons]
    return filled[0] if len(filled) == 1 else MultiPolygon(filled)


def simplify_geometry(geometry: BaseGeometry) -> BaseGeometry:
    """Return a lighter copy for drawing (topology-preserving, SIMPLIFY_TOLERANCE_DEG)."""
    simple = shapely.simplify(geometry, SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
    return simple if not simple.is_empty else geometry


def describe_geometries(geometries: dict[str, BaseGeometry]) -> pd.DataFrame:
    """Return kode, geometry, geometry_simple, centroid_lat/lon (inside the shape) and area_km2."""
    if not geometries:
        return pd.DataFrame(columns=["kode", "geometry", "geometry_simple", "centroid_lat", "centroid_lon", "area_km2"])
    series = gpd.GeoSeries(list(geometries.values()), crs="EPSG:4326")
    # representative_point, not centroid: a crescent-shaped desa's centroid can fall outside it.
    points = series.representative_point()
    areas = series.to_crs(AREA_CRS).area / 1e6
    return pd.DataFrame(
        {
            "kode": list(geometries.keys()),
            "geometry": list(series),
            "geometry_simple": [simplify_geometry(g) for g in series],
            "centroid_lat": points.y.to_numpy(),
            "centroid_lon": points.x.to_numpy(),
            "area_km2": areas.round(3).to_numpy(),
        }
    )


def outline_of(geometries: list[BaseGeometry]) -> BaseGeometry | None:
    """Return the kabupaten outline: the union of the given places, without sliver holes."""
    if not geometries:
        return None
    merged = keep_polygons(shapely.union_all(geometries))
    return drop_holes(merged) if merged is not None else None


def distances_to_outline(points_lonlat: list[tuple[float, float]], outline: BaseGeometry) -> list[float]:
    """Return each point's distance (km) to the outline's outer boundary, measured in UTM 50N."""
    if not points_lonlat:
        return []
    boundary = gpd.GeoSeries([outline.boundary], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    points = gpd.GeoSeries(gpd.points_from_xy(*zip(*points_lonlat)), crs="EPSG:4326").to_crs(METRIC_CRS)
    return [round(float(d) / 1000.0, 3) for d in points.distance(boundary)]
