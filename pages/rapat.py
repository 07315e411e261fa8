"""Mode Rapat: one idea per projector screen — Ringkasan → Peta → Tren → Desa prioritas → Tindak lanjut.

Aggregates only: no pihak, uraian, tindak lanjut text or any personal detail on any screen.
"""

import streamlit as st

from analytics import figures, maps, summary
from analytics.categories import CATEGORY_LABELS
from analytics.i18n import t
from ui import auth, cache, penanganan, state, theme

STEPS = 5

lang = state.current_lang()
auth.require("rapat", lang)
f = state.current_filters()
theme.apply_meeting_style()
step = state.meeting_step(STEPS)

prev_column, title_column, next_column = st.columns([1.4, 2.6, 1.4], vertical_alignment="center")
prev_column.button(t("rapat_prev", lang), key="rapat_prev", shortcut="Left", disabled=step == 1, width="stretch",
                   on_click=state.set_meeting_step, args=(step - 1,))
next_column.button(t("rapat_next", lang), key="rapat_next", shortcut="Right", disabled=step == STEPS,
                   width="stretch", type="primary", on_click=state.set_meeting_step, args=(step + 1,))
title_column.title(f"{t(f'rapat_{step}', lang)}  ·  {t('rapat_step', lang, i=step, n=STEPS)}")
st.caption(t("rapat_period", lang, start=f"{f.start:%d/%m/%Y}", end=f"{f.end:%d/%m/%Y}"))

if step == 1:
    metrics = cache.headline(f.start, f.end, f.kecamatan, f.kategori).set_index("key")
    vote = summary.days_to_vote(cache.calendar(), f.end, cache.desa_codes(f.kecamatan))
    top, bottom = st.columns(3), st.columns(2)
    for column, name in zip([*top, *bottom], ("kejadian", "meninggal", "luka", "desa_tinggi")):
        column.metric(t(f"metric_{name}", lang), int(metrics.loc[name, "kini"]), border=True,
                      delta=t("rapat_vs", lang, delta=int(metrics.loc[name, "selisih"])), delta_color="off")
    bottom[1].metric(t("metric_vote", lang), t("vote_value", lang, days=vote[0]) if vote else "—",
                     delta=vote[1] if vote else t("vote_none", lang), delta_color="off", border=True)
elif step == 2:
    map_column, legend_column = st.columns([4, 1])
    with map_column:
        st.pydeck_chart(cache.risk_map(f.end, f.kategori, "desa", "tingkat", lang, height=600, label_size=22), height=600,
                        key="rapat_peta")
    legend = summary.legend_frame(maps.map_legend("tingkat"))
    legend_column.table(theme.style_legend(legend, t("map_legend", lang)).hide(axis="index"))
elif step == 3:
    now, _ = cache.trend_counts(f.start, f.end, f.kecamatan, f.kategori, "M", "kategori")
    fig = figures.trend_figure(now, cache.bands(), labels=dict(CATEGORY_LABELS), empty_message=t("trend_empty", lang))
    # theme=None: Streamlit's chart theme would shrink the projector fonts back to 12–14 px.
    st.plotly_chart(figures.projector_figure(fig), width="stretch", key="rapat_tren", theme=None,
                    config={"displayModeBar": False})
    st.caption(t("trend_marks", lang))
elif step == 4:
    top = cache.priority(f.end, f.kategori, f.kecamatan, n=5)
    if top.empty:
        st.info(t("priority_none", lang))
    else:
        # Place names, band and the aggregate reason only: the reason lines count kejadian, never name people.
        shown = top[["nama", "kecamatan", "tingkat", "alasan"]].rename(columns={
            "nama": t("col_desa", lang), "kecamatan": t("col_kecamatan", lang),
            "tingkat": t("col_tingkat", lang), "alasan": t("col_alasan", lang)})
        st.table(shown.set_index(t("col_desa", lang)))
else:
    # Counts only (by status and agency): no case titles, text or names on the projector.
    penanganan.render_meeting_followup(lang)

if step == 1:
    st.caption(t("rapat_keys", lang))
if st.button(t("rapat_exit", lang), key="rapat_exit", shortcut="Esc"):
    st.switch_page(state.meeting_origin(), query_params=state.url_params())
