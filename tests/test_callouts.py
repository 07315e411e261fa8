"""Numbered call-outs: the Tinggi-and-above desa, highest first, each once, on the map and in the list."""

import pandas as pd

from analytics.places.schematic import schematic_places
from analytics.views.callouts import callout_layer, callout_lines, high_desa_callouts


def _scores(desa) -> pd.DataFrame:
    kode = desa["kode"].tolist()[:4]
    return pd.DataFrame({"kode": kode, "kode_kecamatan": [k[:8] for k in kode], "skor": [80.0, 40.0, 95.0, 60.0],
                         "tingkat": ["Sangat Tinggi", "Sedang", "Sangat Tinggi", "Tinggi"]})


def test_only_high_desa_numbered_highest_first():
    """Three desa at Tinggi or above get numbers 1–3 by score; the Sedang one none."""
    desa = schematic_places("desa")
    callouts = high_desa_callouts(_scores(desa), desa)
    assert callouts["no"].tolist() == [1, 2, 3]
    assert callouts["kode"].tolist() == [desa["kode"].iloc[2], desa["kode"].iloc[0], desa["kode"].iloc[3]]
    layer = callout_layer(callouts, 20)
    assert [r["no"] for r in layer.data] == ["1", "2", "3"]
    lines = callout_lines(callouts, {})
    assert lines[0].startswith("1. " + desa["nama"].iloc[2])


def test_kecamatan_filter_and_empty_scores():
    """Outside the chosen kecamatan nothing is numbered; no scores give no call-outs."""
    desa = schematic_places("desa")
    assert high_desa_callouts(_scores(desa), desa, ("65.99.99",)).empty
    assert high_desa_callouts(None, desa).empty
