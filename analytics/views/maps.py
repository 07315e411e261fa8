"""Map builders: pure functions from tables to a pydeck.Deck (no Streamlit, no network).

Every Deck has `map_provider=None` and no map style, so nothing is fetched: the meeting room has no
internet. A light background layer, the places coloured by band, score or any category, hatching
where there is no data, kecamatan boundaries and names, incidents, and the kabupaten outline drawn
thick and dark. pydeck has no legend, so each builder has a legend function returning
(label, hex) pairs for the page to draw beside the map.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk

from analytics.places.gazetteer import load_gazetteer
from analytics.views import colours as colors
from analytics.views.map_layers import (
    LITERAL_PIXELS,
    MALINAU_BOUNDS,
    background_layer,
    escape,
    fitted_view,
    hatch_layer,
    incident_layer,
    incident_points,
    label_layer,
    outline_layer,
    place_centroids,
    place_records,
)

NO_DATA_LABEL = "tidak ada data"
SCHEMATIC_NOTE = "peta skematis, bukan batas resmi"
# Tooltip words; Indonesian is the product's language, English only for visiting partners.
TEXTS = {
    "id": {"kecamatan": "Kecamatan", "skor": "Peluang kejadian 30 hari", "tingkat": "Tingkat", "alasan": "Alasan", "data": "Data",
           "no_data": NO_DATA_LABEL, "schematic": SCHEMATIC_NOTE, "chance": "peluang"},
    "en": {"kecamatan": "Kecamatan", "skor": "Chance of an incident in 30 days", "tingkat": "Level", "alasan": "Reason", "data": "Data",
           "no_data": "no data", "schematic": "schematic map, not official boundaries", "chance": "chance"},
}
TOOLTIP_STYLE = {"backgroundColor": "#FFFFFF", "color": "#1A1A1A", "fontSize": "14px", "border": "1px solid #6B6B6B"}

# pydeck's "no style given" sentinel. Streamlit's pydeck frontend replaces a missing or null
# mapStyle with a Carto basemap URL (fetched from the internet: seen in the browser tests); this
# one value it leaves alone, so no basemap is requested.
OFFLINE_MAP_STYLE = "__MAP_STYLE__"


def map_legend(color_by: str = "tingkat", lang: str = "id") -> list[tuple[str, str]]:
    """Return the legend of risk_map as (label, hex) pairs, 'tidak ada data' last (band names stay Indonesian)."""
    if color_by == "tingkat":
        entries = list(colors.BAND_COLORS.items())
    elif color_by == "skor":
        entries = [(f"{_texts(lang)['chance']} {stop:.0f}%", hex_) for stop, hex_ in colors.SCORE_STOPS]
    else:
        raise ValueError(f"color_by must be 'tingkat' or 'skor', not {color_by!r}")
    return entries + [(_texts(lang)["no_data"], colors.NO_DATA)]


def category_legend(palette: dict[str, str], lang: str = "id") -> list[tuple[str, str]]:
    """Return the legend of category_map as (label, hex) pairs, 'tidak ada data' last."""
    return [(str(k), v) for k, v in palette.items()] + [(_texts(lang)["no_data"], colors.NO_DATA)]


def _texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["id"])


def _kecamatan_names(places: gpd.GeoDataFrame) -> dict[str, str]:
    """Return place kode → its kecamatan's name (for tooltips)."""
    names = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    return {k: names.get(str(k)[:8], "") for k in places["kode"]}


def _info(nama: object, kecamatan: str, lines: list[tuple[str, object]], schematic: bool, text: dict) -> str:
    """Return a tooltip: name, kecamatan, then 'label: value' lines, and the schematic note."""
    parts = [f"<b>{escape(nama)}</b>"]
    if kecamatan:
        parts.append(f"{text['kecamatan']}: {escape(kecamatan)}")
    parts += [f"{label}: {escape(value)}" for label, value in lines if escape(value) != ""]
    if schematic:
        parts.append(f"<i>{text['schematic']}</i>")
    return "<br/>".join(parts)


def _kecamatan_centroids(places: gpd.GeoDataFrame, labels: gpd.GeoDataFrame | None) -> dict[str, tuple[float, float]]:
    """Return kecamatan kode → (lon, lat): from labels, else the mean of the places' centroids."""
    if labels is not None and not labels.empty:
        return place_centroids(labels)
    if places.empty:
        return {}
    means = places.assign(k=places["kode"].str[:8]).groupby("k")[["centroid_lon", "centroid_lat"]].mean()
    return {k: (float(r.centroid_lon), float(r.centroid_lat)) for k, r in means.iterrows()}


