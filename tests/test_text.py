"""One text normaliser: names, categories and the duplicate hash fold text alike, and the fold never drifts."""

import random
import string

import pandas as pd
import pytest

from analytics.ingest.categories import categorise
from analytics.places.names import clean_name
from analytics.store.writes import compute_row_hashes
from analytics.text import fold_text, fold_texts


@pytest.mark.parametrize(
    "text, expected",
    [
        # A dash outside ASCII is dropped, not spaced: kept so, because stored hashes were made that way.
        ("Sengketa  LAHAN—Sawit", "sengketa lahansawit"),
        ("  Désa Long Loreh; protes! ", "desa long loreh protes"),
        ("Unjuk rasa (Pemilu) é", "unjuk rasa pemilu e"),
        ("ＭＡＬＩＮＡＵ　Kota", "malinau kota"),  # full-width letters and space fold to plain ASCII
        ("Pa' Upan", "pa upan"),
        ("RT.03/RW.01", "rt 03 rw 01"),
        ("日本語", ""),  # nothing of it survives ASCII folding
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        (12.5, "12 5"),
    ],
)
def test_fold_text_is_pinned(text, expected):
    """The folded form of tricky text is fixed: changing it would make stored rows look new again."""
    assert fold_text(text) == expected


def test_fold_texts_matches_fold_text_row_by_row():
    """The vectorised fold gives exactly what the one-value fold gives, missing values as ''."""
    values = pd.Series(["Désa  X", None, "Désa  X", "b-c", float("nan")], dtype=object)
    assert list(fold_texts(values)) == ["desa x", "", "desa x", "b c", ""]


def test_fold_texts_fast_path_agrees_with_fold_text_on_random_text():
    """The Arrow fast path for ASCII text folds 20,000 random strings exactly as the one-value fold does."""
    rng = random.Random(7)
    alphabet = string.printable + "éÉ—ＭＡ　日本'’\u00a0"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))) for _ in range(20_000)]
    assert list(fold_texts(pd.Series(values, dtype=object))) == [fold_text(v) for v in values]


def test_names_and_categories_use_the_same_fold():
    """A place name and a kind of incident written with accents and punctuation fold the same way."""
    assert clean_name("Ds. Long  Lorèh!") == fold_text("Long Loreh")
    kategori, unmapped = categorise(pd.Series(["SENGKETA / Lahan!"]), {"sengketa lahan": "lahan"})
    assert list(kategori) == ["lahan"] and unmapped == []


def test_row_hash_is_pinned():
    """The duplicate hash of a stored kejadian is fixed, so re-uploading an old file still finds its rows."""
    records = pd.DataFrame({
        "tanggal": pd.to_datetime(["2023-05-30", "2024-02-14"]), "kode_kecamatan": ["65.02.01", "65.02.05"],
        "kode_desa": ["65.02.01.2001", None], "kategori": ["lahan", "pemilu"],
        "jenis": ["Sengketa  LAHAN—Sawit", "Unjuk rasa (Pemilu) é"],
        "uraian": ["Warga Désa Long Loreh; protes!", None], "korban_meninggal": [0, 1], "korban_luka": [2, 0],
    })
    assert list(compute_row_hashes("kejadian", records)) == [
        "20a7709c92d1087d561a8ad69420957339647cea926a61ba5dd6f4b124f2a80f",
        "d264a3f8449dc573dc6e7fa57e819ab7ae0ca90dfa2e1db5efcbf799ea08f52d",
    ]
