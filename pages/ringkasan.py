"""Ringkasan: the answer first — this period against the previous one, the priority desa, what changed."""

import streamlit as st

from analytics.views import summary
from analytics.i18n.catalog import t
from ui import auth, cache, penanganan, state
from ui.briefing import render_briefing_buttons

lang = state.current_lang()
auth.require("baca", lang)
f = state.current_filters()
prev_start, prev_end = summary.previous_period(f.start, f.end)

st.title(t("nav_ringkasan", lang))
st.caption(t("period_caption", lang, start=f"{f.start:%d/%m/%Y}", end=f"{f.end:%d/%m/%Y}",
             prev_start=f"{prev_start:%d/%m/%Y}", prev_end=f"{prev_end:%d/%m/%Y}"))

if cache.incidents().empty:
    st.info(t("no_data", lang))

metrics = cache.headline(f.start, f.end, f.kecamatan, f.kategori)
columns = st.columns(len(metrics) + 1)
for column, row in zip(columns, metrics.itertuples()):
    help_text = t("metric_laporan_help", lang, expected=row.diharapkan) if row.key == "laporan" else None
    # More incidents, victims or high-risk desa is bad news: shown red; more reports is good news.
    column.metric(t(f"metric_{row.key}", lang), row.kini, delta=int(row.selisih), help=help_text,
                  delta_color="normal" if row.key == "laporan" else "inverse", border=True)
vote = summary.days_to_vote(cache.calendar(), f.end, cache.desa_codes(f.kecamatan))
columns[-1].metric(t("metric_vote", lang), t("vote_value", lang, days=vote[0]) if vote else "—",
                   help=vote[1] if vote else t("vote_none", lang), border=True)
penanganan.render_overview_metrics(f.start, f.end, lang)

st.subheader(t("priority_title", lang))
top = cache.priority(f.end, f.kategori, f.kecamatan, n=10)
if top.empty:
    st.info(t("priority_none", lang))
else:
    st.dataframe(
        top[["nama", "kecamatan", "skor", "tingkat", "alasan"]],
        hide_index=True,
        width="stretch",
        column_config={
            "nama": t("col_desa", lang),
            "kecamatan": t("col_kecamatan", lang),
            "skor": st.column_config.ProgressColumn(t("col_skor", lang), min_value=0, max_value=100, format="%.0f"),
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
render_briefing_buttons(f.start, f.end)
