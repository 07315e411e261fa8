"""Cached accessors for tindak lanjut, Rakor and report compliance, keyed like ui/cache.py on (url, version).

Every write goes through analytics.cases / analytics.rakor (which audit and bump the data version),
so a change shows on the next run without clearing anything. Overdue is judged against the real
today, which is part of each key so a case turns overdue at midnight even without a write.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analytics.i18n.catalog import t
from analytics.penanganan import cases as case_store
from analytics.penanganan import compliance, rakor
from analytics.penanganan.listing import (
    alerts_without_case,
    compliance_totals,
    late_places,
    overdue_flag,
    public_actions,
    public_cases,
    status_by_agency,
    status_counts,
)
from analytics.ingest.categories import category_labels
from analytics.places.gazetteer import load_gazetteer
from analytics.store import queries
from analytics.views import maps
from analytics.views.plain_tables import plain_table
from analytics.views.plain_words import format_number
from analytics.views.map_layers import fitted_view
from ui import cache, theme

TABLE_COLUMNS = ["tanda", "id", "judul", "tempat", "kategori", "instansi", "status", "tanggal_buka", "jatuh_tempo",
                 "jumlah_tindakan"]


@st.cache_data(max_entries=32, show_spinner=False)
def _cases(url: str, v: int, today: date, instansi: str | None, status: tuple[str, ...], kode: str | None,
           overdue_only: bool, open_only: bool) -> pd.DataFrame:
    filters = case_store.CaseFilters(status=status or None, kode=kode, instansi=instansi, overdue_only=overdue_only,
                                     open_only=open_only)
    return case_store.list_cases(cache._engine(url), filters, as_of=today)


def cases(instansi: str | None = None, status: tuple[str, ...] = (), kode: str | None = None,
          overdue_only: bool = False, open_only: bool = False) -> pd.DataFrame:
    """Return list_cases for these filters, overdue first (judged on today)."""
    return _cases(*cache.key(), cache.today(), instansi, tuple(status), kode, overdue_only, open_only)


def case_table(frame: pd.DataFrame, can_read_text: bool, lang: str) -> pd.DataFrame:
    """Return the cases as shown in a table: the overdue flag first; judul_umum instead of judul for pimpinan;
    dates in words ("29 Juni 2025"), kategori by its label, no "None"."""
    shown = frame.assign(tanda=overdue_flag(frame, t("tl_late_word", lang), t("tl_days_word", lang)))
    if not can_read_text:
        shown = public_cases(shown).rename(columns={"judul_umum": "judul"})
    shown = shown[[c for c in TABLE_COLUMNS if c in shown.columns]]
    return plain_table(shown, lang, dates=("tanggal_buka", "jatuh_tempo"), labels={"kategori": category_labels(lang)})


def case_column_config(lang: str) -> dict:
    """Return the column labels of case_table."""
    config = {c: t(f"col_{c}", lang) for c in TABLE_COLUMNS if c not in ("id", "kategori")}
    config["id"] = st.column_config.NumberColumn("#", format="%d")
    config["kategori"] = t("filter_kategori", lang)
    return config


def highlight_overdue(table: pd.DataFrame):
    """Return the table as a Styler with overdue rows on a red background (the flag column says why)."""
    late = table["tanda"].astype(str).str.len() > 0
    return table.style.apply(lambda row: ["background-color: #F8D7DA; color: #7A0010" if late[row.name] else ""
                                          for _ in row], axis=1)


@st.cache_data(max_entries=64, show_spinner=False)
def _detail(url: str, v: int, case_id: int) -> case_store.CaseDetail:
    return case_store.case_detail(cache._engine(url), case_id)


def case_detail(case_id: int) -> case_store.CaseDetail:
    """Return one case with its entries and linked kejadian."""
    return _detail(*cache.key(), case_id)


def action_log(detail: case_store.CaseDetail, can_read_text: bool, lang: str = "id") -> pd.DataFrame:
    """Return a case's entries for display; pimpinan get date, kind and status only."""
    actions = detail.actions
    if not can_read_text:
        return plain_table(public_actions(actions), lang, dates=("tanggal",))
    shown = actions[[c for c in ("tanggal", "jenis", "pelaku", "uraian", "status_baru") if c in actions.columns]]
    return plain_table(shown, lang, dates=("tanggal",))


def place_names() -> dict[str, str]:
    """Return kode → name for every desa and kecamatan (as cases show them)."""
    return case_store.place_names()


def alerts(end: date, kategori: tuple[str, ...], level: str) -> pd.DataFrame:
    """Return the desa or kecamatan in Tinggi or above at the period's end without an open case."""
    scores = cache.kecamatan_scores(end, kategori) if level == "kecamatan" else cache.desa_scores(end, kategori)
    return alerts_without_case(scores, cases(open_only=True), place_names())


def alert_scores(end: date, kategori: tuple[str, ...], level: str, kodes: list[str]) -> pd.DataFrame:
    """Return the score rows (kode, tingkat, skor) of the chosen places, for open_cases_from_alerts."""
    scores = cache.kecamatan_scores(end, kategori) if level == "kecamatan" else cache.desa_scores(end, kategori)
    return scores[scores["kode"].isin(kodes)][["kode", "tingkat", "skor"]]


def place_incidents(kodes: list[str]) -> pd.DataFrame:
    """Return the kejadian of these desa/kecamatan (id, tanggal, kategori), newest first."""
    frame = cache.incidents()
    chosen = frame[frame["kode_desa"].isin(kodes) | frame["kode_kecamatan"].isin(kodes)]
    return chosen[["id", "tanggal", "kategori"]].sort_values("tanggal", ascending=False)


