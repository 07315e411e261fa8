"""Hostile boundary files (huge GeoJSON, padded or corrupt zips) are refused quickly with an Indonesian message."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from analytics.places.boundaries import import_boundaries, summarize_boundaries
from analytics.places.files import BoundaryError, read_boundary_file

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "tests" / "data" / "geo"
GB = 1024 ** 3


def many_vertex_geojson(vertices: int) -> bytes:
    """Return a GeoJSON of one desa polygon with `vertices` vertices (about 20 MB for a million)."""
    ring = ",".join(f"[116.{i:07d},3.{(i * 7919) % 10_000_000:07d}]" for i in range(vertices - 2))
    first = "[116.0000000,3.0000000]"
    return ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nama":"Pulau Sapi"},'
            f'"geometry":{{"type":"Polygon","coordinates":[[{first},{ring},{first}]]}}}}]}}').encode()


def padded_shapefile_zip(padding_mb: int) -> bytes:
    """Return the test Shapefile zip with its .shp padded by `padding_mb` MB of zeros (compresses ~1000x)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(GEO / "big_utm50.zip") as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.lower().endswith(".shp"):
                content += b"\0" * (padding_mb * 1024 * 1024)
            target.writestr(member.filename, content)
    return buffer.getvalue()


def bad_crc_zip() -> bytes:
    """Return the test Shapefile zip stored uncompressed with one byte of the .dbf changed (CRC mismatch)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(GEO / "big_utm50.zip") as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = next(m for m in archive.infolist() if m.filename.lower().endswith(".dbf"))
    data[member.header_offset + 30 + len(member.filename) + 40] ^= 0xFF  # a byte inside the stored .dbf
    return bytes(data)


def test_million_vertex_geojson_is_refused_in_seconds(sqlite_engine):
    """A 20 MB GeoJSON with a million vertices is refused within seconds, naming the count and the setting."""
    data = many_vertex_geojson(1_000_000)
    assert len(data) < 25 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(BoundaryError) as caught:
        import_boundaries(sqlite_engine, data, "detail.geojson", user="admin")
    assert time.perf_counter() - started < 30
    assert "Berkas 'detail.geojson' berisi 1,000,000 titik sudut, melebihi batas 300,000" in caught.value.message
    assert "boundary_max_vertices" in caught.value.message
    assert summarize_boundaries(sqlite_engine).empty  # nothing stored


def test_vertex_limit_is_a_setting_and_counts_shapefiles_too():
    """The vertex cap is boundary_max_vertices: a Shapefile over a cap of 3 is refused after reading."""
    with pytest.raises(BoundaryError, match="berisi [0-9,]+ titik sudut, melebihi batas 3 "):
        read_boundary_file((GEO / "big_utm50.zip").read_bytes(), "kecil.zip", max_vertices=3)


def test_padded_shapefile_is_refused_before_extraction(tmp_path, monkeypatch):
    """A small zip whose .shp inflates 60 MB of padding is refused as a zip bomb; nothing is written to disk."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    data = padded_shapefile_zip(60)
    assert len(data) < 1024 * 1024
    with pytest.raises(BoundaryError, match="'padat.zip' ditolak: bagian '.*\\.shp' dimampatkan .* kali.*bom zip. "
                                            "Kompres ulang bagian-bagian Shapefile"):
        read_boundary_file(data, "padat.zip")
    assert sum(f.stat().st_size for f in tmp_path.rglob("*") if f.is_file()) < 1024 * 1024


def test_shapefile_over_the_inflated_limit_is_refused():
    """A zip whose parts declare more than the inflate limit is refused, saying the size and the limit."""
    with pytest.raises(BoundaryError, match=r"mengembang menjadi 6 MB .*batas 5 MB"):
        read_boundary_file(padded_shapefile_zip(6), "besar.zip", max_inflated=5 * 1024 * 1024)


def test_bad_crc_gives_a_message_not_a_traceback(sqlite_engine):
    """A zipped Shapefile with a corrupted member is refused with 'zip yang rusak', not a BadZipFile traceback."""
    with pytest.raises(BoundaryError, match="Berkas 'rusak.zip' adalah zip yang rusak"):
        import_boundaries(sqlite_engine, bad_crc_zip(), "rusak.zip", user="admin")


PEAK_SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from memory_peak import peak_bytes
    from analytics.places.files import BoundaryError, read_boundary_file
    import test_bounded_boundaries as t
    data = {make}
    try:
        read_boundary_file(data, "x")
        print("LOADED")
    except BoundaryError as error:
        print("REFUSED", error.message[:60])
    print("PEAK", peak_bytes())
""")


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read from POSIX/Linux process data")
@pytest.mark.parametrize("make", ["t.many_vertex_geojson(1_000_000)", "t.padded_shapefile_zip(250)"])
def test_hostile_boundary_files_peak_under_1_gb(make):
    """Reading a million-vertex GeoJSON or a 250 MB padded zip, in a fresh process, peaks under 1 GB."""
    script = PEAK_SCRIPT.format(root=str(ROOT), tests=str(ROOT / "tests"), make=make)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert "REFUSED" in lines, done.stdout
    assert int(lines["PEAK"]) < GB
