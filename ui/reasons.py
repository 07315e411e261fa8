"""Which reason a reader gets: the room's plain words for pimpinan, the analyst's detail for analis and admin.

Plain: "4 kejadian dalam sebulan terakhir (terbanyak sengketa lahan); biasanya kurang dari 1 per bulan".
Detailed (analytics.risk.explain): the forecast's parts, half-lives, points and ratios — always on Profil.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analytics.auth import User
from analytics.views import room_reasons
from ui import cache

DETAIL_PERMISSION = "rincian_analisis"
PRIORITY_COLUMNS = ["nama", "kecamatan", "skor", "tingkat", "alasan"]


def wants_detail(user: User) -> bool:
    """True when this reader gets the analyst's detailed reasons (analis, admin); pimpinan get plain ones."""
    return user.can(DETAIL_PERMISSION)


def priority_table(top: pd.DataFrame, user: User) -> pd.DataFrame:
    """Return the priority desa as Ringkasan shows them, the alasan column in the reader's words."""
    reasons = top["alasan"] if wants_detail(user) else top["alasan_singkat"]
    return top.assign(alasan=reasons)[PRIORITY_COLUMNS]


def plain_reason(end: date, kategori: tuple[str, ...], kode: str, lang: str = "id") -> str | None:
    """Return one desa's plain reason at the end of the period in lang (None when the desa has no score)."""
    return _plain_reason(*cache.key(), end, tuple(sorted(kategori)), kode, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def _plain_reason(url: str, v: int, end: date, kategori: tuple[str, ...], kode: str, lang: str) -> str | None:
    scores = cache.desa_scores(end, kategori)
    row = scores[scores["kode"] == kode]
    if row.empty:
        return None
    inputs = cache.risk_bundle(kategori)
    # The same day the scores are computed at (cache.priority scores as of the day after the period).
    as_of = end + timedelta(days=1)
    return room_reasons.plain_reasons(row, inputs.incidents, as_of, inputs.settings.risk_recent_days, lang)[0]
