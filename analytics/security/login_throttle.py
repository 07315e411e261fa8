"""Failed-login throttling per account and per client, counted atomically on SQLite and PostgreSQL.

Before a password is checked, every key of the attempt (the account name typed, the client's
address) reserves a slot with one `UPDATE … SET failures = failures + 1 … RETURNING failures` that
matches only when the key is not held. The attempt that reaches `login_max_failures` also sets a
provisional hold in that same statement, so parallel attempts are refused without a check while it
runs. Once its password is known wrong the hold becomes an exponential delay (base × 2^(n − max));
a right password gives back only its own slot, so at most `login_max_failures` wrong passwords are
checked per key within an hour however the attempts interleave (counts are forgotten after an hour
without failures, or by `python -m analytics user unlock NAME`).

The delay on an account is capped low (`login_account_delay_max_seconds`), so nobody can keep the
administrator out for long by guessing at their name from many machines; the delay on one client
grows up to `login_lockout_minutes`. Unknown names get keys too: a refusal never says whether the
account exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from analytics.settings import Settings
from analytics.store import tables

KEY_MAX = 200
# A key with no failure for this long starts a fresh count: offices behind one proxy share one
# address, and this morning's typos must not delay this afternoon's logins.
FORGET_AFTER_SECONDS = 3600


@dataclass(frozen=True)
class ThrottleKey:
    """One throttled thing: its stored key, and the longest delay it may be given (seconds)."""

    key: str
    max_delay: float


@dataclass(frozen=True)
class Reservation:
    """A slot granted to one attempt: the key and the failure count that includes this attempt."""

    key: ThrottleKey
    count: int


class Throttled(Exception):
    """The attempt was refused without checking the password; retry_after says how long to wait."""

    def __init__(self, retry_after: float):
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = retry_after


def account_key(username: str) -> str:
    """Return the throttle key of a typed account name (truncated: a name is at most 100 characters)."""
    return f"akun:{username[:100]}"


def client_key(client: str) -> str:
    """Return the throttle key of a client address or session id."""
    return f"klien:{client}"[:KEY_MAX]


def throttle_keys(username: str, client: str | None, settings: Settings) -> list[ThrottleKey]:
    """Return the keys one login attempt counts against, with their delay caps from settings."""
    keys = [ThrottleKey(account_key(username), settings.login_account_delay_max_seconds)]
    if client:
        keys.append(ThrottleKey(client_key(client), settings.login_lockout_minutes * 60))
    return keys


def delay_for(count: int, settings: Settings, cap: float) -> float:
    """Return the wait (seconds) after the count-th failure: none below the maximum, then doubling to cap."""
    max_failures = settings.login_max_failures
    if count < max_failures:
        return 0.0
    exponent = min(count - max_failures, 30)  # 2**30 s already exceeds any cap
    return min(cap, settings.login_delay_seconds * 2 ** exponent)


def _ensure_row(conn: sa.Connection, key: str) -> None:
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(insert(tables.login_throttle).values(key=key, failures=0).on_conflict_do_nothing())


def _blocked_until(conn: sa.Connection, key: str) -> float:
    t = tables.login_throttle
    return float(conn.execute(sa.select(t.c.blocked_until).where(t.c.key == key)).scalar() or 0.0)


def reserve(engine: sa.Engine, keys: list[ThrottleKey], settings: Settings, now: float) -> list[Reservation]:
    """Take one slot on every key in one committed transaction; raise Throttled (nothing taken) if any is held."""
    t = tables.login_throttle
    max_failures = settings.login_max_failures
    reservations: list[Reservation] = []
    with engine.begin() as conn:
        for item in keys:
            _ensure_row(conn, item.key)
            forget = max(FORGET_AFTER_SECONDS, 2 * item.max_delay)
            fresh = sa.or_(t.c.last_failure_at.is_(None), t.c.last_failure_at < now - forget)
            count = sa.case((fresh, 1), else_=t.c.failures + 1)
            # The attempt that reaches the maximum holds the key until its own outcome is known.
            hold = sa.case((count >= max_failures, now + item.max_delay), else_=None)
            statement = (sa.update(t)
                         .where(t.c.key == item.key, sa.or_(t.c.blocked_until.is_(None), t.c.blocked_until <= now))
                         .values(failures=count, last_failure_at=now, blocked_until=hold)
                         .returning(t.c.failures))
            granted = conn.execute(statement).scalar()
            if granted is None:
                retry = max(1.0, _blocked_until(conn, item.key) - now)
                conn.rollback()  # a refused attempt takes no slot on the other keys either
                raise Throttled(retry)
            reservations.append(Reservation(item, int(granted)))
    return reservations


def settle(engine: sa.Engine, reservations: list[Reservation], success: bool, settings: Settings,
           now: float) -> float:
    """Record the outcome of a checked attempt; return the delay now in force (0 after a success)."""
    t = tables.login_throttle
    max_failures = settings.login_max_failures
    longest = 0.0
    with engine.begin() as conn:
        for item in reservations:
            where = t.c.key == item.key.key
            # A hold set by another attempt still in flight is left for that attempt to settle.
            release = {"blocked_until": None} if item.count >= max_failures else {}
            if success:
                # Only this attempt's own slot is given back, never the failures before it: so no more than
                # login_max_failures wrong passwords are ever checked per key, however the attempts interleave.
                conn.execute(sa.update(t).where(where).values(
                    failures=sa.case((t.c.failures > 0, t.c.failures - 1), else_=0), **release))
            else:
                delay = delay_for(item.count, settings, item.key.max_delay)
                longest = max(longest, delay)
                if delay:
                    conn.execute(sa.update(t).where(where).values(blocked_until=now + delay))
    return longest


def clear(engine_or_conn: sa.Connection, key: str) -> None:
    """Forget every failure of key (an administrator's unlock)."""
    t = tables.login_throttle
    engine_or_conn.execute(sa.delete(t).where(t.c.key == key))


def held_until(conn: sa.Connection, username: str) -> float | None:
    """Return until when (epoch seconds) the account name is held, or None."""
    t = tables.login_throttle
    value = conn.execute(sa.select(t.c.blocked_until).where(t.c.key == account_key(username))).scalar()
    return float(value) if value else None


def prune(engine: sa.Engine, now: float) -> None:
    """Delete keys with no recent failure and no delay in force (sprayed names, clients long gone)."""
    t = tables.login_throttle
    with engine.begin() as conn:
        conn.execute(sa.delete(t).where(t.c.last_failure_at < now - FORGET_AFTER_SECONDS,
                                        sa.or_(t.c.blocked_until.is_(None), t.c.blocked_until < now)))
