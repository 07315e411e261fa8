"""Why a desa has the forecast it has: sentences in kejadian, then the facts behind the indicators.

The first sentence adds up the forecast's parts in kejadian ("Perkiraan 1,3 kejadian dalam 30 hari:
0,2 dasar kabupaten + 0,8 riwayat desa + 0,3 dua minggu terakhir → peluang 68%"). The following
sentences state the numbers behind each indicator component (counts, windows, ratios, days to the
vote, report age), ordered by the component's weighted value; a missing component is said to be
missing, never passed over. The words are the catalogue's `why_*` and `part:*` keys (Indonesian, or
English for an English reader); numbers follow the reader's language too.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.i18n.catalog import t
from analytics.ingest.categories import category_phrase
from analytics.risk.elections import VOTE_STAGE, Calendar, stage_on
from analytics.risk.forecast import EXPLAINED
from analytics.risk.score import COMPONENTS, score_desa
from analytics.settings import Settings
from analytics.views.plain_words import format_number
from analytics.views.room_reasons import count_words

MONTH_DAYS = 30.4


def _fmt(x: float, lang: str) -> str:
    """Return x with one decimal, or whole when it is within 0.05 of a whole number ("4,5", "3")."""
    return format_number(x, 1, lang=lang)


def _decimal(x: float, lang: str) -> str:
    """Return x with exactly one decimal ("0,2"; English "0.2")."""
    return f"{x:.1f}".replace(".", ",") if lang == "id" else f"{x:.1f}"


def forecast_sentence(row: pd.Series, settings: Settings, max_parts: int | None = None, lang: str = "id") -> str:
    """Return 'Perkiraan 1,3 kejadian dalam 30 hari: 0,2 dasar kabupaten + 0,8 riwayat desa + … → peluang 68%'."""
    horizon = int(settings.forecast_horizon_days)
    if pd.isna(row.get("perkiraan", np.nan)):
        return t("why_no_forecast", lang)
    parts = sorted(((float(row[f"bagian_{p}"]), p) for p in EXPLAINED
                    if f"bagian_{p}" in row and pd.notna(row[f"bagian_{p}"]) and row[f"bagian_{p}"] >= 0.05), reverse=True)
    shown = parts[:max_parts] if max_parts else parts
    rest = float(row["perkiraan"]) - sum(v for v, _ in shown)
    terms = [f"{_decimal(v, lang)} {t(f'part:{p}', lang)}" for v, p in shown]
    if rest >= 0.05:
        terms.append(f"{_decimal(rest, lang)} {t('why_other', lang)}")
    total = t("why_forecast_total", lang, n=_decimal(float(row["perkiraan"]), lang), days=horizon)
    chance = t("why_chance", lang, pct=f"{100 * float(row['peluang']):.0f}")
    return f"{total}: {' + '.join(terms)} → {chance}" if terms else f"{total} → {chance}"


def _recent_incidents(incidents: pd.DataFrame, row: pd.Series, as_of: pd.Timestamp, days: int) -> pd.DataFrame:
    lo = as_of - pd.Timedelta(days=days)
    window = incidents[(incidents["tanggal"] >= lo) & (incidents["tanggal"] < as_of)]
    return window[window["kode_desa"] == row["kode"]]


def _incident_sentence(row: pd.Series, incidents: pd.DataFrame, as_of: pd.Timestamp, settings: Settings,
                       lang: str) -> str:
    days = settings.risk_recent_days
    recent = _recent_incidents(incidents, row, as_of, days)
    if recent.empty:
        return t("why_inc_none", lang, days=days, short=settings.risk_half_life_days,
                 long=settings.risk_long_half_life_days, weight=_fmt(row["bobot_kejadian"], lang))
    counts = recent["kategori"].value_counts()
    kinds = ", ".join(f"{n} {category_phrase(k, lang)}" for k, n in counts.head(2).items())
    text = t("why_inc", lang, count=count_words(len(recent), lang), days=days, kinds=kinds)
    dead, hurt = int(recent["korban_meninggal"].sum()), int(recent["korban_luka"].sum())
    if dead or hurt:
        text += t("why_inc_victims", lang, dead=dead, hurt=hurt)
    return text


def _spike_sentence(row: pd.Series, settings: Settings, lang: str) -> str:
    days = settings.risk_recent_days
    r, b, covered = float(row["kejadian_baru"]), float(row["kejadian_dasar"]), float(row["hari_dasar"])
    months = _fmt(covered / MONTH_DAYS, lang)
    if covered <= 0:
        return t("why_spike_no_base", lang, count=count_words(r, lang), days=days)
    expected = b * days / covered
    if b == 0:
        return t("why_spike_after_none", lang, count=count_words(r, lang), days=days, months=months)
    return t("why_spike", lang, count=count_words(r, lang), days=days, ratio=_fmt(r / expected, lang), months=months,
             expected=_fmt(expected, lang))


def _report_sentence(row: pd.Series, reports: pd.DataFrame, as_of: pd.Timestamp, settings: Settings,
                     lang: str) -> str:
    source = row["laporan_sumber"]
    level_rows = reports[(reports["periode_akhir"] < as_of)]
    if source == "desa":
        level_rows = level_rows[(level_rows["level"] == "desa") & (level_rows["kode_desa"] == row["kode"])]
    else:
        level_rows = level_rows[(level_rows["level"] == "kecamatan") & (level_rows["kode_kecamatan"] == row["kode_kecamatan"])]
    latest = level_rows[level_rows["periode_akhir"] == level_rows["periode_akhir"].max()]
    top = latest.sort_values(["nilai", "indikator"], ascending=[False, True]).head(1)
    text = t("why_report_desa" if source == "desa" else "why_report_kecamatan", lang, age=int(row["laporan_umur_hari"]))
    if not top.empty:
        labels = settings.indicators
        ind = str(top["indikator"].iloc[0])
        text += t("why_report_top", lang, name=labels.get(ind, ind), value=_fmt(float(top["nilai"].iloc[0]), lang),
                  max=settings.indicator_max)
    return text


def _election_sentence(row: pd.Series, calendar: Calendar, as_of: pd.Timestamp, lang: str) -> str:
    stages = stage_on(calendar, as_of, row["kode"])
    parts = [t("why_stage", lang, stage=s["tahap"], election=s["pemilihan"])
             for _, s in stages.iterrows() if s["tahap"] != VOTE_STAGE]
    days = row["hari_ke_pemungutan"]
    if not np.isnan(days):
        if int(days) == 0:
            parts.insert(0, t("why_vote_day", lang))
        else:
            parts.append(t("why_vote_days", lang, days=int(days)))
    return "; ".join(parts) if parts else t("why_election_period", lang)


def _exposure_sentence(row: pd.Series, settings: Settings, border_km: pd.Series | None, lang: str) -> str:
    parts = []
    if border_km is not None and row["kode"] in border_km.index:
        parts.append(t("why_border_km", lang, km=_fmt(float(border_km[row["kode"]]), lang)))
    elif row["dekat_batas"] >= 1:
        parts.append(t("why_border_desa", lang))
    if row["kejadian_asing"] > 0:
        parts.append(t("why_foreign", lang, n=int(row["kejadian_asing"]), days=settings.risk_exposure_days))
    return "; ".join(parts)


def _contributions(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                   settings: Settings, as_of: pd.Timestamp, border_km: pd.Series | None,
                   lang: str) -> list[tuple[str, str, float]]:
    weights = settings.risk_weights
    available = [c for c in COMPONENTS if not pd.isna(row[c])]
    total = sum(float(weights[c]) for c in available) or 1.0
    ranked = sorted(((float(weights[c]) * float(row[c]) / total, c) for c in available), reverse=True)
    parts = []
    for points, name in ranked:
        if points < 0.5:  # under half a point: nothing worth a sentence
            continue
        if name == "intensitas":
            text = _incident_sentence(row, incidents, as_of, settings, lang)
        elif name == "lonjakan":
            text = _spike_sentence(row, settings, lang)
        elif name == "laporan":
            text = _report_sentence(row, reports, as_of, settings, lang)
        elif name == "pemilihan":
            text = _election_sentence(row, calendar, as_of, lang)
        else:
            text = _exposure_sentence(row, settings, border_km, lang)
        if text:
            parts.append((text, name, points))
    return parts


def explain_row(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                settings: Settings, as_of, border_km: pd.Series | None = None, lang: str = "id") -> list[str]:
    """Return sentences for one score_desa row: the forecast in kejadian, then each indicator's facts, missing data last."""
    parts = _contributions(row, incidents, reports, calendar, settings, pd.Timestamp(as_of), border_km, lang)
    sentences = [forecast_sentence(row, settings, lang=lang) + "."]
    sentences += [f"{text[:1].upper()}{text[1:]} ({name} {_fmt(row[name], lang)})." for text, name, points in parts]
    sentences += [_missing_sentence(name, settings, row, lang) for name in COMPONENTS if pd.isna(row[name])]
    return sentences


