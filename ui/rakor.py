"""The Rakor page's parts: one agenda table, and the form that records a meeting with its decisions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.i18n.catalog import t
from analytics.penanganan import cases as case_store
from analytics.penanganan import rakor
from analytics.text_limits import MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS
from analytics.views.plain_tables import plain_table
from analytics.views.plain_words import format_number
from ui import cache, penanganan
from ui.safe_text import plain

FLASH_KEY = "rk_flash"
CASE_PARTS = ("rk_opened", "rk_closed", "rk_overdue")
OTHER_COLUMNS = {
    "rk_new_alerts": ["nama", "tingkat_sebelumnya", "tingkat", "skor"],
    "rk_band_changes": ["nama", "tingkat_sebelumnya", "tingkat", "arah"],
    "rk_missing": ["nama", "periode_mulai", "periode_akhir", "tenggat", "status"],
}
MAX_DECISIONS = 10
# Column → title key of the agenda's other tables and of the Rakor history.
COLUMN_TITLES = {"nama": "col_tempat", "tingkat_sebelumnya": "col_sebelum", "tingkat": "col_tingkat", "arah": "col_arah",
                 "periode_mulai": "rk_col_mulai", "periode_akhir": "rk_col_akhir", "tenggat": "rk_col_tenggat",
                 "status": "col_status", "tanggal": "col_tanggal", "tempat": "col_tempat", "peserta": "rk_col_peserta",
                 "jumlah_keputusan": "rk_col_keputusan"}


def column_config(columns, lang: str) -> dict:
    """Return the titles of these agenda or history columns in lang (the score as a whole number)."""
    config: dict = {c: t(COLUMN_TITLES[c], lang) for c in columns if c in COLUMN_TITLES}
    if "skor" in columns:
        config["skor"] = st.column_config.NumberColumn(t("col_skor", lang), format="%.0f%%")
    return config


def render_agenda_table(key: str, frame: pd.DataFrame, can_read_text: bool, lang: str) -> None:
    """Draw one part of the agenda in an expander titled with its count (open when it holds anything)."""
    with st.expander(f"{t(key, lang)} ({format_number(len(frame))})", expanded=bool(len(frame)) and key == "rk_overdue"):
        if frame.empty:
            st.caption(t("rk_nothing", lang))
            return
        if key in CASE_PARTS:
            table = penanganan.case_table(frame, can_read_text, lang)
            st.dataframe(penanganan.highlight_overdue(table), hide_index=True, width="stretch", key=f"{key}_table",
                         column_config=penanganan.case_column_config(lang))
            return
        shown = plain_table(frame[[c for c in OTHER_COLUMNS[key] if c in frame.columns]], lang)  # dates in words
        st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table",
                     column_config=column_config(shown.columns, lang))


def _decision_inputs(i: int, names: dict[str, str], open_cases: dict[int, str], lang: str) -> rakor.Decision | None:
    st.markdown(f"**{t('rk_decision', lang, i=i + 1)}**")
    text = st.text_area(t("rk_decision_text", lang), key=f"rk_text_{i}", height=68, max_chars=MAX_LONG_TEXT_CHARS)
    left, right = st.columns(2)
    kode = left.selectbox(t("rk_decision_place", lang), [None, *names], key=f"rk_place_{i}",
                          format_func=lambda v: t("rk_none_option", lang) if v is None else names[v], placeholder=t("select_placeholder", lang))
    case_id = right.selectbox(t("rk_decision_case", lang), [None, *open_cases], key=f"rk_case_{i}",
                              format_func=lambda v: t("rk_none_option", lang) if v is None else open_cases[v], placeholder=t("select_placeholder", lang))
    agency, due, status = st.columns(3)
    instansi = agency.selectbox(t("tl_instansi", lang), [None, *penanganan.agencies()], key=f"rk_instansi_{i}",
                                format_func=lambda v: t("rk_none_option", lang) if v is None else v, placeholder=t("select_placeholder", lang))
    jatuh_tempo = due.date_input(t("tl_due", lang), value=None, key=f"rk_due_{i}", format="DD/MM/YYYY")
    status_baru = status.selectbox(t("rk_decision_status", lang), [None, *case_store.STATUSES], key=f"rk_status_{i}",
                                   format_func=lambda v: t("rk_none_option", lang) if v is None else v, placeholder=t("select_placeholder", lang))
    if not text.strip():
        return None
    return rakor.Decision(uraian=text.strip(), kode=kode, instansi=instansi, jatuh_tempo=jatuh_tempo,
                          case_id=case_id, status_baru=status_baru)


def render_rakor_form(username: str, lang: str) -> None:
    """Draw the 'Catat Rakor' form; on submit store the meeting and its decisions in one transaction."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)
    n = int(st.number_input(t("rk_n_decisions", lang), min_value=1, max_value=MAX_DECISIONS, value=1, key="rk_n"))
    names = penanganan.place_names()
    listed = penanganan.cases(open_only=True)
    open_cases = {int(i): f"#{i} · {j}" for i, j in zip(listed["id"], listed["judul_umum"])}
    with st.form("rk_form"):
        tanggal = st.date_input(t("rk_date", lang), value=cache.today(), key="rk_date", format="DD/MM/YYYY")
        tempat = st.text_input(t("rk_place", lang), key="rk_tempat", max_chars=MAX_SHORT_TEXT_CHARS)
        peserta = st.multiselect(t("rk_agencies", lang), penanganan.agencies(), key="rk_peserta",
                                 placeholder=t("select_placeholder", lang))
        catatan = st.text_area(t("rk_notes", lang), key="rk_catatan", max_chars=MAX_LONG_TEXT_CHARS)
        decisions = [_decision_inputs(i, names, open_cases, lang) for i in range(n)]
        submitted = st.form_submit_button(t("rk_submit", lang), type="primary")
    if not submitted:
        return
    try:
        rakor_id = rakor.record_rakor(cache.engine(), tanggal=tanggal, peserta=peserta,
                                      decisions=[d for d in decisions if d is not None], user=username,
                                      tempat=tempat or None, catatan=catatan or None)
    except ValueError as error:  # CaseError and the Rakor's own refusals are ValueErrors with Indonesian text
        st.error(plain(str(error)))
        return
    st.session_state[FLASH_KEY] = t("rk_saved", lang, id=rakor_id)
    st.rerun()
