"""Ringkasan: the answer first — this period against the previous one, the priority desa, what changed."""

import streamlit as st

from analytics.views import summary
from analytics.i18n.catalog import t
from analytics.views.plain_tables import metric_delta
from analytics.views.plain_words import format_date, format_number
from ui import auth, cache, penanganan, reasons, state
from ui.briefing import render_briefing_buttons

lang = state.current_lang()
user = auth.require("baca", lang)
f = state.current_filters()
prev_start, prev_end = summary.previous_period(f.start, f.end)

st.title(t("nav_ringkasan", lang))
st.caption(t("period_caption", lang, start=format_date(f.start, lang), end=format_date(f.end, lang),
             prev_start=format_date(prev_start, lang), prev_end=format_date(prev_end, lang)))

if cache.incidents().empty:
    st.info(t("no_data", lang))

metrics = cache.headline(f.start, f.end, f.kecamatan, f.kategori)
columns = st.columns(len(metrics) + 1)
for column, row in zip(columns, metrics.itertuples()):
    help_text = t("metric_laporan_help", lang, expected=format_number(row.diharapkan)) if row.key == "laporan" else None
    # More incidents, victims or high-risk desa is bad news: shown red; more reports is good news. No change: "sama".
    column.metric(t(f"metric_{row.key}", lang), format_number(row.kini), help=help_text, border=True,
                  **metric_delta(row.selisih, lang, up_is_good=row.key == "laporan"))
vote = summary.days_to_vote(cache.calendar(), f.end, cache.desa_codes(f.kecamatan))
columns[-1].metric(t("metric_vote", lang), t("vote_value", lang, days=format_number(vote[0])) if vote else "—",
                   help=vote[1] if vote else t("vote_none", lang), border=True)
penanganan.render_overview_metrics(f.start, f.end, lang)

st.subheader(t("priority_title", lang))
top = cache.priority(f.end, f.kategori, f.kecamatan, n=10, lang=lang)
if top.empty:
    st.info(t("priority_none", lang))
else:
    # pimpinan read the room's plain reason; analis and admin the detailed one.
    st.dataframe(
        reasons.priority_table(top, user),
        hide_index=True,
        width="stretch",
        column_config={
            "nama": t("col_desa", lang),
            "kecamatan": t("col_kecamatan", lang),
            "skor": st.column_config.ProgressColumn(t("col_skor", lang), min_value=0, max_value=100, format="%.0f%%"),
            "tingkat": t("col_tingkat", lang),
            "alasan": st.column_config.TextColumn(t("col_alasan", lang), width="large"),
        },
    )

st.subheader(t("changes_title", lang))
changes = cache.band_changes(f.start, f.end, f.kecamatan, f.kategori)
if changes.empty:
    st.info(t("changes_none", lang))
else:
    shown = changes.assign(arah=changes["naik"].map({True: "▲ " + t("up", lang), False: "▼ " + t("down", lang)}))
    st.dataframe(
        shown[["nama", "kecamatan", "sebelum", "kini", "arah"]],
        hide_index=True,
        width="stretch",
        column_config={
            "nama": t("col_desa", lang),
            "kecamatan": t("col_kecamatan", lang),
            "sebelum": t("col_sebelum", lang),
            "kini": t("col_kini", lang),
            "arah": t("col_arah", lang),
        },
    )

st.subheader(t("briefing_title", lang))
render_briefing_buttons(f)
