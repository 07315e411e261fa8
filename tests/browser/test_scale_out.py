"""Two dashboard servers on one PostgreSQL database (the scale-out path of docs/operations.md), in real browsers.

An upload through one server shows on the other at its next rerun; login failures counted on one
server hold the account on the other.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from harness import (
    PASSWORD,
    REPO_ROOT,
    log_in,
    open_page,
    require_chromium,
    seed_browser_store,
    start_server,
    stop_server,
    submit_login,
)

from analytics.store.db import create_store_engine
from analytics.store.tables import metadata

pytestmark = pytest.mark.browser

PG_URL = os.environ.get("TEST_DATABASE_URL")
FIXTURE = REPO_ROOT / "tests" / "data" / "kejadian" / "title_block.xlsx"


def reset_postgres(url: str) -> None:
    """Drop every table of the test database (it is shared by the store tests)."""
    engine = create_store_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """Base URLs of two Streamlit processes serving the same freshly seeded PostgreSQL store."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL not set")
    require_chromium()
    folder: Path = tmp_path_factory.mktemp("dua_server")
    reset_postgres(PG_URL)
    seed_browser_store(PG_URL)
    first, base_a, _ = start_server(PG_URL, folder / "a.log")
    try:
        second, base_b, _ = start_server(PG_URL, folder / "b.log")
    except Exception:
        stop_server(first)
        raise
    try:
        yield base_a, base_b
    finally:
        stop_server(first)
        stop_server(second)


def newest_upload_label(page) -> str:
    """Return the text of Unggah Data's upload chooser (preset to the newest upload)."""
    chosen = page.get_by_label("Pilih unggahan")
    return chosen.input_value() if chosen.evaluate("e => 'value' in e") else chosen.inner_text()


def test_upload_on_one_server_shows_on_the_other(two_servers, browser):
    """An analis stores title_block.xlsx through server A; server B's Unggah Data lists it after a rerun."""
    base_a, base_b = two_servers
    pages = []
    for base in (base_a, base_b):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        log_in(page, base, "analis")
        open_page(page, "Unggah Data")
        pages.append(page)
    page_a, page_b = pages
    assert "title_block.xlsx" not in newest_upload_label(page_b)
    page_a.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(FIXTURE))
    page_a.get_by_role("button", name="Simpan 5 baris").click()
    page_a.get_by_text("Tersimpan: 5 baris baru").wait_for(timeout=60_000)
    open_page(page_b, "Ringkasan")  # any rerun on B
    open_page(page_b, "Unggah Data")
    assert "title_block.xlsx (aktif)" in newest_upload_label(page_b)
    for page in pages:
        page.context.close()


def test_failures_on_one_server_hold_the_account_on_the_other(two_servers, browser):
    """Five wrong passwords for uji_pimpinan on server A: server B then asks to wait even for the right one."""
    base_a, base_b = two_servers
    context = browser.new_context()
    page_a, page_b = context.new_page(), context.new_page()
    page_a.goto(base_a)
    page_a.get_by_label("Kata sandi").wait_for(timeout=60_000)
    for attempt in range(5):
        answer = submit_login(page_a, "uji_pimpinan", f"salah-{attempt}-salah")
        assert "Nama pengguna atau kata sandi salah" in answer
    page_b.goto(base_b)
    page_b.get_by_label("Kata sandi").wait_for(timeout=60_000)
    assert "Terlalu banyak percobaan masuk yang gagal" in submit_login(page_b, "uji_pimpinan", PASSWORD)
    assert page_b.locator('[data-testid="stSidebarNav"]').count() == 0
    context.close()
