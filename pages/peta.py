"""Peta: the risk map of desa or kecamatan at the end of the period, its legend, and a place's card."""

import streamlit as st

from analytics.views import maps
from analytics.views import summary
from analytics.i18n.catalog import t
from analytics.views.plain_words import text_or_dash
from ui import auth, cache, penanganan, reasons, state, theme
from ui.safe_text import plain

COMPONENTS = ("intensitas", "lonjakan", "laporan", "pemilihan", "paparan")

lang = state.current_lang()
user = auth.require("baca", lang)
f = state.current_filters()

st.title(t("map_title", lang))
left, right = st.columns([1, 2])  # the colour choices need the room: three labels side by side at 1280 px
with left:
    level = state.level_control(t("map_level", lang), lang, key="peta_level")
color_by = right.segmented_control(
    t("map_color_by", lang), ["tingkat", "skor", "kepatuhan"],
    format_func=lambda v: t({"tingkat": "color_band", "skor": "color_score", "kepatuhan": "color_compliance"}[v], lang),
    default="tingkat", key="peta_color",
) or "tingkat"

_, _, _, schematic = cache.map_places(level)
if schematic:
    st.info(t("map_schematic", lang), icon=":material/grid_view:")

with st.spinner(t("loading", lang)):  # scoring a new period and building the map can take a few seconds
    scores = cache.kecamatan_scores(f.end, f.kategori) if level == "kecamatan" else cache.desa_scores(f.end, f.kategori)
names = cache.kecamatan_names() if level == "kecamatan" else cache.desa_names()

map_column, legend_column = st.columns([4, 1])
with map_column:
    # Reports come per kecamatan: the compliance layer is always drawn on kecamatan.
    deck = (penanganan.compliance_map(f.start, f.end, height=620) if color_by == "kepatuhan"
            else cache.risk_map(f.end, f.kategori, level, color_by, lang, height=620))
    event = st.pydeck_chart(deck, height=620,
                            on_select="rerun", selection_mode="single-object", key=f"peta_{level}_{color_by}")
with legend_column:
    entries = penanganan.compliance_legend(lang) if color_by == "kepatuhan" else maps.map_legend(color_by, lang)
    # a static table wraps long labels ("Sangat Tinggi", "belum jatuh tempo") in the narrow column at 1280 px
    st.table(theme.style_legend(summary.legend_frame(entries), t("map_legend", lang)).hide(axis="index"))

picked = state.picked_place(event, "wilayah")
if picked and picked in names:
    st.session_state[f"peta_place_{level}"] = picked
kode = st.selectbox(t("map_choose", lang), list(names), format_func=names.get, index=None, key=f"peta_place_{level}", placeholder=t("select_placeholder", lang))

if kode:
    row = scores[scores["kode"] == kode].iloc[0]
    st.subheader(plain(names[kode]))
    a, b, c = st.columns(3)
    a.metric(t("card_score", lang), summary.format_percent(row["skor"]))
    b.metric(t("card_band", lang), text_or_dash(row["tingkat"]))  # never the word None
    c.metric(t("comp_kelengkapan", lang), summary.format_number(row["kelengkapan"]))
    st.markdown(f"**{t('card_components', lang)}**")
    component_columns = st.columns(len(COMPONENTS))
    for column, name in zip(component_columns, COMPONENTS):
        column.metric(t(f"comp_{name}", lang), summary.format_number(row[name], t("comp_no_data", lang)))
    if level == "desa":
        st.markdown(f"**{t('card_explain', lang)}**")
        # pimpinan get the room's plain reason; the detailed explanation stays for analis (and on Profil).
        sentences = (cache.explanation(f.end, f.kategori, kode, lang) if reasons.wants_detail(user)
                     else [reasons.plain_reason(f.end, f.kategori, kode, lang) or t("comp_no_data", lang)])
        for sentence in sentences:
            st.markdown(f"- {plain(sentence)}")
    if st.button(t("card_open_profile", lang), icon=":material/arrow_forward:"):
        state.set_level(level)
        st.session_state[f"profil_place_{level}"] = kode
        st.switch_page("pages/profil.py", query_params=state.url_params())
