"""The dashboard's headline numbers, worked out from the store's frames (pure pandas, no Streamlit)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd

from analytics import clock
from analytics.risk.elections import VOTE_STAGE, Calendar
from analytics.views import plain_words

TINGKAT_ORDER: tuple[str, ...] = ("Rendah", "Sedang", "Tinggi", "Sangat Tinggi")
HIGH_BANDS = frozenset({"Tinggi", "Sangat Tinggi"})
# Incident columns that identify or describe people; hidden from pimpinan and from Mode Rapat.
PERSONAL_COLUMNS: tuple[str, ...] = ("uraian", "pihak", "tindak_lanjut", "sumber", "lat", "lon")


def data_period(incidents: pd.DataFrame, days: int = 90, today: date | None = None) -> tuple[date, date]:
    """Return (start, end) of the last `days` days of the data (ending today when there is none)."""
    if incidents.empty:
        end = today or clock.today()
    else:
        end = pd.Timestamp(incidents["tanggal"].max()).date()
    return end - timedelta(days=days - 1), end


def previous_period(start: date, end: date) -> tuple[date, date]:
    """Return the period of equal length that ends the day before start."""
    length = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    return prev_end - timedelta(days=length - 1), prev_end


def filter_incidents(
    incidents: pd.DataFrame,
    start: date | None = None,
    end: date | None = None,
    kecamatan: tuple[str, ...] = (),
    kategori: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Return the kejadian inside [start, end] (inclusive), in the kecamatan and kategori given (empty = all)."""
    mask = pd.Series(True, index=incidents.index)
    if start is not None:
        mask &= incidents["tanggal"] >= pd.Timestamp(start)
    if end is not None:
        mask &= incidents["tanggal"] <= pd.Timestamp(end)
    if kecamatan:
        mask &= incidents["kode_kecamatan"].isin(kecamatan)
    if kategori:
        mask &= incidents["kategori"].isin(kategori)
    return incidents[mask]


def count_reports(
    reports: pd.DataFrame, start: date, end: date, kecamatan: tuple[str, ...], n_desa: int, period_days: int
) -> tuple[int, int]:
    """Return (laporan berkala received, expected) in [start, end].

    Received: distinct (place, period start) among reports whose period starts in the window.
    Expected: one report per desa in scope per report period: n_desa × ceil(days / period_days).
    """
    days = (end - start).days + 1
    expected = n_desa * math.ceil(days / max(period_days, 1))
    if reports.empty:
        return 0, expected
    mask = (reports["periode_mulai"] >= pd.Timestamp(start)) & (reports["periode_mulai"] <= pd.Timestamp(end))
    if kecamatan:
        mask &= reports["kode_kecamatan"].isin(kecamatan)
    window = reports[mask]
    place = window["kode_desa"].fillna(window["kode_kecamatan"])
    received = pd.DataFrame({"place": place, "mulai": window["periode_mulai"]}).drop_duplicates()
    return len(received), expected


def count_high_desa(scores: pd.DataFrame, kecamatan: tuple[str, ...] = ()) -> int:
    """Return how many desa are at Tinggi or Sangat Tinggi (in the kecamatan given, empty = all)."""
    if scores.empty:
        return 0
    chosen = scores[scores["kode_kecamatan"].isin(kecamatan)] if kecamatan else scores
    return int(chosen["tingkat"].isin(HIGH_BANDS).sum())


def headline_metrics(
    now: pd.DataFrame,
    before: pd.DataFrame,
    reports: tuple[tuple[int, int], tuple[int, int]],
    high_desa: tuple[int, int],
) -> pd.DataFrame:
    """Return one row per headline metric: key, kini, sebelum, selisih (kini − sebelum).

    now / before: the filtered kejadian of this period and of the previous equal period;
    reports: ((received, expected) now, before); high_desa: (count now, count before).
    """
    rows = [
        ("kejadian", len(now), len(before)),
        ("meninggal", int(now["korban_meninggal"].sum()), int(before["korban_meninggal"].sum())),
        ("luka", int(now["korban_luka"].sum()), int(before["korban_luka"].sum())),
        ("desa_tinggi", high_desa[0], high_desa[1]),
        ("laporan", reports[0][0], reports[1][0]),
    ]
    frame = pd.DataFrame(rows, columns=["key", "kini", "sebelum"])
    frame["selisih"] = frame["kini"] - frame["sebelum"]
    frame["diharapkan"] = [None, None, None, None, reports[0][1]]
    return frame


