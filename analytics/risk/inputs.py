"""Everything the risk score reads from the store, gathered in ONE bundle read once (CLI, backtest and dashboard share it)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from analytics.asing.queries import read_foreigners
from analytics.risk.elections import Calendar, calendar_from_settings
from analytics.settings import Settings, read_settings
from analytics.store import tables
from analytics.store.queries import read_incidents, read_reports


@dataclass(frozen=True)
class RiskInputs:
    """Kejadian, laporan, calendar, settings and (when a boundary file is loaded) each desa's km to the border."""

    incidents: pd.DataFrame
    reports: pd.DataFrame
    calendar: Calendar
    settings: Settings
    border_km: pd.Series | None
    foreigners: pd.DataFrame | None = None  # register of orang asing (analytics/foreigners.py); None when empty


def read_risk_inputs(engine: sa.Engine) -> RiskInputs:
    """Return the risk score's inputs as stored now."""
    settings = read_settings(engine)
    return RiskInputs(
        incidents=read_incidents(engine),
        reports=read_reports(engine),
        calendar=calendar_from_settings(settings),
        settings=settings,
        border_km=read_border_km(engine),
        foreigners=read_foreigner_register(engine),
    )


def read_foreigner_register(engine: sa.Engine) -> pd.DataFrame | None:
    """Return the aggregate register of orang asing / TKA (no personal details), or None when empty."""

    frame = read_foreigners(engine)
    return frame if len(frame) else None


def border_distances(engine: sa.Engine) -> pd.Series:
    """Return each desa's distance (km) to the kabupaten's outer boundary, indexed by kode (empty if none).

    The one reader of the stored distances (written by boundaries.import_boundaries); kept here, away from
    geopandas, so the `score` command starts fast.
    """
    b = tables.boundaries
    query = (sa.select(b.c.kode, b.c.border_distance_km)
             .where(b.c.level == "desa", b.c.border_distance_km.is_not(None)).order_by(b.c.kode))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.Series([r[1] for r in rows], index=pd.Index([r[0] for r in rows], name="kode"),
                     name="border_distance_km", dtype=float)


def read_border_km(engine: sa.Engine) -> pd.Series | None:
    """Return border_distances, or None when no boundary file gave any (the score then uses the border kecamatan list)."""
    distances = border_distances(engine)
    return None if distances.empty else distances


def score_desa_from(inputs: RiskInputs, as_of, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return risk.score_desa on the bundle: one row per desa with skor, tingkat, perkiraan, peluang, components."""
    from analytics.risk.score import (
        score_desa,  # risk imports the forecast stack; commands that only read skip it
    )

    return score_desa(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, as_of, places=places,
                      border_km=inputs.border_km, foreigners=inputs.foreigners)


def score_series_from(inputs: RiskInputs, freq: str = "W", start=None, end=None,
                      places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return risk.score_series on the bundle (one row per desa per week or month)."""
    from analytics.risk.score import score_series

    return score_series(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, freq=freq, start=start,
                        end=end, places=places, border_km=inputs.border_km, foreigners=inputs.foreigners)
