"""'Today' is the date in Malinau (WITA) whatever the server's timezone, also around midnight."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

import pytest
import time_machine

from analytics import clock
from analytics.settings import default_settings

SERVER_ZONES = ["UTC", "Asia/Makassar", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Jakarta"]


@pytest.fixture(params=SERVER_ZONES)
def server_tz(request, monkeypatch):
    """Run the test with the process timezone (TZ) set to one of several server zones."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize("utc, wita_day", [
    (datetime(2026, 5, 1, 15, 59, 59, tzinfo=timezone.utc), date(2026, 5, 1)),  # 23:59:59 WITA
    (datetime(2026, 5, 1, 16, 0, 0, tzinfo=timezone.utc), date(2026, 5, 2)),  # 00:00 WITA
    (datetime(2026, 5, 1, 20, 0, 0, tzinfo=timezone.utc), date(2026, 5, 2)),  # evening in UTC, morning in WITA
    (datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc), date(2027, 1, 1)),
])
def test_today_is_the_wita_date_on_any_server(server_tz, utc, wita_day):
    """clock.today() gives the WITA date on each side of midnight, whatever the server's TZ is."""
    with time_machine.travel(utc, tick=False):
        assert clock.today() == wita_day
        assert clock.now().utcoffset().total_seconds() == 8 * 3600


def test_timezone_setting_changes_today():
    """With timezone Asia/Jakarta (WIB, UTC+7) 16:30 UTC is still the same day; in WITA it is the next."""
    with time_machine.travel(datetime(2026, 5, 1, 16, 30, tzinfo=timezone.utc), tick=False):
        assert clock.settings_today(default_settings(timezone="Asia/Jakarta")) == date(2026, 5, 1)
        assert clock.settings_today(default_settings(timezone="Asia/Makassar")) == date(2026, 5, 2)
        assert clock.settings_today(default_settings()) == date(2026, 5, 2)


def test_unknown_timezone_falls_back_to_wita():
    """A mistyped timezone setting still gives the WITA date rather than an error."""
    with time_machine.travel(datetime(2026, 5, 1, 16, 30, tzinfo=timezone.utc), tick=False):
        assert clock.today("Asia/Malinau") == date(2026, 5, 2)


def test_no_module_asks_the_server_for_today():
    """No code in analytics/, ui/ or pages/ calls date.today() or a naive datetime.now()."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    offenders = []
    for folder in ("analytics", "ui", "pages"):
        for path in (root / folder).rglob("*.py"):
            if path.name == "clock.py":
                continue
            text = path.read_text(encoding="utf-8")
            for needle in ("date.today()", "datetime.now()", "datetime.today()", "Timestamp.now()",
                           "Timestamp.today()"):
                if needle in text:
                    offenders.append(f"{path.relative_to(root)}: {needle}")
    assert (root / "app.py").read_text(encoding="utf-8").count("date.today()") == 0
    assert offenders == []
