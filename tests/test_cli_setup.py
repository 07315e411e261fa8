"""`python -m analytics setup` prepares a store once: demo data into an empty store, one first administrator."""

import subprocess
import sys

import pandas as pd

from analytics.store.db import open_store
from tests.conftest import TESTS_DIR

ROOT = TESTS_DIR.parent


def _setup(url: str, *extra: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", "setup", "--db", url, *extra],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=600,
    )


def test_setup_loads_demo_once_and_creates_the_first_admin(tmp_path):
    """First run: demo data marked DATA CONTOH and an admin; second run changes nothing."""
    url = f"sqlite:///{(tmp_path / 'w.db').as_posix()}"
    first = _setup(url, "--admin", "kesbang", "--password-stdin", stdin="sandi-yang-panjang\n")
    assert first.returncode == 0, first.stderr
    assert "DATA CONTOH dimuat" in first.stdout and "Administrator 'kesbang' dibuat" in first.stdout
    engine = open_store(url)
    uploads = pd.read_sql("select is_demo from uploads", engine)
    incidents = pd.read_sql("select count(*) as n from incidents", engine)["n"].iloc[0]
    assert len(uploads) == 2 and uploads["is_demo"].astype(bool).all() and incidents > 500

    second = _setup(url, "--admin", "lain", "--password-stdin", stdin="sandi-yang-panjang\n")
    assert second.returncode == 0 and "DATA CONTOH" not in second.stdout
    users = pd.read_sql("select username, role from users", engine)
    assert users.to_dict("records") == [{"username": "kesbang", "role": "admin"}]
    assert pd.read_sql("select count(*) as n from incidents", engine)["n"].iloc[0] == incidents


def test_setup_without_a_terminal_creates_no_account(tmp_path):
    """Run from a script without --password-stdin, setup explains the CLI command and creates nobody."""
    url = f"sqlite:///{(tmp_path / 'w.db').as_posix()}"
    result = _setup(url, "--no-demo")
    assert result.returncode == 0
    assert "python -m analytics user add NAMA --role admin" in result.stdout
    assert pd.read_sql("select count(*) as n from users", open_store(url))["n"].iloc[0] == 0


def test_setup_refuses_a_short_password(tmp_path):
    """A too-short password is refused with a reason, and no account exists afterwards."""
    url = f"sqlite:///{(tmp_path / 'w.db').as_posix()}"
    result = _setup(url, "--no-demo", "--admin", "kesbang", "--password-stdin", stdin="abc\n")
    assert result.returncode == 1 and "Kata sandi terlalu pendek" in result.stderr
    assert pd.read_sql("select count(*) as n from users", open_store(url))["n"].iloc[0] == 0
