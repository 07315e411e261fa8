"""One plain reason per desa for the room and for pimpinan: "4 kejadian dalam sebulan terakhir (terbanyak
sengketa lahan); biasanya kurang dari 1 per bulan" — no half-lives, points or ratios of averages.
The analyst's detailed explanation stays in analytics.explain (Profil)."""

from __future__ import annotations

import pandas as pd

from analytics.ingest.categories import CATEGORY_LABELS
from analytics.views.plain_words import count_words, rate_words

MONTH_DAYS = 30.4


def window_words(days: int) -> str:
    """Return the recent window in words ("dalam sebulan terakhir", "dalam 14 hari terakhir")."""
    return "dalam sebulan terakhir" if 28 <= days <= 31 else f"dalam {days} hari terakhir"


def plain_reason(recent: float, base: float | None, base_days: float | None, recent_days: int,
                 top_category: str | None = None) -> str:
    """Return the reason line from the recent count and the usual rate of the baseline."""
    text = f"{count_words(recent, 'kejadian')} {window_words(recent_days)}"
    if top_category:
        # The first words of the label ("sengketa lahan" of "Sengketa lahan / sumber daya alam"): short for the wall.
        label = CATEGORY_LABELS.get(top_category, top_category.replace("_", " ")).split(" / ")[0].lower()
        text += f" (terbanyak {label})"
    if base is None or base_days is None or pd.isna(base) or pd.isna(base_days) or base_days <= 0:
        return f"{text}; belum ada data pembanding"
    return f"{text}; {rate_words(float(base) / float(base_days) * MONTH_DAYS)}"


def plain_reasons(rows: pd.DataFrame, incidents: pd.DataFrame, as_of, recent_days: int) -> list[str]:
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
                                    top.get(row["kode"])))
    return reasons
