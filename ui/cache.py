"""The store's shared caches: thin Streamlit wrappers keyed on the store's write counter.

Every page reads the store's frames, settings and risk tables through here. Page-specific derived
tables are cached beside their page helper (ui/penanganan.py, ui/asing.py, ui/unggah.py, ui/akurasi.py,
ui/briefing.py) with the same key, `key()` below; analytics/ never caches. Every accessor takes
(url, version) as its cache key, so an upload (which bumps the version) shows at once and nothing is recomputed otherwise. The store's frames are cache_resource (one shared,
read-only copy: cache_data would pickle 1M rows on every hit); derived tables are cache_data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa
import streamlit as st

from analytics import auth, clock
from analytics.places.boundaries import read_boundaries
from analytics.places.gazetteer import load_gazetteer
from analytics.places.schematic import schematic_places
from analytics.risk import explain
from analytics.risk import inputs as risk_inputs
from analytics.risk import rollup as risk_rollup
from analytics.risk.elections import Calendar, election_bands
from analytics.settings import Settings
from analytics.store import queries
from analytics.store.db import default_database_url, open_store_cached
from analytics.store.tables import read_data_version
from analytics.views import maps, room_reasons, summary
from analytics.views import period as view_period
from analytics.views.callouts import callout_layer, high_desa_callouts
from analytics.views.label_placement import plan_labels
from analytics.views.map_layers import fitted_view
from ui import theme


def store_url() -> str:
    """Return the store URL this process serves (DATABASE_URL, else the SQLite file)."""
    return default_database_url()


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> sa.Engine:
    return open_store_cached(url)


def engine() -> sa.Engine:
    """Return the shared, migrated engine."""
    return _engine(store_url())


def version() -> int:
    """Return the store's write counter (one tiny query; read on every rerun on purpose)."""
    return read_data_version(engine())


def key() -> tuple[str, int]:
    """Return (url, version): the cache key every accessor below takes."""
    return store_url(), version()


@st.cache_resource(max_entries=2, show_spinner=False)
def _inputs(url: str, v: int) -> risk_inputs.RiskInputs:
    # ONE bundle of everything the risk score reads, read once per store version and shared read-only
    # (cache_resource: cache_data would pickle 1M kejadian on every hit). Every accessor below uses it.
    return risk_inputs.read_risk_inputs(_engine(url))


def _incidents(url: str, v: int) -> pd.DataFrame:
    return _inputs(url, v).incidents


def _reports(url: str, v: int) -> pd.DataFrame:
    return _inputs(url, v).reports


def _settings(url: str, v: int) -> Settings:
    return _inputs(url, v).settings  # frozen: safe to share


def _calendar(url: str, v: int) -> Calendar:
    return _inputs(url, v).calendar


def _with_kategori(url: str, v: int, kategori: tuple[str, ...]) -> risk_inputs.RiskInputs:
    inputs = _inputs(url, v)
    return replace(inputs, incidents=summary.filter_incidents(inputs.incidents, kategori=kategori)) if kategori else inputs


def risk_bundle(kategori: tuple[str, ...] = ()) -> risk_inputs.RiskInputs:
    """Return the risk inputs bundle (kejadian, laporan, calendar, settings, border km, orang asing) as stored now,
    its kejadian limited to the kategori given (empty = all)."""
    return _with_kategori(*key(), tuple(sorted(kategori)))


def incidents() -> pd.DataFrame:
    """Return every active kejadian (shared frame: never modify it in place)."""
    return _incidents(*key())


def reports() -> pd.DataFrame:
    """Return every active laporan berkala value (shared frame: never modify it in place)."""
    return _reports(*key())


def settings() -> Settings:
    """Return the current settings."""
    return _settings(*key())


def calendar() -> Calendar:
    """Return the election calendar in force."""
    return _calendar(*key())


def bands() -> pd.DataFrame:
    """Return the election stages for shading charts."""
    return election_bands(calendar())


@st.cache_data(max_entries=4, show_spinner=False)
def _has_demo(url: str, v: int) -> bool:
    return queries.has_demo_data(_engine(url))


def has_demo() -> bool:
    """True when demo data is in the store (the banner must show)."""
    return _has_demo(*key())


@st.cache_data(max_entries=4, show_spinner=False)
def _active_roles(url: str, v: int) -> dict[str, str]:
    return {row["username"]: row["role"] for row in auth.list_users(_engine(url)) if row["active"]}


