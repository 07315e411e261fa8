"""Free-text 'jenis kejadian' → one canonical kategori, through a synonyms table users can extend.

Matching works on normalised text (lower case, no accents or punctuation) and whole words only, so
"demo" never matches "demokrasi". When several phrases match, the longest phrase (in words) wins:
"bentrok pendukung pilkades" is `pemilu` (via "bentrok pendukung"), not `kekerasan` (via "bentrok").
Between phrases of the same length, PRECEDENCE decides: the more specific cause of a conflict
(election, border, foreigners, land) beats its form (protest, violence), because the cause is what
the early-warning score needs. User synonyms (table `category_synonyms`) override a default phrase.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.text import fold_text

LAINNYA = "lainnya"

# Most specific first: used only to break ties between equally long phrases.
PRECEDENCE: tuple[str, ...] = (
    "pemilu",
    "perbatasan",
    "orang_asing",
    "batas_wilayah",
    "sumber_daya",
    "identitas",
    "informasi",
    "tata_kelola",
    "unjuk_rasa",
    "kekerasan",
    LAINNYA,
)

# Shown in templates, drop-downs and the dashboard; each label categorises to its own code.
CATEGORY_LABELS: dict[str, str] = {
    "pemilu": "Pemilu / Pilkades / Pilkada",
    "sumber_daya": "Sengketa lahan / sumber daya alam",
    "batas_wilayah": "Sengketa batas desa / tapal batas",
    "identitas": "Ketegangan suku / agama / adat",
    "unjuk_rasa": "Unjuk rasa / demo / pemalangan",
    "kekerasan": "Perkelahian / penganiayaan / bentrok",
    "orang_asing": "Orang asing / TKA / lembaga asing",
    "perbatasan": "Pelintas batas / penyelundupan",
    "informasi": "Hoaks / ujaran kebencian",
    "tata_kelola": "Dana desa / pelayanan publik / korupsi",
    LAINNYA: "Lainnya",
}

# The same kategori for an English reader (the dashboard's English option and the field form's second language).
CATEGORY_LABELS_EN: dict[str, str] = {
    "pemilu": "Elections (Pilkades / Pemilu / Pilkada)", "sumber_daya": "Land / natural resource dispute",
    "batas_wilayah": "Village boundary dispute", "identitas": "Ethnic / religious / customary tension",
    "unjuk_rasa": "Protest / demonstration / blockade", "kekerasan": "Fight / assault / clash",
    "orang_asing": "Foreigners / foreign workers / foreign organisations",
    "perbatasan": "Illegal border crossing / smuggling", "informasi": "Hoax / hate speech",
    "tata_kelola": "Village funds / public services / corruption", LAINNYA: "Other",
}


def category_labels(lang: str = "id") -> dict[str, str]:
    """Return kategori code → label in the reader's language (Indonesian unless lang is 'en')."""
    return CATEGORY_LABELS_EN if lang == "en" else CATEGORY_LABELS


def category_phrase(kategori: str, lang: str = "id", short: bool = False) -> str:
    """Return a kategori as it reads inside a sentence: "sengketa lahan / sumber daya alam" ("sengketa lahan" when
    short, for the wall); English lowers only the first letter, keeping proper nouns ("elections (Pilkades / …)")."""
    label = category_labels(lang).get(kategori, kategori.replace("_", " "))
    if lang != "en":
        return (label.split(" / ")[0] if short else label).lower()
    return label[:1].lower() + label[1:]


DEFAULT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pemilu": ("pilkades", "pemilu", "pilkada", "pileg", "pilpres", "bentrok pendukung", "sengketa hasil",
               "politik uang", "money politic", "pemilihan kepala desa", "pemungutan suara"),
    "sumber_daya": ("lahan", "tanah", "kebun", "sawit", "tambang", "hutan", "hgu", "ganti rugi",
                    "sumber daya", "sumber daya alam", "batu bara", "batubara"),
    "batas_wilayah": ("batas desa", "tapal batas", "patok", "batas wilayah", "batas kecamatan"),
    "identitas": ("agama", "suku", "sara", "adat", "antar suku", "antar agama"),
    "unjuk_rasa": ("unjuk rasa", "demo", "demonstrasi", "protes", "mogok", "pemalangan", "palang jalan",
                   "pemortalan", "aksi massa"),
    "kekerasan": ("perkelahian", "penganiayaan", "pengeroyokan", "bentrok", "bentrokan", "main hakim sendiri",
                  "pembunuhan", "kekerasan", "tawuran", "penyerangan"),
    "orang_asing": ("wna", "orang asing", "tka", "tenaga kerja asing", "lembaga asing", "lsm asing",
                    "warga negara asing"),
    "perbatasan": ("pelintas batas", "pelintasan batas", "lintas batas ilegal", "lintas batas", "penyelundupan", "patok batas negara",
                   "plbn", "sarawak", "sabah", "perbatasan negara", "batas negara"),
    "informasi": ("hoaks", "hoax", "ujaran kebencian", "provokasi medsos", "disinformasi", "berita bohong",
                  "provokasi media sosial"),
    "tata_kelola": ("dana desa", "add", "alokasi dana desa", "pelayanan publik", "korupsi", "pungli"),
    LAINNYA: ("lainnya", "lain lain"),
}

# ACLED's event_type when the notes name no more specific cause.
ACLED_EVENT_TYPES: dict[str, str] = {
    "protests": "unjuk_rasa",
    "riots": "kekerasan",
    "violence against civilians": "kekerasan",
    "battles": "kekerasan",
    "explosions/remote violence": "kekerasan",
    "strategic developments": LAINNYA,
}

