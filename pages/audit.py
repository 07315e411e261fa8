"""Log Audit (admin only): who did what and when — logins, uploads, deletions, settings, accounts — and export."""

from datetime import date, timedelta

import streamlit as st

from analytics.audit import AuditFilters, audit_choices, audit_csv, audit_xlsx, label_action, read_audit
from ui import auth, cache, state

lang = state.current_lang()
user = auth.require("pengaturan", lang)
engine = cache.engine()  # read uncached on purpose: the log must show the very last entry

st.title("Log Audit")
st.caption("Catatan yang hanya bertambah: setiap masuk (dan gagal masuk), unggahan, penghapusan, pembatalan, "
           "perubahan pengaturan dan akun. Waktu dalam WITA.")

users, actions = audit_choices(engine)
left, middle, right = st.columns([2, 2, 3])
chosen_users = left.multiselect("Pengguna", users, key="audit_pengguna", placeholder="Semua pengguna")
chosen_actions = middle.multiselect("Tindakan", actions, format_func=label_action, key="audit_tindakan",
                                    placeholder="Semua tindakan")
today = date.today()
period = right.date_input("Tanggal", value=(today - timedelta(days=30), today), format="DD/MM/YYYY",
                          key="audit_tanggal")
start, end = (tuple(period) + (None, None))[:2] if isinstance(period, (tuple, list)) else (period, period)

entries = read_audit(engine, AuditFilters(tuple(chosen_users), tuple(chosen_actions), start, end or start))
st.markdown(f"**{len(entries)}** catatan.")
if entries.empty:
    st.info("Tidak ada catatan yang cocok dengan saringan ini.")
else:
    # A dataframe shows every cell as text: a username typed at the login form can never become markup.
    st.dataframe(entries.drop(columns="aksi"), hide_index=True, width="stretch",
                 column_config={"waktu": st.column_config.DatetimeColumn("Waktu (WITA)", format="DD/MM/YYYY HH:mm:ss"),
                                "pengguna": "Pengguna", "tindakan": "Tindakan", "sasaran": "Sasaran",
                                "rincian": "Rincian"})
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button("Unduh CSV", audit_csv(entries), file_name="log_audit.csv", mime="text/csv",
                            icon=":material/download:", key="audit_csv")
    xlsx_col.download_button("Unduh Excel", audit_xlsx(entries), file_name="log_audit.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             icon=":material/download:", key="audit_xlsx")