def active_roles() -> dict[str, str]:
    """Return username -> role of every active account (re-read after any change to accounts)."""
    return _active_roles(*key())


def count_users() -> int:
    """Return the number of accounts (uncached: the first-run hint must vanish as soon as one exists)."""
    return auth.count_users(engine())


@st.cache_data(max_entries=4, show_spinner=False)
def _default_period(url: str, v: int, today: date) -> tuple[date, date]:
    return view_period.default_period(_incidents(url, v), _reports(url, v), today)


def today() -> date:
    """Return today's date in Malinau (setting timezone, WITA by default), never the server's date."""
    return clock.settings_today(settings())


@st.cache_data(max_entries=4, show_spinner=False)
def _data_span(url: str, v: int, today: date) -> tuple[date, date]:
    return view_period.data_span(_incidents(url, v), today)


def data_span() -> tuple[date, date]:
    """Return the first and last day the period filters may take (the data's span, at least the last year)."""
    return _data_span(*key(), today())


def default_period() -> tuple[date, date]:
    """Return the filters' default: the latest complete month (or week) of the stored data, real before demo."""
    return _default_period(*key(), today())


@st.cache_data(max_entries=64, show_spinner=False)
def _desa_scores(url: str, v: int, as_of: date, kategori: tuple[str, ...]) -> pd.DataFrame:
    return risk_inputs.score_desa_from(_with_kategori(url, v, kategori), as_of)


