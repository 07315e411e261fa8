"""Orang Asing / TKA: counts per kecamatan for everyone, names only for analis/admin, upload all-or-nothing.

The store is pagetest's (default period 02/03/2026 – 30/05/2026) plus two register rows, worked by hand:
  Mentarang (65.02.01)     tka     tanpa_dokumen  1  'Tan Fiktif Satu', paspor X7654321  (April 2026)
  Malinau Kota (65.02.02)  wisata  lengkap       20                                      (April 2026)
→ 21 people, 1 tanpa dokumen, 0 tidak lengkap.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pagetest import store_url, open_app, seed_store, texts  # noqa: F401 (store_url is a fixture)
from analytics.asing.register import ingest_foreigners, read_foreigners

PAGE = "pages/asing.py"
NAME, PASSPORT = "Tan Fiktif Satu", "X7654321"
HEADER = "periode_mulai,periode_akhir,kecamatan,desa,jenis,status_dokumen,jumlah,nama,kebangsaan,paspor,sponsor,catatan\n"


@pytest.fixture
def asing_url(tmp_path, monkeypatch) -> str:
    """pagetest's store plus the two register rows of the module docstring."""
    url = f"sqlite:///{(tmp_path / 'asing.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = seed_store(url)
    frame = pd.DataFrame([
        ["01/04/2026", "30/04/2026", "Mentarang", "", "tka", "tanpa_dokumen", "1", NAME, "Fiktifia", PASSPORT, "PT Fiktif", "uji"],
        ["01/04/2026", "30/04/2026", "Malinau Kota", "", "wisata", "lengkap", "20", "", "", "", "", ""],
    ], columns=HEADER.strip().split(","))
    ingest_foreigners(engine, frame, file_name="register_april.csv", user="uji")
    engine.dispose()
    return url


def metrics(at) -> dict[str, str]:
    """Return metric label → shown value."""
    return {m.label: m.value for m in at.metric}


def everything_shown(at) -> str:
    """Return every text and every table cell the page shows."""
    return texts(at) + "\n".join(d.value.to_csv() if isinstance(d.value, pd.DataFrame) else str(d.value)
                                 for d in at.dataframe)


def summary_of(at) -> pd.DataFrame:
    """Return the per-kecamatan summary table, indexed by kecamatan name."""
    frame = at.dataframe[0].value
    return (frame.data if hasattr(frame, "data") else frame).set_index("kecamatan")


def upload(at, name: str, text: str):
    """Put a CSV in the register uploader and rerun."""
    at.file_uploader[0].set_value((name, text.encode("utf-8"), "text/csv"))
    return at.run()


def test_pimpinan_sees_counts_but_no_personal_detail(asing_url):
    """pimpinan: 21 people, 1 tanpa dokumen; Mentarang's row counts 1 TKA; no name, passport or personal column; no upload."""
    at = open_app("pimpinan", PAGE)
    assert not at.exception
    assert "Orang Asing / TKA" in [t.value for t in at.title]
    assert metrics(at) == {"Orang asing tercatat": "21", "Tanpa dokumen": "1", "Dokumen tidak lengkap": "0"}
    summary = summary_of(at)
    assert len(summary) == 15
    assert (summary.loc["Mentarang", "tka"], summary.loc["Mentarang", "tanpa_dokumen"]) == (1, 1)
    assert summary.loc["Malinau Kota", "jumlah"] == 20
    shown = everything_shown(at)
    assert NAME not in shown and PASSPORT not in shown and "PT Fiktif" not in shown
    rows = at.dataframe[1].value
    assert not {"nama", "kebangsaan", "paspor", "sponsor", "catatan"} & set(rows.columns)
    assert rows["jumlah"].sum() == 21
    assert "disembunyikan untuk peran Anda" in texts(at)
    assert not at.file_uploader and not at.download_button


def test_analis_sees_the_names(asing_url):
    """analis (rincian_pribadi): the row shows Tan Fiktif Satu and the passport."""
    at = open_app("analis", PAGE)
    assert not at.exception
    rows = at.dataframe[1].value
    assert rows["nama"].tolist().count(NAME) == 1 and PASSPORT in rows["paspor"].tolist()
    assert [b.label for b in at.download_button] == ["Templat register (.csv)"]


def test_template_has_the_header_and_one_contoh_row(asing_url):
    """The template CSV starts with the register columns and holds one example row marked CONTOH."""
    from ui.asing import template_csv

    lines = template_csv().decode("utf-8-sig").splitlines()
    assert lines[0] + "\n" == HEADER
    assert len(lines) == 2 and "CONTOH" in lines[1]


