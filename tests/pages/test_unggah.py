"""Unggah Data: preview with editable detection, the problems table, commit with counts, history, refusals."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)
from streamlit.testing.v1 import AppTest

from analytics.store.db import open_store
from analytics.store.queries import read_incidents

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = "pages/unggah.py"


def upload(at: AppTest, path: Path, name: str | None = None) -> AppTest:
    """Put a file in the uploader and rerun."""
    at.file_uploader[0].set_value((name or path.name, path.read_bytes(), "application/octet-stream"))
    return at.run()


def count_incidents(url: str) -> int:
    """Return how many kejadian the store counts."""
    engine = open_store(url)
    try:
        return len(read_incidents(engine))
    finally:
        engine.dispose()


def test_analyst_sees_templates_uploader_and_history(store_url):
    """The page offers both templates, an uploader and the seeded upload uji.xlsx in the history."""
    at = open_app("analis", PAGE)
    assert not at.exception
    assert [b.label for b in at.download_button] == ["Templat kejadian (.xlsx)", "Templat laporan berkala (.xlsx)",
                                                     "Formulir kejadian (.xlsx)", "Formulir laporan berkala (.xlsx)"]
    assert any("Cara menerbitkan di KoboToolbox" in m.value for m in at.markdown)
    assert len(at.file_uploader) == 1
    history = at.dataframe[-1].value
    assert history["Berkas"].tolist() == ["uji.xlsx"] and history["Baris aktif"].tolist() == [4]


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("broken/empty.csv", "Berkas 'empty.csv' kosong"),
        ("broken/random_bytes.xlsx", "Berkas 'random_bytes.xlsx' bukan berkas Excel yang sah"),
        ("broken/letter.csv", "Pada berkas 'letter.csv' tidak ditemukan baris judul kolom"),
    ],
)
def test_unreadable_file_shows_indonesian_error_and_problems_table(store_url, fixture, message):
    """A file that is not a table gives the Indonesian reason, a problems table to download, and no traceback."""
    at = upload(open_app("analis", PAGE), DATA / fixture)
    assert not at.exception
    assert any(message in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Lembar", "Baris", "Kolom", "Nilai", "Pesan", "Tingkat"]
    assert message in problems["Pesan"].iloc[0]
    assert [b.label for b in at.download_button][-2:] == ["Unduh daftar masalah (CSV)", "Unduh daftar masalah (Excel)"]
    assert not [b for b in at.button if b.key == "unggah_simpan"]


def test_row_errors_are_listed_and_only_valid_rows_can_be_stored(store_url):
    """unknown_desa.csv: row 3 'Antah Berantah' is listed; 'Simpan hanya 1 baris yang valid' stores row 2 only."""
    at = upload(open_app("analis", PAGE), DATA / "broken/unknown_desa.csv")
    assert not at.exception
    problems = at.dataframe[1].value  # [0] is the preview
    errors = problems[problems["Tingkat"] == "kesalahan"]
    assert errors["Baris"].tolist() == [3]
    assert errors["Nilai"].tolist() == ["Antah Berantah"]
    assert "**1** baris valid, **1** baris ditolak" in texts(at)
    save = at.button(key="unggah_simpan")
    assert save.label == "Simpan hanya 1 baris yang valid"
    save.click().run()
    assert not at.exception
    assert "Tersimpan: 1 baris baru, 0 duplikat dilewati, 1 baris ditolak" in at.success[0].value
    assert count_incidents(store_url) == 4 + 1


def test_good_file_preview_commit_changes_counts_and_history(store_url):
    """utf8_bom.csv: header on row 1, 5 rows; storing adds 5 kejadian and the file tops the history."""
    at = upload(open_app("analis", PAGE), DATA / "kejadian/utf8_bom.csv")
    assert not at.exception
    assert "judul kolom pada baris 1; 5 baris data" in texts(at)
    assert at.number_input(key="unggah_baris_judul").value == 1
    assert at.selectbox(key="unggah_kolom_desa").value == "Desa"
    preview = at.dataframe[0].value
    assert preview["Baris"].tolist() == [2, 3, 4, 5, 6]
    at.button(key="unggah_simpan").click().run()
    assert not at.exception
    assert "Tersimpan: 5 baris baru, 0 duplikat dilewati, 0 baris ditolak" in at.success[0].value
    assert count_incidents(store_url) == 4 + 5
    history = at.dataframe[-1].value
    assert history["Berkas"].tolist()[0] == "utf8_bom.csv" and history["Diterima"].tolist()[0] == 5
    assert len(at.file_uploader) == 1  # the uploader is empty again: no second commit by accident
    assert not [b for b in at.button if b.key == "unggah_simpan"]


def test_sending_the_same_file_again_adds_nothing(store_url):
    """The second upload of utf8_bom.csv says all 5 rows are already stored."""
    at = upload(open_app("analis", PAGE), DATA / "kejadian/utf8_bom.csv")
    at.button(key="unggah_simpan").click().run()
    upload(at, DATA / "kejadian/utf8_bom.csv")
    at.button(key="unggah_simpan").click().run()
    assert not at.exception
    assert "Semua 5 baris utf8_bom.csv sudah ada di basis data" in at.info[0].value
    assert count_incidents(store_url) == 4 + 5


def test_changing_the_header_row_rereads_the_file(store_url):
    """title_block.xlsx: choosing a wrong header row re-reads the file under that row (and says so)."""
    at = upload(open_app("analis", PAGE), DATA / "kejadian/title_block.xlsx")
    assert not at.exception
    detected = at.number_input(key="unggah_baris_judul").value
    assert detected > 1  # the title block sits above the header
    at.number_input(key="unggah_baris_judul").set_value(detected + 1).run()
    assert not at.exception
    assert at.number_input(key="unggah_baris_judul").value == detected + 1 or at.error


def test_column_mapping_fixes_an_unrecognised_header(store_url, tmp_path):
    """A CSV titled 'Kampung' for the desa: mapping Desa → that header makes it the desa column."""
    csv = tmp_path / "kampung.csv"
    csv.write_text("Tanggal,Kecamatan,Kampung,Jenis\n11/05/2023,Malinau Selatan,Long Loreh,Demo\n", encoding="utf-8")
    at = upload(open_app("analis", PAGE), csv)
    assert not at.exception
    assert at.selectbox(key="unggah_kolom_desa").value == "— (tidak ada)"
    assert "Kolom yang tidak dipakai: Kampung" in texts(at)
    at.selectbox(key="unggah_kolom_desa").set_value("Kampung").run()
    assert not at.exception
    assert at.selectbox(key="unggah_kolom_desa").value == "Kampung"
    assert "Kampung" in at.dataframe[0].value.columns
    at.button(key="unggah_simpan").click().run()
    engine = open_store(store_url)
    stored = read_incidents(engine)
    engine.dispose()
    new = stored[stored["tanggal"] == pd.Timestamp("2023-05-11")]
    assert new["kode_desa"].tolist() == ["65.02.06.2002"]  # Long Loreh, Kec. Malinau Selatan


def test_delete_asks_first_then_undo_restores(store_url):
    """Deleting uji.xlsx needs 'Ya, hapus'; its 4 rows stop counting; 'Batalkan penghapusan' brings them back."""
    at = open_app("analis", PAGE)
    at.button(key="unggah_hapus").click().run()
    assert "Hapus unggahan #1?" in at.warning[0].value
    assert count_incidents(store_url) == 4
    at.button(key="unggah_ya_hapus").click().run()
    assert not at.exception
    assert "Unggahan #1 dihapus: 4 baris tidak lagi dihitung." in at.success[0].value
    assert count_incidents(store_url) == 0
    assert at.dataframe[-1].value["Status"].tolist() == ["dihapus"]
    at.button(key="unggah_batal_hapus").click().run()
    assert "Unggahan #1 dipulihkan: 4 baris aktif lagi." in at.success[0].value
    assert count_incidents(store_url) == 4


def test_pimpinan_cannot_open_unggah(store_url):
    """A pimpinan's navigation has no Unggah page, so neither the menu nor the URL opens it."""
    at = open_app("pimpinan")
    assert not at.exception
    with pytest.raises(ValueError):
        at.switch_page(PAGE)


