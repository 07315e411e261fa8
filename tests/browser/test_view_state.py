"""One period everywhere: page switch, profile link, Mode Rapat exit, language switch and reload keep it,
and the URL always matches the sidebar."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from harness import PASSWORD, open_page, wait_idle

pytestmark = pytest.mark.browser

START, END = "2026-01-01", "2026-03-31"
SHOWN = ("1 Januari 2026", "31 Maret 2026")  # the Ringkasan caption writes dates in words


def log_in_at(page, url: str, role: str = "analis") -> None:
    """Open url (a shared link) and log in on the form it shows."""
    page.goto(url)
    page.get_by_label("Kata sandi").wait_for(timeout=60_000)
    page.get_by_label("Nama pengguna").fill(f"uji_{role}")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=60_000)
    wait_idle(page)


def url_period(page) -> tuple[str, str]:
    """Return (dari, sampai) of the browser's URL."""
    query = parse_qs(urlparse(page.url).query)
    return query.get("dari", [""])[0], query.get("sampai", [""])[0]


def sidebar_period(page) -> tuple[str, ...]:
    """Return the two dates the sidebar's date boxes show."""
    boxes = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    values = [boxes.nth(i).input_value() for i in range(boxes.count())]
    # The box shows DD/MM/YYYY; normalise to ISO to compare with the URL.
    return tuple("-".join(reversed(v.split("/"))) if "/" in v else v for v in values)


def assert_same_period(page, where: str) -> None:
    """The URL and the sidebar both show 1 Jan – 31 Mar 2026."""
    page.wait_for_timeout(500)
    wait_idle(page)
    assert url_period(page) == (START, END), (where, page.url)
    assert sidebar_period(page) == (START, END), where
    assert page.locator('[data-testid="stException"]').count() == 0, where


def test_period_survives_every_transition(server, visit):
    """Shared link → page switch → profile link → Mode Rapat and Esc → language switch → reload: same period."""
    page = visit.page
    log_in_at(page, f"{server}/?dari={START}&sampai={END}")
    assert_same_period(page, "login from a shared link")
    assert page.get_by_text(f"Periode {SHOWN[0]} – {SHOWN[1]}").count() == 1

    open_page(page, "Peta")
    assert_same_period(page, "page switch")
    page.get_by_label("Pilih tempat untuk melihat kartunya").click()
    page.keyboard.type("Malinau Kota")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Buka profil lengkap").click()
    page.wait_for_url(lambda url: "/profil" in url, timeout=30_000)
    assert_same_period(page, "profile link")
    assert "/profil" in page.url

    open_page(page, "Mode Rapat")
    page.keyboard.press("ArrowRight")
    page.get_by_role("heading", name="2 / 5").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert url_period(page) == (START, END)
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "/rapat" not in url, timeout=30_000)
    assert_same_period(page, "Mode Rapat exit")
    assert "/profil" in page.url and "langkah" not in page.url  # back where the meeting started

    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    page.wait_for_timeout(500)
    wait_idle(page)
    assert_same_period(page, "language switch")
    assert "bahasa=en" in page.url

    page.reload()
    page.locator('[data-testid="stSidebarNav"], input[type="password"]').first.wait_for(timeout=60_000)
    if page.locator('[data-testid="stSidebarNav"]').count() == 0:  # without a session cookie: log in again
        page.get_by_label("Username").or_(page.get_by_label("Nama pengguna")).first.fill("uji_analis")
        page.get_by_label("Password").or_(page.get_by_label("Kata sandi")).first.fill(PASSWORD)
        page.get_by_role("button", name="Log in").or_(page.get_by_role("button", name="Masuk")).first.click()
        page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=60_000)
    assert_same_period(page, "reload")
