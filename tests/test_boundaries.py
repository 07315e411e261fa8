"""Importing official boundary files, storing them, reading them back, and the border desa."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import sqlalchemy as sa
from shapely.geometry import box

from analytics.store import tables
from analytics.places.boundaries import border_desa, border_distances, import_boundaries, read_boundaries, summarize_boundaries
from analytics.places.files import BoundaryError, normalise_code
from analytics.commands.boundaries import parse_field_map
from analytics.settings import default_settings
from tests.conftest import FIXTURES

GEO = FIXTURES / "geo"
DEFAULTS = default_settings()


def run_import(engine, name: str, **kwargs):
    """Import one fixture file by name."""
    return import_boundaries(engine, GEO / name, name, user="analis", **kwargs)


def unknown_place_geojson() -> bytes:
    """Return a GeoJSON with one square named after no place in Malinau."""
    frame = gpd.GeoDataFrame({"desa": ["Antah Berantah"]}, geometry=[box(116.0, 3.0, 116.02, 3.02)], crs="EPSG:4326")
    return frame.to_json().encode()


def stored_codes(engine, level: str) -> list[str]:
    """Return the stored codes of one level."""
    return sorted(read_boundaries(engine, level)["kode"])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6502012002", "65.02.01.2002"),
        ("65.02.01.2002", "65.02.01.2002"),
        (6502012002, "65.02.01.2002"),
        (6502012002.0, "65.02.01.2002"),
        ("650201", "65.02.01"),
        ("6502", "65.02"),
        ("", None),
        (None, None),
        ("abc", None),
        ("65020120", None),
    ],
)
def test_codes_without_dots_are_normalised(raw, expected):
    """A Kemendagri code written without dots (as in BIG shapefiles) is read as the dotted code."""
    assert normalise_code(raw) == expected


@pytest.mark.parametrize(
    ("name", "level", "read", "matched", "unmatched", "outside", "repaired", "dissolved", "crs"),
    [
        ("desa_kecil.geojson", "desa", 4, 3, [], [], 0, 1, "EPSG:4326"),
        (
            "big_utm50.zip", "desa", 6, 4,
            ["Mentarang Baroe (Kec. Mentarang) — maksud Anda Mentarang Baru?"],
            ["Tanjung Palas (Kec. Tanjung Palas)"], 0, 0, "EPSG:32650",
        ),
        ("desa_bowtie.geojson", "desa", 1, 1, [], [], 1, 0, "EPSG:4326"),
        ("kecamatan_asing_hilang.geojson", "kecamatan", 15, 14, ["Antah Berantah"], [], 0, 0, "EPSG:4326"),
    ],
)
def test_import_report_counts(sqlite_engine, name, level, read, matched, unmatched, outside, repaired, dissolved, crs):
    """The report says how many features were read, matched, repaired and merged, and which names failed."""
    report = run_import(sqlite_engine, name)
    assert (report.level, report.features_read, report.matched) == (level, read, matched)
    assert report.unmatched == unmatched
    assert report.outside == outside
    assert (report.repaired, report.dissolved, report.crs_in) == (repaired, dissolved, crs)


def test_big_shapefile_fields_and_fuzzy_names_are_reported(sqlite_engine):
    """BIG field names are detected; misspelt desa are accepted with a note naming the official name."""
    report = run_import(sqlite_engine, "big_utm50.zip")
    assert report.fields == {"kode": "KDEPUM", "nama": "WADMKD", "kecamatan": "WADMKC", "kabupaten": "WADMKK"}
    assert report.notes == [
        "'Lidung Kemenchi' dicocokkan dengan Lidung Kemenci (fuzzy)",
        "'Harapan Majuu' dicocokkan dengan Harapan Maju (fuzzy)",
    ]
    assert stored_codes(sqlite_engine, "desa") == ["65.02.01.2002", "65.02.01.2005", "65.02.01.2007", "65.02.01.2009"]
    # 6 desa of Mentarang in the gazetteer, 4 given: Paking and Mentarang Baru have no shape.
    assert "Paking (Kec. Mentarang)" in report.missing and "Mentarang Baru (Kec. Mentarang)" in report.missing
    assert len(report.missing) == 109 - 4


def test_utm_squares_come_back_in_lon_lat(sqlite_engine):
    """A shapefile in UTM 50N is stored in lon/lat: Long Bisai's square lies at 116.30–116.32 E, 3.55–3.57 N."""
    run_import(sqlite_engine, "big_utm50.zip")
    desa = read_boundaries(sqlite_engine, "desa", full=True).set_index("kode")
    minx, miny, maxx, maxy = desa.loc["65.02.01.2002", "geometry"].bounds
    assert (minx, miny, maxx, maxy) == pytest.approx((116.30, 3.55, 116.32, 3.57), abs=1e-6)


