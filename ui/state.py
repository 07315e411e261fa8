"""The shared filters (period, kecamatan, kategori) and language, mirrored in the URL (st.query_params).

On a session's first run the widgets take their values from the URL, so a shared link restores
the view; afterwards every run writes the current values back to the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from analytics.ingest.categories import CATEGORY_LABELS
from analytics.i18n.catalog import DEFAULT_LANG, LANGUAGES, t

PARAM_START, PARAM_END, PARAM_KEC, PARAM_KAT, PARAM_LANG = "dari", "sampai", "kec", "kat", "bahasa"
CURRENT_KEY = "_filters"
FILTER_KEYS = {"start": "f_start", "end": "f_end", "kecamatan": "f_kecamatan", "kategori": "f_kategori"}


@dataclass(frozen=True)
class Filters:
    """The shared filters: inclusive period, chosen kecamatan codes and kategori (empty = all)."""

    start: date
    end: date
    kecamatan: tuple[str, ...]
    kategori: tuple[str, ...]


def _parse_date(text: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


def _parse_list(text: str | None, allowed: list[str]) -> list[str]:
    return [v for v in (text or "").split(",") if v in allowed]


def current_lang() -> str:
    """Return the chosen language code (URL ?bahasa=en, else Indonesian)."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get(PARAM_LANG, DEFAULT_LANG)
        st.session_state["lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANG
    return st.session_state["lang"]


def render_language_switch() -> str:
    """Draw the language radio in the sidebar; return the language code."""
    lang = current_lang()
    st.sidebar.radio(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    return st.session_state["lang"]


def _seed_from_url(default: tuple[date, date], kecamatan: list[str]) -> None:
    # Only once per session: after that the widgets own their values.
    if st.session_state.get("_filters_seeded"):
        return
    params = st.query_params
    st.session_state.setdefault(FILTER_KEYS["start"], _parse_date(params.get(PARAM_START), default[0]))
    st.session_state.setdefault(FILTER_KEYS["end"], _parse_date(params.get(PARAM_END), default[1]))
    st.session_state.setdefault(FILTER_KEYS["kecamatan"], _parse_list(params.get(PARAM_KEC), kecamatan))
    st.session_state.setdefault(FILTER_KEYS["kategori"], _parse_list(params.get(PARAM_KAT), list(CATEGORY_LABELS)))
    st.session_state["_filters_seeded"] = True


def render_filters(default: tuple[date, date], kecamatan_names: dict[str, str], lang: str) -> Filters:
    """Draw the shared filters in the sidebar, write them to the URL and return them."""
    _seed_from_url(default, list(kecamatan_names))
    side = st.sidebar
    side.subheader(t("filters", lang))
    start = side.date_input(t("filter_start", lang), key=FILTER_KEYS["start"], format="DD/MM/YYYY")
    end = side.date_input(t("filter_end", lang), key=FILTER_KEYS["end"], format="DD/MM/YYYY")
    kec = side.multiselect(
        t("filter_kecamatan", lang), list(kecamatan_names), format_func=kecamatan_names.get,
        key=FILTER_KEYS["kecamatan"], placeholder=t("filter_all", lang),
    )
    kat = side.multiselect(
        t("filter_kategori", lang), list(CATEGORY_LABELS), format_func=CATEGORY_LABELS.get,
        key=FILTER_KEYS["kategori"], placeholder=t("filter_all", lang),
    )
    if end < start:
        side.warning(t("filter_bad_range", lang))
        start, end = end, start
    filters = Filters(start, end, tuple(kec), tuple(kat))
    write_url(filters, lang)
    st.session_state[CURRENT_KEY] = filters
    return filters


def current_filters() -> Filters:
    """Return the filters the frame drew on this run (pages call this; the frame always runs first)."""
    return st.session_state[CURRENT_KEY]


def write_url(filters: Filters, lang: str) -> None:
    """Mirror the filters and language into the URL so the view can be shared (only what changed)."""
    wanted = {
        PARAM_START: filters.start.isoformat(),
        PARAM_END: filters.end.isoformat(),
        PARAM_KEC: ",".join(filters.kecamatan),
        PARAM_KAT: ",".join(filters.kategori),
        PARAM_LANG: lang if lang != DEFAULT_LANG else "",
    }
    for name, value in wanted.items():
        if not value:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def picked_place(event, layer_id: str) -> str | None:
    """Return the kode clicked on the map in this run, only when it differs from the last click."""
    try:
        objects = event.selection["objects"].get(layer_id) or []
    except (AttributeError, KeyError, TypeError):
        return None
    kode = objects[0].get("kode") if objects else None
    if kode == st.session_state.get("_last_pick"):
        return None
    st.session_state["_last_pick"] = kode
    return kode


PARAM_STEP = "langkah"


def meeting_step(steps: int) -> int:
    """Return the Mode Rapat screen (1…steps) named in the URL (?langkah=), 1 when absent or invalid."""
    try:
        step = int(st.query_params.get(PARAM_STEP, "1"))
    except ValueError:
        step = 1
    return min(max(step, 1), steps)


def set_meeting_step(step: int) -> None:
    """Put the Mode Rapat screen in the URL (button callback: the rerun follows by itself)."""
    st.query_params[PARAM_STEP] = str(step)
