"""Log Audit (admin only): who did what and when — logins, uploads, deletions, settings, accounts — and export."""

from datetime import timedelta

import streamlit as st

from analytics.i18n.catalog import t
from analytics.store.audit import (AuditFilters, audit_choices, audit_csv, audit_xlsx, label_action, plain_detail,
                                    read_audit)
from ui import auth, cache, state
from ui.downloads import audited_download

lang = state.current_lang()
user = auth.require("pengaturan", lang)
engine = cache.engine()  # read uncached on purpose: the log must show the very last entry

st.title(t("adm_audit_title", lang))
st.caption(t("adm_audit_caption", lang))

users, actions = audit_choices(engine)
left, middle, right = st.columns([2, 2, 3])
chosen_users = left.multiselect(t("adm_audit_users", lang), users, key="audit_pengguna",
                                placeholder=t("adm_audit_users_all", lang))
# Action labels are log data and stay Indonesian in both languages (as in the table).
chosen_actions = middle.multiselect(t("adm_audit_actions", lang), actions, format_func=label_action,
                                    key="audit_tindakan", placeholder=t("adm_audit_actions_all", lang))
today = cache.today()
period = right.date_input(t("adm_audit_dates", lang), value=(today - timedelta(days=30), today),
                          format="DD/MM/YYYY", key="audit_tanggal")
start, end = (tuple(period) + (None, None))[:2] if isinstance(period, (tuple, list)) else (period, period)

entries = read_audit(engine, AuditFilters(tuple(chosen_users), tuple(chosen_actions), start, end or start))
st.markdown(t("adm_audit_count", lang, n=len(entries)))
if entries.empty:
    st.info(t("adm_audit_none", lang))
else:
    headers = {name: t(f"adm_audit_col_{name}", lang) for name in ("pengguna", "tindakan", "sasaran", "rincian")}
    # A dataframe shows every cell as text: a username typed at the login form can never become markup.
    shown = entries.drop(columns="aksi").assign(rincian=entries["rincian"].map(plain_detail))
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={"waktu": st.column_config.DatetimeColumn(t("adm_audit_col_waktu", lang),
                                                                         format="DD/MM/YYYY HH:mm:ss"),
                                **headers})
    csv_col, xlsx_col = st.columns(2)
    audited_download(csv_col, t("adm_audit_csv", lang), audit_csv(entries), "log_audit.csv", "log_audit",
                     mime="text/csv", icon=":material/download:", key="audit_csv")
    audited_download(xlsx_col, t("adm_audit_xlsx", lang), audit_xlsx(entries), "log_audit.xlsx", "log_audit",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     icon=":material/download:", key="audit_xlsx")
