"""Gathering a Bahan Rakor from the store: the same numbers Ringkasan shows, for the same kecamatan and kategori.

Headline numbers come from analytics.summary and the priority table from analytics.risk/explain, so
the printed briefing and the dashboard never disagree for the same period.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from analytics import clock
from analytics.briefing.model import BriefingContext, Headline
from analytics.i18n.catalog import t
from analytics.ingest.categories import CATEGORY_LABELS
from analytics.penanganan.cases import list_cases
from analytics.penanganan.listing import public_cases
from analytics.places.boundaries import read_boundaries
from analytics.places.gazetteer import load_gazetteer
from analytics.places.schematic import schematic_places
from analytics.risk import explain
from analytics.risk.inputs import read_risk_inputs
from analytics.risk.score import score_desa
from analytics.store.queries import has_demo_data
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
    """Return the priority desa as the briefing prints them (Peringkat, Desa, Kecamatan, Peluang, Tingkat, Alasan)."""
    if top.empty:
        return pd.DataFrame(columns=["Peringkat", "Desa", "Kecamatan", "Peluang", "Tingkat", "Alasan utama"])
    return pd.DataFrame({
        "Peringkat": range(1, len(top) + 1),
        "Desa": top["nama"].to_numpy(),
        "Kecamatan": top["kecamatan"].to_numpy(),
        "Peluang": [f"{s:.0f}%" for s in top["skor"]],  # skor is the chance of ≥ 1 kejadian in 30 days, in %
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


def scope_text(kecamatan: tuple[str, ...] = (), kategori: tuple[str, ...] = ()) -> str:
    """Return what a briefing covers, in words: 'Cakupan: Kecamatan A, B · kategori: Lahan' (all when empty)."""
    names = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    places = ("Kecamatan " + ", ".join(names.get(code, code) for code in sorted(kecamatan))
              if kecamatan else "seluruh Kabupaten Malinau")
    kinds = ("kategori: " + ", ".join(CATEGORY_LABELS.get(code, code) for code in sorted(kategori))
             if kategori else "semua kategori")
    return f"Cakupan: {places} · {kinds}"


def build_briefing_context(engine: sa.Engine, start: date | None = None, end: date | None = None,
                           lang: str = "id", today: date | None = None, days: int = DEFAULT_DAYS,
                           kecamatan: tuple[str, ...] = (), kategori: tuple[str, ...] = ()) -> BriefingContext:
    """Return everything a briefing shows for [start, end] in the chosen kecamatan and kategori (empty = all).

    The scope follows the dashboard's filters exactly as Ringkasan applies them (summary.period_headline),
    and is printed on every page. Default period: the last `days` days of the data. `today` is the date in
    the title (default: the real today).
    """
    kecamatan, kategori = tuple(sorted(kecamatan)), tuple(sorted(kategori))
    inputs = read_risk_inputs(engine)  # the one bundle the CLI, backtest and dashboard score from
    incidents, reports, settings, calendar = inputs.incidents, inputs.reports, inputs.settings, inputs.calendar
    border = inputs.border_km
    end = end or summary.data_period(incidents, days=days)[1]
    start = start or end - timedelta(days=days - 1)
    _, prev_end = summary.previous_period(start, end)
    as_of = end + timedelta(days=1)  # scores use data strictly before as_of: the period's last day included
    foreigners = inputs.foreigners
    chosen = summary.filter_incidents(incidents, kategori=kategori)  # scores on the chosen kategori, as on screen
    scores_now, scores_before = (
        score_desa(chosen, reports, calendar, settings, day, border_km=border, foreigners=foreigners)
        for day in (as_of, prev_end + timedelta(days=1))
    )
    desa = load_gazetteer().desa
    n_desa = int(desa["kode_kecamatan"].isin(kecamatan).sum()) if kecamatan else len(desa)
    metrics = summary.period_headline(incidents, reports, (scores_now, scores_before), start, end, kecamatan,
                                      kategori, n_desa, settings.report_period_days)
    top = summary.priority_desa(scores_now, kecamatan, n=10)
    reasons = (explain.reason_lines(top, chosen, reports, calendar, settings, as_of, border, lang)
               if not top.empty else pd.Series(dtype=object))
    uploads = list_uploads(engine)
    live = uploads[uploads["deleted_at"].isna()]
    shapes = read_boundaries(engine, "desa")
    note = ""
    if shapes.empty:
        shapes = schematic_places("desa")
        note = "Peta skematis (petak per desa, bukan batas resmi): batas wilayah resmi belum diimpor."
    return BriefingContext(
        as_of=today or clock.today(),
        period_start=start,
        period_end=end,
        sources=list(live["file_name"]),
        is_demo=has_demo_data(engine),
        scope=scope_text(kecamatan, kategori),
        headlines=_headlines(metrics, lang),
        trend=monthly_counts(summary.filter_incidents(incidents, kecamatan=kecamatan, kategori=kategori), end),
        priority=priority_table(top, reasons),
        levels=scores_now[["kode", "tingkat", "skor"]],
        boundaries=shapes,
        boundary_note=note,
        kecamatan=tuple(kecamatan),
        # Only counts, places and agencies reach the briefing: the free text is dropped before it.
        cases=public_cases(list_cases(engine, as_of=today or clock.today())),
    )
