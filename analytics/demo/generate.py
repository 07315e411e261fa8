"""Demo data: a deterministic, plausible Malinau (kejadian and laporan berkala) for trials and backtests.

The world is designed from how local conflict unfolds, not from any model (docs/demo.md): persistent
tension that differs between desa, months-long disputes, seasons, a self-exciting process where one
incident raises the chance of another nearby, and elections that heat up a subset of voting desa
around campaign, vote and recapitulation. Every row is fictitious and marked DATA CONTOH.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.demo.incidents import DEMO_MARK, describe_events
from analytics.demo.reports import build_reports
from analytics.demo.world import (ELECTION_CAUSE, build_cause_rate, build_desa, build_election_rate,
                                  simulate_events)
from analytics.risk.elections import Calendar, load_calendar, wave_membership
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import DEFAULT_INDICATORS

DEFAULT_SEED = 20230530  # the day of the first Pilkades wave
DEFAULT_START = date(2022, 1, 1)
DEFAULT_END = date(2025, 6, 30)


@dataclass(frozen=True)
class DemoData:
    """The demo world's kejadian (IncidentRecord columns) and laporan berkala (ReportRecord columns)."""

    incidents: pd.DataFrame
    reports: pd.DataFrame


def generate_demo(seed: int = DEFAULT_SEED, start: date = DEFAULT_START, end: date = DEFAULT_END, *,
                  calendar: Calendar | None = None, indicators: list[str] | None = None) -> DemoData:
    """Return the demo kejadian and laporan berkala; the same seed and arguments give the same rows."""
    end = min(end, date.today())  # nothing in the future, even if asked
    days = pd.date_range(start, end, freq="D")
    if len(days) == 0:
        raise ValueError(f"Rentang tanggal demo kosong: {start} s.d. {end}")
    rng = np.random.default_rng(seed)
    desa, profile = build_desa(load_gazetteer().desa, rng)
    cause_rate = build_cause_rate(days, desa, profile, rng)
    calendar = calendar or load_calendar()
    waves, member = wave_membership(calendar, desa["kode"])
    election_rate, wave_of = build_election_rate(days, desa, waves, member, calendar.stages, rng)
    events = simulate_events(cause_rate, election_rate, desa, profile, rng)
    is_election = events["cause"].to_numpy() == ELECTION_CAUSE
    wave_index = wave_of[events["day"].to_numpy(), events["desa"].to_numpy()]
    wave_index = np.maximum(wave_index, 0)
    election = pd.DataFrame({
        "jenis": np.where(is_election, waves["jenis"].to_numpy(dtype=object)[wave_index], ""),
        "after_vote": days[events["day"].to_numpy()] >= pd.DatetimeIndex(waves["vote"])[wave_index],
    })
    incidents = describe_events(events, desa, election, days[0], rng)
    reports = build_reports(days, desa, cause_rate, election_rate, events,
                            list(indicators or DEFAULT_INDICATORS), rng)
    return DemoData(incidents=incidents, reports=reports)


def hash_frame(frame: pd.DataFrame) -> str:
    """Return the sha256 of a frame's CSV text (the demo 'file' identity in the uploads table)."""
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


def load_demo(engine: sa.Engine, *, user: str = "demo", seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Store the demo as two uploads marked is_demo; return rows inserted and duplicates per kind.

    Loading again adds nothing: every row is recognised as a duplicate and no upload is recorded.
    """
    from analytics.ingest.pipeline import commit_records

    data = generate_demo(seed=seed)
    counts: dict[str, int] = {}
    for kind, records, label, first in (
        ("kejadian", data.incidents, "kejadian", data.incidents["tanggal"]),
        ("laporan", data.reports, "laporan berkala", data.reports["periode_mulai"]),
    ):
        period = f"{first.min():%d-%m-%Y} s.d. {first.max():%d-%m-%Y}" if len(records) else "kosong"
        result = commit_records(
            engine, kind=kind, records=records, sha256=hash_frame(records), sheet=None, header_row=None,
            file_name=f"{DEMO_MARK} (demo) – {label} {period} (seed {seed})", user=user,
            rows_read=len(records), rows_rejected=0, is_demo=True,
        )
        counts[kind] = result.inserted
        counts[f"{kind}_duplikat"] = result.duplicates
    return counts


def write_demo_files(directory: Path | str) -> list[Path]:
    """Write the sample report files an analyst would upload (all rows fictitious); return their paths."""
    from analytics.demo.files import write_sample_files

    return write_sample_files(Path(directory), generate_demo())


__all__ = ["DEFAULT_SEED", "DemoData", "generate_demo", "load_demo", "write_demo_files"]
