"""Map builders: layers, colours, tooltips, legends and offline rendering of the pydeck Decks."""

from __future__ import annotations

import itertools
import json
import re

import pandas as pd
import pytest

from analytics.views import colours as colors
from analytics.places.boundaries import import_boundaries, read_boundaries
from analytics.views.map_layers import DENSE_POINTS
from analytics.views.maps import OFFLINE_MAP_STYLE, category_legend, category_map, map_legend, risk_map
from analytics.places.schematic import schematic_places

BANDS = ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
# First four desa of the gazetteer (all in Kecamatan Mentarang).
LONG_BISAI, PULAU_SAPI, PAKING, LIDUNG_KEMENCI = "65.02.01.2002", "65.02.01.2005", "65.02.01.2006", "65.02.01.2007"


@pytest.fixture(scope="module")
def desa():
    """Schematic desa tiles: a boundary-shaped frame needing no store."""
    return schematic_places("desa")


@pytest.fixture(scope="module")
def kecamatan():
    """Schematic kecamatan blocks."""
    return schematic_places("kecamatan")


def four_scores() -> pd.DataFrame:
    """Return scores for four desa, one per band."""
    return pd.DataFrame(
        {
            "kode": [LONG_BISAI, PULAU_SAPI, PAKING, LIDUNG_KEMENCI],
            "nama": ["Long Bisai", "Pulau Sapi", "Paking", "Lidung Kemenci"],
            "skor": [10.0, 30.0, 62.4, 90.0],
            "tingkat": BANDS,
            "alasan": ["tenang", "2 kejadian", "lonjakan kejadian <b>lahan</b>", "sengketa pilkades"],
        }
    )


def layer(deck, layer_id: str):
    """Return the layer with this id."""
    return next(item for item in deck.layers if item.id == layer_id)


def fills_by_kode(deck) -> dict[str, list[int]]:
    """Return kode → fill colour of the place layer."""
    return {record["kode"]: record["fill"] for record in layer(deck, "wilayah").data}


def infos_by_kode(deck) -> dict[str, str]:
    """Return kode → tooltip HTML of the place layer."""
    return {record["kode"]: record["info"] for record in layer(deck, "wilayah").data}


def test_full_map_has_every_layer_in_order(desa, kecamatan):
    """Background, places, hatching, kabupaten outline, incidents and kecamatan names, in that order."""
    incidents = pd.DataFrame({"kode_desa": [PAKING], "kode_kecamatan": ["65.02.01"], "lat": [None], "lon": [None]})
    deck = risk_map(four_scores(), desa, incidents=incidents, outline=schematic_places("kabupaten"), labels=kecamatan)
    assert [(item.type, item.id) for item in deck.layers] == [
        ("SolidPolygonLayer", "latar"),
        ("PolygonLayer", "wilayah"),
        ("PathLayer", "tanpa_data"),
        ("PathLayer", "batas_kabupaten"),
        ("ScatterplotLayer", "kejadian"),
        ("TextLayer", "label_kecamatan"),
    ]
    assert len(layer(deck, "wilayah").data) == 109
    assert len(layer(deck, "label_kecamatan").data) == 15
    assert layer(deck, "batas_kabupaten").get_width == 4


@pytest.mark.parametrize(("kode", "band"), list(zip([LONG_BISAI, PULAU_SAPI, PAKING, LIDUNG_KEMENCI], BANDS)))
def test_each_band_has_its_colour(desa, kode, band):
    """A desa is filled with its band's colour (slightly transparent)."""
    expected = {"Rendah": [255, 240, 160], "Sedang": [249, 157, 58], "Tinggi": [215, 48, 31], "Sangat Tinggi": [103, 0, 31]}
    assert fills_by_kode(risk_map(four_scores(), desa))[kode] == [*expected[band], 235]


def test_tooltip_is_indonesian_and_escaped(desa):
    """The tooltip names the desa, its kecamatan, score, band and reason; HTML in data is shown as text."""
    info = infos_by_kode(risk_map(four_scores(), desa))[PAKING]
    assert info.startswith("<b>Paking</b><br/>Kecamatan: Mentarang<br/>Peluang kejadian 30 hari: 62%<br/>Tingkat: Tinggi<br/>")
    assert "Alasan: lonjakan kejadian &lt;b&gt;lahan&lt;/b&gt;" in info
    assert "<i>peta skematis, bukan batas resmi</i>" in info


