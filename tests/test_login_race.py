"""Login throttling under attack: parallel guesses, many clients, unknown names, the admin's way back in."""

from __future__ import annotations

import io
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from analytics.auth import AuthError, authenticate, create_user, list_users
from analytics.cli import main
from analytics.settings import read_settings
from analytics.store.db import create_store_engine

PASSWORD = "benar-sekali-123"
WRONG = "keliru-keliru-1"
T0 = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
ATTEMPTS = 20


def _attempt(url: str, password: str, client: str, start_at: float) -> str:
    """Try one login at start_at (a wall-clock time shared by every attempt); return what the user reads."""
    engine = create_store_engine(url)
    settings = read_settings(engine)
    time.sleep(max(0.0, start_at - time.time()))
    try:
        authenticate(engine, "sari", password, settings, client=client)
        return "MASUK"
    except AuthError as error:
        return str(error)
    finally:
        engine.dispose()


def _race(url: str, pool: str, clients: list[str]) -> list[str]:
    # 19 wrong guesses and the right one fire together (the right one 50 ms behind, as a script would).
    start = time.time() + (2.5 if pool == "processes" else 0.5)
    jobs = [(url, WRONG, clients[i], start) for i in range(ATTEMPTS - 1)]
    jobs.append((url, PASSWORD, clients[-1], start + 0.05))
    if pool == "threads":
        with ThreadPoolExecutor(ATTEMPTS) as executor:
            return list(executor.map(lambda job: _attempt(*job), jobs))
    with multiprocessing.get_context("fork").Pool(ATTEMPTS) as workers:
        return workers.starmap(_attempt, jobs)


@pytest.mark.parametrize("pool", ["threads", "processes"])
@pytest.mark.parametrize("spread", ["one client", "twenty clients"])
def test_parallel_guesses_get_no_more_checks_than_the_limit(store_url, pool, spread):
    """20 simultaneous logins (19 wrong, 1 right): at most 5 wrong passwords are checked, the rest are told to wait."""
    engine = create_store_engine(store_url)
    create_user(engine, "sari", PASSWORD, "analis")
    engine.dispose()
    clients = ["10.0.0.9"] * ATTEMPTS if spread == "one client" else [f"10.0.0.{i}" for i in range(ATTEMPTS)]
    answers = _race(store_url, pool, clients)
    wrong = [a for a in answers if a.startswith("Nama pengguna atau kata sandi salah")]
    held = [a for a in answers if a.startswith("Terlalu banyak percobaan")]
    assert len(wrong) <= 5, answers
    assert len(wrong) + len(held) + answers.count("MASUK") == ATTEMPTS, answers
    # The right password gets in only when fewer than 5 wrong ones were checked before it.
    assert answers.count("MASUK") == 0 or len(held) >= ATTEMPTS - 6


def settings_for(engine, **overrides):
    """Return the store's settings with a 3-failure limit, 30 s first wait, 15 min client cap, 60 s account cap."""
    return read_settings(engine).model_copy(update={
        "login_max_failures": 3, "login_delay_seconds": 30, "login_lockout_minutes": 15,
        "login_account_delay_max_seconds": 60, **overrides})


def test_unknown_and_existing_names_get_the_same_answers(engine):
    """Guessing at a real account and at a name that does not exist gives word-for-word the same answers."""
    create_user(engine, "sari", PASSWORD, "analis")
    settings = settings_for(engine)

    def answers(name: str, client: str) -> list[str]:
        out = []
        for step in range(5):
            try:
                authenticate(engine, name, WRONG, settings, now=T0 + timedelta(seconds=step), client=client)
            except AuthError as error:
                out.append(str(error))
        return out

    assert answers("sari", "10.0.0.1") == answers("tidak_ada", "10.0.0.2")


def test_attacker_cannot_keep_the_admin_out(engine):
    """After guesses at 'kepala' from 20 machines, the admin on their own machine gets in within the one-minute cap."""
    create_user(engine, "kepala", PASSWORD, "admin")
    settings = settings_for(engine)
    for i in range(20):
        with pytest.raises(AuthError):
            authenticate(engine, "kepala", WRONG, settings, now=T0 + timedelta(seconds=61 * i), client=f"10.9.9.{i}")
    last_guess = T0 + timedelta(seconds=61 * 19)
    with pytest.raises(AuthError, match="Coba lagi"):
        authenticate(engine, "kepala", PASSWORD, settings, now=last_guess + timedelta(seconds=1), client="10.0.0.5")
    user = authenticate(engine, "kepala", PASSWORD, settings, now=last_guess + timedelta(seconds=61),
                        client="10.0.0.5")
    assert user.role == "admin"


