"""Every screen text exists in Bahasa Indonesia and English, none is empty, and both name the same {values}."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path

import pandas as pd
import pytest

from analytics import i18n_pages
from analytics.i18n import t
from ui import admin_pages_text

ROOT = Path(__file__).resolve().parent.parent


def builtin_strings() -> dict[str, dict[str, str]]:
    """Return analytics/i18n.py's own table, read from a fresh copy (other modules add keys to the shared one)."""
    spec = importlib.util.spec_from_file_location("_i18n_fresh", ROOT / "analytics" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.STRINGS


def registered() -> dict[str, dict[str, str]]:
    """Return the keys of i18n.py, i18n_pages.py and ui/admin_pages_text.py, merged as add_strings merges them."""
    merged = {lang: dict(entries) for lang, entries in builtin_strings().items()}
    for module in (i18n_pages, admin_pages_text):
        for lang, entries in module.build_strings().items():
            for key, text in entries.items():
                merged.setdefault(lang, {}).setdefault(key, text)
    return merged


STRINGS = registered()
ALL_KEYS = sorted(set(STRINGS["id"]) | set(STRINGS["en"]))


def placeholders(text: str) -> set[str]:
    """Return the names of the {placeholders} in a text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_and_nothing_else():
    """The dashboard offers exactly Bahasa Indonesia and English."""
    assert set(STRINGS) == {"id", "en"}


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_key_is_in_both_languages_and_not_empty(key):
    """No screen text is missing in one language or blank (a blank label would leave a button without words)."""
    assert STRINGS["id"].get(key, "").strip(), f"{key}: no Indonesian text"
    assert STRINGS["en"].get(key, "").strip(), f"{key}: no English text"


@pytest.mark.parametrize("key", ALL_KEYS)
def test_placeholders_match_between_languages(key):
    """Both languages name the same {values}, so formatting never fails or drops a number in one language."""
    assert placeholders(STRINGS["id"].get(key, "")) == placeholders(STRINGS["en"].get(key, ""))


def test_page_keys_do_not_shadow_builtin_keys():
    """A page key with the same name as one in i18n.py would be silently dropped by add_strings."""
    builtin = builtin_strings()["id"]
    ours = set(i18n_pages.build_strings()["id"])
    assert not ours & set(builtin)
    assert not set(admin_pages_text.build_strings()["id"]) & (set(builtin) | ours)


def test_same_in_english_keys_still_exist():
    """Every key registered 'the same in English' is still a key of i18n.py (a renamed key would dangle)."""
    assert set(i18n_pages.SAME_IN_ENGLISH) <= set(builtin_strings()["id"])


@pytest.mark.parametrize(
    "key, lang, values, expected",
    [
        ("unggah_title", "id", {}, "Unggah Data"),
        ("unggah_title", "en", {}, "Upload data"),
        ("unggah_save_valid", "id", {"n": 1}, "Simpan hanya 1 baris yang valid"),
        ("unggah_save_valid", "en", {"n": 1}, "Store valid rows only (1)"),
        ("upload_deleted", "en", {"id": 1, "count": 4}, "Upload #1 deleted: 4 rows no longer count."),
        ("pengaturan_title", "en", {}, "Settings"),
        ("acc_metric_r_at_k", "en", {"k": 10}, "Recall @10"),
        ("unggah_title", "xx", {}, "Unggah Data"),  # an unknown language falls back to Indonesian
    ],
)
def test_page_strings_format_in_each_language(key, lang, values, expected):
    """The registered page texts come out in the chosen language with their numbers filled in."""
    assert t(key, lang, **values) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [("id", ["Lembar", "Baris", "Pesan", "Kolom asing"]), ("en", ["Sheet", "Row", "Message", "Kolom asing"])],
)
def test_table_titles_are_translated_and_unknown_titles_kept(lang, expected):
    """Known column titles follow the language; a title with no key (a file's own header) stays as it is."""
    frame = pd.DataFrame(columns=["Lembar", "Baris", "Pesan", "Kolom asing"])
    assert list(i18n_pages.translate_headers(frame, lang).columns) == expected


@pytest.mark.parametrize(
    "field, lang, expected",
    [("desa", "id", "Desa"), ("jenis", "id", "Jenis kejadian"), ("jenis", "en", "Incident kind"),
     ("lat", "en", "Latitude"), ("tak_dikenal", "en", "tak_dikenal")],
)
def test_mapping_field_labels(field, lang, expected):
    """The column-mapping boxes of Unggah Data are labelled in the chosen language; unknown fields show their name."""
    assert i18n_pages.field_label(field, lang) == expected
