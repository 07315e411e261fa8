"""After an upload: offer to show that upload's period on every page (the shared view follows)."""

from __future__ import annotations

import streamlit as st

from analytics.i18n.catalog import t
from analytics.views.plain_words import format_period
from ui import cache, state


def render_upload_period_offer(upload_id: int | None, lang: str) -> None:
    """Say when the upload lies outside the period shown, and offer a button that shows its period."""
    period = cache.upload_period(upload_id) if upload_id is not None else None
    if period is None:
        return
    start, end = period
    shown = state.current_filters()
    words = format_period(start, end, lang)
    if start >= shown.start and end <= shown.end:
        return
    st.info(t("view_upload_outside", lang, period=words), icon=":material/date_range:")
    st.button(t("view_show_upload", lang, period=words), key="view_show_upload", type="primary",
              on_click=state.set_period, args=(start, end))
