"""The Bahan Rakor download buttons, for any page to call (Ringkasan and Rakor call render_briefing_buttons)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.briefing.data import build_briefing_context
from analytics.briefing.pdf import build_briefing_pdf
from analytics.briefing.pptx import build_briefing_pptx
from analytics.i18n.catalog import t
from ui import cache, state
from ui.downloads import audited_download

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# The spinner is drawn by briefing_bytes() so that it speaks the reader's language.
@st.cache_data(max_entries=4, show_spinner=False)
def _briefing(url: str, v: int, filters: state.Filters, fmt: str, today: date) -> bytes:
    context = build_briefing_context(cache.engine(), start=filters.start, end=filters.end, today=today,
                                     kecamatan=filters.kecamatan, kategori=filters.kategori)
    return build_briefing_pdf(context) if fmt == "pdf" else build_briefing_pptx(context)


def briefing_bytes(filters: state.Filters, fmt: str, lang: str | None = None) -> bytes:
    """Return the Bahan Rakor for the filters (period, kecamatan, kategori) as PDF or PowerPoint bytes, cached."""
    with st.spinner(t("briefing_building", lang or state.current_lang())):
        return _briefing(*cache.key(), filters, fmt, cache.today())


def render_briefing_buttons(filters: state.Filters, lang: str | None = None) -> None:
    """Draw the Bahan Rakor PDF and PowerPoint buttons for the filters on screen; the file is built on click."""
    lang = lang or state.current_lang()
    left, right = st.columns(2)
    stem = f"bahan_rakor_{filters.end:%Y-%m-%d}"
    # Callables defer the build to the click, so opening Ringkasan never waits for a PDF.
    audited_download(left, t("briefing_pdf", lang), lambda: briefing_bytes(filters, "pdf", lang),
                     f"{stem}.pdf", "briefing", mime="application/pdf", icon=":material/picture_as_pdf:",
                     key="rakor_pdf")
    audited_download(right, t("briefing_pptx", lang), lambda: briefing_bytes(filters, "pptx", lang),
                     f"{stem}.pptx", "briefing", mime=PPTX_MIME, icon=":material/slideshow:", key="rakor_pptx")
