"""Serve Waspada Malinau: `python -m streamlit run serve.py` (Streamlit finds the st.App below).

app.py stays the Streamlit script; this adds what a script cannot do: the session-cookie routes
(ui/session_routes.py) and warming the caches in the background when the server starts (ui/warm.py),
so the first page after login and the first Mode Rapat open do not wait for the store to load.
"""

from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from ui.session_routes import ROUTES


@asynccontextmanager
async def _lifespan(app):
    from ui.warm import start_warming  # after Streamlit's runtime is up: the caches live there

    start_warming()
    yield {}


app = st.App(Path(__file__).resolve().parent / "app.py", routes=ROUTES, lifespan=_lifespan)
