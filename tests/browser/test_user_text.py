"""User text is shown literally in a real browser: a Markdown image, a link and HTML fetch nothing and click nowhere.

The texts go in where users put them: an account name, an uploaded file's name and header, a case's
judul and uraian. Every request leaving 127.0.0.1 is recorded by the `visit` fixture and fails the test.
"""

from __future__ import annotations

import pytest
from harness import PASSWORD, REPO_ROOT, open_page, require_chromium, running_dashboard, wait_idle

from analytics.auth import create_user
from analytics.penanganan.cases import open_case

pytestmark = pytest.mark.browser

FIXTURES_DIR = REPO_ROOT / "tests" / "data"

IMAGE = "![gambar](http://10.9.9.9/pixel.png)"
LINK = "[Sesi habis, klik untuk masuk ulang](http://10.9.9.9/masuk)"
HTML = "<b>tebal</b><img src=http://10.9.9.9/html.png>"
HOSTILE_USER = "![u](http://10.9.9.9/u.png)"
CASE_TITLE = f"Kasus uji {IMAGE}"
FILE_NAME = "![f](pixel.png)<b>berkas.csv"  # no "/": a file name cannot hold one


def seed_hostile(engine) -> None:
    """An analis whose name is a Markdown image, and a case whose judul and uraian hold all three texts."""
    create_user(engine, HOSTILE_USER, PASSWORD, "analis")
    open_case(engine, user="uji", places=["65.02.01.2002"], judul=CASE_TITLE, uraian=f"{IMAGE}\n{LINK}\n{HTML}")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """(base URL, store URL) of a dashboard on the demo store plus the hostile account and case."""
    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("teks"), seed_hostile) as servers:
        yield servers


def log_in_as(page, base: str, username: str) -> None:
    """Open the app and log in as username (password PASSWORD); return once Ringkasan is shown."""
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Ringkasan").first.wait_for(timeout=60_000)
    wait_idle(page)


def assert_literal_and_inert(page, *texts: str) -> None:
    """Each text appears as written; no image or link to the outside host and no bold <b> from user text exists."""
    body = page.locator("body").inner_text().replace("\u200b", "")  # the invisible break in bare URLs
    for text in texts:
        assert text in body, text
    assert page.locator('img[src*="10.9.9.9"], img[src*="pixel.png"]').count() == 0
    links = page.locator('a[href*="10.9.9.9"]')
    assert links.count() == 0, [links.nth(i).evaluate("e => e.parentElement.parentElement.outerHTML") for i in range(links.count())]
    assert page.locator("b", has_text="tebal").count() == 0
    assert page.locator("b", has_text="berkas").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def hostile_csv(tmp_path) -> str:
    """Write a kejadian CSV named FILE_NAME with an extra header holding the Markdown image; return its path."""
    lines = (FIXTURES_DIR / "kejadian" / "utf8_bom.csv").read_text(encoding="utf-8-sig").splitlines()
    lines = [lines[0] + f",{IMAGE}"] + [line + ",x" for line in lines[1:] if line.strip()]
    path = tmp_path / FILE_NAME
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_account_name_upload_name_and_header_are_shown_literally(hostile_server, visit, tmp_path):
    """The sidebar's account name, the upload's unused header and the saved file's name read as typed, fetch nothing."""
    base, _ = hostile_server
    page = visit.page
    log_in_as(page, base, HOSTILE_USER)
    assert_literal_and_inert(page, HOSTILE_USER)
    open_page(page, "Unggah Data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(hostile_csv(tmp_path))
    page.get_by_text("Pratinjau", exact=True).wait_for(timeout=90_000)
    wait_idle(page)
    assert_literal_and_inert(page, f"Kolom yang tidak dipakai: {IMAGE}")
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Tersimpan:").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_literal_and_inert(page, FILE_NAME)


def test_case_uraian_and_judul_are_shown_literally(hostile_server, visit):
    """Tindak Lanjut shows the case's judul and its uraian's image, link and HTML as text, with nothing clickable."""
    base, _ = hostile_server
    page = visit.page
    log_in_as(page, base, "uji_analis")
    open_page(page, "Tindak Lanjut")
    choice = page.get_by_label("Pilih tindak lanjut")
    choice.click()
    page.keyboard.type("Kasus uji")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    wait_idle(page)
    assert_literal_and_inert(page, IMAGE, LINK, "<b>tebal</b>")


def test_briefing_download_is_audited_and_tables_offer_no_raw_download(hostile_server, visit):
    """Downloading Bahan Rakor adds an audit entry for the user; a table's toolbar has no 'Download as CSV'."""
    import sqlalchemy as sa

    from analytics.store import tables
    from analytics.store.db import create_store_engine

    base, url = hostile_server
    page = visit.page
    log_in_as(page, base, "uji_analis")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    page.wait_for_timeout(500)
    toolbar = page.locator('[data-testid="stElementToolbar"]')
    labels = [b.get_attribute("aria-label") or b.inner_text() for b in toolbar.locator("button").all()]
    assert "Search" in labels, labels  # the toolbar is shown ...
    assert "Download as CSV" not in labels, labels  # ... without its raw download
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Bahan Rakor (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    wait_idle(page)
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(tables.audit_log.c.username, tables.audit_log.c.action)
                                .where(tables.audit_log.c.action == "unduh_bahan_rakor")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("uji_analis", "unduh_bahan_rakor")]
