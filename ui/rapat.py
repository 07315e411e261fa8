"""Mode Rapat's screens, drawn from cached data: header, headline numbers, map, trend, priority desa.

Aggregates only: no pihak, uraian, tindak lanjut text or any personal detail on any screen.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n.catalog import t
from analytics.ingest.categories import category_labels
from analytics.views import maps, meeting_figures, summary
from analytics.views.callouts import callout_lines
from analytics.views.plain_words import change_words, escape_markdown, format_number, format_period
from ui import cache, state, theme

STEPS = 5
METRICS = ("kejadian", "meninggal", "luka", "desa_tinggi")


def scope_words(filters: state.Filters, lang: str) -> str:
    """Return what the screen covers: the period in words, the kecamatan and kategori chosen (or the kabupaten)."""
    names = cache.kecamatan_names()
    parts = [t("scope_kec", lang, names=", ".join(names.get(k, k) for k in filters.kecamatan))
             if filters.kecamatan else t("scope_all", lang)]
    if filters.kategori:
        parts.append(t("scope_kat", lang, names=", ".join(category_labels(lang).get(k, k) for k in filters.kategori)))
    return t("rapat_scope", lang, period=format_period(filters.start, filters.end, lang), scope=" · ".join(parts))


def render_header(step: int, filters: state.Filters, lang: str) -> None:
    """Draw ‹ title · scope › ✕ in one row; a button that cannot be used is not drawn (no faint grey on the wall)."""
    prev_column, title_column, next_column, exit_column = st.columns([1.1, 4, 1.1, 0.9], vertical_alignment="center")
    if step > 1:
        prev_column.button(t("rapat_prev_short", lang), key="rapat_prev", shortcut="Left", width="stretch",
                           on_click=state.set_meeting_step, args=(step - 1,))
    if step < STEPS:
        next_column.button(t("rapat_next_short", lang), key="rapat_next", shortcut="Right", width="stretch", type="primary",
                           on_click=state.set_meeting_step, args=(step + 1,))
    title_column.title(f"{t(f'rapat_{step}', lang)}  ·  {t('rapat_step', lang, i=step, n=STEPS)}")
    title_column.caption(scope_words(filters, lang))
    if exit_column.button(t("rapat_exit_short", lang), key="rapat_exit", shortcut="Esc", width="stretch"):
        st.switch_page(state.meeting_origin(), query_params=state.url_params())


def render_headline(f: state.Filters, lang: str) -> None:
    """Draw the headline numbers, each change said in words ("sama", "turun 31"); the vote countdown has no arrow."""
    metrics = cache.headline(f.start, f.end, f.kecamatan, f.kategori).set_index("key")
    vote = summary.days_to_vote(cache.calendar(), f.end, cache.desa_codes(f.kecamatan))
    columns = st.columns(len(METRICS) + 1)
    for column, name in zip(columns, METRICS):
        delta = int(metrics.loc[name, "selisih"])
        column.metric(t(f"metric_{name}", lang), format_number(metrics.loc[name, "kini"]), border=True,
                      delta=change_words(delta, lang), delta_color="off", delta_arrow="up" if delta > 0 else "down" if delta < 0 else "off")
    columns[-1].metric(t("metric_vote", lang),
                       t("vote_value", lang, days=format_number(vote[0])) if vote else "—",
                       delta=vote[1] if vote else t("vote_none_short", lang), delta_color="off", delta_arrow="off",
                       border=True)
    st.caption(t("rapat_compared", lang, period=format_period(*summary.previous_period(f.start, f.end), lang)))


def render_map(f: state.Filters, lang: str) -> None:
    """Draw the risk map with the Tinggi-and-above desa numbered, the legend, and the numbered names beside it."""
    map_column, side_column = st.columns([4, 1.3])
    with map_column:
        st.pydeck_chart(cache.risk_map(f.end, f.kategori, "desa", "tingkat", lang, height=500, label_size=24,
                                       callouts=f.kecamatan, width=900), height=500, key="rapat_peta")
    legend = summary.legend_frame(maps.map_legend("tingkat", lang))
    side_column.table(theme.style_legend(legend, t("map_legend", lang)).hide(axis="index"))
    names = callout_lines(cache.callouts(f.end, f.kategori, f.kecamatan), cache.kecamatan_names())
    side_column.markdown(f"**{t('rapat_high_desa', lang)}**")
    side_column.markdown("  \n".join(escape_markdown(line) for line in names) if names
                         else t("rapat_high_none", lang))


def render_trend(f: state.Filters, lang: str) -> None:
    """Draw twelve months of kejadian as bars with the election marks, and the three categories that moved most."""
    first, last = meeting_figures.trend_window(f.start, f.end)
    months, _ = cache.trend_counts(first.date(), last.date(), f.kecamatan, f.kategori, "M", "kategori")
    now, before = cache.trend_counts(f.start, f.end, f.kecamatan, f.kategori, "M", "kategori")
    chart_column, movers_column = st.columns([3, 1.4])
    fig, drawn = meeting_figures.meeting_trend_figure(
        meeting_figures.monthly_totals(months), cache.bands(), (f.start, f.end), lang,
        empty_message=t("trend_empty", lang), height=380)
    # theme=None: Streamlit's chart theme would shrink the projector fonts back to 12–14 px.
    chart_column.plotly_chart(fig, width="stretch", key="rapat_tren", theme=None, config={"displayModeBar": False,
                                                                                          "staticPlot": True})
    movers_column.subheader(t("trend_movers", lang))
    lines = meeting_figures.mover_lines(meeting_figures.top_movers(now, before), dict(category_labels(lang)), lang)
    movers_column.markdown("\n".join(f"- {line}" for line in lines) or t("trend_no_movers", lang))
    st.caption(" ".join(t(key, lang) for key in meeting_figures.caption_keys(drawn)))


def render_priority(f: state.Filters, lang: str) -> None:
    """Draw the five priority desa with one plain reason each (counts, never names of people)."""
    top = cache.priority(f.end, f.kategori, f.kecamatan, n=5, lang=lang)
    if top.empty:
        st.info(t("priority_none", lang))
        return
    shown = top[["nama", "kecamatan", "tingkat", "alasan_singkat"]].rename(columns={
        "nama": t("col_desa", lang), "kecamatan": t("col_kecamatan", lang),
        "tingkat": t("col_tingkat", lang), "alasan_singkat": t("col_alasan", lang)})
    st.table(shown.set_index(t("col_desa", lang)))