@st.cache_data(max_entries=16, show_spinner=False)
def _compliance(url: str, v: int, start: date, end: date, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    settings = cache._settings(url, v)
    reports = cache._reports(url, v)
    gaz = load_gazetteer()
    places = compliance.reporting_places(reports, gaz.kecamatan, gaz.desa)
    periods = compliance.expected_periods(start, end, settings.report_period_days)
    submissions = queries.read_field_submissions(cache.engine())  # verified phone reports count as reporting
    table = compliance.compliance_table(reports, places, periods, min(today, end + timedelta(days=1)),
                                        settings.report_late_days, submissions=submissions)
    return table, compliance.compliance_summary(table)


def report_compliance(start: date, end: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (compliance_table, compliance_summary) of the periodic reports over [start, end]."""
    return _compliance(*cache.key(), start, end, cache.today())


@st.cache_resource(max_entries=8, show_spinner=False)
def _compliance_map(url: str, v: int, start: date, end: date, today: date, height: int):
    table, _ = _compliance(url, v, start, end, today)
    shapes, _, kabupaten, schematic = cache.map_places("kecamatan")
    deck = maps.category_map(compliance.place_status(table), shapes, "status", compliance.COMPLIANCE_PALETTE,
                             title="Laporan berkala", outline=kabupaten, labels=shapes, schematic=schematic)
    frame = kabupaten if not kabupaten.empty else shapes
    deck.initial_view_state = fitted_view(tuple(frame.total_bounds), 900, height - 60)
    return theme.offline_deck(deck)


def compliance_map(start: date, end: date, height: int = 620):
    """Return the kecamatan map coloured by their latest report status (diterima, terlambat, belum jatuh tempo)."""
    return _compliance_map(*cache.key(), start, end, cache.today(), height)


def compliance_legend(lang: str = "id") -> list[tuple[str, str]]:
    """Return the compliance map's legend entries (label, colour)."""
    return maps.category_legend(compliance.COMPLIANCE_PALETTE, lang)


@st.cache_data(max_entries=8, show_spinner=False)
def _agenda(url: str, v: int, as_of: date) -> rakor.RakorAgenda:
    engine = cache._engine(url)
    since, _ = rakor.agenda_start(engine, as_of)
    # desa_scores(end) scores on end + 1: the day before each date gives the score on that date.
    scores_now = cache.desa_scores(as_of - timedelta(days=1))
    scores_then = cache.desa_scores(since - timedelta(days=1))
    return rakor.since_last_rakor(engine, as_of, scores_now, scores_then)


def agenda(as_of: date) -> rakor.RakorAgenda:
    """Return the 'sejak Rakor terakhir' agenda on as_of."""
    return _agenda(*cache.key(), as_of)


@st.cache_data(max_entries=4, show_spinner=False)
def _rakor_list(url: str, v: int) -> pd.DataFrame:
    return rakor.list_rakor(cache._engine(url))


def rakor_list() -> pd.DataFrame:
    """Return every recorded Rakor, newest first."""
    return _rakor_list(*cache.key())


def agencies() -> list[str]:
    """Return the agencies of the 'penanganan' setting."""
    return list(cache.settings().agencies)


def render_overview_metrics(start: date, end: date, lang: str) -> None:
    """Draw Ringkasan's penanganan row: overdue cases (red when any) and reports received vs expected, late places."""
    overdue = int(cases(overdue_only=True).shape[0])
    table, summary = report_compliance(start, end)
    kecamatan = summary[summary["level"] == "kecamatan"] if len(summary) else summary
    totals = compliance_totals(kecamatan)
    late_col, reports_col, _ = st.columns([1, 1, 2])
    # An overdue case is always bad news: the delta shows the word in red, never an up/down arrow.
    late_col.metric(t("pn_metric_overdue", lang), format_number(overdue), border=True, help=t("pn_metric_overdue_help", lang),
                    delta=t("tl_late_word", lang) if overdue else None, delta_color="inverse", delta_arrow="off")
    reports_col.metric(t("pn_metric_compliance", lang),
                       t("pn_compliance_value", lang, got=format_number(totals["diterima"]),
                         expected=format_number(totals["diharapkan"])),
                       border=True, help=t("pn_compliance_help", lang, late=format_number(totals["terlambat"])))
    late = late_places(table[table["level"] == "kecamatan"] if len(table) else table)
    if late:
        st.caption(t("pn_late_places", lang, names=", ".join(late)))


def render_meeting_followup(lang: str) -> None:
    """Draw Mode Rapat's 'Tindak lanjut' screen: overdue count large, counts by status and agency; no text, no names."""
    everything = cases()
    if everything.empty:
        st.info(t("followup_none", lang))
        return
    counts = status_counts(everything)
    big, *rest = st.columns([2, 1, 1, 1, 1])
    big.metric(t("pn_rapat_overdue", lang), counts["lewat tenggat"], border=True,
               delta=t("tl_late_word", lang) if counts["lewat tenggat"] else None, delta_color="inverse",
               delta_arrow="off")
    for column, status in zip(rest, case_store.STATUSES):
        column.metric(status.capitalize(), counts[status], border=True)
    table = status_by_agency(everything).rename(columns={
        "instansi": t("col_instansi", lang), "lewat tenggat": t("col_lewat_tenggat", lang),
        "jumlah": t("col_jumlah", lang)})
    st.table(table.set_index(t("col_instansi", lang)))
