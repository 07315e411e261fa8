"""Akurasi: does the score point at the desa where kejadian then happen? In words first, then the numbers."""

import streamlit as st

from analytics import accuracy
from ui import accuracy as cached
from ui import auth, state

lang = state.current_lang()
auth.require("ubah", lang)

st.title("Akurasi skor risiko")
st.caption("Setiap bulan, desa diurutkan menurut skor yang diketahui pada hari pertama bulan itu (tanpa melihat "
           "data bulan itu), lalu dibandingkan dengan desa yang benar-benar mengalami kejadian.")

result = cached.backtest(top_k=10)
if isinstance(result, str):
    st.info(f"Akurasi belum dapat dihitung: {result}")
    st.stop()

summary = accuracy.summarise_recall(result, months=12)
st.markdown(accuracy.describe_recall(summary))
verdict = accuracy.verdict(summary)
if verdict:
    st.markdown(verdict)

columns = st.columns(3)
for column, model in zip(columns, accuracy.MODEL_LABELS):
    column.metric(accuracy.MODEL_LABELS[model], accuracy.format_percent(summary.share[model]),
                  help=f"Bagian desa berkejadian yang berada di {summary.top_k} teratas, {summary.months} bulan terakhir.",
                  border=True)

st.subheader("Per bulan")
st.plotly_chart(accuracy.accuracy_figure(result), width="stretch", config={"displaylogo": False})

st.subheader("Rata-rata seluruh bulan yang diuji")
table = accuracy.accuracy_table(result)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={name: st.column_config.NumberColumn(format="%.2f") for name in table.columns[1:]})
st.caption("Presisi @10: bagian dari 10 desa teratas yang mengalami kejadian. Cakupan @10: bagian desa berkejadian "
           "yang ada di 10 teratas. Skor Brier mengukur ketepatan peluang (0 = sempurna).")

with st.expander("Tabel per bulan"):
    st.dataframe(accuracy.monthly_table(result), hide_index=True, width="stretch")
