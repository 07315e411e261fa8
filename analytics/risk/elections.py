"""The election calendar (Pilkades, Pemilu, Pilkada) as checked data, and lookups on it.

The calendar ships as data/elections.json; an administrator may override it with the setting
`election_calendar` (same JSON shape), so a future election is added without touching code.
Each election has one or more `putaran` (waves): a set of desa (a list of codes, or "semua")
voting on the same schedule of `tahapan` (stages), each an inclusive date range.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from analytics import DATA_DIR
from analytics.settings import Settings

CALENDAR_PATH = DATA_DIR / "elections.json"
VOTE_STAGE = "pemungutan suara"
STAGES = ("pencalonan", "kampanye", "masa tenang", VOTE_STAGE, "penghitungan", "rekapitulasi")
ALL_DESA = "semua"


class CalendarError(ValueError):
    """The election calendar is invalid; the message (Indonesian) names the entry and the field."""


class Stage(BaseModel):
    """One stage of an election: an inclusive date range."""

    model_config = ConfigDict(extra="forbid")
    tahap: Literal["pencalonan", "kampanye", "masa tenang", "pemungutan suara", "penghitungan", "rekapitulasi"]
    mulai: date
    selesai: date

    @model_validator(mode="after")
    def _check_order(self) -> "Stage":
        if self.selesai < self.mulai:
            raise ValueError(f"tahap '{self.tahap}' selesai ({self.selesai}) sebelum mulai ({self.mulai})")
        return self


class Wave(BaseModel):
    """A group of desa voting on one schedule (Pilkades runs in several waves)."""

    model_config = ConfigDict(extra="forbid")
    nama: str
    desa: list[str] | Literal["semua"]
    asumsi: bool = False
    catatan: str = ""
    tahapan: list[Stage] = Field(min_length=1)

    @field_validator("desa")
    @classmethod
    def _check_codes(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, list):
            bad = [code for code in value if not isinstance(code, str) or code.count(".") != 3]
            if bad:
                raise ValueError(f"kode desa tidak sah: {bad[:3]}")
            if len(set(value)) != len(value):
                raise ValueError("kode desa ganda dalam satu putaran")
        return value

    @model_validator(mode="after")
    def _check_vote(self) -> "Wave":
        if not any(s.tahap == VOTE_STAGE for s in self.tahapan):
            raise ValueError("tidak ada tahap 'pemungutan suara'")
        return self


class Election(BaseModel):
    """One election (e.g. Pemilu 2024) with its waves."""

    model_config = ConfigDict(extra="forbid")
    id: str
    nama: str
    jenis: Literal["pilkades", "pemilu", "pilkada", "lainnya"]
    putaran: list[Wave] = Field(min_length=1)


class CalendarModel(BaseModel):
    """The whole calendar file."""

    model_config = ConfigDict(extra="forbid")
    catatan: str = ""
    pemilihan: list[Election]


@dataclass(frozen=True)
class Calendar:
    """The checked calendar plus its flat stage table (one row per election × wave × stage)."""

    elections: tuple[Election, ...]
    stages: pd.DataFrame  # election_id, pemilihan, jenis, putaran, tahap, mulai, selesai, desa (tuple|None), asumsi


def _entry_name(raw: Any, loc: tuple) -> str:
    # Name the election (and wave) the error is in, so the admin can find it in the JSON.
    parts = []
    try:
        if len(loc) >= 2 and loc[0] == "pemilihan":
            election = raw["pemilihan"][loc[1]]
            parts.append(f"pemilihan '{election.get('nama', election.get('id', loc[1]))}'")
            if len(loc) >= 4 and loc[2] == "putaran":
                parts.append(f"putaran '{election['putaran'][loc[3]].get('nama', loc[3])}'")
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return ", ".join(parts) or "berkas kalender"


def parse_calendar(raw: dict | str, source: str = "kalender") -> Calendar:
    """Return a Calendar from a dict or JSON text; CalendarError (Indonesian) when invalid."""
    if isinstance(raw, (str, bytes)):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CalendarError(f"{source}: bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno}).") from exc
    try:
        model = CalendarModel.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise CalendarError(
            f"{source}: {_entry_name(raw, tuple(first['loc']))} tidak sah pada '{field}': {first['msg']}"
            f" (nilai: {first.get('input')!r})."
        ) from exc
    ids = [e.id for e in model.pemilihan]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CalendarError(f"{source}: id pemilihan ganda: {', '.join(dupes)}.")
    return Calendar(elections=tuple(model.pemilihan), stages=_flatten(model.pemilihan))


def _flatten(elections: list[Election]) -> pd.DataFrame:
    rows = []
    for election in elections:
        for wave in election.putaran:
            desa = None if wave.desa == ALL_DESA else tuple(wave.desa)
            for stage in wave.tahapan:
                rows.append(
                    {
                        "election_id": election.id,
                        "pemilihan": election.nama,
                        "jenis": election.jenis,
                        "putaran": wave.nama,
                        "tahap": stage.tahap,
                        "mulai": pd.Timestamp(stage.mulai),
                        "selesai": pd.Timestamp(stage.selesai),
                        "desa": desa,
                        "asumsi": wave.asumsi,
                    }
                )
    columns = ["election_id", "pemilihan", "jenis", "putaran", "tahap", "mulai", "selesai", "desa", "asumsi"]
    return pd.DataFrame(rows, columns=columns)


def load_calendar(source: str | Path | dict | None = None) -> Calendar:
    """Return the calendar from a path, a dict / JSON text (the stored setting), or data/elections.json."""
    if source is None or isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("{")):
        path = Path(source) if source is not None else CALENDAR_PATH
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CalendarError(f"Berkas kalender pemilihan tidak dapat dibaca: {path}") from exc
        return parse_calendar(text, source=path.name)
    return parse_calendar(source, source="pengaturan election_calendar")


def calendar_from_settings(settings: Settings) -> Calendar:
    """Return the stored calendar override when the admin set one, else the shipped file."""
    return load_calendar(settings.election_calendar or None)


def stage_on(calendar: Calendar, day: date | str, kode_desa: str) -> pd.DataFrame:
    """Return the stage rows (pemilihan, putaran, tahap, mulai, selesai) in force on day for that desa."""
    ts = pd.Timestamp(day)
    s = calendar.stages
    mask = (s["mulai"] <= ts) & (s["selesai"] >= ts)
    mask &= s["desa"].map(lambda d: d is None or kode_desa in d).astype(bool)
    return s.loc[mask, ["election_id", "pemilihan", "putaran", "tahap", "mulai", "selesai"]].reset_index(drop=True)


def days_to_next_vote(calendar: Calendar, day: date | str, kode_desa: str) -> int | None:
    """Return days from day to that desa's next vote day (0 on the day itself), None if none is scheduled."""
    ts = pd.Timestamp(day)
    s = calendar.stages
    votes = s[(s["tahap"] == VOTE_STAGE) & (s["mulai"] >= ts)]
    votes = votes[votes["desa"].map(lambda d: d is None or kode_desa in d).astype(bool)]
    return None if votes.empty else int((votes["mulai"].min() - ts).days)