# Sub-event types whose form differs from their event_type's (ACLED codebook); the rest follow the event_type.
ACLED_SUB_EVENT_TYPES: dict[str, str] = {
    "peaceful protest": "unjuk_rasa",
    "protest with intervention": "unjuk_rasa",
    "excessive force against protesters": "kekerasan",
    "violent demonstration": "kekerasan",
    "mob violence": "kekerasan",
    "looting/property destruction": "kekerasan",
    "arrests": LAINNYA,
    "agreement": LAINNYA,
}

# ACLED notes are written in English.
ACLED_NOTE_SYNONYMS: dict[str, str] = {
    "election": "pemilu", "village head election": "pemilu", "regional election": "pemilu",
    "land": "sumber_daya", "land dispute": "sumber_daya", "plantation": "sumber_daya", "palm oil": "sumber_daya",
    "mining": "sumber_daya", "logging": "sumber_daya", "compensation": "sumber_daya",
    "village boundary": "batas_wilayah", "religious": "identitas", "ethnic": "identitas", "customary": "identitas",
    "foreign": "orang_asing", "foreigners": "orang_asing", "foreign workers": "orang_asing",
    "border": "perbatasan", "smuggling": "perbatasan", "malaysia": "perbatasan",
    "hoax": "informasi", "hate speech": "informasi", "village fund": "tata_kelola", "corruption": "tata_kelola",
}
_FORMS = {"unjuk_rasa", "kekerasan", LAINNYA}

def default_synonyms() -> dict[str, str]:
    """Return the built-in synonyms as normalised phrase → kategori."""
    return {fold_text(p): kategori for kategori, phrases in DEFAULT_SYNONYMS.items() for p in phrases}


def load_synonyms(engine: sa.Engine) -> dict[str, str]:
    """Return the built-in synonyms overlaid with the users' (phrase → kategori)."""
    synonyms = default_synonyms()
    t = tables.category_synonyms
    with engine.connect() as conn:
        for phrase, kategori in conn.execute(sa.select(t.c.phrase, t.c.kategori)):
            synonyms[fold_text(phrase)] = kategori
    return synonyms


def add_synonym(engine: sa.Engine, phrase: str, kategori: str, user: str) -> None:
    """Store (or replace) a user synonym phrase → kategori, audited; ValueError on bad input."""
    key = fold_text(phrase)
    if not key:
        raise ValueError("Frasa sinonim kosong")
    if len(phrase) > 200:
        raise ValueError(f"Frasa sinonim terlalu panjang ({len(phrase)} karakter; paling banyak 200).")
    if kategori not in CATEGORY_LABELS:
        raise ValueError(f"Kategori '{kategori}' tidak dikenal; pilihan: {', '.join(CATEGORY_LABELS)}")
    t = tables.category_synonyms
    with engine.begin() as conn:
        conn.execute(sa.delete(t).where(t.c.phrase == key))
        conn.execute(
            sa.insert(t).values(phrase=key, kategori=kategori, created_by=user, created_at=datetime.now(timezone.utc))
        )
        tables.record_audit(conn, user, "tambah_sinonim", key, {"kategori": kategori, "frasa": phrase})


def match_kategori(text: object, synonyms: dict[str, str]) -> str | None:
    """Return the kategori of the best-matching phrase in text, or None when no phrase matches."""
    padded = f" {fold_text(text)} "
    if padded == "  ":
        return None
    best: tuple[int, int, str] | None = None
    for phrase, kategori in synonyms.items():
        if f" {phrase} " in padded:
            rank = (-len(phrase.split()), PRECEDENCE.index(kategori) if kategori in PRECEDENCE else len(PRECEDENCE))
            if best is None or rank < best[:2]:
                best = (*rank, kategori)
    return best[2] if best else None


def categorise(jenis: pd.Series, synonyms: dict[str, str]) -> tuple[pd.Series, list[str]]:
    """Return (kategori per row, distinct non-empty kinds that matched nothing and became 'lainnya')."""
    distinct = pd.unique(jenis.astype(object))  # each distinct text is matched once
    found = {value: match_kategori(value, synonyms) for value in distinct}
    unmapped = sorted(str(v).strip() for v, k in found.items() if k is None and fold_text(v))
    kategori = jenis.astype(object).map(lambda v: found[v] or LAINNYA)
    return kategori.astype(object), unmapped


def categorise_acled(event_type: pd.Series, notes: pd.Series, synonyms: dict[str, str]) -> pd.Series:
    """Return the kategori of ACLED events: a cause named in the notes, else the event_type's kategori."""
    # The event_type already says the form (protest, violence); only a cause in the notes is more specific.
    causes = {p: k for p, k in {**synonyms, **ACLED_NOTE_SYNONYMS}.items() if k not in _FORMS}
    from_notes, _ = categorise(notes, causes)
    from_type = event_type.astype(object).map(acled_type_kategori)
    return from_notes.where(from_notes != LAINNYA, from_type).astype(object)


def acled_type_kategori(jenis: object) -> str:
    """Return the kategori of an ACLED "event_type / sub_event_type" text (as the loader joins them), or a bare type."""
    text = "" if jenis is None or (isinstance(jenis, float) and pd.isna(jenis)) else str(jenis)
    event, _, sub = text.partition(" / ")  # "Explosions/Remote violence" has no spaces around its slash
    by_sub = {fold_text(k): v for k, v in ACLED_SUB_EVENT_TYPES.items()}
    by_event = {fold_text(k): v for k, v in ACLED_EVENT_TYPES.items()}
    return by_sub.get(fold_text(sub)) or by_event.get(fold_text(event)) or LAINNYA
