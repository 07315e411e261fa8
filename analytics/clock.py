"""The one clock for "today": the date in Malinau (WITA, UTC+8), whatever the server's own timezone is.

Servers often run on UTC, so date.today() there is still "yesterday" from 00:00 to 08:00 WITA and
hides the morning's entries. Every "today" in the product comes from here; the timezone is the
`timezone` setting (IANA name, Asia/Makassar = WITA by default).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Makassar"
WITA = timezone(timedelta(hours=8), "WITA")  # Malinau keeps no summer time; used when tz data is missing


def zone(name: str | None = None) -> tzinfo:
    """Return the timezone called name (default WITA); a fixed UTC+8 when the name or tz data is unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return WITA


def now(name: str | None = None) -> datetime:
    """Return the current time in the timezone called name (aware datetime; default WITA)."""
    return datetime.now(timezone.utc).astimezone(zone(name))


def today(name: str | None = None) -> date:
    """Return today's date in the timezone called name (default WITA), not the server's."""
    return now(name).date()


def settings_today(settings) -> date:
    """Return today's date in the timezone of the settings (its `timezone`, else WITA)."""
    name = getattr(settings, "timezone", None)
    return today(name)
