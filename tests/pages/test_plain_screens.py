"""Every desk page in plain words, as pimpinan and as analis: dates as "29 Juni 2025", no raw timestamps,
no "None"/"nan", no bare "0"/"+0" changes, kategori by its label, Indonesian placeholders, and plain reasons
for pimpinan on Ringkasan.

The store is test_tindak_lanjut's (pagetest's kejadian, two cases, one of them overdue with an action
that has no new status) plus two register rows of Orang Asing, one with no name, desa or sponsor.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pagetest import open_app
from test_tindak_lanjut import PULAU_SAPI, seed_cases
from analytics.asing.register import ingest_foreigners
from analytics.ingest.categories import CATEGORY_LABELS
from analytics.store.db import open_store

RAW_PATTERNS = {
    "ISO timestamp": re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"),
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "dd/mm/yyyy": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),
    "None": re.compile(r"\bNone\b"),
    "nan": re.compile(r"\b(nan|NaN|NaT)\b"),
}
BARE_CHANGE = re.compile(r"^[↑↓▲▼]?\s*[+-]?\d+([.,]\d+)?$")  # "0", "+0", "-31": say "sama", "naik 2", "turun 31"
ENGLISH_PLACEHOLDERS = ("Choose an option", "Choose options", "Select")
TEXT_KINDS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
PAGES = ["pages/ringkasan.py", "pages/peta.py", "pages/tren.py", "pages/profil.py", "pages/tindak_lanjut.py",
         "pages/rakor.py", "pages/asing.py"]
PICKS = {"pages/peta.py": "peta_place_desa", "pages/profil.py": "profil_place_desa"}  # a desa's card and profile


@pytest.fixture
def plain_url(tmp_path, monkeypatch) -> str:
    """The two-case store with two register rows, opened by the app under test through DATABASE_URL."""
    url = f"sqlite:///{(tmp_path / 'polos.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_cases(url)
    columns = ["periode_mulai", "periode_akhir", "kecamatan", "desa", "jenis", "status_dokumen", "jumlah", "nama",
               "kebangsaan", "paspor", "sponsor", "catatan"]
    rows = pd.DataFrame([
        ["01/04/2026", "30/04/2026", "Mentarang", "", "tka", "tanpa_dokumen", "1", "Tan Fiktif", "Fiktifia", "X7654321",
         "PT Fiktif", "uji"],
        ["01/04/2026", "30/04/2026", "Malinau Kota", "", "wisata", "lengkap", "1200", "", "", "", "", ""],
    ], columns=columns)
    engine = open_store(url)
    ingest_foreigners(engine, rows, file_name="register.csv", user="uji")
    engine.dispose()
    return url


def shown_texts(at) -> list[tuple[str, str]]:
    """Return (where, text) for every text the page shows: texts, metrics, table and dataframe cells."""
    found = [(kind, str(e.value)) for kind in TEXT_KINDS for e in getattr(at, kind)
             if not str(e.value).lstrip().startswith("<style")]  # the page's own stylesheet is not screen text
    for m in at.metric:
        found += [("metric label", m.label), ("metric value", m.value), ("metric delta", m.delta or "")]
    for d in [*at.dataframe, *at.table]:
        frame = d.value
        found += [(f"cell {column}", str(value)) for column in frame.columns
                  for value in frame[column] if isinstance(value, str)]
    return found


def open_page(role: str, page: str):
    """Return the page opened as role, with Pulau Sapi picked where the page has a place to pick."""
    at = open_app(role, page, timeout=120)
    if page in PICKS:
        at.selectbox(key=PICKS[page]).set_value(PULAU_SAPI).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.slow
@pytest.mark.parametrize("role", ["pimpinan", "analis"])
@pytest.mark.parametrize("page", PAGES)
def test_desk_page_shows_no_raw_values(plain_url, page, role):
    """No raw timestamp, dd/mm/yyyy, "None" or "nan" anywhere on the page; no change reads as a bare number."""
    at = open_page(role, page)
    found = shown_texts(at)
    assert len(found) > 5
    raw = [(where, text) for where, text in found for name, pattern in RAW_PATTERNS.items() if pattern.search(text)]
    assert raw == []
    bare = [text for where, text in found if where == "metric delta" and BARE_CHANGE.match(text.strip())]
    assert bare == []
    # A whole number of four digits or more carries the thousands dot ("1.201", not "1201").
    assert [text for where, text in found if where == "metric value" and re.fullmatch(r"\d{4,}", text)] == []


@pytest.mark.slow
@pytest.mark.parametrize("role", ["pimpinan", "analis"])
@pytest.mark.parametrize("page", PAGES)
def test_desk_tables_have_no_raw_columns(plain_url, page, role):
    """Tables carry no timestamp columns (Streamlit would print "2026-04-20 00:00:00"), no empty cells that read
    "None", and kategori by its label, never its code."""
    at = open_page(role, page)
    for d in at.dataframe:
        frame = d.value
        assert [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])] == []
        texts = frame.select_dtypes(exclude="number")
        assert not texts.isna().any().any(), texts.columns[texts.isna().any()].tolist()
        if "kategori" in frame.columns:
            assert not set(frame["kategori"]) & set(CATEGORY_LABELS)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_select_has_an_indonesian_placeholder(plain_url, page):
    """Every select box on the page shows an Indonesian placeholder, never Streamlit's English one."""
    at = open_page("analis", page)
    placeholders = [s.placeholder for s in [*at.selectbox, *at.multiselect]]
    assert placeholders and all(placeholders)
    assert not [p for p in placeholders if p.startswith(ENGLISH_PLACEHOLDERS)]


def priority_reasons(at) -> list[str]:
    """Return the alasan column of Ringkasan's priority table."""
    return next(d.value for d in at.dataframe if "alasan" in d.value.columns)["alasan"].tolist()


def test_pimpinan_read_plain_reasons_on_ringkasan(plain_url):
    """pimpinan read "N kejadian dalam sebulan terakhir; biasanya …": no forecast parts, half-lives, points or ratios."""
    reasons = priority_reasons(open_page("pimpinan", "pages/ringkasan.py"))
    assert reasons
    for reason in reasons:
        assert "kejadian" in reason and ("biasanya" in reason or "belum ada data pembanding" in reason)
        assert not any(word in reason for word in ("waktu paruh", "poin", "×", "Perkiraan", "→", "rata-rata"))


def test_analis_keep_the_detailed_reasons_on_ringkasan(plain_url):
    """analis keep the analyst's explanation of each priority desa (the forecast and its parts)."""
    reasons = priority_reasons(open_page("analis", "pages/ringkasan.py"))
    assert reasons and all(r.startswith("Perkiraan ") and "→ peluang" in r for r in reasons)
