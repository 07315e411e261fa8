"""Rules of a tindak lanjut (case) that need no store: statuses and moves, generated titles, overdue, redaction.

Status flow: baru → dalam penanganan → selesai | dipantau. A case that is selesai or dipantau can
be reopened (back to dalam penanganan) only with a reason. Overdue = the due date has passed
(as_of > jatuh_tempo) and the status is baru or dalam penanganan: a case under monitoring
(dipantau) has done what it had to and is not overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analytics.ingest.categories import CATEGORY_LABELS
from analytics.places.gazetteer import load_gazetteer

STATUSES = ("baru", "dalam penanganan", "selesai", "dipantau")
OPEN_STATUSES = ("baru", "dalam penanganan", "dipantau")  # a place with one of these has an open case
ACTIVE_STATUSES = ("baru", "dalam penanganan")  # these can be overdue
SOURCES = ("peringatan", "kejadian", "manual", "rakor")
# Allowed moves; a move back to 'dalam penanganan' from selesai/dipantau is a reopen and needs a reason.
TRANSITIONS = {
    "baru": ("dalam penanganan",),
    "dalam penanganan": ("selesai", "dipantau"),
    "dipantau": ("selesai", "dalam penanganan"),
    "selesai": ("dalam penanganan",),
}
REOPEN_FROM = ("selesai", "dipantau")
# Free text that may name people: dropped for pimpinan (redact_cases / redact_actions).
FREE_TEXT_COLUMNS = ("judul", "uraian")
ACTION_FREE_TEXT_COLUMNS = ("uraian", "pelaku")


class CaseError(ValueError):
    """A change a case cannot take (unknown case, invalid status move, unknown place); message in Indonesian."""


@dataclass(frozen=True)
class CaseFilters:
    """Which cases list_cases returns: None means any."""

    status: tuple[str, ...] | None = None
    kode: str | None = None  # a desa or kecamatan kode; a kecamatan also matches cases on its desa
    instansi: str | None = None
    kategori: str | None = None
    sumber: str | None = None
    overdue_only: bool = False
    open_only: bool = False


@dataclass
class CaseDetail:
    """One case: its row (dict), places (kode, level, nama), dated entries, and linked kejadian ids."""

    case: dict
    places: pd.DataFrame
    actions: pd.DataFrame
    incident_ids: list[int] = field(default_factory=list)


def check_transition(old: str, new: str, note: str | None) -> None:
    """Return None when old → new is allowed, else raise CaseError (a reopen needs a non-empty note)."""
    if new not in STATUSES:
        raise CaseError(f"Status tidak dikenal: '{new}' (pilihan: {', '.join(STATUSES)}).")
    if new not in TRANSITIONS.get(old, ()):
        allowed = ", ".join(TRANSITIONS.get(old, ())) or "tidak ada"
        raise CaseError(f"Status '{old}' tidak dapat diubah menjadi '{new}' (yang boleh: {allowed}).")
    if old in REOPEN_FROM and new == "dalam penanganan" and not (note or "").strip():
        raise CaseError(f"Membuka kembali tindak lanjut berstatus '{old}' memerlukan alasan.")


def place_level(kode: str) -> str:
    """Return 'desa' for a 4-part Kemendagri kode (65.02.01.2002), 'kecamatan' for a 3-part one."""
    return "desa" if str(kode).count(".") == 3 else "kecamatan"


def place_names() -> dict[str, str]:
    """Return kode → display name for every desa ('Desa X, Kec. Y') and kecamatan ('Kec. Y')."""
    gaz = load_gazetteer()
    names = {k: f"Kec. {n}" for k, n in zip(gaz.kecamatan["kode"], gaz.kecamatan["nama"])}
    names.update({k: f"{n}, Kec. {kec}" for k, n, kec in zip(gaz.desa["kode"], gaz.desa["nama"], gaz.desa["kecamatan"])})
    return names


def generated_title(kodes: list[str], kategori: str | None, prefix: str | None = None) -> str:
    """Return the judul_umum built only from places and kategori (safe to show pimpinan)."""
    names = place_names()
    shown = [names.get(k, k) for k in kodes[:2]] + ([f"+{len(kodes) - 2} lainnya"] if len(kodes) > 2 else [])
    what = prefix or (CATEGORY_LABELS.get(kategori, kategori) if kategori else "Tindak lanjut")
    return f"{what} — {'; '.join(shown)}"


def flag_overdue(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return frame with `terlambat` (bool) and `hari_terlambat` (days past jatuh_tempo, 0 if not overdue)."""
    out = frame.copy()
    due = pd.to_datetime(out["jatuh_tempo"]) if len(out) else pd.Series([], dtype="datetime64[ns]")
    days = (pd.Timestamp(as_of) - due).dt.days
    # The due day itself is still on time; dipantau and selesai are never overdue.
    out["terlambat"] = (days > 0).fillna(False).astype(bool) & out["status"].isin(ACTIVE_STATUSES)
    out["hari_terlambat"] = days.where(out["terlambat"], 0).fillna(0).astype(int)
    return out


def redact_cases(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the case table without free-text columns (judul, uraian): pimpinan see judul_umum only."""
    return frame.drop(columns=[c for c in FREE_TEXT_COLUMNS if c in frame.columns])


def redact_actions(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the entries table without who/what free text: date, jenis and status_baru only."""
    return frame.drop(columns=[c for c in ACTION_FREE_TEXT_COLUMNS if c in frame.columns])
