"""The editing forms of Tindak Lanjut (for 'ubah' only): open from an alert or by hand, act, move status, link.

Each form calls one analytics.cases function; a CaseError (refused change) is shown as st.error with
its Indonesian message and nothing is written. Success messages survive the rerun via session state.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n.catalog import t
from analytics.ingest.categories import CATEGORY_LABELS, category_labels
from analytics.penanganan import cases as case_store
from analytics.text_limits import MAX_LONG_TEXT_CHARS, MAX_SHORT_TEXT_CHARS
from analytics.views.plain_words import format_date, format_number
from ui import cache, penanganan
from ui.safe_text import plain

FLASH_KEY = "tl_flash"


def _done(message: str) -> None:
    st.session_state[FLASH_KEY] = message
    st.rerun()


def show_flash() -> None:
    """Show the message of the last successful change (once)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def _attempt(write, *args, **kwargs) -> tuple[bool, object]:
    """Return (True, result) of write, or (False, None) after showing its refusal."""
    try:
        return True, write(*args, **kwargs)
    except case_store.CaseError as error:
        st.error(plain(str(error)))
        return False, None


def render_open_forms(username: str, filters, lang: str) -> None:
    """Draw 'Dari peringatan' (Tinggi+ places without an open case) and 'Manual' case opening."""
    show_flash()
    from_alert, by_hand = st.tabs([t("tl_from_alert", lang), t("tl_by_hand", lang)])
    with from_alert:
        level = st.segmented_control(t("tl_alert_level", lang), ["desa", "kecamatan"], default="desa",
                                     key="tl_alert_level", format_func=lambda v: t(f"level_{v}", lang)) or "desa"
        waiting = penanganan.alerts(filters.end, filters.kategori, level)
        if waiting.empty:
            st.info(t("tl_alerts_none", lang))
        else:
            st.dataframe(waiting[["nama", "tingkat", "skor"]], hide_index=True, width="stretch", key="tl_alerts",
                         column_config={"nama": t("col_tempat", lang), "tingkat": t("col_tingkat", lang),
                                        "skor": st.column_config.NumberColumn(t("col_skor", lang), format="%.0f%%")})
            names = dict(zip(waiting["kode"], waiting["nama"]))
            with st.form("tl_alert_form"):
                kode = st.selectbox(t("tl_alert_place", lang), list(names), format_func=names.get, key="tl_alert_kode", placeholder=t("select_placeholder", lang))
                instansi = st.selectbox(t("tl_instansi", lang), [None, *penanganan.agencies()], key="tl_alert_instansi",
                                        format_func=lambda v: "—" if v is None else v, placeholder=t("select_placeholder", lang))
                one = st.form_submit_button(t("tl_alert_open", lang), type="primary")
                every = st.form_submit_button(t("tl_alert_open_all", lang, n=len(names)))
            if one or every:
                chosen = list(names) if every else [kode]
                scores = penanganan.alert_scores(filters.end, filters.kategori, level, chosen)
                # open_cases_from_alerts opens on as_of and counts the due date from it: the case is
                # opened today (when someone acts on the alert), not on the last day of the data.
                ok, ids = _attempt(case_store.open_cases_from_alerts, cache.engine(), scores,
                                   cache.today(), username, instansi=instansi)
                if ok:
                    _done(t("tl_opened", lang, ids=", #".join(map(str, ids))) if ids else t("tl_opened_none", lang))
    with by_hand:
        names = penanganan.place_names()
        with st.form("tl_manual_form"):
            places = st.multiselect(t("tl_places", lang), list(names), format_func=names.get, key="tl_new_places", placeholder=t("select_placeholder", lang))
            kategori = st.selectbox(t("tl_kategori", lang), [None, *CATEGORY_LABELS], key="tl_new_kategori",
                                    format_func=lambda v: "—" if v is None else category_labels(lang)[v], placeholder=t("select_placeholder", lang))
            instansi = st.selectbox(t("tl_instansi", lang), [None, *penanganan.agencies()], key="tl_new_instansi",
                                    format_func=lambda v: "—" if v is None else v,
                                    placeholder=t("select_placeholder", lang))
            judul = st.text_input(t("tl_judul", lang), key="tl_new_judul", max_chars=MAX_SHORT_TEXT_CHARS)
            uraian = st.text_area(t("tl_uraian", lang), key="tl_new_uraian", max_chars=MAX_LONG_TEXT_CHARS)
            due = st.date_input(t("tl_due", lang), value=None, key="tl_new_due", format="DD/MM/YYYY",
                                help=t("tl_due_default", lang))
            submitted = st.form_submit_button(t("tl_submit_open", lang), type="primary")
        if submitted:
            ok, case_id = _attempt(case_store.open_case, cache.engine(), user=username, places=places, kategori=kategori,
                               instansi=instansi, judul=judul or None, uraian=uraian or None, jatuh_tempo=due)
            if ok:
                _done(t("tl_opened", lang, ids=case_id))


def render_action_forms(username: str, detail, lang: str) -> None:
    """Draw 'Tambah tindakan', 'Ubah status' and 'Kaitkan kejadian' for one case."""
    case_id, status = detail.case["id"], detail.case["status"]
    act, move, link = st.tabs([t("tl_add_action", lang), t("tl_change_status", lang), t("tl_link", lang)])
    with act, st.form("tl_action_form", clear_on_submit=True):
        text = st.text_area(t("tl_action_text", lang), key="tl_action_text", max_chars=MAX_LONG_TEXT_CHARS)
        when = st.date_input(t("tl_action_date", lang), value=cache.today(), key="tl_action_date", format="DD/MM/YYYY")
        who = st.text_input(t("tl_action_who", lang), key="tl_action_who", max_chars=MAX_SHORT_TEXT_CHARS)
        if st.form_submit_button(t("tl_save", lang), type="primary"):
            if _attempt(case_store.add_action, cache.engine(), case_id, username, text, when, who or None)[0]:
                _done(t("tl_action_saved", lang))
    with move:
        moves = case_store.TRANSITIONS.get(status, ())
        if not moves:
            st.info(t("tl_no_moves", lang))
        with st.form("tl_status_form"):
            new = st.selectbox(t("tl_new_status", lang), list(moves), key="tl_new_status",
                               placeholder=t("select_placeholder", lang))
            note = st.text_input(t("tl_status_note", lang), key="tl_status_note", max_chars=MAX_SHORT_TEXT_CHARS)
            if st.form_submit_button(t("tl_save", lang), type="primary") and new:
                if _attempt(case_store.change_status, cache.engine(), case_id, new, username, note or None)[0]:
                    _done(t("tl_status_saved", lang, status=new))
    with link:
        kejadian = penanganan.place_incidents(list(detail.places["kode"]))
        kejadian = kejadian[~kejadian["id"].isin(detail.incident_ids)]
        labels = {i: f"#{i} · {format_date(d, lang)} · {category_labels(lang).get(k, k)}"
                  for i, d, k in zip(kejadian["id"], kejadian["tanggal"], kejadian["kategori"])}
        with st.form("tl_link_form"):
            chosen = st.multiselect(t("tl_link_choose", lang), list(labels), format_func=labels.get, key="tl_link_ids", placeholder=t("select_placeholder", lang))
            if st.form_submit_button(t("tl_save", lang)) and chosen:
                ok, n = _attempt(case_store.link_incidents, cache.engine(), case_id, [int(i) for i in chosen], username)
                if ok:
                    _done(t("tl_link_saved", lang, n=format_number(n)))