def wave_membership(calendar: Calendar, desa_codes: pd.Index | list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Return (waves table with its vote day, bool matrix waves × desa saying which desa vote in each)."""
    codes = pd.Index(desa_codes)
    s = calendar.stages
    waves = (
        s[s["tahap"] == VOTE_STAGE]
        .groupby(["election_id", "putaran"], sort=False)
        .agg(pemilihan=("pemilihan", "first"), jenis=("jenis", "first"), vote=("mulai", "min"), desa=("desa", "first"))
        .reset_index()
    )
    member = np.zeros((len(waves), len(codes)), dtype=bool)
    for i, desa in enumerate(waves["desa"]):
        member[i] = True if desa is None else codes.isin(desa)
    return waves, member


def election_component(
    calendar: Calendar, desa_codes: pd.Index | list[str], days: np.ndarray, stage_weights: dict, window_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (pemilihan 0–100, days to the next vote or NaN) as desa × days arrays.

    pemilihan = max over the desa's waves of max(weight of the stage in force, 100·(1 − d/window))
    where d is days to that wave's vote (0 ≤ d ≤ window); 0 outside every window and stage.
    """
    codes = pd.Index(desa_codes)
    days = np.asarray(days, dtype="datetime64[D]")
    value = np.zeros((len(codes), len(days)))
    to_vote = np.full((len(codes), len(days)), np.inf)
    waves, member = wave_membership(calendar, codes)
    s = calendar.stages
    for i, wave in waves.iterrows():
        rows = member[i]
        if not rows.any():
            continue
        d = (np.datetime64(wave["vote"].date(), "D") - days).astype(int)
        ramp = np.where((d >= 0) & (d <= window_days), 100.0 * (1 - d / max(window_days, 1)), 0.0)
        stage_rows = s[(s["election_id"] == wave["election_id"]) & (s["putaran"] == wave["putaran"])]
        for _, stage in stage_rows.iterrows():
            on = (days >= np.datetime64(stage["mulai"].date(), "D")) & (days <= np.datetime64(stage["selesai"].date(), "D"))
            ramp = np.where(on, np.maximum(ramp, float(stage_weights.get(stage["tahap"], 0))), ramp)
        cols = np.flatnonzero(ramp > 0)
        if cols.size:
            value[np.ix_(rows, cols)] = np.maximum(value[np.ix_(rows, cols)], ramp[cols])
        ahead = np.flatnonzero(d >= 0)
        if ahead.size:
            to_vote[np.ix_(rows, ahead)] = np.minimum(to_vote[np.ix_(rows, ahead)], d[ahead])
    to_vote[np.isinf(to_vote)] = np.nan
    return value, to_vote


def election_bands(calendar: Calendar) -> pd.DataFrame:
    """Return stages (mulai, selesai, pemilihan, putaran, tahap, is_vote) for shaded bands and vote lines in charts."""
    s = calendar.stages
    bands = s[["mulai", "selesai", "pemilihan", "putaran", "tahap", "asumsi"]].copy()
    bands["is_vote"] = s["tahap"] == VOTE_STAGE
    # The dashboard shades each span one day past its last date so a one-day stage is visible.
    bands["selesai_eksklusif"] = bands["selesai"] + pd.Timedelta(days=1)
    return bands.sort_values(["mulai", "pemilihan"], ignore_index=True)