def test_one_machine_is_held_for_longer_and_longer(engine):
    """One machine guessing at many names waits 30 s, 60 s, 120 s … up to 15 minutes, whatever the name."""
    create_user(engine, "sari", PASSWORD, "analis")
    settings = settings_for(engine)
    now = T0
    waits = []
    for i in range(10):
        try:
            authenticate(engine, f"nama{i}", WRONG, settings, now=now, client="10.6.6.6")
        except AuthError as error:
            text = str(error)
        if "dalam" in text:
            amount, unit = text.rsplit("dalam ", 1)[1].rstrip(".").split()
            wait = int(amount) * (60 if unit == "menit" else 1)
            waits.append(wait)
            now += timedelta(seconds=wait)
    assert waits[:4] == [30, 60, 120, 240]
    assert max(waits) == 15 * 60
    with pytest.raises(AuthError, match="Coba lagi"):  # the same machine, even with the right password
        authenticate(engine, "sari", PASSWORD, settings, now=now - timedelta(seconds=5), client="10.6.6.6")
    assert authenticate(engine, "sari", PASSWORD, settings, now=now, client="10.0.0.7").role == "analis"


def test_successful_login_does_not_wipe_earlier_failures(engine):
    """Two typos, the right password, then a typo: the third failure within the hour brings the 30 s wait."""
    create_user(engine, "sari", PASSWORD, "analis")
    settings = settings_for(engine)
    for _ in range(2):
        with pytest.raises(AuthError, match="salah.$"):
            authenticate(engine, "sari", WRONG, settings, now=T0, client="10.0.0.1")
    authenticate(engine, "sari", PASSWORD, settings, now=T0, client="10.0.0.1")
    with pytest.raises(AuthError, match="dalam 30 detik"):
        authenticate(engine, "sari", WRONG, settings, now=T0, client="10.0.0.2")
    assert authenticate(engine, "sari", PASSWORD, settings, now=T0 + timedelta(hours=2)).role == "analis"


def test_cli_unlock_and_reset_password(tmp_path, monkeypatch, capsys):
    """`user unlock NAME` lets a held admin in at once; `user reset-password NAME --password-stdin` sets a checked password."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    engine = create_store_engine(url)
    from analytics.store.db import migrate

    migrate(engine)
    create_user(engine, "kepala", PASSWORD, "admin")
    settings = settings_for(engine)
    now = datetime.now(UTC)
    for _ in range(3):
        with pytest.raises(AuthError):
            authenticate(engine, "kepala", WRONG, settings, now=now)
    assert list_users(engine)[0]["locked_until"] is not None
    with pytest.raises(AuthError, match="Coba lagi"):
        authenticate(engine, "kepala", PASSWORD, settings, now=now)
    assert main(["user", "unlock", "kepala", "--db", url]) == 0
    assert authenticate(engine, "kepala", PASSWORD, settings, now=now).role == "admin"

    monkeypatch.setattr("sys.stdin", io.StringIO("aaaaaaaaaa\n"))
    assert main(["user", "reset-password", "kepala", "--password-stdin", "--db", url]) == 1
    assert "terlalu mudah ditebak" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("sungai-pelangi-tujuh-batu\n"))
    assert main(["user", "reset-password", "kepala", "--password-stdin", "--db", url]) == 0
    assert authenticate(engine, "kepala", "sungai-pelangi-tujuh-batu", settings, now=now).role == "admin"
    assert main(["user", "unlock", "tidak_ada", "--db", url]) == 1
    engine.dispose()


def test_sprayed_names_do_not_grow_the_audit_log_by_megabytes(engine):
    """A 1 MB username is stored as at most 100 characters in the audit log."""
    from analytics.store.audit import read_audit

    with pytest.raises(AuthError):
        authenticate(engine, "x" * 1_000_000, WRONG, read_settings(engine), client="10.1.1.1")
    log = read_audit(engine)
    assert log["pengguna"].str.len().max() <= 100
