"""The audit log as a hash chain: each entry stores the hash of the entry before it and its own.

row_hash = sha256(prev_hash | id | ts | username | action | target | detail), so changing, inserting
or deleting any entry breaks every later link; `python -m analytics audit verify` finds the first
broken one. Deleting the newest entries leaves a shorter valid chain: compare the head hash with
one written down earlier (`audit verify` prints it; each backup's manifest records it).

This module does not import analytics.tables (tables.record_audit calls append_entry), so the
table is passed in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

GENESIS = "0" * 64
# Any constant: PostgreSQL's advisory lock that serialises appends, so two transactions never
# chain onto the same predecessor.
ADVISORY_LOCK_KEY = 7_301_114_014


@dataclass(frozen=True)
class ChainBreak:
    """The first entry whose link does not hold: its id, time, and what is wrong (Indonesian)."""

    entry_id: int
    ts: datetime | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the whole chain: entries checked, the newest hash, the first break (or None)."""

    entries: int
    head: str
    first_break: ChainBreak | None


def canonical_ts(ts: datetime) -> str:
    """Return a stored time as the ISO text that is hashed (UTC, microseconds; naive means UTC)."""
    aware = ts if ts.tzinfo else ts.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(prev_hash: str, entry_id: int, ts: datetime, username: str, action: str,
               target: str | None, detail: str | None) -> str:
    """Return the sha256 hex of one entry's content chained to prev_hash."""
    content = json.dumps([prev_hash, int(entry_id), canonical_ts(ts), username, action, target, detail],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _lock_chain(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    # SQLite: the INSERT below takes the database's single write lock before the predecessor is read.


def append_entry(conn: sa.Connection, log: sa.Table, values: dict[str, Any]) -> str:
    """Insert one audit entry chained to the newest one, inside the caller's transaction; return its hash."""
    _lock_chain(conn)
    entry_id = conn.execute(sa.insert(log).values(**values).returning(log.c.id)).scalar_one()
    prev = conn.execute(sa.select(log.c.row_hash).where(log.c.id < entry_id)
                        .order_by(log.c.id.desc()).limit(1)).scalar()
    prev = prev or GENESIS
    digest = entry_hash(prev, entry_id, values["ts"], values["username"], values["action"],
                        values.get("target"), values.get("detail"))
    conn.execute(sa.update(log).where(log.c.id == entry_id).values(prev_hash=prev, row_hash=digest))
    return digest


def iter_entries(conn: sa.Connection, log: sa.Table) -> Iterator[sa.Row]:
    """Yield every audit entry in chain order (by id), streamed."""
    query = sa.select(log.c.id, log.c.ts, log.c.username, log.c.action, log.c.target, log.c.detail,
                      log.c.prev_hash, log.c.row_hash).order_by(log.c.id)
    # Options on the statement, not the connection: the caller's later statements must not stream.
    yield from conn.execute(query.execution_options(stream_results=True, yield_per=5_000))


def check_chain(rows: Iterable[sa.Row]) -> ChainReport:
    """Return how many entries were checked, the head hash and the first broken link, walking rows by id."""
    expected_prev, count = GENESIS, 0
    for row in rows:
        count += 1
        if row.prev_hash != expected_prev:
            why = ("entri sebelumnya dihapus, disisipkan atau diubah (tautan ke entri sebelumnya tidak cocok)"
                   if row.prev_hash else "entri tanpa hash (disisipkan di luar aplikasi)")
            return ChainReport(count, expected_prev, ChainBreak(row.id, row.ts, why))
        actual = entry_hash(row.prev_hash, row.id, row.ts, row.username, row.action, row.target, row.detail)
        if actual != row.row_hash:
            return ChainReport(count, expected_prev, ChainBreak(row.id, row.ts, "isi entri diubah setelah dicatat"))
        expected_prev = row.row_hash
    return ChainReport(count, expected_prev, None)


def verify_chain(conn: sa.Connection, log: sa.Table) -> ChainReport:
    """Return the check of the whole audit chain as stored."""
    return check_chain(iter_entries(conn, log))


def rechain(conn: sa.Connection, log: sa.Table) -> int:
    """Compute prev_hash/row_hash for every entry in id order (migration of a log kept before chaining)."""
    prev, count = GENESIS, 0
    rows = conn.execute(sa.select(log.c.id, log.c.ts, log.c.username, log.c.action, log.c.target, log.c.detail)
                        .order_by(log.c.id)).fetchall()
    for row in rows:
        digest = entry_hash(prev, row.id, row.ts, row.username, row.action, row.target, row.detail)
        conn.execute(sa.update(log).where(log.c.id == row.id).values(prev_hash=prev, row_hash=digest))
        prev, count = digest, count + 1
    return count