def test_problem_downloads_neutralise_formulas():
    """A value '=HYPERLINK(…)' is written as text with a leading apostrophe in CSV and Excel."""
    from analytics.errors import Problem
    from analytics.ingest.report import problems_csv, problems_frame, problems_xlsx

    frame = problems_frame([Problem("x.csv", None, 3, "Desa", "=HYPERLINK(\"http://x\")", "desa tidak dikenal")])
    assert "'=HYPERLINK" in problems_csv(frame).decode("utf-8-sig")
    book = pd.read_excel(io.BytesIO(problems_xlsx(frame)), engine="openpyxl")
    assert book["Nilai"].tolist() == ["'=HYPERLINK(\"http://x\")"]
    assert book["Baris"].tolist() == [3]



def test_english_switch_translates_the_page_but_not_the_file_messages(store_url):
    """Switched to English: English title, buttons and table titles; the problem about the file stays Indonesian."""
    at = open_app("analis", PAGE)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Upload data" in [t.value for t in at.title]
    assert [b.label for b in at.download_button] == ["Incident template (.xlsx)", "Periodic report template (.xlsx)",
                                                     "Incident form (.xlsx)", "Periodic report form (.xlsx)"]
    assert at.dataframe[-1].value["File"].tolist() == ["uji.xlsx"]
    assert "Upload history" in [s.value for s in at.subheader]
    upload(at, DATA / "broken/unknown_desa.csv")
    assert not at.exception
    problems = at.dataframe[1].value
    assert list(problems.columns) == ["Sheet", "Row", "Column", "Value", "Message", "Level"]
    assert problems[problems["Value"] == "Antah Berantah"]["Row"].tolist() == [3]
    assert "desa" in problems["Message"].iloc[0].lower()  # the message about the file stays Indonesian
    assert "**1** valid rows, **1** rejected rows" in texts(at)
    assert at.button(key="unggah_simpan").label == "Store valid rows only (1)"
    assert [b.label for b in at.download_button][-2:] == ["Download the problem list (CSV)",
                                                         "Download the problem list (Excel)"]


def test_upload_outside_the_period_offers_to_show_it(store_url):
    """After storing a file whose dates lie outside the period shown, one click shows that upload's period."""
    at = upload(open_app("analis", PAGE), DATA / "kejadian/utf8_bom.csv")
    at.button(key="unggah_simpan").click().run()
    offer = [b for b in at.button if b.key == "view_show_upload"]
    assert offer and "di luar periode" in texts(at)
    offer[0].click().run()
    assert not at.exception
    assert at.date_input(key="f_start").value == date(2023, 5, 11)
    assert at.query_params["sampai"] in ("2023-11-30", ["2023-11-30"])