def _missing_sentence(name: str, settings: Settings, row: pd.Series, lang: str) -> str:
    if name == "laporan":
        why = t("why_missing_laporan", lang, days=settings.risk_report_stale_days)
    elif name in ("intensitas", "lonjakan"):
        why = t("why_missing_kejadian", lang)
    else:
        why = t("why_missing_other", lang)
    return t("why_missing", lang, name=name, why=why, pct=_fmt(row["kelengkapan"], lang))


def explain_place(incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar, settings: Settings,
                  kode: str, as_of: date | str, border_km: pd.Series | None = None, lang: str = "id") -> list[str]:
    """Return the sentences explaining one desa's score on as_of (data before as_of only)."""
    scores = score_desa(incidents, reports, calendar, settings, as_of, border_km=border_km)
    row = scores.loc[scores["kode"] == kode]
    if row.empty:
        raise KeyError(f"Kode desa tidak dikenal: {kode}")
    return explain_row(row.iloc[0], incidents, reports, calendar, settings, as_of, border_km, lang)


def reason_line(row: pd.Series, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                settings: Settings, as_of, border_km: pd.Series | None = None, lang: str = "id") -> str:
    """Return the one-line reason for the priority table: the forecast with its three largest parts, in kejadian."""
    return forecast_sentence(row, settings, max_parts=3, lang=lang)


def reason_lines(scores: pd.DataFrame, incidents: pd.DataFrame, reports: pd.DataFrame, calendar: Calendar,
                 settings: Settings, as_of, border_km: pd.Series | None = None, lang: str = "id") -> pd.Series:
    """Return kode → one-line reason for every row of score_desa's table."""
    return pd.Series(
        [reason_line(row, incidents, reports, calendar, settings, as_of, border_km, lang) for _, row in scores.iterrows()],
        index=scores["kode"].to_numpy(), name="alasan",
    )
