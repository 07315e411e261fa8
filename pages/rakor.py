"""Rakor: the 'Sejak Rakor terakhir' agenda, recording a meeting and its decisions, and past meetings.

Everyone with 'baca' reads the agenda (cases redacted for pimpinan); recording needs 'ubah' and goes
through analytics.rakor.record_rakor (one transaction: the meeting, its decisions and their cases).
"""

from datetime import date

import streamlit as st

from analytics.i18n.catalog import t
from ui import auth, penanganan, state
from ui.rakor import render_agenda_table, render_rakor_form

lang = state.current_lang()
user = auth.require("baca", lang)
can_read_text = user.can("rincian_pribadi")

st.title(t("rk_title", lang))
st.caption(t("rk_caption", lang))

st.subheader(t("rk_agenda", lang))
# The agenda is about what happened up to today, whatever period the other pages look at.
agenda = penanganan.agenda(date.today())
window = dict(since=f"{agenda.since:%d/%m/%Y}", as_of=f"{agenda.as_of:%d/%m/%Y}")
if agenda.default_window:
    st.caption(t("rk_since_default", lang, days=(agenda.as_of - agenda.since).days, **window))
else:
    st.caption(t("rk_since", lang, **window))
parts = {"rk_new_alerts": agenda.new_alerts, "rk_opened": agenda.cases_opened, "rk_closed": agenda.cases_closed,
         "rk_overdue": agenda.cases_overdue, "rk_band_changes": agenda.band_changes,
         "rk_missing": agenda.missing_reports}
for column, (key, frame) in zip(st.columns(len(parts)), parts.items()):
    column.metric(t(key, lang), len(frame), border=True)
for key, frame in parts.items():
    render_agenda_table(key, frame, can_read_text, lang)

if user.can("ubah"):
    st.subheader(t("rk_record", lang))
    render_rakor_form(user.username, lang)

st.subheader(t("rk_history", lang))
history = penanganan.rakor_list()
if history.empty:
    st.info(t("rk_history_none", lang))
else:
    shown = history.assign(peserta=history["peserta"].apply(lambda v: ", ".join(v) if isinstance(v, list) else v))
    st.dataframe(shown[[c for c in ("tanggal", "tempat", "peserta", "jumlah_keputusan") if c in shown.columns]],
                 hide_index=True, width="stretch", key="rk_history")
