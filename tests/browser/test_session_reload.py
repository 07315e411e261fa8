"""A login that survives a reload (F5 on the projector PC), and ends on logout, deactivation or idle time."""

from __future__ import annotations

import pytest

from harness import PASSWORD, log_in, require_chromium, running_dashboard, wait_idle

from analytics.auth import set_user_active
from analytics.store.db import open_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """(base URL, store URL) of a dashboard of its own: these tests change accounts."""
    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("sesi")) as pair:
        yield pair


def _cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "waspada_sesi"), None)


def _logged_in(page) -> bool:
    page.locator('[data-testid="stSidebarNav"], input[type="password"]').first.wait_for(timeout=60_000)
    wait_idle(page)
    return page.locator('[data-testid="stSidebarNav"]').count() > 0


def test_reload_keeps_the_login_and_logout_ends_it(dashboard, browser):
    """After login the cookie is HttpOnly and SameSite=Strict; F5 keeps the user in; after Keluar F5 shows the form."""
    base, _ = dashboard
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, base, "pimpinan")
    page.wait_for_timeout(1000)  # the invisible frame fetches the cookie
    cookie = _cookie(context)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("waspada_sesi") == -1  # page scripts cannot read it
    page.reload()
    assert _logged_in(page)
    page.get_by_role("button", name="Keluar").click()
    page.get_by_label("Kata sandi").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    page.reload()
    assert not _logged_in(page)
    context.close()


def test_deactivated_account_ends_at_once(dashboard, browser):
    """An account deactivated by the administrator is out on its next run, and a reload does not bring it back."""
    base, url = dashboard
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "analis")
    page.wait_for_timeout(1000)
    engine = open_store(url)
    try:
        set_user_active(engine, "uji_analis", False, by="uji_admin")
        page.reload()
        assert not _logged_in(page)
        set_user_active(engine, "uji_analis", True, by="uji_admin")
    finally:
        engine.dispose()
    context.close()


def test_stolen_cookie_value_is_refused(dashboard, browser):
    """A cookie with a made-up value opens nothing: the login form is shown."""
    base, _ = dashboard
    context = browser.new_context()
    context.add_cookies([{"name": "waspada_sesi", "value": "dGlkYWs.palsu.sama-sekali", "url": base}])
    page = context.new_page()
    page.goto(base)
    assert not _logged_in(page)
    page.get_by_label("Nama pengguna").fill("uji_admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    context.close()
