"""Accounts and logins: argon2id password hashes, roles, throttled failures (login_throttle), audited.

No Streamlit here: the login form and the idle-session expiry live in ui/auth.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.security import login_throttle
from analytics.security.passwords import check_password_strength
from analytics.text_limits import MAX_USERNAME_CHARS, clip_text
from analytics.settings import Settings
from analytics.store import tables

ROLES: tuple[str, ...] = ("pimpinan", "analis", "admin")

# What each role may do; pages ask `can(role, permission)` on every run (server side).
# 'rincian_analisis': a score's reasons in the analyst's terms (components, weights) outside Profil;
# without it (pimpinan) Ringkasan and the map card give the room's plain reason instead.
PERMISSIONS: dict[str, frozenset[str]] = {
    "pimpinan": frozenset({"baca", "rapat"}),
    "analis": frozenset({"baca", "rapat", "rincian_pribadi", "rincian_analisis", "unggah", "ubah"}),
    "admin": frozenset({"baca", "rapat", "rincian_pribadi", "rincian_analisis", "unggah", "ubah", "pengaturan"}),
}

MIN_PASSWORD_LENGTH = 10

# argon2-cffi's defaults are argon2id with RFC 9106 "low memory" parameters.
_HASHER = PasswordHasher()
# Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("waspada-malinau-dummy-password")


class AuthError(Exception):
    """A login or account change refused, with a message for the person at the screen."""


@dataclass(frozen=True)
class User:
    """A logged-in person: username and role."""

    username: str
    role: str

    def can(self, permission: str) -> bool:
        """True when this user's role grants permission."""
        return can(self.role, permission)


def can(role: str, permission: str) -> bool:
    """True when role grants permission (unknown roles grant nothing)."""
    return permission in PERMISSIONS.get(role, frozenset())


def validate_new_account(username: str, password: str, role: str) -> None:
    """Raise AuthError naming what is wrong with a new account's username, password or role."""
    if not username or not username.strip() or len(username) > 100 or any(c.isspace() for c in username):
        raise AuthError(f"Nama pengguna '{username}' tidak sah: isi 1–100 karakter tanpa spasi.")
    if role not in ROLES:
        raise AuthError(f"Peran '{role}' tidak dikenal; pilihan: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"Kata sandi terlalu pendek: minimal {MIN_PASSWORD_LENGTH} karakter.")
    weakness = check_password_strength(password, username)
    if weakness:
        raise AuthError(weakness)


def create_user(engine: sa.Engine, username: str, password: str, role: str, created_by: str = "cli") -> User:
    """Store a new account with an argon2id hash, audited; return it (AuthError if invalid or taken)."""
    validate_new_account(username, password, role)
    u = tables.users
    with engine.begin() as conn:
        exists = conn.execute(sa.select(u.c.id).where(u.c.username == username)).first()
        if exists:
            raise AuthError(f"Nama pengguna '{username}' sudah dipakai.")
        conn.execute(
            sa.insert(u).values(
                username=username,
                password_hash=_HASHER.hash(password),
                role=role,
                active=True,
                failed_logins=0,
                locked_until=None,
                created_at=datetime.now(timezone.utc),
            )
        )
        tables.record_audit(conn, created_by, "buat_pengguna", username, {"role": role})
    return User(username, role)


def count_users(engine: sa.Engine) -> int:
    """Return how many accounts exist (0 on a fresh store: the first administrator is made by CLI)."""
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(tables.users)).scalar_one())


def list_users(engine: sa.Engine) -> list[dict[str, Any]]:
    """Return every account as dicts (username, role, active, locked_until, created_at), by name."""
    u = tables.users
    query = sa.select(u.c.username, u.c.role, u.c.active, u.c.created_at).order_by(u.c.username)
    now = datetime.now(timezone.utc).timestamp()
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
        for row in rows:  # "locked" now means: logins to this name must wait (login_throttle)
            held = login_throttle.held_until(conn, row["username"])
            row["locked_until"] = datetime.fromtimestamp(held, timezone.utc) if held and held > now else None
    return rows


