"""Gathering a Bahan Rakor from the store: the same numbers Ringkasan shows, for the whole kabupaten.

Headline numbers come from analytics.summary and the priority table from analytics.risk/explain, so
the printed briefing and the dashboard never disagree for the same period.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from analytics.briefing.model import BriefingContext, Headline
from analytics.i18n.catalog import t
from analytics.penanganan.cases import list_cases
from analytics.penanganan.listing import public_cases
from analytics.places.boundaries import border_distances, read_boundaries
from analytics.places.gazetteer import load_gazetteer
from analytics.places.schematic import schematic_places
from analytics.risk import explain
from analytics.risk.elections import calendar_from_settings
from analytics.risk.inputs import read_foreigner_register
from analytics.risk.score import score_desa
from analytics.settings import read_settings
from analytics.store.queries import has_demo_data, read_incidents, read_reports
from analytics.store.uploads import list_uploads
from analytics.views import summary

DEFAULT_DAYS = 90  # the dashboard's default period, so a briefing matches what Ringkasan opened with
TREND_MONTHS = 12
HEADLINE_KEYS = ("kejadian", "meninggal", "luka", "desa_tinggi", "laporan")


def monthly_counts(incidents: pd.DataFrame, end: date, months: int = TREND_MONTHS) -> pd.DataFrame:
    """Return kejadian per calendar month (bulan, jumlah) for the `months` months ending with end's month, zeros kept."""
    last = pd.Timestamp(end).to_period("M")
    periods = pd.period_range(last - (months - 1), last, freq="M")
    if incidents.empty:
        counts = pd.Series(0, index=periods)
    else:
        month = pd.to_datetime(incidents["tanggal"]).dt.to_period("M")
        counts = month[month.isin(periods) & (pd.to_datetime(incidents["tanggal"]) <= pd.Timestamp(end))]
        counts = counts.value_counts().reindex(periods, fill_value=0)
    return pd.DataFrame({"bulan": periods.start_time, "jumlah": counts.to_numpy(dtype="int64")})


def priority_table(top: pd.DataFrame, reasons: pd.Series) -> pd.DataFrame:
    """Return the priority desa as the briefing prints them (Peringkat, Desa, Kecamatan, Skor, Tingkat, Alasan)."""
    if top.empty:
        return pd.DataFrame(columns=["Peringkat", "Desa", "Kecamatan", "Skor", "Tingkat", "Alasan utama"])
    return pd.DataFrame({
        "Peringkat": range(1, len(top) + 1),
        "Desa": top["nama"].to_numpy(),
        "Kecamatan": top["kecamatan"].to_numpy(),
        "Skor": top["skor"].round(0).astype(int).to_numpy(),
        "Tingkat": top["tingkat"].to_numpy(),
        "Alasan utama": reasons.to_numpy(),
    })


def _headlines(frame: pd.DataFrame, lang: str) -> list[Headline]:
    out = []
    for row in frame.itertuples():
        change = int(row.selisih)
        note = "sama dengan periode sebelumnya" if change == 0 else f"{change:+d} dari periode sebelumnya"
        if row.key == "laporan" and row.diharapkan is not None:
            note = f"dari {int(row.diharapkan)} yang diharapkan"
        out.append(Headline(t(f"metric_{row.key}", lang), int(row.kini), note))
    return out


def build_briefing_context(engine: sa.Engine, start: date | None = None, end: date | None = None,
                           lang: str = "id", today: date | None = None,
                           days: int = DEFAULT_DAYS) -> BriefingContext:
    """Return everything a briefing shows for [start, end] (default: the last `days` days of the data).

    `today` is the date in the title (default: the real today).
    """
    incidents, reports = read_incidents(engine), read_reports(engine)
    settings = read_settings(engine)
    calendar = calendar_from_settings(settings)
    border = border_distances(engine)
    border = None if border.empty else border
    end = end or summary.data_period(incidents, days=days)[1]
    start = start or end - timedelta(days=days - 1)
    prev_start, prev_end = summary.previous_period(start, end)
    as_of = end + timedelta(days=1)  # scores use data strictly before as_of: the period's last day included
    foreigners = read_foreigner_register(engine)
    scores_now = score_desa(incidents, reports, calendar, settings, as_of, border_km=border, foreigners=foreigners)
    scores_before = score_desa(incidents, reports, calendar, settings, prev_end + timedelta(days=1), border_km=border,
                               foreigners=foreigners)
    n_desa, period_days = len(load_gazetteer().desa), settings.report_period_days
    metrics = summary.headline_metrics(
        summary.filter_incidents(incidents, start, end),
        summary.filter_incidents(incidents, prev_start, prev_end),
        reports=(summary.count_reports(reports, start, end, (), n_desa, period_days),
                 summary.count_reports(reports, prev_start, prev_end, (), n_desa, period_days)),
        high_desa=(summary.count_high_desa(scores_now), summary.count_high_desa(scores_before)),
    )
    top = summary.priority_desa(scores_now, n=10)
    reasons = (explain.reason_lines(top, incidents, reports, calendar, settings, as_of, border)
               if not top.empty else pd.Series(dtype=object))
    uploads = list_uploads(engine)
    live = uploads[uploads["deleted_at"].isna()]
    shapes = read_boundaries(engine, "desa")
    note = ""
    if shapes.empty:
        shapes = schematic_places("desa")
        note = "Peta skematis (petak per desa, bukan batas resmi): batas wilayah resmi belum diimpor."
    return BriefingContext(
        as_of=today or date.today(),
        period_start=start,
        period_end=end,
        sources=list(live["file_name"]),
        is_demo=has_demo_data(engine),
        headlines=_headlines(metrics, lang),
        trend=monthly_counts(incidents, end),
        priority=priority_table(top, reasons),
        levels=scores_now[["kode", "tingkat"]],
        boundaries=shapes,
        boundary_note=note,
        # Only counts, places and agencies reach the briefing: the free text is dropped before it.
        cases=public_cases(list_cases(engine, as_of=today or date.today())),
    )