def test_places_without_score_are_grey_hatched_and_say_no_data(desa):
    """The 105 desa without a score are grey, hatched, and their tooltip says 'tidak ada data'."""
    deck = risk_map(four_scores(), desa)
    fills = fills_by_kode(deck)
    grey = [k for k, fill in fills.items() if fill == [212, 212, 212, 235]]
    assert len(grey) == 105
    hatched = {record["info"] for record in layer(deck, "tanpa_data").data}
    assert len(hatched) == 105 and all("Data: tidak ada data" in info for info in hatched)


@pytest.mark.parametrize("scores", [None, pd.DataFrame(columns=["kode", "nama", "skor", "tingkat"])])
def test_no_scores_draws_every_place_grey(desa, scores):
    """With no scores at all the map still draws: every place grey, none coloured."""
    deck = risk_map(scores, desa)
    assert {tuple(fill) for fill in fills_by_kode(deck).values()} == {(212, 212, 212, 235)}


def test_empty_places_do_not_crash():
    """With no places at all the map is a background fitted to Malinau's extent."""
    deck = risk_map(None, schematic_places("desa").iloc[0:0])
    assert layer(deck, "wilayah").data == []
    assert 114.5 < deck.initial_view_state.longitude < 116.9 and 1.1 < deck.initial_view_state.latitude < 4.2


@pytest.mark.parametrize(("skor", "hex_"), [(0, "#FFFFB2"), (12.5, "#FEE687"), (50, "#FD8D3C"), (100, "#BD0026"), (130, "#BD0026")])
def test_score_colours_follow_the_ramp(skor, hex_):
    """Scores are coloured along YlOrRd: 12.5 is halfway between #FFFFB2 and #FECC5C; above 100 is clamped."""
    assert colors.score_color(skor) == hex_


def test_colour_by_score(desa):
    """color_by='skor' fills by the ramp: Paking's 62.4 lies between #FD8D3C (50) and #F03B20 (75)."""
    fill = fills_by_kode(risk_map(four_scores(), desa, color_by="skor"))[PAKING]
    assert 240 <= fill[0] <= 253 and 59 <= fill[1] <= 141


def test_legends():
    """The legend lists the four bands (or score stops) and 'tidak ada data' with their hex colours."""
    assert map_legend("tingkat") == [
        ("Rendah", "#FFF0A0"), ("Sedang", "#F99D3A"), ("Tinggi", "#D7301F"), ("Sangat Tinggi", "#67001F"),
        ("tidak ada data", "#D4D4D4"),
    ]
    assert [label for label, _ in map_legend("skor")] == ["peluang 0%", "peluang 25%", "peluang 50%", "peluang 75%", "peluang 100%", "tidak ada data"]
    assert [label for label, _ in map_legend("skor", "en")] == ["chance 0%", "chance 25%", "chance 50%", "chance 75%", "chance 100%", "no data"]
    with pytest.raises(ValueError):
        map_legend("warna")


def test_bands_stay_ordered_for_colour_blind_viewers():
    """Band colours get darker from Rendah to Sangat Tinggi, also as seen with deuteranopia (≥ 1.4:1 steps)."""
    seen = [colors.simulate_deuteranopia(colors.BAND_COLORS[b]) for b in BANDS]
    for palette in ([colors.BAND_COLORS[b] for b in BANDS], seen):
        luminance = [colors.relative_luminance(c) for c in palette]
        assert luminance == sorted(luminance, reverse=True)
        assert all(colors.contrast_ratio(a, b) >= 1.4 for a, b in itertools.pairwise(palette))