def band_changes(scores_now: pd.DataFrame, scores_before: pd.DataFrame, kecamatan: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return desa whose tingkat changed: kode, nama, kode_kecamatan, sebelum, kini, naik (bool); rises first."""
    columns = ["kode", "nama", "kode_kecamatan", "sebelum", "kini", "naik"]
    if scores_now.empty or scores_before.empty:
        return pd.DataFrame(columns=columns)
    if kecamatan:
        scores_now = scores_now[scores_now["kode_kecamatan"].isin(kecamatan)]
    merged = scores_now[["kode", "nama", "kode_kecamatan", "tingkat", "skor"]].merge(
        scores_before[["kode", "tingkat"]].rename(columns={"tingkat": "sebelum"}), on="kode"
    )
    merged = merged.rename(columns={"tingkat": "kini"})
    merged = merged[merged["kini"] != merged["sebelum"]].copy()
    rank = {name: i for i, name in enumerate(TINGKAT_ORDER)}
    merged["naik"] = merged["kini"].map(rank) > merged["sebelum"].map(rank)
    merged = merged.sort_values(["naik", "skor"], ascending=[False, False])
    return merged[columns].reset_index(drop=True)


def period_headline(
    incidents: pd.DataFrame,
    reports: pd.DataFrame,
    scores: tuple[pd.DataFrame, pd.DataFrame],
    start: date,
    end: date,
    kecamatan: tuple[str, ...],
    kategori: tuple[str, ...],
    n_desa: int,
    period_days: int,
) -> pd.DataFrame:
    """Return the headline metrics of [start, end] against the previous equal period, in the chosen scope.

    `scores` are the desa scores at the end of the period and of the previous one (computed on the chosen
    kategori). Ringkasan and the Bahan Rakor both call this, so the screen and the paper cannot disagree.
    """
    prev_start, prev_end = previous_period(start, end)
    return headline_metrics(
        filter_incidents(incidents, start, end, kecamatan, kategori),
        filter_incidents(incidents, prev_start, prev_end, kecamatan, kategori),
        reports=(count_reports(reports, start, end, kecamatan, n_desa, period_days),
                 count_reports(reports, prev_start, prev_end, kecamatan, n_desa, period_days)),
        high_desa=(count_high_desa(scores[0], kecamatan), count_high_desa(scores[1], kecamatan)),
    )


def priority_desa(scores: pd.DataFrame, kecamatan: tuple[str, ...] = (), n: int = 10) -> pd.DataFrame:
    """Return the n highest-scoring desa with a score above 0 (in the kecamatan given), highest first."""
    if scores.empty:
        return scores
    chosen = scores[scores["kode_kecamatan"].isin(kecamatan)] if kecamatan else scores
    chosen = chosen[chosen["skor"] > 0]
    return chosen.sort_values(["skor", "kode"], ascending=[False, True]).head(n).reset_index(drop=True)


def days_to_vote(calendar: Calendar, day: date, desa_codes: list[str] | None = None) -> tuple[int, str] | None:
    """Return (days from day to the next vote in any of the desa (all when None), election name), or None."""
    stages = calendar.stages
    votes = stages[(stages["tahap"] == VOTE_STAGE) & (stages["mulai"] >= pd.Timestamp(day))]
    if desa_codes is not None:
        wanted = set(desa_codes)
        votes = votes[votes["desa"].map(lambda d: d is None or bool(wanted.intersection(d))).astype(bool)]
    if votes.empty:
        return None
    first = votes.sort_values("mulai").iloc[0]
    return int((first["mulai"] - pd.Timestamp(day)).days), str(first["pemilihan"])


def count_incidents(incidents: pd.DataFrame, freq: str, by: str, start: date, end: date) -> pd.DataFrame:
    """Return kejadian counts per period and group (long: periode, kelompok, jumlah), zero-filled.

    freq: "W" (weeks starting Monday) or "M" (calendar months); by: a column such as kategori.
    """
    rule = "W-MON" if freq == "W" else "MS"
    periods = pd.date_range(_period_start(start, freq), pd.Timestamp(end), freq=rule)
    if incidents.empty or periods.empty:
        return pd.DataFrame({"periode": pd.Series(dtype="datetime64[ns]"), "kelompok": [], "jumlah": []})
    starts = incidents["tanggal"].dt.to_period("W-SUN" if freq == "W" else "M").dt.start_time
    counts = incidents.groupby([starts.rename("periode"), incidents[by].rename("kelompok")]).size()
    grid = pd.MultiIndex.from_product([periods, sorted(incidents[by].dropna().unique())], names=["periode", "kelompok"])
    return counts.reindex(grid, fill_value=0).rename("jumlah").reset_index()


def _period_start(day: date, freq: str) -> pd.Timestamp:
    ts = pd.Timestamp(day)
    return ts.to_period("W-SUN" if freq == "W" else "M").start_time


def public_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """Return the kejadian without the columns that identify or describe people (for pimpinan)."""
    return incidents.drop(columns=[c for c in PERSONAL_COLUMNS if c in incidents.columns])


def format_number(value: object, no_data: str = "—", digits: int = 0) -> str:
    """Return value rounded for display, or no_data when it is missing (NaN/None)."""
    # Indonesian format (thousands dot, decimal comma), shared with the meeting room's plain words.
    return plain_words.format_number(value, digits, no_data)


def format_percent(value: object, no_data: str = "—") -> str:
    """Return a 0–100 value as a whole percent ('73%'), or no_data when it is missing (the card's peluang)."""
    return no_data if value is None or pd.isna(value) else f"{float(value):.0f}%"


def legend_frame(entries: list[tuple[str, str]]) -> pd.DataFrame:
    """Return the map legend as a two-column table (warna = hex colour, keterangan = label)."""
    return pd.DataFrame({"warna": [c for _, c in entries], "keterangan": [label for label, _ in entries]})


def total_by_group(counts: pd.DataFrame) -> pd.Series:
    """Return the total jumlah per kelompok of a count_incidents table."""
    if counts.empty:
        return pd.Series(dtype="int64")
    return counts.groupby("kelompok")["jumlah"].sum()


def place_series(series: pd.DataFrame, kode: str) -> pd.DataFrame:
    """Return one place's rows of a score series (periode → tanggal), oldest first."""
    if series.empty:
        return pd.DataFrame(columns=["tanggal", "skor"])
    rows = series[series["kode"].astype(str) == kode]
    return rows.rename(columns={"periode": "tanggal"}).sort_values("tanggal").reset_index(drop=True)


def place_incidents(incidents: pd.DataFrame, level: str, kode: str, start: date, end: date) -> pd.DataFrame:
    """Return the kejadian of one desa or kecamatan in [start, end], newest first."""
    column = "kode_desa" if level == "desa" else "kode_kecamatan"
    rows = filter_incidents(incidents, start, end)
    return rows[rows[column] == kode].sort_values("tanggal", ascending=False)


def place_reports(reports: pd.DataFrame, level: str, kode: str, start: date, end: date) -> pd.DataFrame:
    """Return the laporan berkala values of one desa or kecamatan whose period starts in [start, end]."""
    if reports.empty:
        return reports
    column = "kode_desa" if level == "desa" else "kode_kecamatan"
    inside = (reports["periode_mulai"] >= pd.Timestamp(start)) & (reports["periode_mulai"] <= pd.Timestamp(end))
    return reports[inside & (reports[column] == kode)].sort_values("periode_mulai", ascending=False)
