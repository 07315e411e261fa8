"""The Bahan Rakor download buttons, for any page to call (Ringkasan calls render_briefing_buttons)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.briefing import build_briefing_pdf, build_briefing_pptx
from analytics.briefing_data import build_briefing_context
from ui import cache

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_data(max_entries=4, show_spinner="Menyiapkan Bahan Rakor …")
def _briefing(url: str, v: int, start: date, end: date, fmt: str, today: date) -> bytes:
    context = build_briefing_context(cache.engine(), start=start, end=end, today=today)
    return build_briefing_pdf(context) if fmt == "pdf" else build_briefing_pptx(context)


def briefing_bytes(start: date, end: date, fmt: str) -> bytes:
    """Return the Bahan Rakor for [start, end] as PDF ("pdf") or PowerPoint ("pptx") bytes, cached per data version."""
    return _briefing(*cache.key(), start, end, fmt, date.today())


def render_briefing_buttons(start: date, end: date) -> None:
    """Draw 'Bahan Rakor (PDF)' and 'Bahan Rakor (PowerPoint)'; each file is built only when asked for."""
    left, right = st.columns(2)
    stem = f"bahan_rakor_{end:%Y-%m-%d}"
    # Callables defer the build to the click, so opening Ringkasan never waits for a PDF.
    left.download_button("Bahan Rakor (PDF)", lambda: briefing_bytes(start, end, "pdf"), file_name=f"{stem}.pdf",
                         mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore",
                         key="rakor_pdf")
    right.download_button("Bahan Rakor (PowerPoint)", lambda: briefing_bytes(start, end, "pptx"),
                          file_name=f"{stem}.pptx", mime=PPTX_MIME, icon=":material/slideshow:", on_click="ignore",
                          key="rakor_pptx")
