"""Accounts and logins: argon2id password hashes, roles, lockout after repeated failures, audited.

No Streamlit here: the login form and the idle-session expiry live in ui/auth.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.store import tables
from analytics.settings import Settings

ROLES: tuple[str, ...] = ("pimpinan", "analis", "admin")

# What each role may do; pages ask `can(role, permission)` on every run (server side).
PERMISSIONS: dict[str, frozenset[str]] = {
    "pimpinan": frozenset({"baca", "rapat"}),
    "analis": frozenset({"baca", "rapat", "rincian_pribadi", "unggah", "ubah"}),
    "admin": frozenset({"baca", "rapat", "rincian_pribadi", "unggah", "ubah", "pengaturan"}),
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


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone=True columns; we always store UTC.
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def validate_new_account(username: str, password: str, role: str) -> None:
    """Raise AuthError naming what is wrong with a new account's username, password or role."""
    if not username or not username.strip() or len(username) > 100 or any(c.isspace() for c in username):
        raise AuthError(f"Nama pengguna '{username}' tidak sah: isi 1–100 karakter tanpa spasi.")
    if role not in ROLES:
        raise AuthError(f"Peran '{role}' tidak dikenal; pilihan: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"Kata sandi terlalu pendek: minimal {MIN_PASSWORD_LENGTH} karakter.")


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
    query = sa.select(u.c.username, u.c.role, u.c.active, u.c.locked_until, u.c.created_at).order_by(u.c.username)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def authenticate(
    engine: sa.Engine, username: str, password: str, settings: Settings, now: datetime | None = None
) -> User:
    """Return the User for a correct username and password; raise AuthError otherwise, audited either way."""
    now = now or datetime.now(timezone.utc)
    max_failures = settings.login_max_failures
    lockout = timedelta(minutes=settings.login_lockout_minutes)
    # The audit entry and failure counter must commit even when the login is refused, so the
    # transaction decides an outcome and the error is raised only after it has committed.
    with engine.begin() as conn:
        user, refusal = _check_login(conn, username, password, now, max_failures, lockout)
    if refusal:
        raise AuthError(refusal)
    return user


def _check_login(conn, username, password, now, max_failures, lockout) -> tuple[User | None, str | None]:
    u = tables.users
    row = conn.execute(sa.select(u).where(u.c.username == username)).first()
    if row is None or not row.active:
        _verify(_DUMMY_HASH, password)
        _audit(conn, username or "-", "masuk_gagal", {"alasan": "akun tidak ada"})
        return None, "Nama pengguna atau kata sandi salah."
    locked_until = _utc(row.locked_until)
    if locked_until and locked_until > now:
        _audit(conn, username, "masuk_ditolak", {"alasan": "akun terkunci"})
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        return None, f"Akun terkunci karena terlalu sering gagal masuk. Coba lagi dalam {minutes} menit."
    if not _verify(row.password_hash, password):
        failures = (0 if locked_until else row.failed_logins) + 1
        _audit(conn, username, "masuk_gagal", {"gagal_berturut": failures})
        if failures >= max_failures:
            conn.execute(sa.update(u).where(u.c.id == row.id).values(failed_logins=0, locked_until=now + lockout))
            minutes = int(lockout.total_seconds() // 60)
            return None, f"Akun terkunci selama {minutes} menit setelah {max_failures} kali gagal masuk."
        conn.execute(sa.update(u).where(u.c.id == row.id).values(failed_logins=failures, locked_until=None))
        return None, "Nama pengguna atau kata sandi salah."
    values: dict[str, Any] = {"failed_logins": 0, "locked_until": None}
    if _HASHER.check_needs_rehash(row.password_hash):
        values["password_hash"] = _HASHER.hash(password)
    conn.execute(sa.update(u).where(u.c.id == row.id).values(**values))
    _audit(conn, username, "masuk", {"role": row.role})
    return User(row.username, row.role), None


def _audit(conn: sa.Connection, username: str, action: str, detail: dict[str, Any]) -> None:
    # Logins change no data: bump_version=False keeps the dashboard's caches warm.
    tables.record_audit(conn, username, action, username, detail, bump_version=False)


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
        conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id).values(failed_logins=0, locked_until=None))
        tables.record_audit(conn, by, "buka_kunci_pengguna", username, {"terkunci_sampai": row.locked_until})


def reset_password(engine: sa.Engine, username: str, new_password: str, by: str) -> None:
    """Give an account a new password (validated, argon2id) and clear its lockout, audited."""
    with engine.begin() as conn:
        row = _account(conn, username)
        validate_new_account(username, new_password, row.role)
        values = {"password_hash": _HASHER.hash(new_password), "failed_logins": 0, "locked_until": None}
        conn.execute(sa.update(tables.users).where(tables.users.c.id == row.id).values(**values))
        # Never the password itself: only that it changed.
        tables.record_audit(conn, by, "atur_ulang_sandi", username, {"role": row.role})
