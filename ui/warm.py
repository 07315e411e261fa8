"""Warm the caches when the server starts, so nobody waits for the first load of the store.

Runs once, in a background thread, the same cached accessors the first pages call with the default
view: Ringkasan (headline, priority, band changes) and the five Mode Rapat screens.
"""

from __future__ import annotations

import logging
import threading
import time

from analytics.views import meeting_figures

LOG = logging.getLogger(__name__)


def warm_default_view() -> None:
    """Fill the caches for the default period, all kecamatan and kategori (errors are logged, never raised)."""
    started = time.perf_counter()
    try:
        # Imported here: Streamlit's runtime must exist before the caches are touched. The page helpers are
        # imported too: their libraries (fpdf, matplotlib, python-pptx, geopandas) take seconds to load.
        from ui import briefing, cache, penanganan, rapat  # noqa: F401

        start, end = cache.default_period()
        every: tuple[str, ...] = ()
        cache.headline(start, end, every, every)
        cache.priority(end, every, every, n=10)
        cache.priority(end, every, every, n=5)
        cache.band_changes(start, end, every, every)
        cache.risk_map(end, every, "desa", "tingkat", "id", height=500, label_size=24, callouts=every, width=900)
        cache.risk_map(end, every, "desa", "tingkat", "id", height=620)
        cache.callouts(end, every, every)
        first, last = meeting_figures.trend_window(start, end)
        cache.trend_counts(first.date(), last.date(), every, every, "M", "kategori")
        cache.trend_counts(start, end, every, every, "M", "kategori")
        cache.trend_counts(start, end, every, every, "W", "kategori")
        cache.active_roles()
        penanganan.report_compliance(start, end)
        penanganan.cases()
        LOG.warning("caches warmed in %.1f s", time.perf_counter() - started)  # WARNING: shown by default
    except Exception:  # a broken store shows on the pages themselves; warming must not stop the server
        LOG.exception("warming the caches failed")


def start_warming() -> threading.Thread:
    """Start warm_default_view in a daemon thread; return the thread."""
    thread = threading.Thread(target=warm_default_view, name="waspada-warm", daemon=True)
    thread.start()
    return thread
