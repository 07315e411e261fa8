"""Official boundaries: import a file into the store, read them back, and the border desa.

Pipeline of `import_boundaries`: read and reproject (analytics.boundary_io) → detect fields and
level → match to the gazetteer by code, else by name (analytics.boundary_match) → repair, dissolve,
simplify, centroid, area (analytics.boundary_geom) → derive kecamatan/kabupaten that the file does
not give → border distance → one transaction that replaces the level and its derived rows.

"Desa perbatasan" is decided by the administrator's settings (border_kecamatan, border_desa_extra,
border_desa_excluded), not by geometry: the kabupaten's outer boundary is partly the state border
with Sarawak/Sabah and partly the border with neighbouring kabupaten. border_distance_km (distance
from a place's representative point to that outer boundary) is an extra input only.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import sqlalchemy as sa

from analytics.store import tables
from analytics.places.geom import describe_geometries, dissolve_by, distances_to_outline, outline_of, repair_geometries
from analytics.places.files import BoundaryError, detect_fields, read_boundary_file
from analytics.places.match import LEVELS, detect_level, match_features
from analytics.places.gazetteer import KABUPATEN_KODE, load_gazetteer
from analytics.places.names import build_resolver
from analytics.settings import read_settings, Settings

BOUNDARY_COLUMNS = [
    "kode", "level", "nama", "kode_kecamatan", "centroid_lat", "centroid_lon", "area_km2",
    "border_distance_km", "derived", "source_file", "imported_at", "schematic", "geometry",
]


@dataclass
class BoundaryImportReport:
    """What an import did, for the upload page and the CLI (lists hold names as the file wrote them)."""

    file_name: str
    level: str
    features_read: int
    matched: int
    unmatched: list[str]
    outside: list[str]
    missing: list[str]
    crs_in: str
    repaired: int
    dissolved: int
    fields: dict[str, str]
    derived: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain data (for JSON and the audit log)."""
        return asdict(self)


def _place_names(level: str) -> dict[str, str]:
    """Return kode → how the report names a place ("Nama (Kec. X)" for a desa)."""
    g = load_gazetteer()
    if level == "desa":
        return {k: f"{n} (Kec. {kec})" for k, n, kec in zip(g.desa["kode"], g.desa["nama"], g.desa["kecamatan"])}
    if level == "kecamatan":
        return dict(zip(g.kecamatan["kode"], g.kecamatan["nama"]))
    return {KABUPATEN_KODE: g.kabupaten}


def _official_name(kode: str) -> str:
    g = load_gazetteer()
    return g.kabupaten if kode == KABUPATEN_KODE else g.nama(kode)


def _read_stored(conn: sa.Connection) -> pd.DataFrame:
    """Return every stored boundary row with its geometry parsed (shapely)."""
    rows = pd.DataFrame(conn.execute(sa.select(tables.boundaries)).mappings().all())
    if rows.empty:
        return pd.DataFrame(columns=[c.name for c in tables.boundaries.columns])
    rows["geometry"] = shapely.from_geojson(rows["geometry"].to_numpy())
    return rows


def _new_rows(level: str, geometries: dict, derived: bool, provenance: dict) -> pd.DataFrame:
    """Return boundary rows (full geometry as shapely) for one level."""
    rows = describe_geometries(geometries)
    rows["level"] = level
    rows["nama"] = rows["kode"].map(_official_name)
    rows["derived"] = derived
    rows["border_distance_km"] = None
    for key, value in provenance.items():
        rows[key] = value
    return rows


def _assemble(stored: pd.DataFrame, level: str, fresh: pd.DataFrame, provenance: dict) -> tuple[pd.DataFrame, list[str]]:
    """Return the full new table: the imported level, kept official levels, and re-derived ones."""
    keep = stored[(stored["level"] != level) & ~stored["derived"].astype(bool)]
    parts = [keep, fresh]
    derived: list[str] = []
    have = set(keep["level"]) | {level}
    desa = pd.concat(parts)
    desa = desa[desa["level"] == "desa"]
    if "kecamatan" not in have and not desa.empty:
        by_kec = dissolve_by(gpd.GeoSeries(list(desa["geometry"])), desa["kode"].str[:8].reset_index(drop=True))
        parts.append(_new_rows("kecamatan", by_kec, True, provenance))
        derived.append("kecamatan")
    if "kabupaten" not in have:
        base = pd.concat(parts)
        # The finest level present gives the outline with the fewest gaps between pieces.
        for source in ("desa", "kecamatan"):
            pieces = base.loc[base["level"] == source, "geometry"].tolist()
            if pieces:
                parts.append(_new_rows("kabupaten", {KABUPATEN_KODE: outline_of(pieces)}, True, provenance))
                derived.append("kabupaten")
                break
    table = pd.concat(parts, ignore_index=True)
    outline = table.loc[table["level"] == "kabupaten", "geometry"]
    inner = table["level"] != "kabupaten"
    table["border_distance_km"] = None
    if not outline.empty and inner.any():
        points = list(zip(table.loc[inner, "centroid_lon"], table.loc[inner, "centroid_lat"]))
        table.loc[inner, "border_distance_km"] = distances_to_outline(points, outline_of([outline.iloc[0]]))
    return table, derived