def test_good_csv_is_stored_and_the_counts_change(asing_url):
    """Storing 5 pelintas batas tidak lengkap in Malinau Kota (May 2026): 26 people, 5 tidak lengkap, 25 in Malinau Kota."""
    at = upload(open_app("analis", PAGE), "mei.csv",
                HEADER + "01/05/2026,20/05/2026,Malinau Kota,,pelintas_batas,tidak_lengkap,5,,,,,\n")
    assert not at.exception
    assert "Pratinjau: 1 baris di mei.csv" in [t.value for t in at.text]
    at.button(key="as_save").click().run()
    assert not at.exception
    assert "Tersimpan: 1 baris register." in at.success[0].value
    assert metrics(at)["Orang asing tercatat"] == "26" and metrics(at)["Dokumen tidak lengkap"] == "5"
    assert summary_of(at).loc["Malinau Kota", "jumlah"] == 25
    assert not [b for b in at.button if b.key == "as_save"]  # the uploader is empty again: no second store


@pytest.mark.parametrize("line, column, value", [
    ("01/05/2026,20/05/2026,Malinau Kota,,tka,lengkap,-3,,,,,", "jumlah", "-3"),
    ("01/05/2026,20/05/2026,Antah Berantah,,tka,lengkap,3,,,,,", "kecamatan", "Antah Berantah"),
    ("01/05/2026,20/05/2026,Malinau Kota,,turis,lengkap,3,,,,,", "jenis", "turis"),
])
def test_bad_row_shows_the_indonesian_error_and_stores_nothing(asing_url, line, column, value):
    """A good row 2 and a bad row 3: the error says nothing was stored, the table names row 3, the column and value."""
    good = "01/05/2026,20/05/2026,Mentarang,,wisata,lengkap,4,,,,,\n"
    at = upload(open_app("analis", PAGE), "salah.csv", HEADER + good + line + "\n")
    at.button(key="as_save").click().run()
    assert not at.exception
    assert "salah.csv: 1 masalah; tidak ada baris yang disimpan." in at.error[0].value
    problems = at.dataframe[-1].value
    assert problems[["Baris", "Kolom", "Nilai"]].values.tolist() == [[3, column, value]]
    assert metrics(at)["Orang asing tercatat"] == "21"
    from analytics.store.db import open_store

    engine = open_store(asing_url)
    assert read_foreigners(engine)["jumlah"].sum() == 21
    engine.dispose()


def test_missing_column_and_empty_file_are_refused_without_traceback(asing_url):
    """No 'jumlah' column: 'kolom wajib tidak ada: jumlah'; an empty file: 'kosong'."""
    at = upload(open_app("analis", PAGE), "tanpa.csv", "periode_mulai,periode_akhir,kecamatan,jenis,status_dokumen\n"
                "01/05/2026,20/05/2026,Mentarang,tka,lengkap\n")
    at.button(key="as_save").click().run()
    assert not at.exception
    assert "kolom wajib tidak ada: jumlah" in at.error[0].value
    at = upload(open_app("analis", PAGE), "kosong.csv", "")
    assert not at.exception
    assert "kosong" in at.error[0].value


def test_english_switch_shows_english_heading(asing_url):
    """Switched to English: English title, metric labels and status column names; the counts stay."""
    at = open_app("analis", PAGE)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Foreign nationals / foreign workers" in [t.value for t in at.title]
    assert metrics(at)["No documents"] == "1"


def test_empty_register_shows_zeros_and_the_empty_notice(store_url):
    """No register stored: 0 people, all 15 kecamatan at 0, 'Belum ada baris register' and an empty chart."""
    at = open_app("pimpinan", PAGE)
    assert not at.exception
    assert metrics(at)["Orang asing tercatat"] == "0"
    assert summary_of(at)["jumlah"].sum() == 0 and len(summary_of(at)) == 15
    assert "Belum ada baris register pada periode ini." in texts(at)


def test_kecamatan_filter_narrows_the_summary(asing_url):
    """Filtering on Mentarang: one summary row, 1 person, and Malinau Kota's 20 wisata are not counted."""
    at = open_app("pimpinan", PAGE)
    at.multiselect(key="f_kecamatan").set_value(["65.02.01"]).run()
    assert not at.exception
    assert summary_of(at).index.tolist() == ["Mentarang"]
    assert metrics(at)["Orang asing tercatat"] == "1"
