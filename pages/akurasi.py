"""Akurasi: does the forecast point at the desa where kejadian then happen, better than the simple lists? Words first."""

import streamlit as st

from analytics.i18n.catalog import t
from analytics.views import accuracy as report
from analytics.views.plain_tables import number_style
from analytics.views.plain_words import format_number, month_label
from ui import akurasi as cached
from ui import auth, state

lang = state.current_lang()
auth.require("ubah", lang)

st.title(t("akurasi_title", lang))
st.caption(t("fc_caption", lang))

result = cached.backtest(top_k=10, lang=lang)
if isinstance(result, str):
    st.info(t("akurasi_unavailable", lang, reason=result))  # the reason itself comes from analytics (Indonesian)
    st.stop()

sentence, better = report.verdict(result, lang)
(st.success if better else st.warning)(sentence)
st.markdown(report.calibration_sentence(result, lang))
if result.partial_month:
    st.caption(t("fc_partial", lang, month=month_label(f"{result.partial_month}-01", lang, long=True)))

best = result.best_baseline
comparison = result.comparison.loc[best]
columns = st.columns(4)
columns[0].metric(t("fc_metric_ap", lang), format_number(result.summary.loc["model", "ap"], 2, lang=lang), border=True)
columns[1].metric(t("fc_metric_best", lang, best=report.model_label(best, lang)),
                  format_number(result.summary.loc[best, "ap"], 2, lang=lang), border=True)
columns[2].metric(t("fc_metric_won", lang), f"{int(comparison['bulan_menang'])}/{int(comparison['bulan'])}", border=True)
columns[3].metric(t("fc_metric_ece", lang), format_number(100 * result.summary.loc["model", "ece"], 1, lang=lang) + "%",
                 border=True)

st.subheader(t("fc_monthly_chart", lang))
st.plotly_chart(report.ap_figure(result, lang), width="stretch", config={"displaylogo": False})

st.subheader(t("fc_reliability", lang))
st.caption(t("fc_reliability_caption", lang))
left, right = st.columns([3, 2])
left.plotly_chart(report.reliability_figure(result, lang), width="stretch", config={"displaylogo": False})
reliability = report.reliability_frame(result, lang)
# a static table: its four columns wrap in the narrow column instead of being cut at 1280 px
right.table(number_style(reliability, reliability.columns[2:], digits=1, lang=lang).hide(axis="index"))

st.subheader(t("fc_averages", lang))
table = report.summary_table(result, lang)
st.dataframe(number_style(table, table.columns[1:], digits=3, lang=lang), hide_index=True, width="stretch")
st.caption(t("fc_table_caption", lang, k=result.top_k))

with st.expander(t("fc_monthly_table", lang)):
    monthly = report.monthly_table(result, lang)
    st.dataframe(number_style(monthly, monthly.columns[2:], digits=3, lang=lang), hide_index=True, width="stretch")
