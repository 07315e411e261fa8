"""Pengaturan (admin only): boundaries, the election calendar, risk numbers, synonyms and name aliases."""

import streamlit as st

from analytics import admin_forms
from analytics.i18n_pages import group_label, t  # importing i18n_pages registers the keys used here
from ui import admin, auth, cache, state

lang = state.current_lang()
user = auth.require("pengaturan", lang)
settings = cache.settings()

st.title(t("pengaturan_title", lang))
st.caption(t("pengaturan_caption", lang))
admin.render_flash()

groups = admin_forms.setting_groups()
tab_names = [t("tab_batas", lang), t("tab_kalender", lang), *[group_label(g, lang) for g in groups],
             t("tab_sinonim", lang), t("tab_alias", lang)]
tabs = st.tabs(tab_names)

with tabs[0]:
    admin.render_boundaries(user.username, lang)
with tabs[1]:
    admin.render_calendar(user.username, settings, lang)
for tab, group in zip(tabs[2:], groups):
    with tab:
        admin.render_numbers(user.username, settings, group, lang)
with tabs[-2]:
    admin.render_synonyms(user.username, lang)
with tabs[-1]:
    admin.render_aliases(user.username, lang)
