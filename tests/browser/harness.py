"""Browser harness helpers (plain functions, shared by tests/browser and bench/bench_dashboard.py).

Starts `streamlit run serve.py` (app.py plus the session-cookie routes) on a free port against a given store, and drives the page like a user:
log in, open pages through the sidebar, wait until the script has finished running.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from analytics.auth import create_user
from analytics.store.db import open_store
from analytics.demo.generate import load_demo

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "peramban-uji-123"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_browser_store(url: str) -> None:
    """Fill a store with the demo data and one account per role (password PASSWORD)."""
    engine = open_store(url)
    load_demo(engine, user="uji")
    for role in ("pimpinan", "analis", "admin"):
        create_user(engine, f"uji_{role}", PASSWORD, role)
    engine.dispose()


def start_server(url: str, log_path: Path, timeout: float = 90) -> tuple[subprocess.Popen, str, float]:
    """Start `streamlit run serve.py` on a free port; return (process, base URL, seconds to health)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    log = open(log_path, "w")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early, see {log_path}:\n{log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base, time.perf_counter() - started
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout} s")


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server we started (by its own process handle)."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_idle(page, timeout: float = 60) -> None:
    """Wait until Streamlit says the script is not running (stApp's data-test-script-state) for a moment."""
    deadline = time.time() + timeout
    quiet = 0
    while time.time() < deadline:
        state = page.locator('[data-testid="stApp"]').first.get_attribute("data-test-script-state") if \
            page.locator('[data-testid="stApp"]').count() else None
        busy = state != "notRunning" or page.locator('[data-testid="stSkeleton"]').count() > 0
        quiet = 0 if busy else quiet + 1
        if quiet >= 3:
            return
        time.sleep(0.2)
    raise TimeoutError("the app kept running")


def alert_text(page) -> str:
    """Return the text of the alerts shown now."""
    return "\n".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def submit_login(page, username: str, password: str) -> str:
    """Type a username and password, press Masuk and return the alert text shown after the run."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_timeout(300)
    wait_idle(page)
    return alert_text(page)


def log_in(page, base: str, role: str = "admin") -> None:
    """Open the app and log in as uji_<role>; return once Ringkasan is shown."""
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(f"uji_{role}")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Ringkasan").first.wait_for(timeout=60_000)
    wait_idle(page)


def open_page(page, title: str) -> None:
    """Go to a page through the sidebar navigation (a reload would start a new, logged-out session)."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    path = urlparse(link.get_attribute("href") or "").path
    link.click()
    page.wait_for_url(lambda url: urlparse(url).path == path, timeout=30_000)
    page.wait_for_timeout(300)  # the rerun starts a moment after the URL changes
    wait_idle(page)


@contextmanager
def running_dashboard(folder: Path, seed_more: Callable | None = None) -> Iterator[tuple[str, str]]:
    """Yield (base URL, store URL) of a dashboard on a fresh demo store in folder; seed_more(engine) adds data first."""
    url = f"sqlite:///{(folder / 'store.db').as_posix()}"
    seed_browser_store(url)
    if seed_more is not None:
        engine = open_store(url)
        seed_more(engine)
        engine.dispose()
    process, base, _ = start_server(url, folder / "streamlit.log")
    try:
        yield base, url
    finally:
        stop_server(process)


def require_chromium() -> None:
    """Skip when Playwright or Chromium is missing (CI refuses that case in tests/conftest.py)."""
    import pytest

    pytest.importorskip("playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
