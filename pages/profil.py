"""Profil Desa/Kecamatan: the score over time with its components, why, and the place's kejadian and reports."""

import streamlit as st

from analytics.views import figures
from analytics.views import summary
from analytics.i18n.catalog import t
from analytics.ingest.categories import category_labels
from analytics.risk.score import COMPONENTS
from analytics.views.plain_tables import number_style, plain_table
from ui import auth, cache, penanganan, state
from ui.safe_text import plain

INCIDENT_COLUMNS = ["tanggal", "kategori", "jenis", "korban_meninggal", "korban_luka",
                    "uraian", "pihak", "tindak_lanjut", "sumber"]
REPORT_COLUMNS = ["periode_mulai", "indikator", "nilai", "catatan", "sumber"]

lang = state.current_lang()
user = auth.require("baca", lang)
f = state.current_filters()

st.title(t("profile_title", lang))
level = state.level_control(t("profile_level", lang), lang, key="profil_level")
names = cache.kecamatan_names() if level == "kecamatan" else cache.desa_names()
if f.kecamatan:
    names = {k: v for k, v in names.items() if k[:8] in f.kecamatan}
kode = st.selectbox(t("profile_place", lang), list(names), format_func=names.get, key=f"profil_place_{level}", placeholder=t("select_placeholder", lang))
if kode is None:
    st.stop()

st.subheader(plain(names[kode]))
with st.spinner(t("loading", lang)):  # weekly scores of the period: seconds the first time
    series = cache.place_series(level, kode, f.start, f.end, f.kategori)
labels = {name: t(f"comp_{name}", lang) for name in (*COMPONENTS, "skor")}
thresholds = cache.settings().risk_thresholds
st.markdown(f"**{t('profile_score_time', lang)}**")
st.plotly_chart(figures.score_figure(series, list(COMPONENTS), labels=labels, thresholds=thresholds,
                                     empty_message=t("score_empty", lang)), width="stretch", key="profil_skor")

st.markdown(f"**{t('profile_explain', lang)}**")
if level == "desa":
    for sentence in cache.explanation(f.end, f.kategori, kode, lang):
        st.markdown(f"- {plain(sentence)}")
else:
    worst = cache.priority(f.end, f.kategori, (kode,), n=5, lang=lang)
    for row in worst.itertuples():
        st.markdown(f"- **{plain(row.nama)}** ({row.tingkat}, {summary.format_number(row.skor)}): {plain(row.alasan)}")

st.markdown(f"**{t('profile_incidents', lang)}**")
incidents = summary.place_incidents(cache.incidents(), level, kode, f.start, f.end)
if not user.can("rincian_pribadi"):
    incidents = summary.public_incidents(incidents)
    st.caption(t("personal_hidden", lang))
shown = [c for c in INCIDENT_COLUMNS if c in incidents.columns]
if incidents.empty:
    st.info(t("none_rows", lang))
else:
    # Dates in words, kategori by its label, no "None" (plain_table).
    st.dataframe(plain_table(incidents[shown], lang, labels={"kategori": category_labels(lang)}), hide_index=True, width="stretch",
                 column_config={c: t(f"col_{c.replace('korban_', '')}", lang) for c in shown})

st.markdown(f"**{t('profile_reports', lang)}**")
reports = summary.place_reports(cache.reports(), level, kode, f.start, f.end)
if reports.empty:
    st.info(t("none_rows", lang))
else:
    columns = [c for c in REPORT_COLUMNS if c in reports.columns and (c not in ("catatan", "sumber") or user.can("rincian_pribadi"))]
    shown_reports = plain_table(reports[columns], lang, labels={"indikator": cache.settings().indicators})
    st.dataframe(number_style(shown_reports, ["nilai"], digits=1, lang=lang), hide_index=True, width="stretch",
                 column_config={c: t("col_periode" if c == "periode_mulai" else f"col_{c}", lang) for c in columns})

st.markdown(f"**{t('profile_followup', lang)}**")
# A kecamatan's cases include those on its desa; overdue ones come first and carry the red flag.
place_cases = penanganan.cases(kode=kode)
if place_cases.empty:
    st.info(t("followup_none", lang))
else:
    table = penanganan.case_table(place_cases, user.can("rincian_pribadi"), lang)
    st.dataframe(penanganan.highlight_overdue(table), hide_index=True, width="stretch", key="profil_cases",
                 column_config=penanganan.case_column_config(lang))
