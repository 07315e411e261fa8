"""Akurasi: does the score point at the desa where kejadian then happen? In words first, then the numbers."""

import streamlit as st

from analytics.views import accuracy
from analytics.i18n.catalog import t
from ui import akurasi
from ui import auth, state

lang = state.current_lang()
auth.require("ubah", lang)

st.title(t("akurasi_title", lang))
st.caption(t("akurasi_caption", lang))

result = akurasi.backtest(top_k=10, lang=lang)
if isinstance(result, str):
    st.info(t("akurasi_unavailable", lang, reason=result))  # the reason itself comes from analytics (Indonesian)
    st.stop()

summary = accuracy.summarise_recall(result, months=12)
st.markdown(accuracy.describe_recall(summary, lang))
verdict = accuracy.verdict(summary, lang)
if verdict:
    st.markdown(verdict)

columns = st.columns(3)
for column, model in zip(columns, accuracy.MODEL_LABELS):
    column.metric(accuracy.model_label(model, lang), accuracy.format_percent(summary.share[model]),
                  help=t("akurasi_metric_help", lang, k=summary.top_k, months=summary.months), border=True)

st.subheader(t("akurasi_monthly", lang))
st.plotly_chart(accuracy.accuracy_figure(result, lang), width="stretch", config={"displaylogo": False})

st.subheader(t("akurasi_averages", lang))
table = accuracy.accuracy_table(result, lang)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={name: st.column_config.NumberColumn(format="%.2f") for name in table.columns[1:]})
st.caption(t("akurasi_table_caption", lang))

with st.expander(t("akurasi_monthly_table", lang)):
    st.dataframe(accuracy.monthly_table(result, lang), hide_index=True, width="stretch")
