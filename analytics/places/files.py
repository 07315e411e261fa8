"""Reading a boundary file (GeoJSON, zipped Shapefile, GeoPackage) into polygons in EPSG:4326.

One entry point, `read_boundary_file`, picks the reader from the file's first bytes (not only its
name: people rename files) and returns a GeoDataFrame in lon/lat plus the CRS it came in.
Field detection (`detect_fields`) lives here too: it only looks at column names and values.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pyogrio

from analytics.errors import IngestError

# A zipped Shapefile is a few MB for a whole province; anything expanding past this is refused as a
# zip bomb before a byte is written to disk.
ZIP_MAX_UNCOMPRESSED_MB = 500
TARGET_CRS = "EPSG:4326"
FIELD_ROLES = ("kode", "nama", "kode_kecamatan", "kecamatan", "kabupaten")


class BoundaryError(IngestError):
    """A boundary file that cannot be used; the message (Indonesian) says why and what to do."""


class BoundaryFormat(Enum):
    """The boundary file formats the product reads."""

    GEOJSON = "geojson"
    SHAPEFILE_ZIP = "shapefile_zip"
    GEOPACKAGE = "geopackage"


@dataclass(frozen=True)
class BoundaryFile:
    """Polygons read from a file, reprojected to EPSG:4326, and the CRS they were written in."""

    frame: gpd.GeoDataFrame
    crs_in: str
    file_format: BoundaryFormat
    layer: str | None = None


def sniff_format(data: bytes, file_name: str) -> BoundaryFormat:
    """Return the format of a boundary file from its first bytes (BoundaryError when none fits)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"PK\x03\x04"):
        return BoundaryFormat.SHAPEFILE_ZIP
    if data.startswith(b"SQLite format 3\x00"):
        return BoundaryFormat.GEOPACKAGE
    if head.startswith(b"{"):
        return BoundaryFormat.GEOJSON
    raise BoundaryError(
        f"Berkas '{file_name}' bukan berkas batas wilayah yang dikenali. Gunakan GeoJSON (.geojson), "
        "Shapefile yang dikompres dalam .zip (berisi .shp, .dbf, .shx, .prj) atau GeoPackage (.gpkg)."
    )


def _extract_zip(data: bytes, file_name: str, folder: Path) -> Path:
    """Return the .shp (or .gpkg/.geojson) path inside a zip, after a safe extraction to folder."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise BoundaryError(f"Berkas '{file_name}' adalah zip yang rusak dan tidak dapat dibuka.") from exc
    members = [m for m in archive.infolist() if not m.is_dir()]
    if sum(m.file_size for m in members) > ZIP_MAX_UNCOMPRESSED_MB * 1024 * 1024:
        raise BoundaryError(
            f"Isi berkas '{file_name}' setelah diekstrak melebihi {ZIP_MAX_UNCOMPRESSED_MB} MB; berkas ditolak."
        )
    for member in members:
        # Only the base name is used, so a member like ../../x cannot escape the temporary folder.
        name = PurePosixPath(member.filename.replace("\\", "/")).name
        if name and not name.startswith("."):
            (folder / name).write_bytes(archive.read(member))
    for suffix in (".shp", ".gpkg", ".geojson", ".json"):
        found = sorted(p for p in folder.iterdir() if p.suffix.lower() == suffix)
        if found:
            if suffix == ".shp" and not (found[0].with_suffix(".dbf").exists() or found[0].with_suffix(".DBF").exists()):
                raise BoundaryError(f"Berkas .dbf untuk '{found[0].name}' tidak ada di dalam '{file_name}'.")
            return found[0]
    raise BoundaryError(
        f"Di dalam '{file_name}' tidak ada Shapefile (.shp), GeoPackage atau GeoJSON. "
        "Kompres semua bagian Shapefile (.shp, .dbf, .shx, .prj) ke dalam satu .zip."
    )


def _polygon_layer(path: Path, file_name: str) -> str | None:
    """Return the first layer of a multi-layer file that holds polygons (None for single-layer files)."""
    layers = pyogrio.list_layers(path)
    if len(layers) <= 1:
        return None
    for name, geometry_type in layers:
        if geometry_type and "polygon" in str(geometry_type).lower():
            return str(name)
    raise BoundaryError(f"Tidak ada lapisan poligon di dalam '{file_name}'.")


def _check_crs(frame: gpd.GeoDataFrame, file_name: str) -> tuple[gpd.GeoDataFrame, str]:
    """Return the frame in EPSG:4326 and the CRS it was in; refuse unknown CRS outside lon/lat range."""
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            # Files without a .prj whose numbers look like degrees are almost always WGS 84.
            return frame.set_crs(TARGET_CRS), "tidak ada (dianggap EPSG:4326)"
        raise BoundaryError(
            f"Berkas '{file_name}' tidak menyebut sistem koordinatnya (tidak ada .prj) dan koordinatnya bukan "
            "derajat bujur/lintang. Sertakan berkas .prj di dalam zip, atau ekspor ulang ke EPSG:4326."
        )
    epsg = frame.crs.to_epsg()
    crs_in = f"EPSG:{epsg}" if epsg else frame.crs.to_string()
    return (frame if epsg == 4326 else frame.to_crs(TARGET_CRS)), crs_in


def read_boundary_file(source: Path | bytes, file_name: str) -> BoundaryFile:
    """Return the polygons of a boundary file in EPSG:4326 (BoundaryError for anything unusable)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if not data:
        raise BoundaryError(f"Berkas '{file_name}' kosong.")
    file_format = sniff_format(data, file_name)
    with tempfile.TemporaryDirectory(prefix="waspada_batas_") as tmp:
        folder = Path(tmp)
        if file_format is BoundaryFormat.SHAPEFILE_ZIP:
            path = _extract_zip(data, file_name, folder)
        else:
            path = folder / ("batas.gpkg" if file_format is BoundaryFormat.GEOPACKAGE else "batas.geojson")
            path.write_bytes(data)
        try:
            layer = _polygon_layer(path, file_name)
            frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        except BoundaryError:
            raise
        except Exception as exc:  # GDAL's messages are English and technical; the user gets one sentence.
            raise BoundaryError(
                f"Berkas '{file_name}' tidak dapat dibaca sebagai data geografis ({type(exc).__name__})."
            ) from exc
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.empty:
        raise BoundaryError(f"Berkas '{file_name}' tidak berisi satu pun bentuk wilayah.")
    if not frame.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"]).any():
        kinds = ", ".join(sorted(frame.geom_type.unique()))
        raise BoundaryError(f"Berkas '{file_name}' berisi {kinds}, bukan poligon batas wilayah.")
    frame, crs_in = _check_crs(frame.reset_index(drop=True), file_name)
    return BoundaryFile(frame=frame, crs_in=crs_in, file_format=file_format, layer=layer)


