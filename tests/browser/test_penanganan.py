"""In Chromium: a Tinggi alert becomes a case; an overdue case gets an action, is closed and leaves the overdue list.

The store is the browser demo store plus one case seeded 5 days past its due date (Pulau Sapi,
'dalam penanganan'), so 'Lewat tenggat' is real before the test acts.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from harness import ARTIFACTS, log_in, open_page, require_chromium, running_dashboard, wait_idle

pytestmark = pytest.mark.browser

PULAU_SAPI = "65.02.01.2005"


@pytest.fixture(scope="module")
def case_server(tmp_path_factory) -> str:
    """Base URL of a dashboard on the demo store with one overdue case (#1)."""
    from analytics.penanganan import cases

    def seed_overdue_case(engine) -> None:
        today = date.today()
        case_id = cases.open_case(engine, user="uji", places=[PULAU_SAPI], instansi="Polres Malinau",
                                  opened_on=today - timedelta(days=20), jatuh_tempo=today - timedelta(days=5))
        cases.change_status(engine, case_id, "dalam penanganan", "uji")

    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("penanganan"), seed_overdue_case) as (base, _):
        yield base


def metric_value(page, label: str, wanted: str | None = None, timeout: float = 30) -> str:
    """Return the value shown by the metric with this label (waiting up to timeout s for `wanted`, if given)."""
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    deadline = time.time() + timeout
    while True:
        value = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
        if wanted is None or value == wanted or time.time() > deadline:
            return value
        page.wait_for_timeout(250)  # a rerun may still be replacing the element


def choose(page, label: str, option: str) -> None:
    """Pick an option of the selectbox with this label (typing filters the list, Enter picks the match)."""
    wait_idle(page)
    box = page.get_by_label(label).first
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option).first.wait_for(timeout=30_000)
    box.press("Enter")


def submit(page, name: str, nth: int = 0) -> None:
    """Click a (form) button and wait for the rerun to finish."""
    page.get_by_role("button", name=name).nth(nth).click()
    page.wait_for_timeout(300)
    wait_idle(page)


def test_alert_to_case_and_overdue_case_closed(case_server, visit):
    """Open a case from the first Tinggi alert; act on the overdue case, close it: 'Lewat tenggat' goes 1 → 0."""
    page = visit.page
    log_in(page, case_server, "analis")
    open_page(page, "Tindak Lanjut")
    assert metric_value(page, "Lewat tenggat", "1") == "1"
    # The grid draws on a canvas; its cells also exist as (hidden) accessible table cells.
    page.get_by_text("🔴 LEWAT TENGGAT 5 hari").first.wait_for(state="attached", timeout=30_000)

    submit(page, "Buka tindak lanjut dari peringatan")
    page.get_by_text("Tindak lanjut #2 dibuka.").wait_for(timeout=30_000)
    assert metric_value(page, "Tindak lanjut terbuka", "2") == "2"

    choose(page, "Pilih tindak lanjut", "🔴 #1 · Tindak lanjut — Pulau Sapi, Kec. Mentarang")
    wait_idle(page)
    page.get_by_label("Tindakan yang dilakukan").fill("Mediasi di balai desa Pulau Sapi")
    submit(page, "Simpan")
    page.get_by_text("Tindakan dicatat.").wait_for(timeout=30_000)

    page.get_by_role("tab", name="Ubah status").click()
    submit(page, "Simpan")  # the visible tab's button; dalam penanganan → selesai is the first move offered
    page.get_by_text("Status diubah menjadi selesai.").wait_for(timeout=30_000)
    assert metric_value(page, "Lewat tenggat", "0") == "0"
    assert metric_value(page, "Selesai", "1") == "1"

    page.get_by_text("Hanya yang lewat tenggat").click()
    wait_idle(page)
    page.get_by_text("Belum ada tindak lanjut yang cocok dengan saringan ini.").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tindak_lanjut.png"), full_page=True)


def test_pimpinan_sees_rakor_and_tindak_lanjut_read_only(case_server, visit):
    """pimpinan open Rakor and Tindak Lanjut without errors and without any form button."""
    page = visit.page
    log_in(page, case_server, "pimpinan")
    for title in ("Tindak Lanjut", "Rakor"):
        open_page(page, title)
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=30_000)
        wait_idle(page)
        errors = page.locator('[data-testid="stException"]')
        assert errors.count() == 0, f"{title}: {errors.first.inner_text() if errors.count() else ''}"
        assert page.get_by_role("button", name="Simpan").count() == 0, title
        assert page.get_by_role("button", name="Simpan Rakor").count() == 0, title
