"""What the Pengaturan page edits, as pure functions: which settings get number inputs, what changed,
and the election calendar edited one wave at a time (stored as the `election_calendar` setting).
"""

from __future__ import annotations

import copy
import json
from datetime import date

import pandas as pd
import sqlalchemy as sa

from analytics.risk.elections import ALL_DESA, CALENDAR_PATH, STAGES, parse_calendar
from analytics.settings import SETTINGS, Setting, Settings
from analytics.store import tables

def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numeric_settings(group: str | None = None) -> list[Setting]:
    """Return the settings edited with number inputs: a number, or a dict of numbers (weights, thresholds)."""
    chosen = []
    for setting in SETTINGS:
        if group is not None and setting.group != group:
            continue
        value = setting.default
        if _is_number(value) or (isinstance(value, dict) and value and all(_is_number(v) for v in value.values())):
            chosen.append(setting)
    return chosen


def setting_groups() -> list[str]:
    """Return the groups that have numeric settings, in declaration order."""
    return list(dict.fromkeys(s.group for s in numeric_settings()))


def coerce_like(default: object, value: object) -> object:
    """Return value as the default's type: an int setting stays an int, a float a float, dicts per key."""
    if isinstance(default, dict):
        return {key: coerce_like(default[key], value[key]) for key in default}
    return int(round(float(value))) if isinstance(default, int) else float(value)


def changed_settings(current: Settings, proposed: dict) -> dict:
    """Return {name: new value} for the proposed values that differ from the current ones."""
    return {name: value for name, value in proposed.items() if getattr(current, name, None) != value}


def check_thresholds(thresholds: dict) -> str | None:
    """Return an Indonesian message when risk level thresholds are not increasing within 0–100, else None."""
    values = [thresholds[k] for k in ("Sedang", "Tinggi", "Sangat Tinggi") if k in thresholds]
    if any(v < 0 or v > 100 for v in values):
        return "Batas tingkat risiko harus di antara 0 dan 100."
    if values != sorted(values) or len(set(values)) != len(values):
        return "Batas tingkat risiko harus naik: Sedang < Tinggi < Sangat Tinggi."
    return None


# --- election calendar ---------------------------------------------------------------------------

def calendar_raw(settings: Settings) -> dict:
    """Return the calendar in force as plain JSON data (the stored override, else data/elections.json)."""
    stored = settings.election_calendar
    if stored:
        return copy.deepcopy(json.loads(stored) if isinstance(stored, str) else stored)
    return json.loads(CALENDAR_PATH.read_text(encoding="utf-8"))


def calendar_table(stages: pd.DataFrame) -> pd.DataFrame:
    """Return the calendar's stage rows for display: dates, and how many desa vote ('semua' or a count)."""
    shown = stages[["pemilihan", "putaran", "tahap", "mulai", "selesai", "asumsi"]].copy()
    shown["desa"] = stages["desa"].map(lambda d: "semua" if d is None else f"{len(d)} desa")
    for name in ("mulai", "selesai"):
        shown[name] = pd.to_datetime(shown[name]).dt.strftime("%d/%m/%Y")
    return shown


def wave_of(raw: dict, election_id: str, wave_name: str) -> dict:
    """Return one wave (putaran) of one election from calendar data (KeyError if absent)."""
    for election in raw["pemilihan"]:
        if election["id"] == election_id:
            for wave in election["putaran"]:
                if wave["nama"] == wave_name:
                    return wave
    raise KeyError(f"{election_id}/{wave_name}")


def stages_frame(wave: dict) -> pd.DataFrame:
    """Return a wave's stages as a table (tahap, mulai, selesai as dates) for editing."""
    rows = [{"tahap": s["tahap"], "mulai": date.fromisoformat(str(s["mulai"])),
             "selesai": date.fromisoformat(str(s["selesai"]))} for s in wave["tahapan"]]
    return pd.DataFrame(rows, columns=["tahap", "mulai", "selesai"])


def replace_wave(raw: dict, election_id: str, wave_name: str, desa: list[str] | str,
                 stages: pd.DataFrame) -> dict:
    """Return calendar data with one wave's desa and stages replaced, checked (CalendarError if invalid)."""
    new = copy.deepcopy(raw)
    wave = wave_of(new, election_id, wave_name)
    wave["desa"] = ALL_DESA if desa == ALL_DESA else sorted(desa)
    rows = stages.dropna(how="all")
    wave["tahapan"] = [
        {"tahap": str(r.tahap), "mulai": pd.Timestamp(r.mulai).date().isoformat(),
         "selesai": pd.Timestamp(r.selesai).date().isoformat()}
        for r in rows.itertuples(index=False)
    ]
    wave["asumsi"] = False  # an administrator has now set this wave explicitly
    parse_calendar(new, source="kalender yang diubah")
    return new


def stage_choices() -> list[str]:
    """Return the stage names a wave may have, in their order."""
    return list(STAGES)


# --- synonyms and aliases, as tables to show --------------------------------------------------

def read_user_synonyms(engine: sa.Engine) -> pd.DataFrame:
    """Return the synonyms users added (frasa, kategori, oleh, waktu), newest first."""
    t = tables.category_synonyms
    query = sa.select(t.c.phrase, t.c.kategori, t.c.created_by, t.c.created_at).order_by(t.c.created_at.desc())
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["Frasa", "Kategori", "Oleh", "Waktu"])


def read_user_aliases(engine: sa.Engine, names: dict[str, str]) -> pd.DataFrame:
    """Return the place-name aliases users added (tingkat, alias, tempat, oleh, waktu), newest first."""
    t = tables.aliases
    query = sa.select(t.c.level, t.c.alias, t.c.kode, t.c.created_by, t.c.created_at).order_by(t.c.created_at.desc())
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["Tingkat", "Alias", "Kode", "Oleh", "Waktu"])
    frame.insert(3, "Nama resmi", frame["Kode"].map(names))
    return frame
