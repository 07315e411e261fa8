"""The Akurasi page's one cached accessor: the forecast backtest on the risk bundle, keyed on the store's version."""

from __future__ import annotations

import streamlit as st

from analytics.i18n.catalog import DEFAULT_LANG, t
from analytics.risk.backtest import ForecastBacktest, run_forecast_backtest
from ui import cache


# The spinner is drawn by backtest() so that it speaks the reader's language. A settings change bumps the
# store's version, so the page re-evaluates with the new settings (and still only on data before each month).
@st.cache_resource(max_entries=2, show_spinner=False)
def _backtest(url: str, v: int, top_k: int) -> ForecastBacktest | str:
    try:
        return run_forecast_backtest(cache._inputs(url, v), top_k=top_k)
    except ValueError as error:  # too little data: the reason (Indonesian) is shown instead
        return str(error)


def backtest(top_k: int = 10, lang: str = DEFAULT_LANG) -> ForecastBacktest | str:
    """Return the monthly backtest of the forecast and its baselines, or why it cannot run (a message)."""
    with st.spinner(t("akurasi_running", lang)):
        return _backtest(*cache.key(), top_k)
