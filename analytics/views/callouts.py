"""Numbered call-outs for the desa at Tinggi or above: a number on the desa's tile (or centroid) and the
same number beside the map with the desa's name, so the room can name them without labels colliding."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pydeck as pdk

from analytics.views.map_layers import COORD_DECIMALS, LITERAL_PIXELS
from analytics.views.summary import HIGH_BANDS

MAX_CALLOUTS = 12  # more than a dozen names is a list for the desk, not the wall


def high_desa_callouts(scores: pd.DataFrame | None, places: gpd.GeoDataFrame,
                       kecamatan: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return no, kode, nama, kecamatan code, lon, lat of the Tinggi-and-above desa, highest score first."""
    columns = ["no", "kode", "nama", "kode_kecamatan", "lon", "lat"]
    if scores is None or scores.empty or places.empty:
        return pd.DataFrame(columns=columns)
    high = scores[scores["tingkat"].isin(HIGH_BANDS)]
    if kecamatan:
        high = high[high["kode_kecamatan"].isin(kecamatan)]
    high = high.sort_values(["skor", "kode"], ascending=[False, True]).head(MAX_CALLOUTS)
    where = places.drop_duplicates("kode").set_index("kode")
    high = high[high["kode"].isin(where.index)]
    return pd.DataFrame({
        "no": range(1, len(high) + 1), "kode": high["kode"].to_numpy(),
        "nama": where.loc[high["kode"], "nama"].to_numpy(), "kode_kecamatan": high["kode_kecamatan"].to_numpy(),
        "lon": where.loc[high["kode"], "centroid_lon"].astype(float).to_numpy(),
        "lat": where.loc[high["kode"], "centroid_lat"].astype(float).to_numpy(),
    }, columns=columns)


def callout_layer(callouts: pd.DataFrame, size: int) -> pdk.Layer:
    """Return a TextLayer of the call-out numbers in white: Tinggi and Sangat Tinggi fills are dark enough
    (contrast 4.5:1 and 12:1) that the number reads without hiding the tile's colour."""
    records = [{"position": [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)], "no": str(no)}
               for no, lon, lat in zip(callouts["no"], callouts["lon"], callouts["lat"])]
    return pdk.Layer(
        "TextLayer", data=records, id="nomor_desa", get_position="position", get_text="no", get_size=size,
        size_units=LITERAL_PIXELS, get_color=[255, 255, 255, 255],
        font_family=pdk.types.String("Arial, Helvetica, sans-serif"), font_weight=pdk.types.String("bold"),
        get_text_anchor=pdk.types.String("middle"), get_alignment_baseline=pdk.types.String("center"),
        pickable=False,
    )


def callout_lines(callouts: pd.DataFrame, kecamatan_names: dict[str, str]) -> list[str]:
    """Return "1. Malinau Hulu (Malinau Kota)" per call-out."""
    return [f"{no}. {nama} ({kecamatan_names.get(kec, kec)})"
            for no, nama, kec in zip(callouts["no"], callouts["nama"], callouts["kode_kecamatan"])]