# --- field detection -------------------------------------------------------------------------

# Candidate column names per role, most specific first (compared case-insensitively).
FIELD_CANDIDATES = {
    "kode_desa": ("kdepum", "kode_desa", "kd_desa", "kode_kel", "kd_kel", "kode_dagri"),
    "kode_kecamatan": ("kdcpum", "kode_kec", "kd_kec", "kode_kecamatan", "kd_kecamatan"),
    "kode_kabupaten": ("kdppum", "kode_kab", "kd_kab"),
    "kode": ("kode", "kode_wilayah", "code", "kdbbps"),
    "desa": ("wadmkd", "desa", "nama_desa", "desa_kel", "kelurahan", "nm_desa"),
    "kecamatan": ("wadmkc", "kecamatan", "nama_kec", "nama_kecamatan", "nm_kec"),
    "kabupaten": ("wadmkk", "kabupaten", "nama_kab", "kab_kota", "nm_kab"),
    "nama": ("nama", "namobj", "name", "nm_wilayah"),
}
_DIGITS = re.compile(r"\D+")


def normalise_code(value: object) -> str | None:
    """Return a Kemendagri code with dots ("6502012002" → "65.02.01.2002"), None if it is not one."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):  # a numeric DBF column gives 6502012002.0
        value = int(value)
    digits = _DIGITS.sub("", str(value))
    parts = {4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}.get(len(digits))
    if parts is None:
        return None
    out, pos = [], 0
    for width in parts:
        out.append(digits[pos : pos + width])
        pos += width
    return ".".join(out)


def _find_column(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in columns}
    return next((lowered[c] for c in candidates if c in lowered), None)


def detect_fields(frame: gpd.GeoDataFrame, field_map: dict[str, str] | None = None) -> dict[str, str]:
    """Return role → column (kode, nama, kode_kecamatan, kecamatan, kabupaten); field_map wins."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    found: dict[str, str] = {}
    for role, candidates in FIELD_CANDIDATES.items():
        if (column := _find_column(columns, candidates)) is not None:
            found[role] = column
    fields: dict[str, str] = {}
    # The most specific code column present is "the" code: a desa file carries KDCPUM too.
    for role in ("kode_desa", "kode_kecamatan", "kode_kabupaten", "kode"):
        if role in found:
            fields["kode"] = found[role]
            break
    if "kode_kecamatan" in found and found["kode_kecamatan"] != fields.get("kode"):
        fields["kode_kecamatan"] = found["kode_kecamatan"]
    for role in ("desa", "kecamatan", "nama", "kabupaten"):
        if role in found:
            fields["nama"] = found[role]
            break
    if "kecamatan" in found and found["kecamatan"] != fields.get("nama"):
        fields["kecamatan"] = found["kecamatan"]
    if "kabupaten" in found:
        fields["kabupaten"] = found["kabupaten"]
    for role, column in (field_map or {}).items():
        if role not in FIELD_ROLES:
            raise BoundaryError(f"Peran kolom '{role}' tidak dikenal; gunakan salah satu: {', '.join(FIELD_ROLES)}.")
        if column not in columns:
            raise BoundaryError(f"Kolom '{column}' tidak ada di berkas; kolom yang ada: {', '.join(columns)}.")
        fields[role] = column
    if "kode" not in fields and "nama" not in fields:
        raise BoundaryError(
            "Tidak ditemukan kolom kode atau nama wilayah (mis. KDEPUM, kode, WADMKD, nama). Kolom yang ada: "
            f"{', '.join(columns) or '(tidak ada)'}. Tentukan kolomnya, mis. --field nama=NAMA_KOLOM."
        )
    return fields