@pytest.mark.parametrize(
    ("color", "minimum"),
    [(colors.OUTLINE, 7.0), (colors.LABEL, 7.0), (colors.INCIDENT, 4.5), (colors.BAND_COLORS["Sangat Tinggi"], 4.5), (colors.HATCH, 3.0)],
)
def test_lines_and_text_contrast_with_the_background(color, minimum):
    """Outline, labels, incidents, the darkest band and hatching stand out from the light background."""
    assert colors.contrast_ratio(color, colors.BACKGROUND) >= minimum


def test_deuteranopia_simulation_keeps_grey():
    """The simulation leaves neutral greys unchanged (sanity check of the matrix)."""
    assert colors.simulate_deuteranopia("#808080") in ("#7F7F7F", "#808080", "#818181")


def test_map_is_offline(desa, kecamatan):
    """No basemap provider and no URL of any tile server in the Deck's JSON."""
    deck = risk_map(four_scores(), desa, labels=kecamatan, outline=schematic_places("kabupaten"))
    assert deck.map_provider is None
    text = deck.to_json()
    assert not re.search(r"mapbox|carto|maplibre|https?://", text, re.IGNORECASE)
    assert '"mapProvider"' not in text
    # Streamlit swaps a missing mapStyle for an internet basemap; the sentinel keeps it away.
    assert json.loads(text)["mapStyle"] == OFFLINE_MAP_STYLE


def test_only_accessors_read_from_data(desa, kecamatan):
    """Literal settings (units, font, anchor) are sent as values, not as data accessors ('@@=pixels')."""
    incidents = pd.DataFrame({"lat": [3.0], "lon": [116.0]})
    deck = risk_map(None, desa, labels=kecamatan, incidents=incidents, outline=schematic_places("kabupaten"))
    for item in json.loads(deck.to_json())["layers"]:
        accessors = {k for k, v in item.items() if isinstance(v, str) and v.startswith("@@=")}
        assert all(k.startswith("get") for k in accessors), (item["id"], accessors)


def test_incidents_placed_by_coordinates_desa_or_kecamatan(desa, kecamatan):
    """Own coordinates first, else the desa centre, else the kecamatan centre; same place stacked with a count."""
    incidents = pd.DataFrame(
        {
            "kode_desa": [PAKING, PAKING, PAKING, None, None],
            "kode_kecamatan": ["65.02.01", "65.02.01", "65.02.01", "65.02.02", "65.02.99"],
            "lat": [None, None, 3.61234, None, None],
            "lon": [None, None, 116.31234, None, None],
        }
    )
    points = layer(risk_map(None, desa, incidents=incidents, labels=kecamatan), "kejadian").data
    paking = desa.set_index("kode").loc[PAKING]
    kota = kecamatan.set_index("kode").loc["65.02.02"]
    def at(lon: float, lat: float) -> dict:
        # Stacking rounds positions to 4 decimals (≈ 11 m).
        return next(p for p in points if abs(p["position"][0] - lon) < 1e-4 and abs(p["position"][1] - lat) < 1e-4)

    assert len(points) == 3  # the incident in an unknown kecamatan (65.02.99) cannot be placed
    at_paking = at(paking.centroid_lon, paking.centroid_lat)
    assert at_paking["jumlah"] == 2 and "lokasi perkiraan" in at_paking["info"]
    assert at(116.31234, 3.61234)["info"] == "<b>1 kejadian</b>"
    assert at(kota.centroid_lon, kota.centroid_lat)["jumlah"] == 1


def test_dense_incidents_are_gathered_into_cells(desa):
    """Past DENSE_POINTS distinct places, incidents are counted per 0.05° cell; no incident is lost."""
    n = DENSE_POINTS + 100
    incidents = pd.DataFrame({"lat": [3.0 + 0.001 * i for i in range(n)], "lon": [116.0] * n})
    points = layer(risk_map(None, desa, incidents=incidents), "kejadian").data
    # 400 points 0.001° apart span 0.4°: about 9 cells of 0.05°.
    assert 8 <= len(points) <= 10
    assert sum(p["jumlah"] for p in points) == n


