"""Rakor: the 'Sejak Rakor terakhir' agenda, recording a meeting and its decisions, and past meetings.

Everyone with 'baca' reads the agenda (cases redacted for pimpinan); recording needs 'ubah' and goes
through analytics.rakor.record_rakor (one transaction: the meeting, its decisions and their cases).
"""

import streamlit as st

from analytics.i18n.catalog import t
from analytics.views.plain_tables import plain_table
from analytics.views.plain_words import format_date, format_number
from ui import auth, cache, penanganan, state
from ui.briefing import render_briefing_buttons
from ui.rakor import column_config, render_agenda_table, render_rakor_form

lang = state.current_lang()
user = auth.require("baca", lang)
can_read_text = user.can("rincian_pribadi")

st.title(t("rk_title", lang))
st.caption(t("rk_caption", lang))

st.subheader(t("rk_agenda", lang))
# The agenda is about what happened up to today, whatever period the other pages look at.
agenda = penanganan.agenda(cache.today())
window = dict(since=format_date(agenda.since, lang), as_of=format_date(agenda.as_of, lang))
if agenda.default_window:
    st.caption(t("rk_since_default", lang, days=format_number((agenda.as_of - agenda.since).days), **window))
else:
    st.caption(t("rk_since", lang, **window))
parts = {"rk_new_alerts": agenda.new_alerts, "rk_opened": agenda.cases_opened, "rk_closed": agenda.cases_closed,
         "rk_overdue": agenda.cases_overdue, "rk_band_changes": agenda.band_changes,
         "rk_missing": agenda.missing_reports}
for column, (key, frame) in zip(st.columns(len(parts)), parts.items()):
    column.metric(t(key, lang), format_number(len(frame)), border=True)
for key, frame in parts.items():
    render_agenda_table(key, frame, can_read_text, lang)

st.subheader(t("rk_briefing", lang))
st.caption(t("rk_briefing_caption", lang))
render_briefing_buttons(state.current_filters(), lang)

if user.can("ubah"):
    st.subheader(t("rk_record", lang))
    render_rakor_form(user.username, lang)

st.subheader(t("rk_history", lang))
history = penanganan.rakor_list()
if history.empty:
    st.info(t("rk_history_none", lang))
else:
    shown = history.assign(peserta=history["peserta"].apply(lambda v: ", ".join(v) if isinstance(v, list) else v))
    shown = plain_table(shown[[c for c in ("tanggal", "tempat", "peserta", "jumlah_keputusan") if c in shown.columns]],
                        lang, dates=("tanggal",))
    st.dataframe(shown, hide_index=True, width="stretch", key="rk_history", column_config=column_config(shown.columns, lang))
