"""Place columns of an uploaded table → Kemendagri codes, resolved once per distinct (kecamatan, desa) pair.

A row with a kecamatan and no desa is a kecamatan-level record; a desa with no kecamatan takes the
kecamatan of that desa. Misspellings the resolver accepts are kept with a warning; everything else
is an error carrying the resolver's "maksud Anda …?" suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.places.names import NameResolver, Resolution

# Kabupaten Malinau with a small margin: coordinates outside are certainly wrong (swapped, or elsewhere).
MALINAU_BBOX = {"lat_min": 1.2, "lat_max": 4.4, "lon_min": 114.3, "lon_max": 117.0}


@dataclass
class PlaceOutcome:
    """What one distinct (kecamatan, desa) pair resolved to, with its errors and warnings."""

    kode_kecamatan: str | None = None
    kode_desa: str | None = None
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (field, value, message)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)


def _suggest(res: Resolution) -> str:
    return f"; maksud Anda {res.suggestion}?" if res.suggestion else ""


def _note_accepted(out: PlaceOutcome, fieldname: str, text: str, res: Resolution) -> None:
    # Accepted but not as written: the analyst should see how we read it.
    if res.method == "fuzzy":
        out.warnings.append((fieldname, text, f"'{text}' dibaca sebagai {res.nama} (kemiripan {res.score:.0f})"))
    elif res.method == "ejaan":
        out.warnings.append((fieldname, text, f"'{text}' (ejaan lama/lokal) dibaca sebagai {res.nama}"))


def resolve_pair(resolver: NameResolver, kecamatan: str, desa: str, *, lenient_desa: bool = False) -> PlaceOutcome:
    """Return the codes of one (kecamatan, desa) pair; lenient_desa keeps an unknown desa as a warning."""
    out = PlaceOutcome()
    kecamatan, desa = kecamatan.strip(), desa.strip()
    if not kecamatan and not desa:
        out.errors.append(("kecamatan", "", "Kecamatan dan desa kosong; isi minimal nama kecamatan"))
        return out
    kode_kec = None
    if kecamatan:
        res = resolver.resolve_kecamatan(kecamatan)
        if not res.ok:
            out.errors.append(
                ("kecamatan", kecamatan, f"Kecamatan '{kecamatan}' tidak dikenal di Kabupaten Malinau{_suggest(res)}")
            )
            return out
        kode_kec = res.kode
        _note_accepted(out, "kecamatan", kecamatan, res)
    out.kode_kecamatan = kode_kec
    if not desa:
        return out
    res = resolver.resolve_desa(desa, kode_kec)
    if res.ok:
        out.kode_desa = res.kode
        out.kode_kecamatan = resolver.kecamatan_of(res.kode)
        _note_accepted(out, "desa", desa, res)
        return out
    where = f" di Kecamatan {resolver.kecamatan_name(kode_kec)}" if kode_kec else " di Kabupaten Malinau"
    if res.method == "ambigu":
        message = f"Desa '{desa}' ambigu: {res.detail}; isi kolom kecamatan"
    elif res.method == "salah_kecamatan":
        message = f"Desa '{desa}' tidak ada{where}: {res.detail}{_suggest(res)}"
    else:
        message = f"Desa '{desa}' tidak dikenal{where}{_suggest(res)}"
    if lenient_desa and kode_kec:
        out.warnings.append(("desa", desa, message + "; dicatat sebagai kejadian tingkat kecamatan"))
    else:
        out.kode_kecamatan = None
        out.errors.append(("desa", desa, message))
    return out


def resolve_places(
    resolver: NameResolver, kecamatan: pd.Series, desa: pd.Series, *, lenient_desa: bool = False
) -> tuple[np.ndarray, list[PlaceOutcome]]:
    """Return (pair code per row, outcome per distinct pair): each pair is resolved only once."""
    kec_codes, kec_names = pd.factorize(kecamatan.to_numpy(dtype=object))
    desa_codes, desa_names = pd.factorize(desa.to_numpy(dtype=object))
    # one integer per (kecamatan, desa) pair: factorising integers is far cheaper than joined strings
    width = max(len(desa_names), 1)
    codes, pairs = pd.factorize(kec_codes.astype(np.int64) * width + desa_codes)
    outcomes = [resolve_pair(resolver, str(kec_names[pair // width]), str(desa_names[pair % width]),
                             lenient_desa=lenient_desa) for pair in pairs]
    return codes, outcomes


def check_coordinates(lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Return (lat, lon) as floats with unusable pairs set to NaN, and a mask of rows to warn about."""
    lat_t = np.array([str(v).strip() for v in lat.to_numpy(dtype=object)], dtype=object)
    lon_t = np.array([str(v).strip() for v in lon.to_numpy(dtype=object)], dtype=object)
    given = (lat_t != "") | (lon_t != "")
    if not given.any():  # most kejadian files have no coordinates at all
        empty = pd.Series(np.nan, index=lat.index, dtype=float)
        return empty, empty.copy(), given
    lat_f, lon_f = _read_numbers(lat_t, lat.index), _read_numbers(lon_t, lon.index)
    inside = (
        lat_f.between(MALINAU_BBOX["lat_min"], MALINAU_BBOX["lat_max"])
        & lon_f.between(MALINAU_BBOX["lon_min"], MALINAU_BBOX["lon_max"])
    )
    warn = given & ~inside.to_numpy()
    return lat_f.where(inside).astype(float), lon_f.where(inside).astype(float), warn


def _read_numbers(texts: np.ndarray, index: pd.Index) -> pd.Series:
    """Return text as floats (decimal comma allowed, NaN where unreadable), read once per distinct text."""
    codes, uniques = pd.factorize(texts)
    numbers = pd.to_numeric(pd.Series([str(u).strip().replace(",", ".") for u in uniques], dtype=object),
                            errors="coerce").to_numpy(dtype=float)
    return pd.Series(numbers[codes], index=index, dtype=float)
