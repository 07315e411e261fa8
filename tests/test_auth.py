"""Accounts, logins, lockout and the `user` command."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from analytics.store import tables
from analytics.auth import AuthError, User, authenticate, can, count_users, create_user, list_users
from analytics.cli import main
from analytics.settings import read_settings

PASSWORD = "benar-sekali-123"
T0 = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)


def audit_actions(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(tables.audit_log.c.action, tables.audit_log.c.target).order_by(tables.audit_log.c.id))
        return [tuple(r) for r in rows]


def test_correct_password_logs_in_and_is_audited(engine):
    """The right password returns the user with their role, and the login appears in the audit log."""
    create_user(engine, "sari", PASSWORD, "analis")
    user = authenticate(engine, "sari", PASSWORD, read_settings(engine), now=T0)
    assert user == User("sari", "analis")
    assert ("masuk", "sari") in audit_actions(engine)


def test_password_is_stored_as_argon2id_never_plain(engine):
    """The users table holds an argon2id hash, not the password."""
    create_user(engine, "sari", PASSWORD, "admin")
    with engine.connect() as conn:
        stored = conn.execute(sa.select(tables.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize("username, password", [("sari", "salah-sekali-1"), ("tidakada", PASSWORD), ("", "")])
def test_wrong_credentials_give_one_message(engine, username, password):
    """A wrong password or unknown name both say 'Nama pengguna atau kata sandi salah.' and are audited."""
    create_user(engine, "sari", PASSWORD, "analis")
    with pytest.raises(AuthError, match="Nama pengguna atau kata sandi salah"):
        authenticate(engine, username, password, read_settings(engine), now=T0)
    assert audit_actions(engine)[-1][0] == "masuk_gagal"


def test_lockout_after_max_failures_then_release(engine):
    """After 3 failures (setting) the account is locked for 15 minutes, even for the right password."""
    create_user(engine, "sari", PASSWORD, "analis")
    settings = read_settings(engine).model_copy(update={"login_max_failures": 3, "login_lockout_minutes": 15})
    for attempt in range(2):
        with pytest.raises(AuthError, match="salah"):
            authenticate(engine, "sari", "keliru-keliru", settings, now=T0)
    with pytest.raises(AuthError, match="terkunci selama 15 menit"):
        authenticate(engine, "sari", "keliru-keliru", settings, now=T0)
    with pytest.raises(AuthError, match="Coba lagi dalam 11 menit"):
        authenticate(engine, "sari", PASSWORD, settings, now=T0 + timedelta(minutes=5))
    assert authenticate(engine, "sari", PASSWORD, settings, now=T0 + timedelta(minutes=16)).role == "analis"
    assert ("masuk_ditolak", "sari") in audit_actions(engine)


def test_logins_do_not_invalidate_dashboard_caches(engine):
    """Logging in changes no data, so the data version (the cache key) stays the same."""
    create_user(engine, "sari", PASSWORD, "analis")
    before = tables.read_data_version(engine)
    authenticate(engine, "sari", PASSWORD, read_settings(engine))
    with pytest.raises(AuthError):
        authenticate(engine, "sari", "keliru-keliru", read_settings(engine))
    assert tables.read_data_version(engine) == before


@pytest.mark.parametrize(
    "username, password, role, message",
    [
        ("sari", "pendek", "analis", "minimal 10 karakter"),
        ("sari ani", PASSWORD, "analis", "tanpa spasi"),
        ("", PASSWORD, "analis", "tidak sah"),
        ("sari", PASSWORD, "bupati", "Peran 'bupati' tidak dikenal"),
    ],
)
def test_invalid_new_accounts_are_refused(sqlite_engine, username, password, role, message):
    """Short passwords, names with spaces and unknown roles are refused with a reason."""
    with pytest.raises(AuthError, match=message):
        create_user(sqlite_engine, username, password, role)
    assert count_users(sqlite_engine) == 0


def test_duplicate_username_refused(sqlite_engine):
    """A second account with a taken name is refused."""
    create_user(sqlite_engine, "sari", PASSWORD, "analis")
    with pytest.raises(AuthError, match="sudah dipakai"):
        create_user(sqlite_engine, "sari", PASSWORD, "admin")


@pytest.mark.parametrize(
    "role, permission, allowed",
    [
        ("pimpinan", "baca", True),
        ("pimpinan", "rapat", True),
        ("pimpinan", "rincian_pribadi", False),
        ("pimpinan", "unggah", False),
        ("analis", "rincian_pribadi", True),
        ("analis", "unggah", True),
        ("analis", "pengaturan", False),
        ("admin", "pengaturan", True),
        ("tamu", "baca", False),
    ],
)
def test_role_permissions(role, permission, allowed):
    """Pimpinan read and present; analis also upload and see personal details; admin also change settings."""
    assert can(role, permission) is allowed


def test_cli_add_and_list_users(tmp_path, monkeypatch, capsys):
    """`user add --password-stdin` creates the account; `user list` shows it with its role."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\nignored second line\n"))
    assert main(["user", "add", "kepala", "--role", "admin", "--password-stdin", "--db", url]) == 0
    assert "Akun 'kepala' (admin) dibuat." in capsys.readouterr().out
    assert main(["user", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "kepala" in out and "admin" in out
    from analytics.store.db import open_store

    engine = open_store(url)
    assert authenticate(engine, "kepala", PASSWORD, read_settings(engine)).role == "admin"
    assert [r["username"] for r in list_users(engine)] == ["kepala"]


def test_cli_refuses_short_password(tmp_path, monkeypatch, capsys):
    """A too-short password on stdin exits 1 with the reason and creates nothing."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert main(["user", "add", "kepala", "--role", "admin", "--password-stdin", "--db", url]) == 1
    assert "minimal 10 karakter" in capsys.readouterr().err


def test_cli_prompt_mismatch_refused(tmp_path, monkeypatch, capsys):
    """Typing two different passwords at the prompt exits 1 saying they differ."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "kepala", "--role", "admin", "--db", url]) == 1
    assert "tidak sama" in capsys.readouterr().err


def test_audit_detail_never_contains_password(sqlite_engine):
    """Audit entries of failed logins do not record the typed password."""
    create_user(sqlite_engine, "sari", PASSWORD, "analis")
    with pytest.raises(AuthError):
        authenticate(sqlite_engine, "sari", "rahasia-ketik-salah", read_settings(sqlite_engine))
    with sa.create_engine(sqlite_engine.url).connect() as conn:
        details = [json.dumps(d) for (d,) in conn.execute(sa.select(tables.audit_log.c.detail))]
    assert not any("rahasia" in d or PASSWORD in d for d in details)
