"""Resolving place names as people write them to Kemendagri codes.

Order of trust: exact official name → user alias → known older spelling → fuzzy match. A fuzzy
match is accepted only above `name_accept_score` with a clear lead over the runner-up, and is
always reported; below that the row is an error with a "maksud Anda …?" suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import pandas as pd
import sqlalchemy as sa
from rapidfuzz import fuzz, process

from analytics.store import tables
from analytics.text import ascii_lower, fold_text
from analytics.places.gazetteer import Gazetteer, load_gazetteer
from analytics.settings import Settings

_PREFIX = re.compile(
    r"^(?:kecamatan|kec|desa|ds|kelurahan|kel|kampung|kp|dusun|dsn)\b\.?\s*", re.IGNORECASE
)

# Older or local spellings, folded to one form on both sides of the comparison.
SPELLING_VARIANTS = {
    "lung": "long",  # Mentarang Hulu: Lung Kebinu / Long Kebinu, …
    "lubok": "lubak",
    "semanggaris": "semengaris",
    "paliran": "peliran",
    "warot": "warod",
    # abbreviations of the office's own hand ("Sei Barang", "Lg. Loreh", "Mal. Sel. Hilir"); none is a token
    # of any official name, so each can only mean the word it stands for (tests/test_names.py checks)
    "sei": "sungai", "lg": "long", "mal": "malinau", "sel": "selatan", "utr": "utara", "brt": "barat",
    "hlr": "hilir",
}

KABUPATEN_KEYS = frozenset({"malinau", "kabupaten malinau", "malinau regency"})  # name_key of the kabupaten
# The smallest lead of the best fuzzy candidate over the second for an automatic match.
FUZZY_MIN_LEAD = 5.0


def clean_name(text: object) -> str:
    """Return text lower-cased, without accents, prefixes (Kec., Ds., Desa …) or punctuation."""
    value = ascii_lower(text).strip()
    previous = None
    while previous != value:  # "Desa Ds. X" and "KEC. X" alike
        previous = value
        value = _PREFIX.sub("", value).strip()
    return fold_text(value)


def name_key(text: object) -> str:
    """Return the matching key of a name: clean_name with known spelling variants folded."""
    return " ".join(SPELLING_VARIANTS.get(token, token) for token in clean_name(text).split())


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one name: a code (or None), how, how sure, and a suggestion."""

    kode: str | None
    nama: str | None
    method: str  # exact | kode | alias | ejaan | fuzzy | kosong | ambigu | tidak_dikenal | salah_kecamatan | nama_wilayah
    score: float
    suggestion: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """True when the name resolved to a code."""
        return self.kode is not None


