"""Security as a browser shows it: the login wall on the new pages, no names for pimpinan, a wait after 5 failures."""

from __future__ import annotations

import ast

import pandas as pd
import pytest
import sqlalchemy as sa

from harness import PASSWORD, REPO_ROOT, log_in, require_chromium, running_dashboard, submit_login, wait_idle

from analytics.store import tables
from analytics.auth import create_user
from analytics.store.db import open_store
from analytics.store.queries import read_incidents
from analytics.store.writes import commit_records

pytestmark = pytest.mark.browser

NAMES = ("Budi Santoso Fiktif", "Siti Aminah Fiktif", "Yohanes Lawing Fiktif")
# Paths tests/browser/test_dashboard.py already walks logged out; the others are checked here.
DASHBOARD_PATHS = {"", "ringkasan", "peta", "tren", "profil", "rapat", "unggah", "akurasi", "pengaturan", "masuk"}
LOCK_USER = "uji_kunci"


def registered_paths() -> list[str]:
    """Return the url paths app.py registers (its PAGES table)."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [row[3] for row in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES table")


def add_named_incidents(engine) -> None:
    """Store three kejadian naming people, dated at the end of the demo data (inside the default period)."""
    last = read_incidents(engine)["tanggal"].max()
    records = pd.DataFrame([{
        "tanggal": last - pd.Timedelta(days=d), "kode_kecamatan": "65.02.01", "kode_desa": "65.02.01.2002",
        "jenis": "Sengketa lahan", "kategori": "sumber_daya", "uraian": f"Rumah {NAMES[1]} dirusak",
        "pihak": f"{NAMES[0]} dan warga", "korban_meninggal": 0, "korban_luka": 1,
        "tindak_lanjut": f"Dimediasi oleh {NAMES[2]}", "sumber": "Polsek", "lat": None, "lon": None,
    } for d in (0, 3, 7)])
    commit_records(engine, kind="kejadian", records=records, file_name="nama.xlsx", sha256="c" * 64, sheet=None,
                   header_row=1, user="uji", rows_read=3, rows_rejected=0, is_demo=False)


@pytest.fixture(scope="module")
def secure_server(tmp_path_factory):
    """(base URL, store URL) of a dashboard on the demo store plus named kejadian and a spare account to lock."""
    def seed_names_and_spare_account(engine) -> None:
        add_named_incidents(engine)
        create_user(engine, LOCK_USER, PASSWORD, "analis")

    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("keamanan"), seed_names_and_spare_account) as servers:
        yield servers


def test_new_pages_show_only_the_login_form_when_logged_out(secure_server, visit):
    """/audit, /pengguna and every page added since the dashboard show the login form and nothing else."""
    base, _ = secure_server
    page = visit.page
    paths = [p for p in registered_paths() if p not in DASHBOARD_PATHS]
    assert {"audit", "pengguna"} <= set(paths)
    for path in paths:
        page.goto(f"{base}/{path}?role=admin&user=uji_admin")
        page.get_by_label("Kata sandi").wait_for(timeout=60_000)
        wait_idle(page)
        for test_id in ("stMetric", "stDataFrame", "stException", "stSidebarNav", "stDownloadButton"):
            assert page.locator(f'[data-testid="{test_id}"]').count() == 0, (path, test_id)
        assert page.get_by_role("heading", name="Masuk ke Waspada Malinau").count() == 1, path


def sidebar_titles(page) -> list[str]:
    """Return the page titles in the sidebar navigation."""
    # A link's text starts with its icon's ligature name ("dashboard\n\nRingkasan"): keep the last line.
    return [t.strip().splitlines()[-1] for t in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()]


def choose_long_bisai(page) -> None:
    """Pick Long Bisai in Profil's place selector and wait for the rerun."""
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.keyboard.type("Long Bisai")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    wait_idle(page)


def test_pimpinan_pages_show_no_personal_names(secure_server, visit):
    """Logged in as pimpinan, no page's text or document in the browser holds a name from pihak/uraian/tindak_lanjut."""
    base, _ = secure_server
    page = visit.page
    log_in(page, base, "pimpinan")
    titles = sidebar_titles(page)
    assert not {"Unggah Data", "Pengaturan", "Log Audit", "Pengguna"} & set(titles)
    hrefs = [a.get_attribute("href") for a in page.locator('[data-testid="stSidebarNav"] a').all()]
    # Mode Rapat hides the sidebar, so it is visited last.
    for href in sorted(hrefs, key=lambda h: h.endswith("/rapat")):
        title = href.rsplit("/", 1)[-1]
        page.locator(f'[data-testid="stSidebarNav"] a[href="{href}"]').click()
        page.wait_for_timeout(400)
        wait_idle(page)
        if href.endswith("/profil"):
            choose_long_bisai(page)  # the desa whose kejadian name people
        # Visible text and the whole document (tables' cells live in a hidden accessible grid).
        text = page.locator("body").inner_text() + page.content()
        assert page.locator('[data-testid="stException"]').count() == 0, title
        assert not [name for name in NAMES if name in text], title
        assert "Dimediasi oleh" not in text and "Rumah Siti" not in text, title


def test_five_wrong_passwords_bring_a_wait_and_are_audited(secure_server, visit):
    """Four refusals, the fifth says to wait 30 s; the right password is then held too; all is audited."""
    base, url = secure_server
    page = visit.page
    page.goto(base)
    page.get_by_label("Kata sandi").wait_for(timeout=60_000)
    wait_idle(page)
    for attempt in range(1, 5):
        assert "Nama pengguna atau kata sandi salah." in submit_login(page, LOCK_USER, f"salah-{attempt}-salah"), attempt
    fifth = submit_login(page, LOCK_USER, "salah-5-salah")
    assert "Nama pengguna atau kata sandi salah. Percobaan berikutnya dapat dilakukan dalam 30 detik." in fifth
    refused = submit_login(page, LOCK_USER, PASSWORD)
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam" in refused
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    engine = open_store(url)
    try:
        log = tables.audit_log
        with engine.connect() as conn:
            actions = [r[0] for r in conn.execute(sa.select(log.c.action).where(log.c.username == LOCK_USER)
                                                  .order_by(log.c.id))]
    finally:
        engine.dispose()
    assert actions == ["masuk_gagal"] * 5 + ["masuk_ditahan"]


def test_admin_reads_the_failures_on_the_audit_page(secure_server, visit):
    """The admin's Log Audit page, filtered to 'Gagal masuk', loads without error and offers CSV and Excel."""
    base, _ = secure_server
    page = visit.page
    log_in(page, base, "admin")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Log Audit").first.click()
    page.get_by_role("heading", name="Log Audit").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.get_by_role("button", name="Unduh CSV").count() == 1
    assert page.get_by_role("button", name="Unduh Excel").count() == 1


def test_analis_page_text_does_show_the_names(secure_server, visit):
    """Control for the check above: the analis's Profil of Long Bisai has a name in the page's document."""
    base, _ = secure_server
    page = visit.page
    log_in(page, base, "analis")
    page.locator('[data-testid="stSidebarNav"] a[href$="/profil"]').click()
    page.wait_for_timeout(400)
    wait_idle(page)
    choose_long_bisai(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    wait_idle(page)
    # The table is drawn on a canvas; its visible cells are mirrored in the grid's accessible table.
    assert "Rumah Siti Aminah Fiktif dirusak" in page.content()
