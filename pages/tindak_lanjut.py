"""Tindak Lanjut: every case, overdue first and marked red; open one from an alert or by hand; act on it.

pimpinan read a redacted list (no free text, no names) and no forms; analis/admin ('ubah') edit.
Every change goes through analytics.cases (validated, audited, one transaction each).
"""

import streamlit as st

from analytics.penanganan import cases as case_store
from analytics.penanganan.listing import status_counts
from analytics.i18n.catalog import t
from analytics.views.plain_words import format_date, format_number, text_or_dash
from ui import auth, penanganan, state
from ui.tindak_lanjut import render_action_forms, render_open_forms
from ui.safe_text import plain_block

lang = state.current_lang()
user = auth.require("baca", lang)
f = state.current_filters()
can_edit, can_read_text = user.can("ubah"), user.can("rincian_pribadi")

st.title(t("tl_title", lang))
st.caption(t("tl_caption", lang))

everything = penanganan.cases()
counts = status_counts(everything)
open_col, overdue_col, done_col = st.columns(3)
open_col.metric(t("tl_metric_open", lang), format_number(counts["baru"] + counts["dalam penanganan"] + counts["dipantau"]),
                border=True)
# The overdue number is the one to act on: red, whatever its size.
overdue_col.metric(t("tl_metric_overdue", lang), format_number(counts["lewat tenggat"]), border=True,
                   delta=t("tl_late_word", lang) if counts["lewat tenggat"] else None, delta_color="inverse",
                   delta_arrow="off")
done_col.metric(t("tl_metric_done", lang), format_number(counts["selesai"]), border=True)

agency_col, status_col, overdue_toggle_col = st.columns([2, 2, 1.5], vertical_alignment="bottom")  # room for the toggle's words at 1280 px
agency_options = [None, *penanganan.agencies()]
instansi = agency_col.selectbox(t("tl_filter_instansi", lang), agency_options, key="tl_instansi",
                                format_func=lambda v: t("tl_all", lang) if v is None else v, placeholder=t("select_placeholder", lang))
status = status_col.multiselect(t("tl_filter_status", lang), list(case_store.STATUSES), key="tl_status",
                                placeholder=t("tl_all", lang))
overdue_only = overdue_toggle_col.toggle(t("tl_filter_overdue", lang), key="tl_overdue")

listed = penanganan.cases(instansi=instansi, status=tuple(status), overdue_only=overdue_only)
if not can_read_text:
    st.caption(t("tl_redacted", lang))
if listed.empty:
    st.info(t("tl_none", lang))
else:
    table = penanganan.case_table(listed, can_read_text, lang)
    st.dataframe(penanganan.highlight_overdue(table), hide_index=True, width="stretch", key="tl_table",
                 column_config=penanganan.case_column_config(lang))

if can_edit:
    st.subheader(t("tl_open_title", lang))
    render_open_forms(user.username, f, lang)

st.subheader(t("tl_detail_title", lang))
if everything.empty:
    st.caption(t("tl_detail_none", lang))
    st.stop()
labels = dict(zip(everything["id"], everything["judul" if can_read_text else "judul_umum"]))
flags = dict(zip(everything["id"], everything["terlambat"]))
case_id = st.selectbox(t("tl_choose_case", lang), list(labels), key="tl_case",
                       format_func=lambda i: f"{'🔴 ' if flags[i] else ''}#{i} · {labels[i]}", placeholder=t("select_placeholder", lang))
if case_id is None:
    st.stop()
detail = penanganan.case_detail(case_id)
row = detail.case
info = st.columns(4)
info[0].metric(t("col_status", lang), text_or_dash(row["status"]))
info[1].metric(t("col_instansi", lang), text_or_dash(row["instansi"]))
info[2].metric(t("col_jatuh_tempo", lang), format_date(row["jatuh_tempo"], lang))
info[3].metric(t("col_tempat", lang), ", ".join(detail.places["nama"].fillna(detail.places["kode"])))
if flags[case_id]:
    st.badge(t("tl_late_word", lang), icon="🔴", color="red")
if can_read_text and row.get("uraian"):
    st.markdown(plain_block(row["uraian"]))  # user text: shown literally, never as Markdown
st.markdown(f"**{t('tl_log', lang)}**")
st.dataframe(penanganan.action_log(detail, can_read_text, lang), hide_index=True, width="stretch", key="tl_log",
             column_config={c: t(f"col_{c}", lang) for c in ("tanggal", "jenis", "pelaku", "uraian", "status_baru")})
st.caption(t("tl_linked", lang, n=format_number(len(detail.incident_ids))))

if can_edit:
    render_action_forms(user.username, detail, lang)
