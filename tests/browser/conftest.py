"""Browser harness: `streamlit run app.py` on a free port with a demo store, driven by headless Chromium.

Every request the page makes is routed: anything not to 127.0.0.1/localhost is recorded and aborted,
and each test asserts that nothing tried to leave the machine (the meeting room has no internet).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analytics.auth import create_user
from analytics.db import open_store
from analytics.demo import load_demo

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
    """Start `streamlit run app.py` on a free port; return (process, base URL, seconds to health)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
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


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> str:
    """Base URL of a running dashboard on a temporary SQLite store with the demo and three accounts."""
    pytest.importorskip("playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{(folder / 'store.db').as_posix()}"
    seed_browser_store(url)
    process, base, _ = start_server(url, folder / "streamlit.log")
    yield base
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (the system's, offline flags)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


class Visit:
    """A browser page plus the requests it tried to send off the machine."""

    def __init__(self, page):
        self.page = page
        self.external: list[str] = []

    def route(self, route) -> None:
        """Let local requests through; record and abort everything else."""
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


@pytest.fixture
def visit(browser):
    """A fresh browser context (a new Streamlit session) at 1440×900 with outside requests blocked."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    result = Visit(page)
    page.route("**/*", result.route)
    yield result
    context.close()
    assert result.external == [], f"requests left 127.0.0.1: {result.external}"


def wait_idle(page, timeout: float = 60) -> None:
    """Wait until Streamlit has finished running the script (no 'running' status, no skeleton)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
    deadline = time.time() + timeout
    quiet = 0
    while time.time() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        if quiet >= 3:
            return
        time.sleep(0.2)
    raise TimeoutError("the app kept running")


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
