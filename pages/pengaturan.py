"""Pengaturan (admin only): boundaries, the election calendar, risk numbers, synonyms and name aliases."""

import streamlit as st

from analytics.views import settings_form as admin_forms
from analytics.i18n.catalog import t
from analytics.i18n.labels import group_label
from ui import auth, cache, pengaturan, state

lang = state.current_lang()
user = auth.require("pengaturan", lang)
settings = cache.settings()

st.title(t("pengaturan_title", lang))
st.caption(t("pengaturan_caption", lang))
pengaturan.render_flash()

groups = admin_forms.setting_groups()
tab_names = [t("tab_batas", lang), t("tab_kalender", lang), *[group_label(g, lang) for g in groups],
             t("tab_sinonim", lang), t("tab_alias", lang)]
tabs = st.tabs(tab_names)

with tabs[0]:
    pengaturan.render_boundaries(user.username, lang)
with tabs[1]:
    pengaturan.render_calendar(user.username, settings, lang)
for tab, group in zip(tabs[2:], groups):
    with tab:
        pengaturan.render_numbers(user.username, settings, group, lang)
with tabs[-2]:
    pengaturan.render_synonyms(user.username, lang)
with tabs[-1]:
    pengaturan.render_aliases(user.username, lang)
