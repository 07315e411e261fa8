"""One plain reason per desa for the room and for pimpinan: "4 kejadian dalam sebulan terakhir (terbanyak
sengketa lahan); biasanya kurang dari 1 per bulan" — no half-lives, points or ratios of averages.
The analyst's detailed explanation stays in analytics.explain (Profil)."""

from __future__ import annotations

import math

import pandas as pd

from analytics.i18n.catalog import t
from analytics.ingest.categories import category_phrase
from analytics.views.plain_words import format_number

MONTH_DAYS = 30.4


def window_words(days: int, lang: str = "id") -> str:
    """Return the recent window in words ("dalam sebulan terakhir", "dalam 14 hari terakhir")."""
    return t("room_window_month", lang) if 28 <= days <= 31 else t("room_window_days", lang, days=days)


def count_words(n: object, lang: str = "id") -> str:
    """Return "4 kejadian", "1.250 kejadian" or "tidak ada kejadian" (English "4 incidents", "1 incident", "no incidents")."""
    number = 0 if n is None or pd.isna(n) else float(n)
    if number == 0:
        return t("room_count_none", lang)
    return t("room_count_one", lang) if number == 1 else t("room_count", lang, n=format_number(number, lang=lang))


def rate_words(per_month: float, lang: str = "id") -> str:
    """Return how often kejadian usually happen: "biasanya kurang dari 1 per bulan", "biasanya sekitar 3 per bulan"."""
    if per_month is None or pd.isna(per_month) or per_month <= 0:
        return t("room_usually_none", lang)
    if per_month < 1:
        return t("room_usually_under_one", lang)
    return t("room_usually_about", lang, n=format_number(math.floor(per_month + 0.5), lang=lang))


def plain_reason(recent: float, base: float | None, base_days: float | None, recent_days: int,
                 top_category: str | None = None, lang: str = "id") -> str:
    """Return the reason line from the recent count and the usual rate of the baseline."""
    text = f"{count_words(recent, lang)} {window_words(recent_days, lang)}"
    if top_category:
        text += f" ({t('room_most', lang, kind=category_phrase(top_category, lang, short=True))})"
    if base is None or base_days is None or pd.isna(base) or pd.isna(base_days) or base_days <= 0:
        return f"{text}; {t('room_no_base', lang)}"
    return f"{text}; {rate_words(float(base) / float(base_days) * MONTH_DAYS, lang)}"


def plain_reasons(rows: pd.DataFrame, incidents: pd.DataFrame, as_of, recent_days: int, lang: str = "id") -> list[str]:
    """Return one plain reason per row of a desa score table (columns kode, kejadian_baru, kejadian_dasar, hari_dasar)."""
    as_of = pd.Timestamp(as_of)
    window = incidents[(incidents["tanggal"] >= as_of - pd.Timedelta(days=recent_days)) & (incidents["tanggal"] < as_of)]
    top = (window.groupby(["kode_desa", "kategori"]).size().reset_index(name="n")
           .sort_values(["kode_desa", "n", "kategori"], ascending=[True, False, True])
           .drop_duplicates("kode_desa").set_index("kode_desa")["kategori"]) if not window.empty else pd.Series(dtype=object)
    counts = window.groupby("kode_desa").size()
    reasons = []
    for _, row in rows.iterrows():
        recent = row["kejadian_baru"] if "kejadian_baru" in row and pd.notna(row["kejadian_baru"]) \
            else counts.get(row["kode"], 0)
        reasons.append(plain_reason(recent, row.get("kejadian_dasar"), row.get("hari_dasar"), recent_days,
                                    top.get(row["kode"]), lang))
    return reasons
