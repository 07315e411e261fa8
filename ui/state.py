"""The one owner of the view state: period, kecamatan, kategori, level (desa/kecamatan) and language.

The state lives in plain session keys (VIEW_KEY, LANG_KEY) that Streamlit never drops. Widgets only
mirror it: before each widget is drawn its key is set from the view, and its on_change callback
(which runs before the script) writes the user's choice back. So a page switch, leaving Mode Rapat,
a profile link or a language switch cannot change the period, whatever happens to widget state.
On a session's first run the view is read from the URL (a shared link or a reload restores it);
on every run the URL is rewritten from the view, so the URL always matches the sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from analytics.i18n.catalog import DEFAULT_LANG, LANGUAGES, t
from analytics.ingest.categories import CATEGORY_LABELS, category_labels
from analytics.views.period import EARLIEST, clamp_day

PARAM_START, PARAM_END, PARAM_KEC, PARAM_KAT, PARAM_LANG = "dari", "sampai", "kec", "kat", "bahasa"
PARAM_LEVEL, PARAM_STEP = "wilayah", "langkah"
CURRENT_KEY = "_filters"
VIEW_KEY = "_view"
LANG_KEY = "_lang"
PAGE_KEY, MEETING_FROM_KEY = "_page", "_rapat_dari"
MEETING_PAGE = "rapat"
FILTER_KEYS = {"start": "f_start", "end": "f_end", "kecamatan": "f_kecamatan", "kategori": "f_kategori"}
LEVELS = ("desa", "kecamatan")


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
    """Return the chosen language code (the view's, else the URL's ?bahasa=en, else Indonesian)."""
    if LANG_KEY not in st.session_state:
        # "lang" survives a logout (ui.auth.log_out keeps it); the URL decides on a session's first run.
        wanted = st.session_state.get("lang") or st.query_params.get(PARAM_LANG, DEFAULT_LANG)
        st.session_state[LANG_KEY] = wanted if wanted in LANGUAGES else DEFAULT_LANG
    return st.session_state[LANG_KEY]


def _on_lang() -> None:
    chosen = st.session_state.get("lang")
    if chosen in LANGUAGES:
        st.session_state[LANG_KEY] = chosen


def render_language_switch() -> str:
    """Draw the language radio in the sidebar; return the language code."""
    lang = current_lang()
    st.session_state["lang"] = lang
    st.sidebar.radio(t("language", lang), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True,
                     on_change=_on_lang)
    return current_lang()


def _view(default: tuple[date, date], kecamatan: list[str], span: tuple[date, date]) -> dict:
    """Return the view dict, read from the URL on the session's first run (URL dates clamped into span)."""
    if VIEW_KEY not in st.session_state:
        params = st.query_params
        level = params.get(PARAM_LEVEL, "desa")
        # URL dates are anyone's input: clamped into the data's span (?dari=0001-01-01 must not overflow)
        st.session_state[VIEW_KEY] = {
            "start": clamp_day(_parse_date(params.get(PARAM_START), default[0]), span),
            "end": clamp_day(_parse_date(params.get(PARAM_END), default[1]), span),
            "kecamatan": _parse_list(params.get(PARAM_KEC), kecamatan),
            "kategori": _parse_list(params.get(PARAM_KAT), list(CATEGORY_LABELS)),
            "level": level if level in LEVELS else "desa",
        }
    return st.session_state[VIEW_KEY]


def _copy_widget(field: str) -> None:
    value = st.session_state.get(FILTER_KEYS[field])
    if value is not None:  # a cleared date box keeps the last date rather than jumping to today
        st.session_state[VIEW_KEY][field] = list(value) if isinstance(value, list) else value


def _bind(field: str) -> dict:
    """Set the widget of field from the view (before it is drawn); return the on_change arguments."""
    st.session_state[FILTER_KEYS[field]] = st.session_state[VIEW_KEY][field]
    return {"key": FILTER_KEYS[field], "on_change": _copy_widget, "args": (field,)}


