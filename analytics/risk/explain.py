"""Why a desa scores what it scores: Indonesian sentences built from the component inputs.

Each sentence states the numbers behind one component (counts, windows, ratios, days to the vote,
report age); sentences are ordered by the component's weighted contribution to the score, and a
missing component is said to be missing, never passed over.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.ingest.categories import CATEGORY_LABELS
from analytics.risk.elections import VOTE_STAGE, Calendar, stage_on
from analytics.risk.score import COMPONENTS, score_desa
from analytics.settings import Settings

MONTH_DAYS = 30.4


def _fmt(x: float) -> str:
    return f"{x:.1f}".replace(".", ",").replace(",0", "") if abs(x - round(x)) > 0.05 else f"{round(x):d}"


def _recent_incidents(incidents: pd.DataFrame, row: pd.Series, as_of: pd.Timestamp, days: int) -> pd.DataFrame:
    lo = as_of - pd.Timedelta(days=days)
    window = incidents[(incidents["tanggal"] >= lo) & (incidents["tanggal"] < as_of)]
    return window[window["kode_desa"] == row["kode"]]


def _incident_sentence(row: pd.Series, incidents: pd.DataFrame, as_of: pd.Timestamp, settings: Settings) -> str:
    days = settings.risk_recent_days
    recent = _recent_incidents(incidents, row, as_of, days)
    if recent.empty:
        return (f"Tidak ada kejadian di desa ini dalam {days} hari terakhir; bobot kejadian sebelumnya "
                f"(waktu paruh {settings.risk_half_life_days} dan {settings.risk_long_half_life_days} hari) "
                f"{_fmt(row['bobot_kejadian'])}")
    counts = recent["kategori"].value_counts()
    parts = [f"{n} {CATEGORY_LABELS.get(k, k).lower()}" for k, n in counts.head(2).items()]
    text = f"{len(recent)} kejadian dalam {days} hari terakhir ({', '.join(parts)})"
    dead, hurt = int(recent["korban_meninggal"].sum()), int(recent["korban_luka"].sum())
    if dead or hurt:
        text += f", {dead} korban meninggal dan {hurt} luka"
    return text


def _spike_sentence(row: pd.Series, settings: Settings) -> str:
    recent_days = settings.risk_recent_days
    r, b, covered = float(row["kejadian_baru"]), float(row["kejadian_dasar"]), float(row["hari_dasar"])
    months = _fmt(covered / MONTH_DAYS)
    if covered <= 0:
        return f"{_fmt(r)} kejadian dalam {recent_days} hari terakhir; belum ada data masa dasar untuk pembanding"
    expected = b * recent_days / covered
    if b == 0:
        return f"{_fmt(r)} kejadian dalam {recent_days} hari terakhir, padahal tidak ada kejadian dalam {months} bulan sebelumnya"
    return (f"{_fmt(r)} kejadian dalam {recent_days} hari terakhir, {_fmt(r / expected)}× rata-rata "
            f"{months} bulan sebelumnya ({_fmt(expected)} per {recent_days} hari)")


def _report_sentence(row: pd.Series, reports: pd.DataFrame, as_of: pd.Timestamp, settings: Settings) -> str:
    source = row["laporan_sumber"]
    level_rows = reports[(reports["periode_akhir"] < as_of)]
    if source == "desa":
        level_rows = level_rows[(level_rows["level"] == "desa") & (level_rows["kode_desa"] == row["kode"])]
    else:
        level_rows = level_rows[(level_rows["level"] == "kecamatan") & (level_rows["kode_kecamatan"] == row["kode_kecamatan"])]
    latest = level_rows[level_rows["periode_akhir"] == level_rows["periode_akhir"].max()]
    top = latest.sort_values(["nilai", "indikator"], ascending=[False, True]).head(1)
    where = "desa" if source == "desa" else "kecamatan (desa tidak melapor)"
    text = f"Laporan berkala {where} {int(row['laporan_umur_hari'])} hari lalu"
    if not top.empty:
        labels = settings.indicators
        ind = str(top["indikator"].iloc[0])
        text += f": indikator tertinggi '{labels.get(ind, ind)}' = {_fmt(float(top['nilai'].iloc[0]))} dari {settings.indicator_max}"
    return text


def _election_sentence(row: pd.Series, calendar: Calendar, as_of: pd.Timestamp) -> str:
    stages = stage_on(calendar, as_of, row["kode"])
    parts = [f"tahap {s['tahap']} {s['pemilihan']}" for _, s in stages.iterrows() if s["tahap"] != VOTE_STAGE]
    days = row["hari_ke_pemungutan"]
    if not np.isnan(days):
        if int(days) == 0:
            parts.insert(0, "hari pemungutan suara")
        else:
            parts.append(f"{int(days)} hari menjelang pemungutan suara")
    return "; ".join(parts) if parts else "dalam masa pemilihan"


def _exposure_sentence(row: pd.Series, settings: Settings, border_km: pd.Series | None) -> str:
    parts = []
    if border_km is not None and row["kode"] in border_km.index:
        parts.append(f"{_fmt(float(border_km[row['kode']]))} km dari batas negara")
    elif row["dekat_batas"] >= 1:
        parts.append("desa perbatasan")
    if row["kejadian_asing"] > 0:
        parts.append(f"{int(row['kejadian_asing'])} kejadian orang asing/perbatasan dalam {settings.risk_exposure_days} hari terakhir")
    return "; ".join(parts)


def _contributions(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                   settings: Settings, as_of: pd.Timestamp, border_km: pd.Series | None) -> list[tuple[str, str, float]]:
    weights = settings.risk_weights
    available = [c for c in COMPONENTS if not pd.isna(row[c])]
    total = sum(float(weights[c]) for c in available) or 1.0
    ranked = sorted(((float(weights[c]) * float(row[c]) / total, c) for c in available), reverse=True)
    parts = []
    for points, name in ranked:
        if points < 0.5:  # under half a point: nothing worth a sentence
            continue
        if name == "intensitas":
            text = _incident_sentence(row, incidents, as_of, settings)
        elif name == "lonjakan":
            text = _spike_sentence(row, settings)
        elif name == "laporan":
            text = _report_sentence(row, reports, as_of, settings)
        elif name == "pemilihan":
            text = _election_sentence(row, calendar, as_of)
        else:
            text = _exposure_sentence(row, settings, border_km)
        if text:
            parts.append((text, name, points))
    return parts


def explain_row(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                settings: Settings, as_of, border_km: pd.Series | None = None) -> list[str]:
    """Return sentences for one score_desa row, biggest weighted contribution first, missing data last."""
    parts = _contributions(row, incidents, reports, calendar, settings, pd.Timestamp(as_of), border_km)
    sentences = [f"{text[:1].upper()}{text[1:]} ({name} {_fmt(row[name])}, +{_fmt(points)} poin)." for text, name, points in parts]
    sentences += [_missing_sentence(name, settings, row) for name in COMPONENTS if pd.isna(row[name])]
    return sentences


def _missing_sentence(name: str, settings: Settings, row: pd.Series) -> str:
    why = {
        "laporan": f"tidak ada laporan berkala desa atau kecamatan dalam {settings.risk_report_stale_days} hari terakhir",
        "intensitas": "belum ada data kejadian sebelum tanggal ini",
        "lonjakan": "belum ada data kejadian sebelum tanggal ini",
    }.get(name, "datanya tidak ada")
    return (f"Komponen {name} kosong ({why}); skor dihitung dari komponen lain, "
            f"kelengkapan {_fmt(row['kelengkapan'])}%.")


def explain_place(incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar, settings: Settings,
                  kode: str, as_of: date | str, border_km: pd.Series | None = None) -> list[str]:
    """Return the sentences explaining one desa's score on as_of (data before as_of only)."""
    scores = score_desa(incidents, reports, calendar, settings, as_of, border_km=border_km)
    row = scores.loc[scores["kode"] == kode]
    if row.empty:
        raise KeyError(f"Kode desa tidak dikenal: {kode}")
    return explain_row(row.iloc[0], incidents, reports, calendar, settings, as_of, border_km)


def reason_line(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                settings: Settings, as_of, border_km: pd.Series | None = None) -> str:
    """Return the one-line reason for the priority table: the largest contribution's sentence."""
    parts = _contributions(row, incidents, reports, calendar, settings, pd.Timestamp(as_of), border_km)
    if not parts:
        return "Tidak ada faktor risiko yang menonjol."
    return parts[0][0][:1].upper() + parts[0][0][1:]


def reason_lines(scores: pd.DataFrame, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                 settings: Settings, as_of, border_km: pd.Series | None = None) -> pd.Series:
    """Return kode → one-line reason for every row of score_desa's table."""
    return pd.Series(
        [reason_line(row, incidents, reports, calendar, settings, as_of, border_km) for _, row in scores.iterrows()],
        index=scores["kode"].to_numpy(), name="alasan",
    )