def desa_scores(end: date, kategori: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return every desa's score known at the end of the period (data up to and including end)."""
    # score_desa uses data strictly before as_of, so the day after the period closes it.
    return _desa_scores(*key(), end + timedelta(days=1), tuple(sorted(kategori)))


@st.cache_data(max_entries=16, show_spinner=False)
def _kecamatan_scores(url: str, v: int, as_of: date, kategori: tuple[str, ...]) -> pd.DataFrame:
    return risk_rollup.score_kecamatan(_desa_scores(url, v, as_of, kategori), _settings(url, v))


def kecamatan_scores(end: date, kategori: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return every kecamatan's score at the end of the period."""
    return _kecamatan_scores(*key(), end + timedelta(days=1), tuple(sorted(kategori)))


@st.cache_data(max_entries=16, show_spinner=False)
def _score_series(url: str, v: int, freq: str, start: date, end: date, kategori: tuple[str, ...]) -> pd.DataFrame:
    return risk_inputs.score_series_from(_with_kategori(url, v, kategori), freq=freq, start=start, end=end)


def score_series(freq: str, start: date, end: date, kategori: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return every desa's score per week ("W") or month ("M") over [start, end]."""
    return _score_series(*key(), freq, start, end, tuple(sorted(kategori)))


@st.cache_resource(max_entries=8, show_spinner=False)
def _places(url: str, v: int, level: str):
    return read_boundaries(_engine(url), level)


def places(level: str):
    """Return the official boundaries of a level, or an empty frame when none are loaded."""
    return _places(*key(), level)


def gazetteer():
    """Return the kecamatan and desa names (cached by analytics itself: it never changes)."""
    return load_gazetteer()


def kecamatan_names() -> dict[str, str]:
    """Return kecamatan kode → nama, in code order."""
    table = load_gazetteer().kecamatan
    return dict(zip(table["kode"], table["nama"]))


def desa_names() -> dict[str, str]:
    """Return desa kode → 'nama (kecamatan)', in code order."""
    table = load_gazetteer().desa
    return {k: f"{n} ({kec})" for k, n, kec in zip(table["kode"], table["nama"], table["kecamatan"])}


@st.cache_data(max_entries=32, show_spinner=False)
def _priority(url: str, v: int, as_of: date, kategori: tuple[str, ...], kecamatan: tuple[str, ...], n: int,
              lang: str) -> pd.DataFrame:
    scores = _desa_scores(url, v, as_of, kategori)
    top = summary.priority_desa(scores, kecamatan, n)
    if top.empty:
        return top.assign(alasan=pd.Series(dtype=object), alasan_singkat=pd.Series(dtype=object))
    inputs = _with_kategori(url, v, kategori)
    reasons = explain.reason_lines(top, inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, as_of,
                                   inputs.border_km, lang)
    plain = room_reasons.plain_reasons(top, inputs.incidents, as_of, inputs.settings.risk_recent_days, lang)
    return top.assign(alasan=reasons.to_numpy(), alasan_singkat=plain)


def priority(end: date, kategori: tuple[str, ...], kecamatan: tuple[str, ...], n: int = 10,
             lang: str = "id") -> pd.DataFrame:
    """Return the n highest-scoring desa at the end of the period, each with its one-line reason (alasan) in lang."""
    return _priority(*key(), end + timedelta(days=1), tuple(sorted(kategori)), tuple(sorted(kecamatan)), n, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def _explanation(url: str, v: int, as_of: date, kategori: tuple[str, ...], kode: str, lang: str) -> list[str]:
    scores = _desa_scores(url, v, as_of, kategori)
    row = scores[scores["kode"] == kode]
    if row.empty:
        return []
    inputs = _with_kategori(url, v, kategori)
    return explain.explain_row(row.iloc[0], inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, as_of,
                               inputs.border_km, lang)


def explanation(end: date, kategori: tuple[str, ...], kode: str, lang: str = "id") -> list[str]:
    """Return the sentences explaining one desa's score at the end of the period, in lang."""
    return _explanation(*key(), end + timedelta(days=1), tuple(sorted(kategori)), kode, lang)


def map_places(level: str):
    """Return (places of level, kecamatan places, kabupaten outline, schematic?): official if loaded, else schematic."""
    official = places(level)
    if not official.empty:
        kecamatan, kabupaten = places("kecamatan"), places("kabupaten")
        return official, kecamatan, kabupaten, False
    return _schematic(level), _schematic("kecamatan"), _schematic("kabupaten"), True


@st.cache_resource(max_entries=4, show_spinner=False)
def _schematic(level: str):
    return schematic_places(level)


@st.cache_resource(max_entries=32, show_spinner=False)
def _risk_map(url: str, v: int, as_of: date, kategori: tuple[str, ...], level: str, color_by: str, lang: str,
              height: int, label_size: int, callouts: tuple[str, ...] | None = None, width: int = 640):
    scores = _desa_scores(url, v, as_of, kategori)
    if level == "kecamatan":
        scores = _kecamatan_scores(url, v, as_of, kategori)
    shapes, kecamatan, kabupaten, schematic = map_places(level)
    # Fit the whole kabupaten into the chart's real height (the builder assumes a taller map).
    frame = kabupaten if not kabupaten.empty else shapes
    view = fitted_view(tuple(frame.total_bounds), width, height - 20)
    numbered = high_desa_callouts(scores, shapes, callouts) if callouts is not None and level == "desa" else None
    label_size, positions = plan_labels(kecamatan, numbered, schematic, label_size, view.zoom)
    deck = maps.risk_map(scores, shapes, color_by=color_by, level=level, labels=kecamatan, outline=kabupaten,
                         schematic=schematic, lang=lang, label_size=label_size, label_positions=positions)
    deck.initial_view_state = view
    if numbered is not None:
        deck.layers.append(callout_layer(numbered, max(label_size, 16)))
    return theme.offline_deck(deck)


def risk_map(end: date, kategori: tuple[str, ...], level: str, color_by: str, lang: str, height: int = 620,
             label_size: int = 13, callouts: tuple[str, ...] | None = None, width: int = 640):
    """Return the risk map Deck for the period's end, fitted to width × height px (built once per data version
    and view). The default width is the desk map's column at 1280 px with the sidebar open: never cropped.

    callouts: number the Tinggi-and-above desa (of these kecamatan; empty = all) on the map, for Mode Rapat.
    """
    return _risk_map(*key(), end + timedelta(days=1), tuple(sorted(kategori)), level, color_by, lang, height,
                     label_size, None if callouts is None else tuple(sorted(callouts)), width)


def callouts(end: date, kategori: tuple[str, ...], kecamatan: tuple[str, ...]) -> pd.DataFrame:
    """Return the numbered Tinggi-and-above desa drawn by risk_map(callouts=...) (no, nama, kode_kecamatan …)."""
    shapes, _, _, _ = map_places("desa")
    return high_desa_callouts(desa_scores(end, kategori), shapes, tuple(sorted(kecamatan)))


def desa_codes(kecamatan: tuple[str, ...] = ()) -> list[str] | None:
    """Return the desa codes of the kecamatan given, or None for all of them."""
    if not kecamatan:
        return None
    table = load_gazetteer().desa
    return list(table.loc[table["kode_kecamatan"].isin(kecamatan), "kode"])


def count_desa(kecamatan: tuple[str, ...] = ()) -> int:
    """Return how many desa are in scope (all 109 when no kecamatan is chosen)."""
    codes = desa_codes(kecamatan)
    return len(load_gazetteer().desa) if codes is None else len(codes)


@st.cache_data(max_entries=32, show_spinner=False)
def _headline(url: str, v: int, start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...]) -> pd.DataFrame:
    _, prev_end = summary.previous_period(start, end)
    day_after = timedelta(days=1)
    scores = (_desa_scores(url, v, end + day_after, kategori), _desa_scores(url, v, prev_end + day_after, kategori))
    return summary.period_headline(_incidents(url, v), _reports(url, v), scores, start, end, kecamatan, kategori,
                                   count_desa(kecamatan), _settings(url, v).report_period_days)


def headline(start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...]) -> pd.DataFrame:
    """Return the headline metrics of the period against the previous equal period (summary.headline_metrics)."""
    return _headline(*key(), start, end, tuple(sorted(kecamatan)), tuple(sorted(kategori)))


@st.cache_data(max_entries=32, show_spinner=False)
def _band_changes(url: str, v: int, start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...]) -> pd.DataFrame:
    _, prev_end = summary.previous_period(start, end)
    day_after = timedelta(days=1)
    changes = summary.band_changes(_desa_scores(url, v, end + day_after, kategori),
                                   _desa_scores(url, v, prev_end + day_after, kategori), kecamatan)
    return changes.assign(kecamatan=changes["kode_kecamatan"].map(kecamatan_names()))


def band_changes(start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...]) -> pd.DataFrame:
    """Return the desa whose tingkat changed since the end of the previous period (with kecamatan names)."""
    return _band_changes(*key(), start, end, tuple(sorted(kecamatan)), tuple(sorted(kategori)))


