"""Tren: kejadian per week or month by kategori or kecamatan, with election stages, the span before, and per kecamatan."""

import streamlit as st

from analytics.views import figures
from analytics.views import summary
from analytics.ingest.categories import category_labels
from analytics.i18n.catalog import t
from ui import auth, cache, state

lang = state.current_lang()
auth.require("baca", lang)
f = state.current_filters()

st.title(t("trend_title", lang))
left, right = st.columns(2)
freq = left.segmented_control(t("trend_freq", lang), ["W", "M"], format_func=lambda v: t(f"freq_{v}", lang),
                              default="W", key="tren_freq") or "W"
by = right.segmented_control(t("trend_by", lang), ["kategori", "kode_kecamatan"],
                             format_func=lambda v: t(f"by_{v}", lang), default="kategori", key="tren_by") or "kategori"
labels = {**(category_labels(lang) if by == "kategori" else cache.kecamatan_names()),
          "_sebelum": t("trend_previous", lang), "_y": t("trend_y", lang)}

with st.spinner(t("loading", lang)):  # the first count of a new period can take a few seconds
    now, before = cache.trend_counts(f.start, f.end, f.kecamatan, f.kategori, freq, by)
st.plotly_chart(figures.trend_figure(now, cache.bands(), previous=before, labels=labels,
                                     empty_message=t("trend_empty", lang)), width="stretch", key="tren_utama")
st.caption(t("trend_marks", lang))

st.subheader(t("trend_compare", lang))
st.plotly_chart(
    figures.comparison_figure(summary.total_by_group(now), summary.total_by_group(before), labels=labels,
                              names=(t("trend_now", lang), t("trend_before", lang)),
                              empty_message=t("compare_empty", lang)),
    width="stretch", key="tren_banding",
)

st.subheader(t("trend_facets", lang))
per_kecamatan, _ = cache.trend_counts(f.start, f.end, f.kecamatan, f.kategori, freq, "kode_kecamatan")
st.plotly_chart(figures.facet_figure(per_kecamatan, cache.bands(), labels=cache.kecamatan_names(),
                                     empty_message=t("trend_empty", lang)), width="stretch", key="tren_kecamatan")
