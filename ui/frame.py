"""Makes sure the frame (app.py) runs before any page, even when Streamlit runs a page file directly.

Until some session has called st.navigation, Streamlit auto-discovers pages/ and runs a page file
requested by URL (/ringkasan) WITHOUT app.py: no login check, no filters. That happens on every
fresh server (and on every AppTest run). Each page therefore starts with ensure_frame(): if the
frame did not run in this run, it runs app.py now — which checks the login, registers only the
pages the user may see, and runs the requested page itself — and stops the direct run.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

APP_PATH = Path(__file__).resolve().parent.parent / "app.py"
STATIC_DIR = Path(__file__).resolve().parent / "static"
MARK = "_frame_ran"


def mark_frame_ran() -> None:
    """Note, just before the frame runs the page, that the frame ran in this run."""
    st.session_state[MARK] = True


def ensure_frame() -> None:
    """Return at once when the frame runs this page; otherwise run the frame instead and stop."""
    if st.session_state.pop(MARK, False):
        return
    runpy.run_path(str(APP_PATH), run_name="__main__")
    st.stop()
