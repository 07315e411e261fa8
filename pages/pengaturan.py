"""Pengaturan (admin only): boundaries, the election calendar, risk numbers, synonyms and name aliases."""

import streamlit as st

from analytics import admin_forms
from ui import admin, auth, cache, state

lang = state.current_lang()
user = auth.require("pengaturan", lang)
settings = cache.settings()

st.title("Pengaturan")
st.caption("Setiap perubahan dicatat di log audit dengan nama Anda, dan langsung berlaku di semua halaman.")
admin.render_flash()

groups = admin_forms.setting_groups()
tab_names = ["Batas wilayah", "Kalender pemilihan", *[admin_forms.GROUP_LABELS.get(g, g) for g in groups],
             "Sinonim kategori", "Alias nama tempat"]
tabs = st.tabs(tab_names)

with tabs[0]:
    admin.render_boundaries(user.username)
with tabs[1]:
    admin.render_calendar(user.username, settings)
for tab, group in zip(tabs[2:], groups):
    with tab:
        admin.render_numbers(user.username, settings, group)
with tabs[-2]:
    admin.render_synonyms(user.username)
with tabs[-1]:
    admin.render_aliases(user.username)
