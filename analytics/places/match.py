"""Joining the features of a boundary file to Malinau's gazetteer: by Kemendagri code, else by name.

Names go through the same NameResolver as spreadsheets, so an alias an analyst added for an upload
also matches a boundary file, and a misspelt WADMKD is accepted (with a note) or reported exactly
as a misspelt desa in a spreadsheet would be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analytics.places.files import FIELD_CANDIDATES, BoundaryError, normalise_code
from analytics.places.gazetteer import KABUPATEN_KODE, Gazetteer
from analytics.places.names import NameResolver, clean_name, name_key

LEVELS = ("kabupaten", "kecamatan", "desa")
_LEVEL_BY_CODE_LENGTH = {5: "kabupaten", 8: "kecamatan", 13: "desa"}


@dataclass
class FeatureMatch:
    """Where each feature went: its kode (None when unmatched), plus the lists the report shows."""

    level: str
    kode: pd.Series  # index = feature index, value = kode or None
    unmatched: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _is_outside(row: pd.Series, fields: dict[str, str]) -> bool:
    """True when the feature says it belongs to another kabupaten (by WADMKK or by its code)."""
    if "kabupaten" in fields:
        kab = name_key(row[fields["kabupaten"]])
        if kab and "malinau" not in kab:
            return True
    code = normalise_code(row[fields["kode"]]) if "kode" in fields else None
    return code is not None and not code.startswith(KABUPATEN_KODE)


def detect_level(frame: gpd.GeoDataFrame, fields: dict[str, str], resolver: NameResolver) -> str:
    """Return the level a file describes: from its code lengths, else its name column, else by trying."""
    if "kode" in fields:
        lengths = frame[fields["kode"]].map(normalise_code).dropna().map(len)
        if not lengths.empty and (level := _LEVEL_BY_CODE_LENGTH.get(int(lengths.mode().iloc[0]))):
            return level
    column = fields.get("nama", "").lower()
    for level, role in (("desa", "desa"), ("kecamatan", "kecamatan"), ("kabupaten", "kabupaten")):
        if column in FIELD_CANDIDATES[role]:
            return level
    if len(frame) == 1 and "malinau" in name_key(frame[fields["nama"]].iloc[0]):
        return "kabupaten"
    # A generic "nama": the level under which more names resolve (Malinau Kota is both a desa and a
    # kecamatan, so one name alone does not decide).
    names = frame[fields["nama"]].map(_text)
    desa_hits = sum(resolver.resolve_desa(n).ok for n in names)
    kec_hits = sum(resolver.resolve_kecamatan(n).ok for n in names)
    return "kecamatan" if kec_hits > desa_hits else "desa"


def _kecamatan_hint(row: pd.Series, fields: dict[str, str], resolver: NameResolver) -> str | None:
    """Return the kecamatan code a desa feature names (KDCPUM, else WADMKC resolved), if any."""
    if "kode_kecamatan" in fields and (code := normalise_code(row[fields["kode_kecamatan"]])):
        return code[:8]
    if "kecamatan" in fields:
        return resolver.resolve_kecamatan(_text(row[fields["kecamatan"]])).kode
    return None


def _label(row: pd.Series, fields: dict[str, str]) -> str:
    """Return how a feature is named in the report: its name, else its code, else its row number."""
    name = _text(row[fields["nama"]]) if "nama" in fields else ""
    code = _text(row[fields["kode"]]) if "kode" in fields else ""
    kec = _text(row[fields["kecamatan"]]) if "kecamatan" in fields else ""
    label = name or code or f"fitur ke-{int(row.name) + 1}"
    return f"{label} (Kec. {kec})" if kec and name else label


def match_features(
    frame: gpd.GeoDataFrame, fields: dict[str, str], level: str, resolver: NameResolver, gazetteer: Gazetteer
) -> FeatureMatch:
    """Return each feature's gazetteer code at level, with unmatched/outside names and fuzzy notes."""
    if level not in LEVELS:
        raise BoundaryError(f"Tingkat wilayah '{level}' tidak dikenal; gunakan desa, kecamatan atau kabupaten.")
    known = {
        "desa": set(gazetteer.desa["kode"]),
        "kecamatan": set(gazetteer.kecamatan["kode"]),
        "kabupaten": {KABUPATEN_KODE},
    }[level]
    result = FeatureMatch(level=level, kode=pd.Series(None, index=frame.index, dtype=object))
    for index, row in frame.iterrows():
        label = _label(row, fields)
        if _is_outside(row, fields):
            result.outside.append(label)
            continue
        code = normalise_code(row[fields["kode"]]) if "kode" in fields else None
        if code in known:
            result.kode[index] = code
            continue
        name = _text(row[fields["nama"]]) if "nama" in fields else ""
        if level == "kabupaten":
            resolved_kode = KABUPATEN_KODE if "malinau" in name_key(name) else None
            method, official = "exact", gazetteer.kabupaten
        else:
            if level == "desa":
                resolution = resolver.resolve_desa(name, _kecamatan_hint(row, fields, resolver))
            else:
                resolution = resolver.resolve_kecamatan(name)
            resolved_kode, method, official = resolution.kode, resolution.method, resolution.nama
            if not resolution.ok and resolution.suggestion:
                label = f"{label} — maksud Anda {resolution.suggestion}?"
        if resolved_kode is None:
            result.unmatched.append(label)
            continue
        result.kode[index] = resolved_kode
        if method in ("fuzzy", "ejaan", "alias") and clean_name(name) != clean_name(official):
            result.notes.append(f"'{name}' dicocokkan dengan {official} ({method})")
    return result
