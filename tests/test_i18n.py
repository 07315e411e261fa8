"""Every screen text exists in Bahasa Indonesia and English, none is empty, and both name the same {values}."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd
import pytest

from analytics.i18n import labels
from analytics.i18n.catalog import LANGUAGES, MESSAGES_DIR, load_catalog, t

ROOT = Path(__file__).resolve().parent.parent
STRINGS = load_catalog()
ALL_KEYS = sorted(set(STRINGS["id"]) | set(STRINGS["en"]))
# t("literal_key" …) calls in the code; keys built at run time (f-strings) are covered by the tests below.
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_:]*)["']""")
CODE = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("analytics/**/*.py")]


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


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_key_the_code_asks_for_exists(path):
    """A key typed in the code has a text, so no screen shows a bare key such as 'tl_titel'."""
    asked = set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    assert asked <= set(STRINGS["id"]), sorted(asked - set(STRINGS["id"]))


def test_catalogue_files_mirror_each_other():
    """Each screen area has one file per language, so a translator finds every text of an area in one place."""
    areas = {lang: sorted(p.name for p in (MESSAGES_DIR / lang).glob("*.json")) for lang in LANGUAGES}
    assert areas["id"] == areas["en"] and areas["id"]


def test_a_key_defined_twice_is_refused(tmp_path):
    """Two areas cannot silently override each other's text: loading stops and names both files."""
    for lang in LANGUAGES:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "a.json").write_text('{"judul": "A"}', encoding="utf-8")
        (tmp_path / lang / "b.json").write_text('{"judul": "B"}', encoding="utf-8")
    with pytest.raises(ValueError, match="a.json.*b.json"):
        load_catalog(tmp_path)


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
    assert list(labels.translate_headers(frame, lang).columns) == expected


@pytest.mark.parametrize(
    "field, lang, expected",
    [("desa", "id", "Desa"), ("jenis", "id", "Jenis kejadian"), ("jenis", "en", "Incident kind"),
     ("lat", "en", "Latitude"), ("tak_dikenal", "en", "tak_dikenal")],
)
def test_mapping_field_labels(field, lang, expected):
    """The column-mapping boxes of Unggah Data are labelled in the chosen language; unknown fields show their name."""
    assert labels.field_label(field, lang) == expected


def test_every_settings_group_has_a_tab_name_in_both_languages():
    """Each group of the typed settings is named in both languages (a missing name showed the raw code 'penanganan')."""
    from analytics.settings import Settings

    groups = {str((field.json_schema_extra or {}).get("group")) for field in Settings.model_fields.values()}
    for lang in LANGUAGES:
        for group in groups:
            name = labels.group_label(group, lang)
            assert name != group and name[:1].isupper(), (lang, group, name)
