"""Bounds on what pages accept: Log Audit dates in WITA on a UTC server, URL periods clamped, login field lengths."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

import time_machine
from pagetest import APP, seed_store, store_url, texts  # noqa: F401 (store_url is a fixture)
from streamlit.testing.v1 import AppTest

from analytics import clock
from analytics.auth import User
from analytics.store.db import open_store
from analytics.store.queries import read_incidents
from analytics.views.period import clamp_period, data_span


def app_with(query: dict, role: str = "analis") -> AppTest:
    """Return an AppTest of app.py logged in as role, run once with the URL parameters in query."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User(f"uji_{role}", role)
    at.query_params.update(query)
    return at.run()


def test_audit_log_shows_entries_made_after_midnight_wita_on_a_utc_server(tmp_path, monkeypatch):
    """At 20:00 UTC (04:00 WITA the next day) on a UTC server, Log Audit's default period shows the new entries."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    url = f"sqlite:///{(tmp_path / 'jam.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        with time_machine.travel(datetime(2030, 1, 1, 20, 0, tzinfo=timezone.utc), tick=True):
            seed_store(url, incidents=False).dispose()  # 3 accounts created: 3 entries dated 02/01/2030 WITA
            at = AppTest.from_file(str(APP), default_timeout=60)
            at.session_state["user"] = User("uji_admin", "admin")
            at.run()
            at.switch_page("pages/audit.py").run()
            assert not at.exception
            assert "**3** catatan." in texts(at)
            assert at.date_input(key="audit_tanggal").value[1] == date(2030, 1, 2)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_year_one_in_the_url_does_not_overflow(store_url):
    """?dari=0001-01-01 opens Ringkasan without an error; the period starts at the data's first possible day."""
    at = app_with({"dari": "0001-01-01"})
    assert not at.exception
    span = data_span(read_incidents(open_store(store_url)), clock.today())
    assert at.date_input(key="f_start").value == span[0]


def test_five_centuries_in_the_url_are_clamped_to_the_data(store_url):
    """?dari=1700-01-02&sampai=2199-12-30 becomes the data's span, so the page works on years, not centuries."""
    at = app_with({"dari": "1700-01-02", "sampai": "2199-12-30"})
    assert not at.exception
    start, end = at.date_input(key="f_start").value, at.date_input(key="f_end").value
    assert start >= date(2000, 1, 1) and (end - start).days < 3 * 366
    assert at.query_params["dari"] in (start.isoformat(), [start.isoformat()])  # the URL shows the clamped day


def test_clamp_period_swaps_and_clamps():
    """A reversed period is put in order and each end moved inside the span."""
    span = (date(2025, 1, 1), date(2026, 5, 30))
    assert clamp_period(date(2199, 12, 30), date(1, 1, 1), span) == span
    assert clamp_period(date(2026, 3, 1), date(2026, 2, 1), span) == (date(2026, 2, 1), date(2026, 3, 1))


def test_login_form_fields_have_length_limits(store_url):
    """The login form's name and password fields stop at 100 and 256 characters in the browser."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert [box.max_chars for box in at.text_input] == [100, 256]
