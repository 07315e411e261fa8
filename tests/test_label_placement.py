"""Kecamatan names on the official boundary map never collide, also next to the numbered desa."""

from pathlib import Path

import itertools

import geopandas as gpd
import pytest

from analytics.views.label_placement import label_box, place_labels
from analytics.views.map_layers import fitted_view

REFERENCE = Path("/work/shared/reference/boundaries")


def _px_per_deg(bounds, width: int, height: int) -> float:
    """Pixels per degree of a map fitted like the dashboard fits it."""
    return 512 * 2 ** fitted_view(tuple(bounds), width, height).zoom / 360


def test_crowded_names_are_moved_apart():
    """Three names on almost the same spot end up in three boxes that do not touch."""
    anchors = [("Malinau Kota", 116.60, 3.58), ("Malinau Barat", 116.61, 3.58), ("Malinau Utara", 116.60, 3.59)]
    spots = place_labels(anchors, 24, 200)
    boxes = [label_box(n, *spots[n], 24, 200) for n, _, _ in anchors]
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))


@pytest.mark.skipif(not (REFERENCE / "malinau_kecamatan.geojson").exists(), reason="reference boundaries absent")
@pytest.mark.parametrize("label_px, size", [(24, (900, 480)), (13, (900, 600))])
def test_official_kecamatan_names_do_not_collide(label_px, size):
    """With the official kecamatan file, the 15 names (24 px in Mode Rapat, 13 px on Peta) and the numbered
    desa boxes are all clear of each other."""
    kecamatan = gpd.read_file(REFERENCE / "malinau_kecamatan.geojson")
    desa = gpd.read_file(REFERENCE / "malinau_desa.geojson").head(8)  # stand-ins for numbered Tinggi desa
    ppd = _px_per_deg(kecamatan.total_bounds, *size)
    points = desa.geometry.representative_point()
    numbers = [label_box("9", p.x, p.y, 20, ppd) for p in points]
    anchors = [(n, p.x, p.y) for n, p in zip(kecamatan["nama"], kecamatan.geometry.representative_point())]
    spots = place_labels(anchors, label_px, ppd, obstacles=numbers)
    boxes = [label_box(n, *spots[n], label_px, ppd) for n, _, _ in anchors]
    assert len(boxes) == 15
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))
    assert not any(b.intersects(n) for b in boxes for n in numbers)
