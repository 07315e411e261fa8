"""What a Bahan Rakor shows, shared by the PDF and the PowerPoint: its context, titles and formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from analytics.views.static_figures import draw_risk_map, draw_trend_chart, render_png

# Columns that may name people or describe them; a briefing for the room never shows them.
PRIVATE_COLUMNS = frozenset({"pihak", "uraian", "catatan", "tindak_lanjut"})


PRIORITY_ROWS = 10


DEMO_NOTICE = "DATA CONTOH — bukan data sebenarnya"


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


@dataclass(frozen=True)
class Headline:
    """One headline number of the briefing: a label, its value and an optional short note."""

    label: str
    value: int | float | str
    note: str = ""


@dataclass(frozen=True)
class BriefingContext:
    """Everything a briefing shows; built by briefing_data.build_briefing_context or by hand in tests."""

    as_of: date
    period_start: date | None
    period_end: date | None
    sources: list[str] = field(default_factory=list)  # upload file names
    is_demo: bool = False
    scope: str = "Cakupan: seluruh Kabupaten Malinau · semua kategori"  # printed on every page and slide
    headlines: list[Headline] = field(default_factory=list)
    trend: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["bulan", "jumlah"]))
    priority: pd.DataFrame = field(default_factory=pd.DataFrame)  # display columns, best first
    levels: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["kode", "tingkat"]))
    boundaries: object = None  # GeoDataFrame with kode, geometry (or None)
    boundary_note: str = ""  # e.g. "Peta skematis: batas resmi belum diimpor"
    kecamatan: tuple[str, ...] = ()  # the kecamatan filter: only its Tinggi-and-above desa are numbered on the map
    cases: pd.DataFrame | None = None  # list_cases rows; None (not gathered) leaves the Tindak lanjut section out


def format_tanggal(day: date | None) -> str:
    """Return a date the Indonesian way ('27 November 2026'), or '–' for None."""
    if day is None or pd.isna(day):
        return "–"
    day = pd.Timestamp(day)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def format_number(value: int | float | str) -> str:
    """Return a number with Indonesian separators (1.234; 12,5); strings unchanged."""
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def briefing_title(context: BriefingContext) -> str:
    """Return the briefing's title: 'Bahan Rakor — <date>'."""
    return f"Bahan Rakor — {format_tanggal(context.as_of)}"


def period_text(context: BriefingContext) -> str:
    """Return the data period as one line of text."""
    return f"Periode data: {format_tanggal(context.period_start)} s.d. {format_tanggal(context.period_end)}"


def sources_text(context: BriefingContext) -> str:
    """Return the data sources as one line: how many uploads and their file names."""
    if not context.sources:
        return "Sumber data: belum ada berkas yang diunggah."
    names = ", ".join(context.sources[:8]) + (f", dan {len(context.sources) - 8} lainnya" if len(context.sources) > 8 else "")
    return f"Sumber data: {len(context.sources)} berkas unggahan ({names})."


def public_priority(priority: pd.DataFrame) -> pd.DataFrame:
    """Return the priority table without columns that could name people, as text, top rows only."""
    keep = [c for c in priority.columns if str(c).strip().lower() not in PRIVATE_COLUMNS]
    table = priority[keep].head(PRIORITY_ROWS)
    return table.map(lambda v: format_number(v) if isinstance(v, (int, float)) and not pd.isna(v) else ("" if pd.isna(v) else str(v)))


def draw_briefing_images(context: BriefingContext) -> tuple[bytes, bytes]:
    """Return (map PNG, trend PNG) for a briefing."""
    map_png = render_png(draw_risk_map(context.levels, context.boundaries, kecamatan=context.kecamatan))
    trend_png = render_png(draw_trend_chart(context.trend))
    return map_png, trend_png
