"""Verifikasi page: the waiting list with duplicates, approve / reject with a reason / merge; pimpinan kept out."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pagetest import open_app, store_url, texts  # noqa: F401 (store_url is a fixture)

from analytics.ingest.pipeline import ingest_file
from analytics.store.db import open_store
from analytics.store.queries import read_incidents

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kobo_exports import Submission, export_bytes  # noqa: E402

PAGE = "pages/verifikasi.py"
LONG_BISAI = "65.02.01.2002"
# The seeded store holds a verified sumber_daya kejadian in Long Bisai on 10/03/2026 (tests/pages/pagetest.py).
FIELD = [
    Submission("uuid-a", "2026-03-11", "65.02.01", LONG_BISAI, "sumber_daya", "Sengketa kebun", "Laporan lapangan A",
               korban_luka=1, submission_time="2026-03-12T01:00:00"),
    Submission("uuid-b", "2026-05-20", "65.02.02", None, "unjuk_rasa", "Demo", "Laporan lapangan B",
               submission_time="2026-05-21T01:00:00"),
]


@pytest.fixture
def waiting_url(store_url):
    """The page store plus two field submissions waiting for verification."""
    engine = open_store(store_url)
    ingest_file(engine, export_bytes(FIELD), "kobo.xlsx", user="uji_analis")
    engine.dispose()
    return store_url


def stored(url: str):
    """Return every stored kejadian with its status."""
    engine = open_store(url)
    try:
        return read_incidents(engine, statuses=None).set_index("uraian")
    finally:
        engine.dispose()


def test_analyst_sees_waiting_reports_oldest_first_with_duplicates(waiting_url):
    """Both reports wait, A (the older) first; A's possible duplicate is the stored Long Bisai kejadian."""
    at = open_app("analis", PAGE)
    assert not at.exception
    assert [m.value for m in at.metric][:3] == ["2", "4", "0"]
    cards = [m.value for m in at.markdown if m.value.startswith("**#")]
    assert "Long Bisai" in cards[0] and "11 Maret 2026" in cards[0] and "20 Mei 2026" in cards[1]
    assert "uraian rahasia 1" in at.dataframe[1].value["uraian"].tolist()


def test_approving_makes_the_report_count(waiting_url):
    """Approve on the first card: it becomes terverifikasi, counts follow, and the confirmation shows Long Bisai's score rising."""
    at = open_app("analis", PAGE)
    at.button(key=next(b.key for b in at.button if (b.key or "").startswith("vf_setuju_"))).click().run()
    assert not at.exception
    shown = texts(at)
    assert "disetujui" in shown, shown
    found = re.search(r"Skor Long Bisai \(Mentarang\): (\d+(?:,\d)?) → (\d+(?:,\d)?)", shown)  # Indonesian decimals
    assert found, shown
    before, after = (float(x.replace(",", ".")) for x in found.groups())
    assert after > before
    assert stored(waiting_url).loc["Laporan lapangan A", "status"] == "terverifikasi"
    assert [m.value for m in at.metric][:3] == ["1", "5", "0"]


def test_rejecting_needs_a_reason_then_keeps_it(waiting_url):
    """Reject without a reason shows an error and changes nothing; with a reason the report is ditolak."""
    at = open_app("analis", PAGE)
    reject_key = [b.key for b in at.button if (b.key or "").startswith("vf_tolak_")][1]
    rid = reject_key.rsplit("_", 1)[1]
    at.button(key=reject_key).click().run()
    assert "alasan penolakan" in texts(at).lower()
    assert stored(waiting_url).loc["Laporan lapangan B", "status"] == "menunggu"
    at.text_input(key=f"vf_alasan_{rid}").input("Tidak ada demo hari itu").run()
    at.button(key=reject_key).click().run()
    assert stored(waiting_url).loc["Laporan lapangan B", "status"] == "ditolak"
    decisions = at.dataframe[-1].value
    assert decisions["Alasan"].tolist() == ["Tidak ada demo hari itu"]


def test_merge_into_the_possible_duplicate(waiting_url):
    """Merging A into the stored kejadian rejects A with 'Digabung ke kejadian #N'."""
    at = open_app("analis", PAGE)
    merge_key = next(b.key for b in at.button if (b.key or "").startswith("vf_gabung_"))
    at.button(key=merge_key).click().run()
    assert not at.exception
    row = stored(waiting_url).loc["Laporan lapangan A"]
    assert row["status"] == "ditolak"
    target = stored(waiting_url).loc["uraian rahasia 1", "id"]
    assert f"#{target}" in at.dataframe[-1].value["Alasan"].iloc[0]


def test_pimpinan_cannot_open_the_page_and_never_sees_waiting_reports(waiting_url):
    """A pimpinan has no Verifikasi page, and the waiting reports appear on none of the pages they read."""
    at = open_app("pimpinan")
    with pytest.raises(ValueError):
        at.switch_page(PAGE)
    for page in ("pages/ringkasan.py", "pages/profil.py"):
        at.switch_page(page).run()
        assert not at.exception
        shown = texts(at) + "".join(str(d.value.to_dict()) for d in at.dataframe)
        assert "Laporan lapangan" not in shown


def test_kobo_export_uploaded_on_unggah_waits_on_verifikasi(store_url):
    """An analyst uploads a Kobo export on Unggah Data: it is recognised, stored as waiting, and listed here."""
    at = open_app("analis", "pages/unggah.py")
    at.file_uploader[0].set_value(("kobo_export.csv", export_bytes(FIELD, fmt="csv;", values="labels", groups="-"),
                                   "text/csv"))
    at.run()
    assert not at.exception
    assert "Dikenali sebagai ekspor KoboToolbox/ODK" in texts(at)
    at.button(key="unggah_simpan").click().run()
    assert "2 kiriman baru" in texts(at)
    assert stored(store_url).loc["Laporan lapangan A", "status"] == "menunggu"
    at.switch_page(PAGE).run()
    assert [m.value for m in at.metric][:3] == ["2", "4", "0"]


def test_merge_without_a_target_asks_for_one(waiting_url):
    """B has no possible duplicate: Gabungkan without a chosen or typed number asks for one and changes nothing."""
    at = open_app("analis", PAGE)
    rid = [b.key for b in at.button if (b.key or "").startswith("vf_gabung_")][1].rsplit("_", 1)[1]
    assert at.selectbox(key=f"vf_tujuan_{rid}").value is None
    at.button(key=f"vf_gabung_{rid}").click().run()
    assert "Pilih atau ketik nomor kejadian tujuan" in texts(at)
    assert stored(waiting_url).loc["Laporan lapangan B", "status"] == "menunggu"