def test_kecamatan_file_reports_unknown_and_missing(sqlite_engine):
    """A kecamatan file lists the unknown name and the kecamatan left without a shape."""
    report = run_import(sqlite_engine, "kecamatan_asing_hilang.geojson")
    assert report.missing == ["Sungai Boh"]
    assert len(stored_codes(sqlite_engine, "kecamatan")) == 14


def test_bowtie_ring_is_repaired_into_two_triangles(sqlite_engine):
    """A self-crossing ring is repaired: the stored shape is valid and keeps both halves (half the square)."""
    run_import(sqlite_engine, "desa_bowtie.geojson")
    desa = read_boundaries(sqlite_engine, "desa", full=True)
    geometry = desa.geometry.iloc[0]
    assert geometry.is_valid
    assert geometry.area == pytest.approx(0.02 * 0.02 / 2)


def test_split_desa_is_dissolved_with_true_area(sqlite_engine):
    """Pelita Kanaan given in two halves is one place of 0.02° × 0.02° ≈ 4.91 km² at 3.6° N."""
    run_import(sqlite_engine, "desa_kecil.geojson")
    desa = read_boundaries(sqlite_engine, "desa").set_index("kode")
    # 0.02° lon × 111.32 km × cos(3.59°) = 2.222 km; 0.02° lat × 110.58 km = 2.212 km → 4.915 km².
    assert desa.loc["65.02.02.2003", "area_km2"] == pytest.approx(4.915, rel=0.01)
    centre = desa.loc["65.02.02.2003", ["centroid_lon", "centroid_lat"]].tolist()
    assert 116.66 < centre[0] < 116.68 and 3.58 < centre[1] < 3.60


def test_border_distance_of_hand_squares(sqlite_engine):
    """With three separate 0.02° squares as the whole kabupaten, each desa centre is ≈ 1.1 km from the edge."""
    run_import(sqlite_engine, "desa_kecil.geojson")
    distances = border_distances(sqlite_engine)
    assert list(distances.index) == ["65.02.02.2001", "65.02.02.2002", "65.02.02.2003"]
    # Half a square: 0.01° of latitude ≈ 1.106 km (slightly less than 0.01° of longitude here).
    assert distances.tolist() == pytest.approx([1.106] * 3, abs=0.01)