@dataclass
class NameResolver:
    """Resolves kecamatan and desa names against a gazetteer plus user aliases."""

    gazetteer: Gazetteer
    aliases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["level", "alias_key", "kode"]))
    accept_score: float = 90.0
    suggest_score: float = 70.0

    def __post_init__(self) -> None:
        g = self.gazetteer
        self._kec_by_key = dict(zip(g.kecamatan["nama"].map(name_key), g.kecamatan["kode"]))
        self._kec_name = dict(zip(g.kecamatan["kode"], g.kecamatan["nama"]))
        self._desa_name = dict(zip(g.desa["kode"], g.desa["nama"]))
        self._desa_kec = dict(zip(g.desa["kode"], g.desa["kode_kecamatan"]))
        self._desa_by_key: dict[str, list[str]] = {}
        for kode, nama in zip(g.desa["kode"], g.desa["nama"]):
            self._desa_by_key.setdefault(name_key(nama), []).append(kode)
        self._alias = {
            (row.level, row.alias_key): row.kode for row in self.aliases.itertuples(index=False)
        }
        # Resolution is pure given the tables, so each distinct name is worked out once.
        self.resolve_kecamatan = lru_cache(maxsize=None)(self._resolve_kecamatan)
        self.resolve_desa = lru_cache(maxsize=None)(self._resolve_desa)

    def kecamatan_of(self, kode_desa: str) -> str | None:
        """Return the kode of the kecamatan a desa lies in (None for an unknown desa code)."""
        return self._desa_kec.get(kode_desa)

    def kecamatan_name(self, kode_kecamatan: str) -> str | None:
        """Return the official name of a kecamatan code (None for an unknown code)."""
        return self._kec_name.get(kode_kecamatan)

    # --- kecamatan
    def _resolve_kecamatan(self, text: str | None) -> Resolution:
        code = str(text or "").strip()
        if code in self._kec_name:  # a Kemendagri code as written ("65.02.03"), as phone forms send them
            return Resolution(code, self._kec_name[code], "kode", 100.0)
        key = name_key(text)
        if not key:
            return Resolution(None, None, "kosong", 0.0)
        if (kode := self._alias.get(("kecamatan", key))) is not None:
            return Resolution(kode, self._kec_name[kode], "alias", 100.0)
        if (kode := self._kec_by_key.get(key)) is not None:
            exact = clean_name(text) == clean_name(self._kec_name[kode])
            return Resolution(kode, self._kec_name[kode], "exact" if exact else "ejaan", 100.0)
        return self._fuzzy(key, self._kec_by_key, self._kec_name)

    # --- desa
    def _resolve_desa(self, text: str | None, kode_kecamatan: str | None = None) -> Resolution:
        code = str(text or "").strip()
        if code in self._desa_name:  # "65.02.06.2002"; only the dotted form: undotted digits may be BPS codes
            return self._check_kecamatan(Resolution(code, self._desa_name[code], "kode", 100.0), kode_kecamatan)
        key = name_key(text)
        if not key:
            return Resolution(None, None, "kosong", 0.0)
        if (kode := self._alias.get(("desa", key))) is not None:
            return self._check_kecamatan(
                Resolution(kode, self._desa_name[kode], "alias", 100.0), kode_kecamatan
            )
        candidates = self._desa_by_key.get(key, [])
        if kode_kecamatan:
            inside = [k for k in candidates if self._desa_kec[k] == kode_kecamatan]
            candidates = inside or candidates
        if len(candidates) == 1:
            kode = candidates[0]
            exact = clean_name(text) == clean_name(self._desa_name[kode])
            resolved = Resolution(kode, self._desa_name[kode], "exact" if exact else "ejaan", 100.0)
            return self._check_kecamatan(resolved, kode_kecamatan)
        if len(candidates) > 1:
            names = ", ".join(f"{self._desa_name[k]} ({self._kec_name[self._desa_kec[k]]})" for k in candidates)
            return Resolution(None, None, "ambigu", 100.0, detail=f"nama ini ada di beberapa kecamatan: {names}")
        # The name of the kabupaten or of a kecamatan ("Malinau", the town, in ACLED) is a place above desa
        # level: a near-miss desa ("Malinau Seberang") would move the event to the wrong village.
        if key in self._kec_by_key or key in KABUPATEN_KEYS:
            level = "kabupaten" if key in KABUPATEN_KEYS else "kecamatan"
            return Resolution(None, None, "nama_wilayah", 0.0, detail=level)
        # Fuzzy: within the kecamatan first (it disambiguates), then the whole kabupaten.
        if kode_kecamatan:
            local = {name_key(self._desa_name[k]): k for k in self._desa_name if self._desa_kec[k] == kode_kecamatan}
            found = self._fuzzy(key, local, self._desa_name)
            if found.ok:
                return found
        everywhere = {k2: codes[0] for k2, codes in self._desa_by_key.items() if len(codes) == 1}
        found = self._fuzzy(key, everywhere, self._desa_name)
        return self._check_kecamatan(found, kode_kecamatan) if found.ok else found

    def _check_kecamatan(self, resolved: Resolution, kode_kecamatan: str | None) -> Resolution:
        if not resolved.ok or not kode_kecamatan or self._desa_kec[resolved.kode] == kode_kecamatan:
            return resolved
        actual = self._kec_name[self._desa_kec[resolved.kode]]
        return Resolution(
            None,
            None,
            "salah_kecamatan",
            resolved.score,
            suggestion=f"{resolved.nama} (Kec. {actual})",
            detail=f"desa {resolved.nama} ada di Kecamatan {actual}, bukan {self._kec_name[kode_kecamatan]}",
        )

    def _fuzzy(self, key: str, choices: dict[str, str], names: dict[str, str]) -> Resolution:
        best = process.extract(key, list(choices), scorer=fuzz.WRatio, limit=2)
        if not best:
            return Resolution(None, None, "tidak_dikenal", 0.0)
        top_key, top_score, _ = best[0]
        lead = top_score - (best[1][1] if len(best) > 1 else 0.0)
        kode = choices[top_key]
        if top_score >= self.accept_score and lead >= FUZZY_MIN_LEAD:
            return Resolution(kode, names[kode], "fuzzy", round(top_score, 1))
        suggestion = names[kode] if top_score >= self.suggest_score else None
        return Resolution(None, None, "tidak_dikenal", round(top_score, 1), suggestion=suggestion)


def load_aliases(engine: sa.Engine) -> pd.DataFrame:
    """Return the user aliases stored in the database (level, alias_key, kode)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(tables.aliases.c.level, tables.aliases.c.alias_key, tables.aliases.c.kode))
        return pd.DataFrame(rows.fetchall(), columns=["level", "alias_key", "kode"])


# A place's other spelling: letters (any script), digits, spaces and the marks real names use.
ALIAS_MAX_LENGTH = 100
ALIAS_PUNCTUATION = " .,'’-/()"


def add_alias(engine: sa.Engine, level: str, alias: str, kode: str, user: str) -> None:
    """Store a user alias for a place (and audit it); ValueError when the alias is empty, too long or odd."""
    alias = " ".join(str(alias).split())
    key = name_key(alias)
    if not key:
        raise ValueError("Alias kosong")
    if len(alias) > ALIAS_MAX_LENGTH:
        raise ValueError(f"Alias terlalu panjang ({len(alias)} karakter; paling banyak {ALIAS_MAX_LENGTH}).")
    odd = sorted({c for c in alias if not (c.isalnum() or c in ALIAS_PUNCTUATION)})
    if odd:
        raise ValueError(f"Alias '{alias[:40]}' memuat tanda yang tidak dipakai dalam nama tempat: {' '.join(odd)} "
                         f"(boleh huruf, angka, spasi dan {ALIAS_PUNCTUATION.strip()}).")
    with engine.begin() as conn:
        conn.execute(sa.delete(tables.aliases).where(tables.aliases.c.level == level, tables.aliases.c.alias_key == key))
        conn.execute(
            sa.insert(tables.aliases).values(
                level=level, alias=alias, alias_key=key, kode=kode, created_by=user, created_at=datetime.now(timezone.utc)
            )
        )
        tables.record_audit(conn, user, "tambah_alias", kode, {"level": level, "alias": alias})


def build_resolver(engine: sa.Engine, settings: Settings) -> NameResolver:
    """Return a resolver with the stored aliases and the configured thresholds."""
    return NameResolver(
        load_gazetteer(),
        aliases=load_aliases(engine),
        accept_score=settings.name_accept_score,
        suggest_score=settings.name_suggest_score,
    )
