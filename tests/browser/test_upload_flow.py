"""Unggah Data in a real browser: upload an .xlsx, see the preview and detected header, store it, see it in
the history with its counts, delete it (after confirming) and undo the delete."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import ARTIFACTS, log_in, open_page, wait_idle

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "kejadian" / "title_block.xlsx"


def test_upload_preview_commit_history_delete_undo(server, visit):
    """title_block.xlsx: header found on row 6, 5 rows stored, listed in the history, deleted, then restored."""
    page = visit.page
    log_in(page, server, "analis")
    open_page(page, "Unggah Data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(FIXTURE))
    page.get_by_text("Pratinjau", exact=True).wait_for(timeout=90_000)
    wait_idle(page)
    assert page.get_by_text("lembar 'Kejadian', judul kolom pada baris 6; 5 baris data").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0

    page.get_by_role("button", name="Simpan 5 baris").click()
    page.get_by_text("Tersimpan: 5 baris baru, 0 duplikat dilewati, 0 baris ditolak").wait_for(timeout=60_000)
    wait_idle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "unggah.png"), full_page=True)
    # The newest upload is first in the history and already chosen in the delete/undo box.
    chosen = page.get_by_label("Pilih unggahan")
    assert "title_block.xlsx (aktif)" in (chosen.input_value() if chosen.evaluate("e => 'value' in e")
                                          else chosen.inner_text())

    page.get_by_role("button", name="Hapus unggahan ini").click()
    page.get_by_role("button", name="Ya, hapus").wait_for(timeout=30_000)
    wait_idle(page)  # a click while the confirming rerun still runs can be lost (seen once in CI under load)
    page.get_by_role("button", name="Ya, hapus").click()
    page.get_by_text("dihapus: 5 baris tidak lagi dihitung.").wait_for(timeout=60_000)
    wait_idle(page)

    page.get_by_role("button", name="Batalkan penghapusan").click()
    page.get_by_text("dipulihkan: 5 baris aktif lagi.").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
