"""The Akurasi page's one cached accessor: the monthly backtest, keyed on the store's write counter."""

from __future__ import annotations

import streamlit as st

from analytics.risk.backtest import BacktestResult, run_backtest
from analytics.i18n.catalog import DEFAULT_LANG
from analytics.i18n.catalog import t
from ui import cache


# The spinner is drawn by backtest() so that it speaks the reader's language.
@st.cache_resource(max_entries=2, show_spinner=False)
def _backtest(url: str, v: int, top_k: int) -> BacktestResult | str:
    try:
        return run_backtest(cache.incidents(), cache.reports(), cache.calendar(), cache.settings(), top_k=top_k,
                            border_km=cache._border_km(url, v))
    except ValueError as error:  # too little data: the reason (Indonesian) is shown instead
        return str(error)


def backtest(top_k: int = 10, lang: str = DEFAULT_LANG) -> BacktestResult | str:
    """Return the monthly backtest of the score and its baselines, or why it cannot run (a message)."""
    with st.spinner(t("akurasi_running", lang)):
        return _backtest(*cache.key(), top_k)
