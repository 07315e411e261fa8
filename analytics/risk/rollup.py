"""Kecamatan and kabupaten roll-ups of the desa risk scores.

skor = s·(highest desa score) + (1 − s)·(mean desa score), with s = `risk_rollup_max_share`
(default ½): one desa in crisis lifts its kecamatan visibly, yet a kecamatan where every desa is
tense ranks above one with a single hot spot. Components roll up the same way (over the desa
where they exist). Kecamatan-level kejadian reach the roll-up through their share in each desa.
"""

from __future__ import annotations

import pandas as pd

from analytics.places.gazetteer import load_gazetteer
from analytics.risk.score import COMPONENTS, band_of
from analytics.settings import Settings

HIGH_BANDS = ("Tinggi", "Sangat Tinggi")


def _roll(desa: pd.DataFrame, keys: list[str], settings: Settings) -> pd.DataFrame:
    share = settings.risk_rollup_max_share
    frame = desa.copy()
    frame["_tinggi"] = frame["tingkat"].astype(str).isin(HIGH_BANDS)
    g = frame.groupby(keys, observed=True, sort=True)
    cols = ["skor", *COMPONENTS]
    out = share * g[cols].max() + (1 - share) * g[cols].mean()
    out = out.round(1)
    out["kelengkapan"] = g["kelengkapan"].mean().round(0)
    out["jumlah_desa"] = g.size()
    out["desa_tinggi"] = g["_tinggi"].sum().astype(int)
    out["desa_tinggi_persen"] = (100.0 * out["desa_tinggi"] / out["jumlah_desa"]).round(1)
    worst = frame.sort_values(["skor", "kode"], ascending=[False, True]).drop_duplicates(keys).set_index(keys)
    out["desa_terburuk"] = worst["nama"] if "nama" in worst else worst["kode"]
    out["desa_terburuk_kode"] = worst["kode"].astype(str)
    out["tingkat"] = band_of(out["skor"].to_numpy(), settings.risk_thresholds)
    return out.reset_index()


def score_kecamatan(desa_scores: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Return one row per kecamatan (per periode when given): kode, nama, skor, tingkat, components, desa_tinggi, desa_terburuk."""
    keys = (["periode"] if "periode" in desa_scores else []) + ["kode_kecamatan"]
    out = _roll(desa_scores, keys, settings).rename(columns={"kode_kecamatan": "kode"})
    names = load_gazetteer().kecamatan.set_index("kode")["nama"]
    out.insert(len(keys), "nama", out["kode"].astype(str).map(names))
    first = ["periode"] if "periode" in out else []
    ordered = [*first, "kode", "nama", "skor", "tingkat", *COMPONENTS, "kelengkapan"]
    return out[ordered + [c for c in out.columns if c not in ordered]]


def score_kabupaten(desa_scores: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Return one row (per periode when given) for the whole kabupaten, same columns as score_kecamatan."""
    frame = desa_scores.assign(_kab=load_gazetteer().kabupaten)
    keys = (["periode"] if "periode" in frame else []) + ["_kab"]
    out = _roll(frame, keys, settings).rename(columns={"_kab": "nama"})
    kec = score_kecamatan(desa_scores, settings)
    by = ["periode"] if "periode" in kec else []
    worst = kec.sort_values(["skor", "kode"], ascending=[False, True]).drop_duplicates(by or None)
    if by:
        out = out.merge(worst[[*by, "nama"]].rename(columns={"nama": "kecamatan_terburuk"}), on=by, how="left")
    else:
        out["kecamatan_terburuk"] = worst["nama"].iloc[0] if len(worst) else None
    return out
