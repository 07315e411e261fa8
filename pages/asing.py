"""Orang Asing / TKA: the register per kecamatan for the period (undocumented people first), the chart, the rows.

pimpinan see counts and redacted rows; analis/admin ('rincian_pribadi') see names and passports too;
roles with 'unggah' store a register file (all rows or none) and download the template.
"""

import streamlit as st

from analytics.errors import IngestError
from analytics.asing.figures import document_status_figure
from analytics.i18n.catalog import t
from analytics.views.plain_words import format_date, format_number
from ui import asing, auth, state
from ui.unggah import render_problems
from ui.safe_text import plain

lang = state.current_lang()
user = auth.require("baca", lang)
f = state.current_filters()
personal = user.can("rincian_pribadi")

st.title(t("as_title", lang))
st.caption(t("as_caption", lang, start=format_date(f.start, lang), end=format_date(f.end, lang)))

summary = asing.period_summary(f.start, f.end, f.kecamatan)
total_col, none_col, part_col = st.columns(3)
total_col.metric(t("as_metric_total", lang), format_number(summary["jumlah"].sum()), border=True)
none_col.metric(t("as_metric_no_docs", lang), format_number(summary["tanpa_dokumen"].sum()), border=True)
part_col.metric(t("as_metric_incomplete", lang), format_number(summary["tidak_lengkap"].sum()), border=True)

st.subheader(t("as_summary", lang))
st.dataframe(asing.summary_table(summary, lang), hide_index=True, width="stretch", key="as_summary",
             column_config=asing.summary_column_config(lang))

st.subheader(t("as_chart", lang))
st.plotly_chart(document_status_figure(summary, asing.status_labels(lang), t("as_chart_empty", lang)),
                width="stretch", key="as_chart")

st.subheader(t("as_register", lang))
rows = asing.register_rows(personal, f.start, f.end, f.kecamatan, lang)
if not personal:
    st.caption(t("as_redacted", lang))
if rows.empty:
    st.info(t("as_register_none", lang))
else:
    st.dataframe(asing.register_table(rows, lang), hide_index=True, width="stretch", key="as_rows", column_config=asing.register_column_config(lang))

if not user.can("unggah"):
    st.stop()

st.subheader(t("as_upload", lang))
st.caption(t("as_upload_help", lang))
if flash := st.session_state.pop("as_flash", None):
    st.success(flash)
st.download_button(t("as_template", lang), asing.template_csv(), file_name="templat_register_orang_asing.csv",
                   mime="text/csv", key="as_template", on_click="ignore")
uploaded = st.file_uploader(t("as_choose_file", lang), type=["csv", "xlsx"], key=asing.uploader_key())
if uploaded is None:
    st.stop()
try:
    table = asing.read_upload(uploaded.getvalue(), uploaded.name)
except IngestError as error:
    st.error(plain(error.message))
    render_problems(error.problems, key="as_unreadable", lang=lang)
    st.stop()
st.text(t("as_preview", lang, n=len(table.frame), file=uploaded.name))
st.dataframe(asing.preview(table), hide_index=True, width="stretch", key="as_preview")
if st.button(t("as_save", lang), type="primary", key="as_save"):
    try:
        stored = asing.store_upload(table, uploaded.name, user.username)
    except IngestError as error:
        st.error(plain(error.message))
        render_problems(error.problems, key="as_problems", lang=lang)
        st.stop()
    asing.reset_upload()
    st.session_state["as_flash"] = t("as_saved", lang, n=stored)
    st.rerun()