def test_geopackage_in_utm_is_read(sqlite_engine, tmp_path: Path):
    """A GeoPackage (here in UTM 50N) imports like the GeoJSON it was made from."""
    frame = gpd.read_file(GEO / "desa_kecil.geojson").to_crs("EPSG:32650")
    path = tmp_path / "desa.gpkg"
    frame.to_file(path, driver="GPKG", engine="pyogrio")
    report = import_boundaries(sqlite_engine, path.read_bytes(), "desa.gpkg", user="analis")
    assert (report.matched, report.crs_in, report.dissolved) == (3, "EPSG:32650", 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bukan_peta.geojson", "bukan berkas batas wilayah yang dikenali"),
        ("acak.geojson", "bukan berkas batas wilayah yang dikenali"),
        ("titik.geojson", "berisi Point, bukan poligon"),
        ("utm_tanpa_prj.zip", "tidak menyebut sistem koordinatnya"),
    ],
)
def test_unusable_file_is_refused_and_store_unchanged(sqlite_engine, name, expected):
    """A file that is not a boundary file gets a clear Indonesian message and the stored boundaries stay."""
    run_import(sqlite_engine, "desa_kecil.geojson")
    version = tables.read_data_version(sqlite_engine)
    with pytest.raises(BoundaryError) as caught:
        run_import(sqlite_engine, name)
    assert expected in caught.value.message and name in caught.value.message
    assert stored_codes(sqlite_engine, "desa") == ["65.02.02.2001", "65.02.02.2002", "65.02.02.2003"]
    assert tables.read_data_version(sqlite_engine) == version


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"", "kosong"), (b"PK\x03\x04 rusak", "zip yang rusak"), (b'{"type": "FeatureCollection", "features": []}', "")],
)
def test_empty_or_broken_bytes_are_refused(sqlite_engine, data, expected):
    """Empty files, broken zips and GeoJSON without features are refused with a message."""
    with pytest.raises(BoundaryError) as caught:
        import_boundaries(sqlite_engine, data, "batas.geojson", user="analis")
    assert expected in caught.value.message


def test_file_over_upload_limit_is_refused(sqlite_engine):
    """A file larger than upload_max_mb is refused before it is read."""
    settings = DEFAULTS.model_copy(update={"upload_max_mb": 0.001})  # 1 KB; desa_kecil.geojson is 1.8 KB
    with pytest.raises(BoundaryError, match="melebihi batas 0.001 MB"):
        run_import(sqlite_engine, "desa_kecil.geojson", settings=settings)


def test_nothing_matched_leaves_store_unchanged(sqlite_engine):
    """When no feature matches, nothing is written and every place is listed as missing."""
    run_import(sqlite_engine, "desa_kecil.geojson")
    report = import_boundaries(sqlite_engine, unknown_place_geojson(), "asing.geojson", user="analis")
    assert (report.matched, report.unmatched, len(report.missing)) == (0, ["Antah Berantah"], 109)
    assert stored_codes(sqlite_engine, "desa") == ["65.02.02.2001", "65.02.02.2002", "65.02.02.2003"]


def test_field_map_overrides_detection(sqlite_engine):
    """Mapping nama to WADMKD only (no code column) still matches by name, except the misspelt one."""
    report = run_import(sqlite_engine, "big_utm50.zip", field_map={"nama": "WADMKD"})
    assert report.fields["nama"] == "WADMKD" and report.matched == 4


@pytest.mark.parametrize(
    ("field_map", "expected"),
    [({"nama": "TIDAK_ADA"}, "Kolom 'TIDAK_ADA' tidak ada"), ({"warna": "WADMKD"}, "Peran kolom 'warna' tidak dikenal")],
)
def test_bad_field_map_is_refused(sqlite_engine, field_map, expected):
    """A mapping to a column that does not exist, or to an unknown role, is refused by name."""
    with pytest.raises(BoundaryError, match=expected):
        run_import(sqlite_engine, "big_utm50.zip", field_map=field_map)


@pytest.mark.parametrize(
    ("items", "expected"),
    [(["kode=KDEPUM", "nama = WADMKD"], {"kode": "KDEPUM", "nama": "WADMKD"}), ([], {}), (None, {})],
)
def test_cli_field_options_are_parsed(items, expected):
    """--field PERAN=KOLOM options become a field map."""
    assert parse_field_map(items) == expected


def test_cli_malformed_field_option_is_refused():
    """A --field without '=' is refused with an example."""
    with pytest.raises(BoundaryError, match="PERAN=KOLOM"):
        parse_field_map(["WADMKD"])


