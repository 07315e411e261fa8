"""Unggah Data: a file → preview as read → fix sheet/header/columns → problems → store valid rows or nothing."""

import streamlit as st

from analytics.errors import IngestError
from analytics.upload_report import preview_frame
from ui import auth, state, upload

lang = state.current_lang()
user = auth.require("unggah", lang)

st.title("Unggah Data")
st.caption("Unggah berkas kejadian atau laporan berkala (.xlsx, .xls, .csv). Data baru tampil di semua halaman "
           "setelah disimpan.")
upload.render_result()

with st.expander("Templat kosong", icon=":material/description:"):
    st.caption("Isi templat ini agar kolom dikenali tanpa pemetaan.")
    upload.render_templates()

uploaded = st.file_uploader("Pilih berkas", type=["xlsx", "xlsm", "xls", "csv", "txt"], key=upload.uploader_key())

if uploaded is not None:
    data, file_name = uploaded.getvalue(), uploaded.name
    options = upload.current_options(data)
    try:
        raw, result = upload.check_upload(data, file_name, options)
    except IngestError as error:
        upload.render_refusal(error, options)
    else:
        st.subheader("Pratinjau")
        sheet_text = f"lembar '{raw.sheet}', " if raw.sheet else ""
        st.caption(f"Dibaca dari {sheet_text}judul kolom pada baris {raw.header_row}; "
                   f"{result.rows_read} baris data. Jenis data: {raw.kind.value}.")
        for note in raw.notes:
            st.caption(note)
        upload.render_detection(raw)
        st.dataframe(preview_frame(raw.frame, raw.row_numbers, raw.columns), hide_index=True, width="stretch")

        st.subheader("Hasil pemeriksaan")
        valid, rejected = len(result.records), result.rows_rejected
        st.markdown(f"**{valid}** baris valid, **{rejected}** baris ditolak, "
                    f"**{len(result.errors)}** kesalahan, **{len(result.warnings)}** peringatan.")
        if result.problems:
            upload.render_problems(result.problems, key="periksa")

        save, cancel = st.columns(2)
        label = f"Simpan {valid} baris" if not rejected else f"Simpan hanya {valid} baris yang valid"
        if save.button(label, type="primary", disabled=valid == 0, key="unggah_simpan", icon=":material/save:"):
            report = upload.commit(data, file_name, options, valid_only=bool(rejected), user=user.username)
            st.session_state[upload.RESULT_KEY] = report
            upload.reset_upload()
            st.rerun()
        if cancel.button("Jangan simpan apa pun", key="unggah_batal", icon=":material/close:"):
            upload.reset_upload()
            st.rerun()

st.subheader("Riwayat unggahan")
upload.render_history(user.username)
upload.render_demo_removal(user.username)