def _deck(
    places: gpd.GeoDataFrame,
    fills: dict[str, str | None],
    infos: dict[str, str],
    *,
    incidents: pd.DataFrame | None,
    outline: gpd.GeoDataFrame | None,
    labels: gpd.GeoDataFrame | None,
    schematic: bool,
    label_size: int = 13,
    label_positions: dict[str, tuple[float, float]] | None = None,
) -> pdk.Deck:
    """Return the Deck shared by every builder: background, fills, hatching, lines, labels, points."""
    places = places[places.geometry.notna()] if not places.empty else places
    bounds = tuple(places.total_bounds) if not places.empty else MALINAU_BOUNDS
    layers = [background_layer(bounds)]
    layers.append(pdk.Layer(
        "PolygonLayer", data=place_records(places, fills, infos), id="wilayah", get_polygon="polygon",
        get_fill_color="fill", get_line_color=colors.rgba(colors.PLACE_EDGE), line_width_units=LITERAL_PIXELS,
        get_line_width=1, stroked=True, filled=True, pickable=True, auto_highlight=True,
    ))
    missing = {k for k in places["kode"] if not fills.get(k)}
    if missing:
        layers.append(hatch_layer(places, missing, infos))
    if labels is not None and not labels.empty and not schematic:
        layers.append(outline_layer(labels, "batas_kecamatan", colors.KECAMATAN_EDGE, 1.5))
    if outline is not None and not outline.empty:
        layers.append(outline_layer(outline, "batas_kabupaten", colors.OUTLINE, 4))
    if incidents is not None and not incidents.empty:
        desa_at = place_centroids(places) if not places.empty and places["kode"].str.count(r"\.").eq(3).any() else {}
        points = incident_points(incidents, desa_at, _kecamatan_centroids(places, labels))
        if not points.empty:
            layers.append(incident_layer(points))
    if labels is not None and not labels.empty:
        layers.append(label_layer(labels, above=schematic, size=label_size, positions=label_positions))
    return pdk.Deck(
        layers=layers,
        initial_view_state=fitted_view(bounds),
        map_provider=None,  # no basemap tiles: the meeting room is offline
        map_style=OFFLINE_MAP_STYLE,
        tooltip={"html": "{info}", "style": TOOLTIP_STYLE},
    )


def risk_map(
    scores: pd.DataFrame | None,
    places: gpd.GeoDataFrame,
    *,
    color_by: str = "tingkat",
    level: str = "desa",
    incidents: pd.DataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    labels: gpd.GeoDataFrame | None = None,
    schematic: bool = False,
    lang: str = "id",
    label_size: int = 13,
    label_positions: dict[str, tuple[float, float]] | None = None,
) -> pdk.Deck:
    """Return the risk choropleth (by tingkat or skor) of desa or kecamatan as a pydeck Deck.

    label_size is the kecamatan names' height in pixels: larger for the projector (Mode Rapat).
    """
    if color_by not in ("tingkat", "skor"):
        raise ValueError(f"color_by must be 'tingkat' or 'skor', not {color_by!r}")
    text = _texts(lang)
    schematic = schematic or bool(places.attrs.get("schematic", False))
    by_kode = {} if scores is None or scores.empty else scores.drop_duplicates("kode").set_index("kode").to_dict("index")
    kecamatan = _kecamatan_names(places)
    fills: dict[str, str | None] = {}
    infos: dict[str, str] = {}
    for kode, nama in zip(places["kode"], places["nama"]):
        row = by_kode.get(kode)
        tingkat = row.get("tingkat") if row else None
        skor = row.get("skor") if row else None
        if color_by == "tingkat":
            fills[kode] = colors.BAND_COLORS.get(tingkat) if isinstance(tingkat, str) else None
        else:
            fills[kode] = colors.score_color(skor) if skor is not None and pd.notna(skor) else None
        if fills[kode] is None:
            lines = [(text["data"], text["no_data"])]
        else:
            reason = row.get("alasan", row.get("reason"))
            # skor is the peluang in % (analytics/risk.py); perkiraan, when given, is the expected count.
            chance = f"{float(skor):.0f}%" if skor is not None and pd.notna(skor) else ""
            if chance and pd.notna(row.get("perkiraan", np.nan)):
                chance += f" ({float(row['perkiraan']):.1f} kejadian)".replace(".", ",") if lang == "id" else \
                    f" ({float(row['perkiraan']):.1f} incidents)"
            lines = [(text["skor"], chance),
                     (text["tingkat"], tingkat), (text["alasan"], reason)]
        kec = kecamatan.get(kode, "") if level == "desa" else ""
        infos[kode] = _info(nama, kec, lines, schematic, text)
    return _deck(places, fills, infos, incidents=incidents, outline=outline, labels=labels, schematic=schematic,
                 label_size=label_size, label_positions=label_positions)


def category_map(
    frame: pd.DataFrame | None,
    places: gpd.GeoDataFrame,
    column: str,
    palette: dict[str, str],
    *,
    title: str | None = None,
    incidents: pd.DataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    labels: gpd.GeoDataFrame | None = None,
    schematic: bool = False,
) -> pdk.Deck:
    """Return a map colouring places by a categorical column of frame (kode, column) with palette."""
    if frame is not None and not frame.empty and column not in frame.columns:
        raise KeyError(f"kolom '{column}' tidak ada pada tabel peta")
    schematic = schematic or bool(places.attrs.get("schematic", False))
    values = {} if frame is None or frame.empty else dict(zip(frame["kode"], frame[column]))
    kecamatan = _kecamatan_names(places)
    fills: dict[str, str | None] = {}
    infos: dict[str, str] = {}
    for kode, nama, level in zip(places["kode"], places["nama"], places["level"]):
        value = values.get(kode)
        fills[kode] = palette.get(value) if isinstance(value, str) else None
        shown = value if fills[kode] else NO_DATA_LABEL
        kec = kecamatan.get(kode, "") if level == "desa" else ""
        infos[kode] = _info(nama, kec, [(title or column, shown)], schematic, TEXTS["id"])
    return _deck(places, fills, infos, incidents=incidents, outline=outline, labels=labels, schematic=schematic)