def test_store_import_read_back_and_replace(engine):
    """On each backend: import, read back, re-import replaces the desa and re-derives the kecamatan."""
    run_import(engine, "desa_kecil.geojson")
    assert stored_codes(engine, "desa") == ["65.02.02.2001", "65.02.02.2002", "65.02.02.2003"]
    kecamatan = read_boundaries(engine, "kecamatan")
    assert kecamatan["kode"].tolist() == ["65.02.02"] and kecamatan["derived"].tolist() == [True]
    assert read_boundaries(engine, "kabupaten")["kode"].tolist() == ["65.02"]
    run_import(engine, "big_utm50.zip")
    assert stored_codes(engine, "desa") == ["65.02.01.2002", "65.02.01.2005", "65.02.01.2007", "65.02.01.2009"]
    assert stored_codes(engine, "kecamatan") == ["65.02.01"]
    with engine.connect() as conn:
        actions = conn.execute(sa.select(tables.audit_log.c.action, tables.audit_log.c.target)).all()
    assert [tuple(a) for a in actions] == [("impor_batas", "desa_kecil.geojson"), ("impor_batas", "big_utm50.zip")]
    summary = summarize_boundaries(engine)
    assert summary["level"].tolist() == ["kabupaten", "kecamatan", "desa"]
    assert summary["jumlah"].tolist() == [1, 1, 4]


def test_official_kecamatan_survive_a_desa_import(sqlite_engine):
    """Official kecamatan shapes are kept (not replaced by derived ones) when desa are imported later."""
    run_import(sqlite_engine, "kecamatan_asing_hilang.geojson")
    run_import(sqlite_engine, "desa_kecil.geojson")
    kecamatan = read_boundaries(sqlite_engine, "kecamatan")
    assert len(kecamatan) == 14 and not kecamatan["derived"].any()


def test_read_boundaries_empty_store(engine):
    """Before any import every level reads as an empty frame with the usual columns, and no distances."""
    frame = read_boundaries(engine, "desa")
    assert frame.empty and {"kode", "nama", "geometry", "centroid_lat", "schematic"} <= set(frame.columns)
    assert border_distances(engine).empty
    assert summarize_boundaries(engine).empty


@pytest.mark.parametrize(
    ("extra", "excluded", "count"),
    [
        # Pujungan 9 + Kayan Hilir 5 + Kayan Hulu 5 + Sungai Boh 6 + Kayan Selatan 5 + Bahau Hulu 6 = 36
        ([], [], 36),
        (["65.02.01.2002"], [], 37),
        ([], ["65.02.03.2001", "65.02.11.2001"], 34),
    ],
)
def test_border_desa_follow_the_settings(extra, excluded, count):
    """Desa perbatasan are the border kecamatan's desa, plus extra, minus excluded (administrator's choice)."""
    settings = DEFAULTS.model_copy(update={"border_desa_extra": extra, "border_desa_excluded": excluded})
    chosen = border_desa(settings)
    assert len(chosen) == count
    assert set(extra) <= chosen and not set(excluded) & chosen


def test_real_desa_file_matches_all_109(sqlite_engine, shared_boundaries):
    """The real desa file: 109 matched, none missing; 15 kecamatan and the kabupaten derived from it."""
    report = import_boundaries(sqlite_engine, shared_boundaries / "malinau_desa.geojson", "malinau_desa.geojson", user="a")
    assert (report.matched, report.missing, report.unmatched) == (109, [], [])
    assert report.derived == ["kecamatan", "kabupaten"]
    kecamatan = read_boundaries(sqlite_engine, "kecamatan")
    assert len(kecamatan) == 15 and kecamatan["derived"].all()
    distances = border_distances(sqlite_engine)
    # Malinau is about 250 km across: no desa centre can be 150 km from its outline.
    assert len(distances) == 109 and distances.between(0, 150).all()
    assert read_boundaries(sqlite_engine, "desa").geometry.is_valid.all()