@st.cache_data(max_entries=32, show_spinner=False)
def _trend_counts(url: str, v: int, start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...],
                  freq: str, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    incidents = _incidents(url, v)
    prev_start, prev_end = summary.previous_period(start, end)
    now = summary.filter_incidents(incidents, start, end, kecamatan, kategori)
    before = summary.filter_incidents(incidents, prev_start, prev_end, kecamatan, kategori)
    return summary.count_incidents(now, freq, by, start, end), summary.count_incidents(before, freq, by, prev_start, prev_end)


def trend_counts(start: date, end: date, kecamatan: tuple[str, ...], kategori: tuple[str, ...], freq: str, by: str):
    """Return (counts this period, counts in the previous equal period), long: periode, kelompok, jumlah."""
    return _trend_counts(*key(), start, end, tuple(sorted(kecamatan)), tuple(sorted(kategori)), freq, by)


def place_series(level: str, kode: str, start: date, end: date, kategori: tuple[str, ...]) -> pd.DataFrame:
    """Return one place's weekly score and components over [start, end] (tanggal, skor, components)."""
    series = score_series("W", start, end, kategori)
    if level == "kecamatan":
        series = _kecamatan_series(*key(), start, end, tuple(sorted(kategori)))
    return summary.place_series(series, kode)


@st.cache_data(max_entries=8, show_spinner=False)
def _kecamatan_series(url: str, v: int, start: date, end: date, kategori: tuple[str, ...]) -> pd.DataFrame:
    return risk_rollup.score_kecamatan(_score_series(url, v, "W", start, end, kategori), _settings(url, v))


@st.cache_data(max_entries=8, show_spinner=False)
def _upload_period(url: str, v: int, upload_id: int) -> tuple[date, date] | None:
    incidents, reports = _incidents(url, v), _reports(url, v)
    days = pd.concat([incidents.loc[incidents["upload_id"] == upload_id, "tanggal"],
                      reports.loc[reports["upload_id"] == upload_id, "periode_mulai"],
                      reports.loc[reports["upload_id"] == upload_id, "periode_akhir"]])
    return view_period.upload_period(days)


def upload_period(upload_id: int) -> tuple[date, date] | None:
    """Return (first, last) day of one upload's kejadian and report periods, or None."""
    return _upload_period(*key(), upload_id)
