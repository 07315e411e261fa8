"""Unggah Data: a file → preview as read → fix sheet/header/columns → problems → store valid rows or nothing."""

import streamlit as st

from analytics.errors import IngestError
from analytics.i18n.catalog import t
from analytics.ingest.report import preview_frame
from ui import auth, fieldforms, state, unggah
from ui.safe_text import plain

lang = state.current_lang()
user = auth.require("unggah", lang)

st.title(t("unggah_title", lang))
st.caption(t("unggah_caption", lang))
unggah.render_result(lang)

with st.expander(t("unggah_templates", lang), icon=":material/description:"):
    st.caption(t("unggah_templates_caption", lang))
    unggah.render_templates(lang)

with st.expander(t("fr_forms", lang), icon=":material/smartphone:"):
    fieldforms.render_forms(lang)

uploaded = st.file_uploader(t("unggah_choose_file", lang), type=["xlsx", "xlsm", "xls", "csv", "txt"],
                            key=unggah.uploader_key())

if uploaded is not None:
    data, file_name = uploaded.getvalue(), uploaded.name
    options = unggah.current_options(data)
    try:
        raw, result = unggah.check_upload(data, file_name, options)
    except IngestError as error:
        unggah.render_refusal(error, options, lang)
    else:
        st.subheader(t("unggah_preview", lang))
        read = {"row": raw.header_row, "rows": result.rows_read, "kind": raw.kind.value}
        st.caption(t("unggah_read_sheet", lang, sheet=plain(raw.sheet), **read) if raw.sheet
                   else t("unggah_read", lang, **read))
        for note in raw.notes:  # notes describe the file: they stay Indonesian
            st.caption(plain(note))
        unggah.render_detection(raw, lang)
        preview = preview_frame(raw.frame, raw.row_numbers, {**raw.indicator_columns, **raw.columns})  # headers as written
        # Only our own row-number column is translated: the others are the file's own headers.
        st.dataframe(preview.rename(columns={"Baris": t("hdr:Baris", lang)}), hide_index=True, width="stretch")

        st.subheader(t("unggah_checked", lang))
        valid, rejected = len(result.records), result.rows_rejected
        st.markdown(t("unggah_counts", lang, valid=valid, rejected=rejected, errors=len(result.errors),
                      warnings=len(result.warnings)))
        if result.problems:
            unggah.render_problems(result.problems, key="periksa", lang=lang)

        save, cancel = st.columns(2)
        label = t("unggah_save_valid" if rejected else "unggah_save_all", lang, n=valid)
        if save.button(label, type="primary", disabled=valid == 0, key="unggah_simpan", icon=":material/save:"):
            report = unggah.commit(data, file_name, options, valid_only=bool(rejected), user=user.username, lang=lang)
            st.session_state[unggah.RESULT_KEY] = report
            unggah.reset_upload()
            st.rerun()
        if cancel.button(t("unggah_discard", lang), key="unggah_batal", icon=":material/close:"):
            unggah.reset_upload()
            st.rerun()

st.subheader(t("unggah_history", lang))
unggah.render_history(user.username, lang)
unggah.render_demo_removal(user.username, lang)
