"""Verifikasi (analis, admin): field reports waiting, oldest first, with possible duplicates; approve/reject/merge."""

import streamlit as st

from analytics.i18n.catalog import t
from analytics.views.plain_words import format_number
from ui import auth, cache, state, verifikasi

lang = state.current_lang()
user = auth.require("ubah", lang)  # analis and admin; pimpinan never see unverified reports

st.title(t("vf_title", lang))
st.caption(t("vf_caption", lang))
verifikasi.render_flash()

counts = verifikasi.counts()
waiting_col, verified_col, rejected_col = st.columns(3)
waiting_col.metric(t("vf_metric_waiting", lang), format_number(counts["menunggu"], lang=lang))
verified_col.metric(t("vf_metric_verified", lang), format_number(counts["terverifikasi"], lang=lang))
rejected_col.metric(t("vf_metric_rejected", lang), format_number(counts["ditolak"], lang=lang))

period = state.current_filters()
end = period.end
scores = cache.desa_scores(end)
waiting, duplicates = verifikasi.waiting()
if waiting.empty:
    st.info(t("vf_none", lang), icon=":material/task_alt:")
else:
    shown = waiting.head(verifikasi.MAX_CARDS)
    if len(waiting) > len(shown):
        st.caption(t("vf_more", lang, shown=len(shown), total=len(waiting)))
    for row in shown.itertuples(index=False):
        verifikasi.render_card(row, duplicates.get(int(row.id)), scores, end, user.username, lang)

verifikasi.render_decisions(scores, lang)
verifikasi.render_reporters(period.start, period.end, lang)
