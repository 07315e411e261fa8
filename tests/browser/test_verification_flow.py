"""In Chromium: three field reports wait; approve one (its desa's score rises), reject one with a reason,
merge one into the stored kejadian it duplicates; the audit log and the counts follow.

The store is the browser demo store plus a KoboToolbox export of three submissions, dated inside the
demo data so that the scores at the end of the default period include them once verified.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from harness import ARTIFACTS, log_in, open_page, require_chromium, running_dashboard, wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kobo_exports import Submission, export_bytes  # noqa: E402

pytestmark = pytest.mark.browser
SEEDED: dict[str, int] = {}


def seed_field_reports(engine) -> None:
    """Ingest three submissions: A (new, with casualties), B (to reject), C (same desa/kategori/±1 day as a
    stored demo kejadian, to merge); remember their ids and the duplicate's id."""
    from analytics.ingest.pipeline import ingest_file
    from analytics.store.queries import read_incidents

    stored = read_incidents(engine)
    last = stored["tanggal"].max()
    twin = stored[stored["kode_desa"].notna() & (stored["tanggal"] <= last - timedelta(days=5))].iloc[-1]
    other = stored[stored["kode_desa"].notna() & (stored["kode_desa"] != twin["kode_desa"])].iloc[-1]
    day = lambda ts: f"{ts:%Y-%m-%d}"  # noqa: E731
    field = [
        Submission("uuid-A", day(last - timedelta(days=2)), other["kode_kecamatan"], other["kode_desa"], "kekerasan",
                   "Perkelahian", "Laporan A: perkelahian antarwarga", korban_meninggal=1, korban_luka=3,
                   submission_time="2026-01-01T01:00:00"),
        Submission("uuid-B", day(last - timedelta(days=3)), other["kode_kecamatan"], None, "informasi", "Hoaks",
                   "Laporan B: kabar yang tidak benar", submission_time="2026-01-01T02:00:00"),
        Submission("uuid-C", day(twin["tanggal"] + timedelta(days=1)), twin["kode_kecamatan"], twin["kode_desa"],
                   twin["kategori"], "Sama dengan laporan lain", "Laporan C: kejadian yang sama",
                   submission_time="2026-01-01T03:00:00"),
    ]
    report = ingest_file(engine, export_bytes(field), "kobo.xlsx", user="uji")
    assert report.inserted == 3, report.as_dict()
    waiting = read_incidents(engine, statuses=("menunggu",)).set_index("uraian")["id"]
    SEEDED.update(A=int(waiting["Laporan A: perkelahian antarwarga"]), B=int(waiting["Laporan B: kabar yang tidak benar"]),
                  C=int(waiting["Laporan C: kejadian yang sama"]), twin=int(twin["id"]))


@pytest.fixture(scope="module")
def verify_server(tmp_path_factory):
    """(base URL, store URL) of a dashboard on the demo store with three field reports waiting."""
    require_chromium()
    with running_dashboard(tmp_path_factory.mktemp("verifikasi"), seed_field_reports) as (base, url):
        yield base, url


def audit_count(page) -> int:
    """Return the number of entries the Log Audit page says it shows."""
    open_page(page, "Log Audit")
    text = page.get_by_text(re.compile(r"^\d+ catatan\.$")).first
    text.wait_for(timeout=30_000)
    return int(text.inner_text().split()[0])


def card(page, key: str):
    """Return the card of a waiting report."""
    return page.locator(f".st-key-vf_kartu_{SEEDED[key]}")


def metric(page, label: str, wanted: str, timeout: float = 30) -> str:
    """Return the value of a metric, waiting up to timeout s for wanted."""
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    deadline = time.time() + timeout
    while True:
        value = box.locator('[data-testid="stMetricValue"]').inner_text().strip()
        if value == wanted or time.time() > deadline:
            return value
        page.wait_for_timeout(250)


def test_approve_reject_merge_and_the_audit_log_and_scores_follow(verify_server, visit):
    """Approve A (score of its desa rises), reject B with a reason, merge C into its twin; 3 audit entries."""
    base, url = verify_server
    page = visit.page
    log_in(page, base, role="admin")
    before = audit_count(page)
    open_page(page, "Verifikasi")
    assert metric(page, "Menunggu verifikasi", "3") == "3"

    card(page, "A").get_by_role("button", name="Setujui").click()
    wait_idle(page)
    message = page.get_by_text(re.compile(r"disetujui dan kini dihitung")).first
    message.wait_for(timeout=60_000)
    found = re.search(r"Skor .+: (\d+(?:,\d)?) → (\d+(?:,\d)?)\.", message.inner_text())  # Indonesian decimals
    score_before, score_after = (float(x.replace(",", ".")) for x in found.groups()) if found else (0, 0)
    assert found and score_after > score_before, message.inner_text()

    card(page, "B").get_by_label("Alasan penolakan").fill("Tidak terjadi; sudah dicek Polsek")
    card(page, "B").get_by_role("button", name="Tolak").click()
    page.get_by_text(f"Kejadian #{SEEDED['B']} ditolak.").wait_for(timeout=60_000)

    card(page, "C").get_by_role("button", name="Gabungkan ke kejadian").click()
    page.get_by_text(f"Kejadian #{SEEDED['C']} digabungkan ke #{SEEDED['twin']}.").wait_for(timeout=60_000)
    assert metric(page, "Menunggu verifikasi", "0") == "0"
    page.get_by_text("Tidak ada kejadian yang menunggu verifikasi.").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "verifikasi.png"), full_page=True)

    assert audit_count(page) == before + 3
    from analytics.store import tables
    from analytics.store.db import open_store

    engine = open_store(url)
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(sa.select(tables.incidents).where(
            tables.incidents.c.id.in_([SEEDED["A"], SEEDED["B"], SEEDED["C"]])))}
        actions = [r[0] for r in conn.execute(sa.select(tables.audit_log.c.action).where(
            tables.audit_log.c.username == "uji_admin"))]
    engine.dispose()
    assert rows[SEEDED["A"]].status == "terverifikasi"
    assert (rows[SEEDED["B"]].status, rows[SEEDED["B"]].status_reason) == ("ditolak", "Tidak terjadi; sudah dicek Polsek")
    assert (rows[SEEDED["C"]].status, rows[SEEDED["C"]].merged_into) == ("ditolak", SEEDED["twin"])
    assert actions.count("verifikasi_kejadian") == 2 and actions.count("gabung_kejadian") == 1
