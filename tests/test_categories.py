"""Free-text 'jenis kejadian' lands in the kategori an analyst would pick, and users can add synonyms."""

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.store import tables
from analytics.ingest.categories import (
    CATEGORY_LABELS, add_synonym, categorise, categorise_acled, default_synonyms, load_synonyms, match_kategori,
)

SYN = default_synonyms()


@pytest.mark.parametrize("text, expected", [
    ("Bentrok pendukung Pilkades", "pemilu"),          # longest phrase beats 'bentrok'
    ("Perkelahian saat PILKADES", "pemilu"),           # same length: precedence puts the election first
    ("Sengketa lahan sawit PT X", "sumber_daya"),
    ("Ganti rugi HGU", "sumber_daya"),
    ("Sengketa tapal batas desa", "batas_wilayah"),
    ("Patok batas negara rusak", "perbatasan"),         # 'patok batas negara' is longer than 'patok'
    ("Demo warga", "unjuk_rasa"),
    ("Pemalangan jalan", "unjuk_rasa"),
    ("Pengeroyokan", "kekerasan"),
    ("TKA tanpa dokumen", "orang_asing"),
    ("Penyelundupan dari Sarawak", "perbatasan"),
    ("Hoax di Facebook", "informasi"),
    ("Penyalahgunaan ADD", "tata_kelola"),
    ("Ketegangan antar suku", "identitas"),
    ("demokrasi desa", None),                           # 'demo' only as a whole word
    ("", None),
    (None, None),
])
def test_match_kategori(text, expected):
    """Each kind of event is put in the category an analyst would choose."""
    assert match_kategori(text, SYN) == expected


def test_every_label_categorises_to_itself():
    """A kategori picked from the template's drop-down comes back as that same kategori."""
    for code, label in CATEGORY_LABELS.items():
        assert match_kategori(label, SYN) == code


def test_unmapped_kinds_become_lainnya_and_are_listed_once():
    """Unknown kinds are stored as 'lainnya' and each distinct one is listed for the analyst."""
    kinds = pd.Series(["Kebakaran", "Demo", "kebakaran", "Banjir", "", "Lainnya"])
    kategori, unmapped = categorise(kinds, SYN)
    assert kategori.tolist() == ["lainnya", "unjuk_rasa", "lainnya", "lainnya", "lainnya", "lainnya"]
    assert unmapped == ["Banjir", "Kebakaran", "kebakaran"]


def test_acled_event_type_unless_notes_name_a_cause():
    """ACLED events take their event_type's kategori unless the notes name a more specific cause."""
    kategori = categorise_acled(
        pd.Series(["Protests", "Riots", "Strategic developments", "Battles", "Protests"]),
        pd.Series(["Villagers protested a land dispute with a plantation", "", "", "", "demonstrators gathered"]), SYN)
    assert kategori.tolist() == ["sumber_daya", "kekerasan", "lainnya", "kekerasan", "unjuk_rasa"]


def test_add_synonym_is_used_and_audited(sqlite_engine):
    """A synonym the analyst adds is used from then on, and the audit log records who added it."""
    assert match_kategori("Kebakaran lahan gambut", load_synonyms(sqlite_engine)) == "sumber_daya"
    add_synonym(sqlite_engine, "Kebakaran", "sumber_daya", "analis1")
    assert load_synonyms(sqlite_engine)["kebakaran"] == "sumber_daya"
    with sqlite_engine.connect() as conn:
        actions = conn.execute(sa.select(tables.audit_log.c.action, tables.audit_log.c.username)).fetchall()
    assert ("tambah_sinonim", "analis1") in actions


@pytest.mark.parametrize("phrase, kategori", [("", "pemilu"), ("x", "bukan_kategori")])
def test_add_synonym_refuses_bad_input(sqlite_engine, phrase, kategori):
    """An empty phrase or an unknown kategori is refused with a message."""
    with pytest.raises(ValueError):
        add_synonym(sqlite_engine, phrase, kategori, "analis1")