def render_filters(default: tuple[date, date], kecamatan_names: dict[str, str], lang: str,
                   span: tuple[date, date] | None = None) -> Filters:
    """Draw the shared filters in the sidebar from the view, write the view to the URL and return the filters.

    Dates stay within span (the data's dates, widened to the default period): a period from a URL or a
    widget can never make a page score centuries of empty weeks.
    """
    span = span or (min(default[0], EARLIEST), max(default[1], default[0]))
    view = _view(default, list(kecamatan_names), span)
    for name in ("start", "end"):  # the span may have shrunk since (an upload deleted): stay inside it
        view[name] = clamp_day(view[name], span)
    view["kecamatan"] = [k for k in view["kecamatan"] if k in kecamatan_names]
    side = st.sidebar
    side.subheader(t("filters", lang))
    side.date_input(t("filter_start", lang), format="DD/MM/YYYY", min_value=span[0], max_value=span[1],
                    **_bind("start"))
    side.date_input(t("filter_end", lang), format="DD/MM/YYYY", min_value=span[0], max_value=span[1],
                    **_bind("end"))
    side.multiselect(t("filter_kecamatan", lang), list(kecamatan_names), format_func=kecamatan_names.get,
                     placeholder=t("filter_all", lang), **_bind("kecamatan"))
    side.multiselect(t("filter_kategori", lang), list(CATEGORY_LABELS), format_func=category_labels(lang).get,
                     placeholder=t("filter_all", lang), **_bind("kategori"))
    start, end = view["start"], view["end"]
    if end < start:
        side.warning(t("filter_bad_range", lang))
        start, end = end, start
    filters = Filters(start, end, tuple(view["kecamatan"]), tuple(view["kategori"]))
    write_url(filters, lang)
    st.session_state[CURRENT_KEY] = filters
    return filters


def current_filters() -> Filters:
    """Return the filters the frame drew on this run (pages call this; the frame always runs first)."""
    return st.session_state[CURRENT_KEY]


def set_period(start: date, end: date) -> None:
    """Make [start, end] the period of every page (e.g. 'show this upload's period'); the sidebar follows."""
    view = st.session_state.get(VIEW_KEY)
    if view is not None:
        view["start"], view["end"] = start, end


def current_level() -> str:
    """Return the chosen level, desa or kecamatan (shared by Peta and Profil)."""
    view = st.session_state.get(VIEW_KEY) or {}
    return view.get("level", "desa")


def set_level(level: str) -> None:
    """Make level (desa/kecamatan) the level of the map and the profile."""
    if level in LEVELS and VIEW_KEY in st.session_state:
        st.session_state[VIEW_KEY]["level"] = level


def _copy_level(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen in LEVELS:  # clicking the chosen option again deselects it: keep the level
        set_level(chosen)


def level_control(label: str, lang: str, key: str) -> str:
    """Draw the desa/kecamatan switch bound to the view's level; return the level."""
    st.session_state[key] = current_level()
    st.segmented_control(label, list(LEVELS), format_func=lambda v: t(f"level_{v}", lang), key=key,
                         on_change=_copy_level, args=(key,))
    return current_level()


def url_params(filters: Filters | None = None, lang: str | None = None) -> dict[str, str]:
    """Return the URL parameters of the view (only the ones that differ from 'everything')."""
    filters = filters or st.session_state.get(CURRENT_KEY)
    lang = lang or current_lang()
    wanted = {
        PARAM_START: filters.start.isoformat() if filters else "",
        PARAM_END: filters.end.isoformat() if filters else "",
        PARAM_KEC: ",".join(filters.kecamatan) if filters else "",
        PARAM_KAT: ",".join(filters.kategori) if filters else "",
        PARAM_LANG: lang if lang != DEFAULT_LANG else "",
        PARAM_LEVEL: current_level() if current_level() != "desa" else "",
    }
    if st.session_state.get(PAGE_KEY) == MEETING_PAGE:
        wanted[PARAM_STEP] = st.query_params.get(PARAM_STEP, "")
    return {name: value for name, value in wanted.items() if value}


def write_url(filters: Filters, lang: str) -> None:
    """Mirror the view into the URL so the view can be shared or reloaded (only what changed)."""
    wanted = url_params(filters, lang)
    for name in (PARAM_START, PARAM_END, PARAM_KEC, PARAM_KAT, PARAM_LANG, PARAM_LEVEL, PARAM_STEP):
        value = wanted.get(name, "")
        if not value:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def note_page(url_path: str, file: str) -> None:
    """Remember the page shown in this run; entering Mode Rapat remembers the page it was entered from."""
    previous = st.session_state.get(PAGE_KEY)
    if url_path == MEETING_PAGE and previous != MEETING_PAGE:
        st.session_state[MEETING_FROM_KEY] = st.session_state.get("_page_file", "pages/ringkasan.py")
    st.session_state[PAGE_KEY] = url_path
    if url_path != MEETING_PAGE:
        st.session_state["_page_file"] = file


def meeting_origin() -> str:
    """Return the page file Mode Rapat was opened from (Ringkasan when opened directly)."""
    return st.session_state.get(MEETING_FROM_KEY, "pages/ringkasan.py")


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