def authenticate(
    engine: sa.Engine, username: str, password: str, settings: Settings, now: datetime | None = None,
    client: str | None = None,
) -> User:
    """Return the User for a correct username and password; raise AuthError otherwise, audited either way.

    client is the address (or session id) the attempt came from; attempts are throttled per typed
    account name and per client (analytics/login_throttle.py), atomically, before any password is checked.
    """
    # Anyone can type here: a multi-megabyte name must not be stored (twice) in the audit log.
    username = clip_text(username, MAX_USERNAME_CHARS)
    now = now or datetime.now(timezone.utc)
    stamp = now.timestamp()
    keys = login_throttle.throttle_keys(username, client, settings)
    try:
        slots = login_throttle.reserve(engine, keys, settings, stamp)
    except login_throttle.Throttled as held:
        with engine.begin() as conn:
            _audit(conn, username, "masuk_ditahan", {"klien": client, "tunggu_detik": round(held.retry_after)})
        raise AuthError(f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {_wait_text(held.retry_after)}.")
    with engine.connect() as conn:
        row = conn.execute(sa.select(tables.users).where(tables.users.c.username == username)).first()
    known = row is not None and row.active
    # Unknown and inactive names cost one hash check too, so neither the answer nor its timing tells them apart.
    correct = _verify(row.password_hash if known else _DUMMY_HASH, password) and known
    delay = login_throttle.settle(engine, slots, correct, settings, stamp)
    if not correct:
        login_throttle.prune(engine, stamp)
    with engine.begin() as conn:
        if not correct:
            reason = "sandi salah" if known else "akun tidak ada atau nonaktif"
            _audit(conn, username, "masuk_gagal", {"alasan": reason, "klien": client,
                                                   "gagal_berturut": slots[0].count})
        else:
            if _HASHER.check_needs_rehash(row.password_hash):
                conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id)
                             .values(password_hash=_HASHER.hash(password)))
            _audit(conn, username, "masuk", {"role": row.role, "klien": client})
    if not correct:
        wait = f" Percobaan berikutnya dapat dilakukan dalam {_wait_text(delay)}." if delay else ""
        raise AuthError("Nama pengguna atau kata sandi salah." + wait)
    return User(row.username, row.role)


def _wait_text(seconds: float) -> str:
    seconds = max(1, int(round(seconds)))
    return f"{seconds} detik" if seconds < 120 else f"{(seconds + 59) // 60} menit"


def _audit(conn: sa.Connection, username: str, action: str, detail: dict[str, Any]) -> None:
    # Logins change no data: bump_version=False keeps the dashboard's caches warm. A visitor may
    # type anything as a name: the log keeps at most 100 characters of it.
    name = username[:100] or "-"
    tables.record_audit(conn, name, action, name, detail, bump_version=False)


def record_logout(engine: sa.Engine, username: str, reason: str) -> None:
    """Audit a logout (reason: 'keluar' or 'sesi_habis')."""
    with engine.begin() as conn:
        _audit(conn, username, "keluar", {"alasan": reason})


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# --- Account administration (the Pengguna page); every change is audited under the admin's name. ---


def _account(conn: sa.Connection, username: str):
    row = conn.execute(sa.select(tables.users).where(tables.users.c.username == username)).first()
    if row is None:
        raise AuthError(f"Pengguna '{username}' tidak ada.")
    return row


def _count_active_admins(conn: sa.Connection) -> int:
    u = tables.users
    query = sa.select(sa.func.count()).select_from(u).where(u.c.role == "admin", u.c.active.is_(True))
    return int(conn.execute(query).scalar_one())


def set_user_active(engine: sa.Engine, username: str, active: bool, by: str) -> None:
    """Deactivate or reactivate an account, audited (AuthError for oneself or the last active admin)."""
    with engine.begin() as conn:
        row = _account(conn, username)
        if not active and username == by:
            raise AuthError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
        if not active and row.role == "admin" and row.active and _count_active_admins(conn) <= 1:
            raise AuthError(f"'{username}' adalah satu-satunya admin aktif dan tidak dapat dinonaktifkan.")
        conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id).values(active=active))
        action = "aktifkan_pengguna" if active else "nonaktifkan_pengguna"
        tables.record_audit(conn, by, action, username, {"role": row.role})


def unlock_user(engine: sa.Engine, username: str, by: str) -> None:
    """Clear an account's lockout and failure count, audited (AuthError if the account does not exist)."""
    with engine.begin() as conn:
        row = _account(conn, username)
        held = login_throttle.held_until(conn, username)
        conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id).values(failed_logins=0, locked_until=None))
        login_throttle.clear(conn, login_throttle.account_key(username))
        tables.record_audit(conn, by, "buka_kunci_pengguna", username, {"ditahan_sampai": held})


def reset_password(engine: sa.Engine, username: str, new_password: str, by: str) -> None:
    """Give an account a new password (validated, argon2id) and clear its lockout, audited."""
    with engine.begin() as conn:
        row = _account(conn, username)
        validate_new_account(username, new_password, row.role)
        values = {"password_hash": _HASHER.hash(new_password), "failed_logins": 0, "locked_until": None}
        conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id).values(**values))
        login_throttle.clear(conn, login_throttle.account_key(username))
        # Never the password itself: only that it changed.
        tables.record_audit(conn, by, "atur_ulang_sandi", username, {"role": row.role})
