"""Browser fixtures: a running dashboard on a demo store, and headless Chromium with outside requests blocked.

Every request the page makes is routed: anything not to 127.0.0.1/localhost is recorded and aborted,
and each test asserts that nothing tried to leave the machine (the meeting room has no internet).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from harness import CHROMIUM, LOCAL_HOSTS, require_chromium, running_dashboard


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> str:
    """Base URL of a running dashboard on a temporary SQLite store with the demo and three accounts."""
    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("browser")) as (base, _):
        yield base


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
