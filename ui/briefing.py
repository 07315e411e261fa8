"""The Bahan Rakor download buttons, for any page to call (Ringkasan calls render_briefing_buttons)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.briefing.data import build_briefing_context
from analytics.briefing.pdf import build_briefing_pdf
from analytics.briefing.pptx import build_briefing_pptx
from analytics.i18n.catalog import t
from ui import cache, state

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# The spinner is drawn by briefing_bytes() so that it speaks the reader's language.
@st.cache_data(max_entries=4, show_spinner=False)
def _briefing(url: str, v: int, start: date, end: date, fmt: str, today: date) -> bytes:
    context = build_briefing_context(cache.engine(), start=start, end=end, today=today)
    return build_briefing_pdf(context) if fmt == "pdf" else build_briefing_pptx(context)


def briefing_bytes(start: date, end: date, fmt: str, lang: str | None = None) -> bytes:
    """Return the Bahan Rakor for [start, end] as PDF ("pdf") or PowerPoint ("pptx") bytes, cached per data version."""
    with st.spinner(t("briefing_building", lang or state.current_lang())):
        return _briefing(*cache.key(), start, end, fmt, date.today())


def render_briefing_buttons(start: date, end: date, lang: str | None = None) -> None:
    """Draw the Bahan Rakor PDF and PowerPoint buttons (labels in lang, default the session's); built on click."""
    lang = lang or state.current_lang()
    left, right = st.columns(2)
    stem = f"bahan_rakor_{end:%Y-%m-%d}"
    # Callables defer the build to the click, so opening Ringkasan never waits for a PDF.
    left.download_button(t("briefing_pdf", lang), lambda: briefing_bytes(start, end, "pdf", lang),
                         file_name=f"{stem}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                         on_click="ignore", key="rakor_pdf")
    right.download_button(t("briefing_pptx", lang), lambda: briefing_bytes(start, end, "pptx", lang),
                          file_name=f"{stem}.pptx", mime=PPTX_MIME, icon=":material/slideshow:", on_click="ignore",
                          key="rakor_pptx")
