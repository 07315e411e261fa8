"""Write the tiny hand-made boundary fixtures of tests/test_boundaries.py (deterministic bytes).

Run from the repository root:  python tests/data/geo/make_geo_fixtures.py
Each shape is a small square (or a bow-tie) drawn by hand near the real place, so numbers in the
tests (areas, matches) can be worked out on paper. The real Malinau files are never copied here.
"""

from __future__ import annotations

import io
import json
import random
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Polygon, box

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# Approximate kecamatan centres (lat, lon) — the same numbers as analytics/schematic.py.
KECAMATAN = {
    "Mentarang Hulu": (3.8, 116.2), "Malinau Utara": (3.7, 116.5), "Malinau Kota": (3.6, 116.7),
    "Mentarang": (3.6, 116.3), "Malinau Barat": (3.4, 116.6), "Malinau Selatan Hilir": (3.3, 116.5),
    "Sungai Tubu": (3.3, 116.1), "Bahau Hulu": (3.1, 115.8), "Malinau Selatan": (3.1, 116.5),
    "Malinau Selatan Hulu": (2.9, 116.2), "Pujungan": (2.6, 115.6), "Kayan Hilir": (2.0, 115.6),
    "Kayan Selatan": (1.7, 115.1), "Kayan Hulu": (1.6, 114.8), "Sungai Boh": (1.4, 115.3),
}


def write_geojson(frame: gpd.GeoDataFrame, name: str) -> None:
    """Write frame as GeoJSON with sorted keys and fixed formatting (stable bytes)."""
    features = []
    for row in frame.itertuples(index=False):
        props = {k: getattr(row, k) for k in frame.columns if k != "geometry"}
        geometry = json.loads(gpd.GeoSeries([row.geometry]).to_json())["features"][0]["geometry"]
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    text = json.dumps({"type": "FeatureCollection", "features": features}, sort_keys=True, indent=1)
    (HERE / name).write_text(text + "\n", encoding="utf-8")


def write_shapefile_zip(frame: gpd.GeoDataFrame, name: str, with_prj: bool = True) -> None:
    """Write frame as a zipped Shapefile (.shp .shx .dbf [.prj]) with fixed dates inside."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batas.shp"
        frame.to_file(path, engine="pyogrio")
        dbf = bytearray(path.with_suffix(".dbf").read_bytes())
        dbf[1:4] = bytes([124, 1, 1])  # DBF header "last update" (years since 1900): fixed for stable bytes
        path.with_suffix(".dbf").write_bytes(bytes(dbf))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                member = path.with_suffix(suffix)
                if member.exists() and (with_prj or suffix != ".prj"):
                    info = zipfile.ZipInfo(f"batas{suffix}", date_time=FIXED_ZIP_TIME)
                    archive.writestr(info, member.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
        (HERE / name).write_bytes(buffer.getvalue())


def square(lon: float, lat: float, size: float = 0.02) -> Polygon:
    """Return a size° square with its south-west corner at (lon, lat)."""
    return box(lon, lat, lon + size, lat + size)


def make_desa_geojson() -> None:
    """Three desa of Malinau Kota; Pelita Kanaan comes as two halves that must be dissolved."""
    frame = gpd.GeoDataFrame(
        {
            "kode": ["65.02.02.2001", "65.02.02.2002", "65.02.02.2003", "65.02.02.2003"],
            "nama": ["Batu Lidung", "Malinau Kota", "Pelita Kanaan", "Pelita Kanaan"],
        },
        geometry=[
            square(116.60, 3.58),
            square(116.63, 3.58),
            box(116.66, 3.58, 116.67, 3.60),  # west half
            box(116.67, 3.58, 116.68, 3.60),  # east half
        ],
        crs="EPSG:4326",
    )
    write_geojson(frame, "desa_kecil.geojson")


def make_big_shapefile() -> None:
    """BIG-style fields in UTM 50N: codes without dots, misspelt names, one desa of another kabupaten."""
    rows = [
        ("6502012002", "LONG BISAI", "Mentarang", "Malinau"),
        ("6502012005", "Pulau Sapi", "Mentarang", "Malinau"),
        ("", "Lidung Kemenchi", "Mentarang", "Malinau"),
        ("", "Harapan Majuu", "Mentarang", "Malinau"),
        ("", "Mentarang Baroe", "Mentarang", "Malinau"),
        ("6501012001", "Tanjung Palas", "Tanjung Palas", "Bulungan"),
    ]
    frame = gpd.GeoDataFrame(
        {
            "KDEPUM": [r[0] for r in rows],
            "WADMKD": [r[1] for r in rows],
            "WADMKC": [r[2] for r in rows],
            "WADMKK": [r[3] for r in rows],
        },
        geometry=[square(116.30 + 0.03 * i, 3.55) for i in range(len(rows))],
        crs="EPSG:4326",
    ).to_crs("EPSG:32650")
    write_shapefile_zip(frame, "big_utm50.zip")
    write_shapefile_zip(frame, "utm_tanpa_prj.zip", with_prj=False)


def make_bowtie() -> None:
    """One desa whose ring crosses itself (a bow-tie): repaired into two triangles."""
    bowtie = Polygon([(116.60, 3.58), (116.62, 3.60), (116.62, 3.58), (116.60, 3.60), (116.60, 3.58)])
    frame = gpd.GeoDataFrame({"kode": ["65.02.02.2001"], "nama": ["Batu Lidung"]}, geometry=[bowtie], crs="EPSG:4326")
    write_geojson(frame, "desa_bowtie.geojson")


def make_kecamatan_unknown_missing() -> None:
    """Fourteen kecamatan squares plus one unknown name; Sungai Boh is left out."""
    names = [n for n in KECAMATAN if n != "Sungai Boh"] + ["Antah Berantah"]
    centres = [KECAMATAN[n] for n in names[:-1]] + [(2.2, 115.0)]
    frame = gpd.GeoDataFrame(
        {"nama": names},
        geometry=[square(lon - 0.025, lat - 0.025, 0.05) for lat, lon in centres],
        crs="EPSG:4326",
    )
    write_geojson(frame, "kecamatan_asing_hilang.geojson")


def make_broken_files() -> None:
    """Files that are not boundary files at all, named as if they were."""
    (HERE / "bukan_peta.geojson").write_text("kecamatan;desa;jumlah\nMentarang;Paking;3\n", encoding="utf-8")
    (HERE / "acak.geojson").write_bytes(random.Random(7).randbytes(512))
    points = gpd.GeoDataFrame(
        {"nama": ["Paking"]}, geometry=gpd.points_from_xy([116.34], [3.59]), crs="EPSG:4326"
    )
    write_geojson(points, "titik.geojson")


if __name__ == "__main__":
    make_desa_geojson()
    make_big_shapefile()
    make_bowtie()
    make_kecamatan_unknown_missing()
    make_broken_files()
    print("\n".join(sorted(p.name for p in HERE.iterdir() if p.name != Path(__file__).name)))
