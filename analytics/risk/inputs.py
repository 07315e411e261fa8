"""Everything the risk score reads from the store, gathered in one call (commands and dashboard share it)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from analytics.store import tables
from analytics.risk.elections import Calendar, calendar_from_settings
from analytics.asing.register import read_foreigners
from analytics.store.queries import read_incidents, read_reports
from analytics.settings import read_settings, Settings


@dataclass(frozen=True)
class RiskInputs:
    """Kejadian, laporan, calendar, settings and (when a boundary file is loaded) each desa's km to the border."""

    incidents: pd.DataFrame
    reports: pd.DataFrame
    calendar: Calendar
    settings: Settings
    border_km: pd.Series | None
    foreigners: pd.DataFrame | None = None  # register of orang asing (analytics/foreigners.py); None when empty


def read_border_distances(engine: sa.Engine) -> pd.Series | None:
    """Return kode desa → distance to the kabupaten's outer boundary (km), None when no boundary file is loaded."""
    b = tables.boundaries
    query = sa.select(b.c.kode, b.c.border_distance_km).where(b.c.level == "desa", b.c.border_distance_km.is_not(None))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return None
    return pd.Series({kode: float(km) for kode, km in rows}, name="border_distance_km")


def read_risk_inputs(engine: sa.Engine) -> RiskInputs:
    """Return the risk score's inputs as stored now."""
    settings = read_settings(engine)
    return RiskInputs(
        incidents=read_incidents(engine),
        reports=read_reports(engine),
        calendar=calendar_from_settings(settings),
        settings=settings,
        border_km=read_border_distances(engine),
        foreigners=read_foreigner_register(engine),
    )


def read_foreigner_register(engine: sa.Engine) -> pd.DataFrame | None:
    """Return the aggregate register of orang asing / TKA (no personal details), or None when empty."""

    frame = read_foreigners(engine)
    return frame if len(frame) else None
