"""Styling: Mode Rapat's projector stylesheet (our own static CSS file, the only HTML we inject)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from analytics.views.maps import OFFLINE_MAP_STYLE

STATIC_DIR = Path(__file__).resolve().parent / "static"


@lru_cache(maxsize=None)
def _read_css(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def apply_desk_style() -> None:
    """Set projector-proof desk type: 16 px body, dark captions, wrapping metric labels (static CSS only)."""
    # Never format data into this string: it is rendered as HTML.
    st.markdown(f"<style>{_read_css('desk.css')}</style>", unsafe_allow_html=True)


def apply_meeting_style() -> None:
    """Hide the sidebar and toolbar and set projector-sized, high-contrast type (static CSS only)."""
    # Never format data into this string: it is rendered as HTML.
    st.markdown(f"<style>{_read_css('rapat.css')}</style>", unsafe_allow_html=True)


def style_legend(legend, title: str | None = None):
    """Return the legend (warna, keterangan) as a Styler: a blank swatch filled with each colour, then the label.

    With title, the columns are renamed (' ', title) for st.table, which always shows a header row.
    """
    # Colours come from analytics.colors (our constants), never from user data.
    colours = list(legend["warna"])
    shown = legend.assign(warna="")
    if title is not None:
        shown = shown.rename(columns={"warna": " ", "keterangan": title})
    swatch = shown.columns[0]
    return shown.style.apply(lambda column: [f"background-color: {c}" for c in colours], subset=[swatch])




def offline_deck(deck):
    """Return deck set so that Streamlit's frontend requests no basemap style from the internet."""
    deck.map_style = OFFLINE_MAP_STYLE
    return deck
