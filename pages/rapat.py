"""Mode Rapat: one idea per projector screen — Ringkasan → Peta → Tren → Desa prioritas → Tindak lanjut.

Aggregates only: no pihak, uraian, tindak lanjut text or any personal detail on any screen.
"""

import streamlit as st

from analytics.i18n.catalog import t
from ui import auth, penanganan, rapat, state, theme

lang = state.current_lang()
auth.require("rapat", lang)
f = state.current_filters()
theme.apply_meeting_style()
step = state.meeting_step(rapat.STEPS)

rapat.render_header(step, f, lang)
with st.spinner(t("loading", lang)):
    if step == 1:
        rapat.render_headline(f, lang)
        st.caption(t("rapat_keys_once", lang))
    elif step == 2:
        rapat.render_map(f, lang)
    elif step == 3:
        rapat.render_trend(f, lang)
    elif step == 4:
        rapat.render_priority(f, lang)
    else:
        # Counts only (by status and agency): no case titles, text or names on the projector.
        penanganan.render_meeting_followup(lang)
