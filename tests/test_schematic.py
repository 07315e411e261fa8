"""The schematic map shown until an official boundary file is imported."""

from __future__ import annotations

import itertools

import pytest

from analytics.places.boundaries import BOUNDARY_COLUMNS
from analytics.places.gazetteer import load_gazetteer
from shapely.geometry import box

from analytics.places.schematic import (KECAMATAN_CENTRES, TILE_DEG, TILE_FILL, kecamatan_label_boxes, label_lines,
                                         layout_blocks, schematic_places)


def test_every_desa_has_exactly_one_tile():
    """All 109 desa of the gazetteer get one tile each, no more, no less."""
    tiles = schematic_places("desa")
    assert len(tiles) == 109
    assert sorted(tiles["kode"]) == sorted(load_gazetteer().desa["kode"])


def test_no_two_tiles_overlap_or_touch():
    """Tiles never overlap (there is a visible gap even between neighbouring kecamatan blocks)."""
    tiles = schematic_places("desa").geometry.tolist()
    touching = [(a, b) for a, b in itertools.combinations(range(len(tiles)), 2) if tiles[a].intersects(tiles[b])]
    assert touching == []


def test_tiles_are_equal_squares():
    """Every tile is the same square (90 % of a 0.07° cell: 0.063°)."""
    tiles = schematic_places("desa")
    sides = {(round(g.bounds[2] - g.bounds[0], 9), round(g.bounds[3] - g.bounds[1], 9)) for g in tiles.geometry}
    assert sides == {(0.063, 0.063)}


def test_kecamatan_blocks_do_not_overlap():
    """The kecamatan blocks themselves are apart, so a block reads as one kecamatan."""
    blocks = schematic_places("kecamatan").geometry.tolist()
    assert not any(a.intersects(b) for a, b in itertools.combinations(blocks, 2))


def test_blocks_keep_the_real_north_south_and_west_east_order():
    """A kecamatan clearly north of another (≥ 0.3°) is never drawn below it; within a row, west stays west."""
    g = load_gazetteer()
    kode = dict(zip(g.kecamatan["nama"], g.kecamatan["kode"]))
    blocks = layout_blocks()
    for (a, (lat_a, lon_a)), (b, (lat_b, lon_b)) in itertools.permutations(KECAMATAN_CENTRES.items(), 2):
        (x_a, y_a, _, rows_a), (x_b, y_b, _, rows_b) = blocks[kode[a]], blocks[kode[b]]
        y_a, y_b = y_a + rows_a * TILE_DEG / 2, y_b + rows_b * TILE_DEG / 2  # compare block tops
        if lat_a - lat_b >= 0.3:
            assert y_a >= y_b - 1e-9, (a, b)
        if abs(y_a - y_b) < 1e-9 and lon_a < lon_b:
            assert x_a < x_b, (a, b)


def test_kecamatan_names_never_touch_each_other_or_a_tile():
    """Every kecamatan name's box (at the largest size the map draws it) is clear of other names and of all tiles."""
    names = [box(*b) for b in kecamatan_label_boxes().values()]
    tiles = schematic_places("desa").geometry.tolist()
    assert len(names) == 15
    assert not any(a.intersects(b) for a, b in itertools.combinations(names, 2))
    assert not any(name.intersects(tile) for name in names for tile in tiles)


def test_tiles_are_large_on_a_projector():
    """Fitted into the Mode Rapat map (1216×440 px), a tile is at least 26 px: room for a number or short label."""
    extent = schematic_places("kabupaten").total_bounds
    cells_wide, cells_high = (extent[2] - extent[0]) / TILE_DEG, (extent[3] - extent[1]) / TILE_DEG
    assert min(1216 / cells_wide, 440 / cells_high) * TILE_FILL >= 26


def test_long_names_break_into_two_lines():
    """'Malinau Selatan Hilir' is written on two lines; 'Pujungan' on one."""
    assert label_lines("Malinau Selatan Hilir") == ["Malinau Selatan", "Hilir"]
    assert label_lines("Pujungan") == ["Pujungan"]


def test_desa_tiles_sit_inside_their_kecamatan_block():
    """A desa tile lies within its own kecamatan's block (kode_kecamatan matches the block)."""
    blocks = schematic_places("kecamatan").set_index("kode").geometry
    tiles = schematic_places("desa")
    assert all(blocks[k].contains(g) for k, g in zip(tiles["kode_kecamatan"], tiles.geometry))


def test_schematic_has_the_shape_of_read_boundaries():
    """Same columns as read_boundaries, flagged schematic, centroids at tile centres, lon/lat CRS."""
    for level in ("desa", "kecamatan", "kabupaten"):
        frame = schematic_places(level)
        assert list(frame.columns) == BOUNDARY_COLUMNS
        assert frame.attrs["schematic"] is True and frame["schematic"].all()
        assert frame.crs.to_epsg() == 4326
    tile = schematic_places("desa").iloc[0]
    assert tile.geometry.centroid.x == pytest.approx(tile.centroid_lon)
    assert tile.geometry.centroid.y == pytest.approx(tile.centroid_lat)


def test_layout_is_deterministic():
    """Two layouts are identical (the page must not reshuffle between reruns)."""
    first, second = schematic_places("desa"), schematic_places("desa")
    assert all(a.equals(b) for a, b in zip(first.geometry, second.geometry))


def test_kabupaten_frame_contains_every_tile():
    """The schematic kabupaten frame encloses all tiles with a margin of one cell."""
    frame = schematic_places("kabupaten").geometry.iloc[0]
    tiles = schematic_places("desa")
    assert frame.contains(tiles.union_all()) and tiles.union_all().distance(frame.exterior) >= TILE_DEG * 0.9


def test_unknown_level_is_refused():
    """Asking for a level that does not exist raises ValueError."""
    with pytest.raises(ValueError):
        schematic_places("provinsi")