def test_real_kecamatan_file_matches_15(sqlite_engine, shared_boundaries):
    """The real kecamatan file: 15 matched, official (not derived)."""
    path = shared_boundaries / "malinau_kecamatan.geojson"
    report = import_boundaries(sqlite_engine, path, path.name, user="a")
    assert (report.level, report.matched, report.missing) == ("kecamatan", 15, [])
    assert not read_boundaries(sqlite_engine, "kecamatan")["derived"].any()


def test_real_kabupaten_file_is_the_outline(sqlite_engine, shared_boundaries):
    """The real kabupaten file is detected as the kabupaten outline."""
    path = shared_boundaries / "malinau_kabupaten.geojson"
    report = import_boundaries(sqlite_engine, path, path.name, user="a")
    assert (report.level, report.matched) == ("kabupaten", 1)
    assert read_boundaries(sqlite_engine, "kabupaten")["derived"].tolist() == [False]


def cli(args: list[str], capsys) -> tuple[int, str]:
    """Run `python -m analytics` in-process and return (exit code, printed text)."""
    from analytics.cli import main

    code = main(args)
    return code, capsys.readouterr().out


def test_cli_import_prints_report(tmp_path: Path, capsys):
    """`boundaries import` prints read, matched, the unmatched name and the missing count, exit 0."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    code, out = cli(["boundaries", "import", str(GEO / "big_utm50.zip"), "--db", url, "--user", "admin"], capsys)
    assert code == 0
    assert "Fitur dibaca: 6" in out and "Cocok: 4" in out
    assert "Tidak cocok dengan daftar Kemendagri: 1\n  - Mentarang Baroe (Kec. Mentarang)" in out
    assert "Wilayah tanpa batas: 105" in out and "  - Paking (Kec. Mentarang)" in out
    code, out = cli(["boundaries", "show", "--db", url], capsys)
    assert code == 0 and "desa: 4 wilayah (resmi) dari big_utm50.zip, oleh admin" in out


@pytest.mark.parametrize(
    ("source", "args", "code", "expected"),
    [
        ("asing", [], 1, "Tidak ada fitur yang cocok"),
        ("asing", [], 1, "Cocok: 0\nTidak cocok dengan daftar Kemendagri: 1\n  - Antah Berantah"),
        ("big", ["--field", "nama"], 2, "PERAN=KOLOM"),
        ("big", ["--field", "nama=TIDAK_ADA"], 2, "Kolom 'TIDAK_ADA' tidak ada"),
    ],
)
def test_cli_import_failures_exit_non_zero(tmp_path: Path, capsys, source, args, code, expected):
    """Nothing matched → exit 1; a malformed option or unusable file → exit 2; the message says why."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    path = GEO / "big_utm50.zip"
    if source == "asing":
        path = tmp_path / "asing.geojson"
        path.write_bytes(unknown_place_geojson())
    got, out = cli(["boundaries", "import", str(path), "--db", url, *args], capsys)
    assert (got, expected in out) == (code, True)


def test_cli_refuses_missing_and_unusable_files(tmp_path: Path, capsys):
    """A path that does not exist or is not a boundary file exits 2 with an Indonesian message."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    code, out = cli(["boundaries", "import", str(tmp_path / "tidak_ada.geojson"), "--db", url], capsys)
    assert code == 2 and "Berkas tidak ditemukan" in out
    code, out = cli(["boundaries", "import", str(GEO / "acak.geojson"), "--db", url], capsys)
    assert code == 2 and "bukan berkas batas wilayah" in out


def test_cli_show_on_empty_store(tmp_path: Path, capsys):
    """`boundaries show` on a new store says the schematic map is in use."""
    code, out = cli(["boundaries", "show", "--db", f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"], capsys)
    assert code == 0 and "peta skematis" in out