def test_kecamatan_level_map(kecamatan):
    """A kecamatan map colours the 15 kecamatan and does not repeat the kecamatan in the tooltip."""
    scores = pd.DataFrame({"kode": ["65.02.02"], "nama": ["Malinau Kota"], "skor": [80.0], "tingkat": ["Sangat Tinggi"]})
    deck = risk_map(scores, kecamatan, level="kecamatan", labels=kecamatan)
    info = infos_by_kode(deck)["65.02.02"]
    assert info.startswith("<b>Malinau Kota</b><br/>Peluang kejadian 30 hari: 80%<br/>Tingkat: Sangat Tinggi") and "Kecamatan:" not in info
    assert len(fills_by_kode(deck)) == 15


def test_category_map_colours_any_column(desa):
    """category_map colours by a categorical column with the given palette; unknown values are 'tidak ada data'."""
    palette = {"tepat waktu": "#1B7837", "terlambat": "#762A83"}
    frame = pd.DataFrame({"kode": [LONG_BISAI, PULAU_SAPI, PAKING], "kepatuhan": ["tepat waktu", "terlambat", "lain"]})
    deck = category_map(frame, desa, "kepatuhan", palette, title="Laporan")
    fills, infos = fills_by_kode(deck), infos_by_kode(deck)
    assert fills[LONG_BISAI][:3] == [27, 120, 55] and fills[PULAU_SAPI][:3] == [118, 42, 131]
    assert fills[PAKING][:3] == [212, 212, 212] and "Laporan: tidak ada data" in infos[PAKING]
    assert "Laporan: terlambat" in infos[PULAU_SAPI]
    assert category_legend(palette)[-1] == ("tidak ada data", "#D4D4D4")
    with pytest.raises(KeyError):
        category_map(frame, desa, "warna", palette)


def test_view_is_fitted_to_the_places(desa):
    """The initial view is centred on the places and zoomed to show all of Malinau (about zoom 7)."""
    view = risk_map(None, desa).initial_view_state
    minx, miny, maxx, maxy = desa.total_bounds
    assert view.longitude == pytest.approx((minx + maxx) / 2, abs=1e-4)
    assert view.latitude == pytest.approx((miny + maxy) / 2, abs=1e-4)
    assert 6.0 <= view.zoom <= 8.5


def test_real_boundaries_render_offline(sqlite_engine, shared_boundaries):
    """With the real desa file loaded, the map has 109 places plus the kecamatan lines and stays offline."""
    path = shared_boundaries / "malinau_desa.geojson"
    import_boundaries(sqlite_engine, path, path.name, user="a")
    places = read_boundaries(sqlite_engine, "desa")
    deck = risk_map(four_scores(), places, labels=read_boundaries(sqlite_engine, "kecamatan"),
                    outline=read_boundaries(sqlite_engine, "kabupaten"))
    assert {record["kode"] for record in layer(deck, "wilayah").data} == set(places["kode"])
    assert "peta skematis" not in infos_by_kode(deck)[PAKING]
    assert layer(deck, "batas_kecamatan").data
    assert not re.search(r"https?://", deck.to_json())


def test_projector_labels_can_be_larger(desa, kecamatan):
    """Mode Rapat asks for bigger kecamatan names; the default map keeps 13 px."""
    def label_size(deck):
        return next(layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == "label_kecamatan")["getSize"]

    assert label_size(risk_map(four_scores(), desa, labels=kecamatan)) == 13
    assert label_size(risk_map(four_scores(), desa, labels=kecamatan, label_size=22)) == 22


def test_neighbouring_bands_stay_apart_on_a_washed_out_projector():
    """Each band differs from the next by ≥ 1.8:1, and by ≥ 1.5:1 on a dimmed projector in a lit room,
    also for deuteranopes (the light/dark step survives)."""
    from analytics.views.colours import BAND_COLORS, contrast_ratio, simulate_deuteranopia, washed_out_contrast

    bands = list(BAND_COLORS.values())
    for lighter, darker in zip(bands, bands[1:]):
        assert contrast_ratio(lighter, darker) >= 1.8, (lighter, darker)
        assert washed_out_contrast(lighter, darker) >= 1.5, (lighter, darker)
        assert washed_out_contrast(simulate_deuteranopia(lighter), simulate_deuteranopia(darker)) >= 1.4