def _write_table(conn: sa.Connection, table: pd.DataFrame) -> None:
    """Replace every boundary row by table's rows (inside the caller's transaction)."""
    conn.execute(sa.delete(tables.boundaries))
    records = []
    for row in table.itertuples(index=False):
        simple = row.geometry_simple if isinstance(row.geometry_simple, str) else shapely.to_geojson(row.geometry_simple)
        records.append(
            {
                "kode": row.kode, "level": row.level, "nama": row.nama,
                "geometry": shapely.to_geojson(row.geometry), "geometry_simple": simple,
                "centroid_lat": float(row.centroid_lat), "centroid_lon": float(row.centroid_lon),
                "area_km2": None if pd.isna(row.area_km2) else float(row.area_km2),
                "border_distance_km": None if pd.isna(row.border_distance_km) else float(row.border_distance_km),
                "derived": bool(row.derived), "source_file": row.source_file, "source_sha256": row.source_sha256,
                "imported_by": row.imported_by, "imported_at": row.imported_at,
            }
        )
    if records:
        conn.execute(sa.insert(tables.boundaries), records)


def import_boundaries(
    engine: sa.Engine,
    source: Path | bytes,
    file_name: str,
    *,
    user: str,
    level: str | None = None,
    field_map: dict[str, str] | None = None,
    settings: Settings | None = None,
) -> BoundaryImportReport:
    """Import a boundary file into the store and return what matched (BoundaryError if unusable)."""
    settings = settings or read_settings(engine)
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    limit_mb = settings.upload_max_mb
    if len(data) > limit_mb * 1024 * 1024:
        raise BoundaryError(f"Berkas '{file_name}' berukuran {len(data) / 1048576:.1f} MB, melebihi batas {limit_mb:g} MB.")
    boundary_file = read_boundary_file(data, file_name)
    frame = boundary_file.frame
    fields = detect_fields(frame, field_map)
    resolver = build_resolver(engine, settings)
    level = level or detect_level(frame, fields, resolver)
    match = match_features(frame, fields, level, resolver, load_gazetteer())
    report = BoundaryImportReport(
        file_name=file_name, level=level, features_read=len(frame), matched=0, unmatched=match.unmatched,
        outside=match.outside, missing=[], crs_in=boundary_file.crs_in, repaired=0, dissolved=0,
        fields=fields, notes=match.notes,
    )
    matched = frame[match.kode.notna()]
    if matched.empty:
        report.missing = list(_place_names(level).values())
        return report
    geometries, report.repaired = repair_geometries(matched.geometry)
    codes = match.kode[matched.index]
    report.dissolved = int(len(codes) - codes.nunique())
    by_kode = dissolve_by(geometries[geometries.notna()], codes[geometries.notna()])
    report.matched = len(by_kode)
    report.missing = [name for kode, name in _place_names(level).items() if kode not in by_kode]
    provenance = {
        "source_file": file_name[:255],
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "imported_by": user,
        "imported_at": datetime.now(timezone.utc),
    }
    fresh = _new_rows(level, by_kode, False, provenance)
    with engine.begin() as conn:
        table, report.derived = _assemble(_read_stored(conn), level, fresh, provenance)
        _write_table(conn, table)
        summary = {k: v for k, v in report.as_dict().items() if k not in ("fields", "notes")}
        tables.record_audit(conn, user, "impor_batas", file_name[:255], summary)
    return report


def _empty_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in BOUNDARY_COLUMNS if c != "geometry"}, geometry=[], crs="EPSG:4326")


def read_boundaries(engine: sa.Engine, level: str, *, full: bool = False) -> gpd.GeoDataFrame:
    """Return the stored places of a level (simplified geometry unless full=True), empty if none."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    column = tables.boundaries.c.geometry if full else tables.boundaries.c.geometry_simple
    b = tables.boundaries
    query = sa.select(
        b.c.kode, b.c.level, b.c.nama, b.c.centroid_lat, b.c.centroid_lon, b.c.area_km2, b.c.border_distance_km,
        b.c.derived, b.c.source_file, b.c.imported_at, column.label("geojson"),
    ).where(b.c.level == level).order_by(b.c.kode)
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).mappings().all())
    if rows.empty:
        return _empty_frame()
    rows["kode_kecamatan"] = rows["kode"].str[:8].where(rows["level"] != "kabupaten")
    rows["schematic"] = False
    geometry = shapely.from_geojson(rows.pop("geojson").to_numpy())
    frame = gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")[BOUNDARY_COLUMNS]
    frame.attrs["schematic"] = False
    return frame


def border_desa(settings: Settings) -> set[str]:
    """Return the codes of the desa perbatasan as the administrator set them (kecamatan ± exceptions)."""
    desa = load_gazetteer().desa
    chosen = set(desa.loc[desa["kode_kecamatan"].isin(settings.border_kecamatan), "kode"])
    return (chosen | set(settings.border_desa_extra)) - set(settings.border_desa_excluded)


def border_distances(engine: sa.Engine) -> pd.Series:
    """Return each desa's distance (km) to the kabupaten's outer boundary, indexed by kode (empty if none)."""
    b = tables.boundaries
    query = sa.select(b.c.kode, b.c.border_distance_km).where(b.c.level == "desa").order_by(b.c.kode)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.Series(
        [r[1] for r in rows], index=pd.Index([r[0] for r in rows], name="kode"), name="border_distance_km", dtype=float
    )


def summarize_boundaries(engine: sa.Engine) -> pd.DataFrame:
    """Return one row per stored level: count, derived, source file, who imported it and when."""
    b = tables.boundaries
    query = sa.select(
        b.c.level, b.c.derived, b.c.source_file, b.c.imported_by,
        sa.func.count().label("jumlah"), sa.func.max(b.c.imported_at).label("imported_at"),
    ).group_by(b.c.level, b.c.derived, b.c.source_file, b.c.imported_by)
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).mappings().all())
    if rows.empty:
        return pd.DataFrame(columns=["level", "derived", "source_file", "imported_by", "jumlah", "imported_at"])
    order = {name: i for i, name in enumerate(LEVELS)}
    return rows.sort_values("level", key=lambda s: s.map(order), ignore_index=True)
