"""Laporan berkala (long: indikator + nilai; wide: one column per indicator) → ReportRecord rows."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.text import fold_text
from analytics.ingest.checks import (
    EARLIEST_DATE,
    FIELD_LABELS,
    Collector,
    ValidationResult,
    check_dates,
    check_places,
    none_if_empty,
    text_column,
)
from analytics.ingest.dates import parse_period_value
from analytics.ingest.schemas import REPORT_COLUMNS, ReportRecord
from analytics.places.names import NameResolver
from analytics.settings import Settings


def parse_periode(value: object) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return (first, last day) of a period written as a month (2024-03, Maret 2024) or a date (its month)."""
    found = parse_period_value(value.strip() if isinstance(value, str) else value)
    return (pd.Timestamp(found[0]), pd.Timestamp(found[1])) if found else None


def check_periods(col: Collector, frame: pd.DataFrame, today: date, period_days: int):
    """Return (periode_mulai, periode_akhir) per row, recording unreadable, future and pre-2000 periods."""
    index = frame.index
    if "periode_mulai" in frame.columns:
        start = check_dates(col, frame["periode_mulai"], "periode_mulai", today)
        if "periode_akhir" in frame.columns:
            end = check_dates(col, frame["periode_akhir"], "periode_akhir", today + pd.Timedelta(days=366))
        else:
            end = start + pd.Timedelta(days=period_days - 1)
        backwards = (end < start).to_numpy()
        col.add(index[backwards], "periode_akhir", frame["periode_akhir"][backwards] if "periode_akhir" in frame else "",
                "Periode akhir sebelum periode mulai")
        return start, end
    values = text_column(frame, "periode")
    codes, uniques = pd.factorize(values)
    found = [parse_periode(v) for v in uniques]
    messages = []
    for value, period in zip(uniques, found):
        if not value:
            messages.append("Periode kosong; isi bulan laporan (mis. 2024-03 atau Maret 2024)")
        elif period is None:
            messages.append(f"Periode '{value}' tidak terbaca; tulis seperti 2024-03, 03/2024 atau Maret 2024")
        elif period[0].date() > today:
            messages.append(f"Periode '{value}' ada di masa depan (hari ini {today:%d/%m/%Y})")
        elif period[0] < EARLIEST_DATE:
            messages.append(f"Periode '{value}' sebelum tahun 2000; periksa tahunnya")
        else:
            messages.append(None)
    bad = np.array([m is not None for m in messages], dtype=bool)[codes]
    col.add(index[bad], "periode", values[bad], [messages[c] for c in codes[bad]])
    starts = np.array([p[0] if p else pd.NaT for p in found], dtype="datetime64[ns]")
    ends = np.array([p[1] if p else pd.NaT for p in found], dtype="datetime64[ns]")
    return pd.Series(starts[codes], index=index), pd.Series(ends[codes], index=index)


def _indicator_lookup(indicators: dict[str, str]) -> dict[str, str]:
    """Return normalised code or label → indicator code."""
    lookup = {}
    for code, label in indicators.items():
        lookup[fold_text(code)] = code
        lookup[fold_text(label)] = code
    return lookup


def melt_wide(raw, frame: pd.DataFrame) -> pd.DataFrame:
    """Return the wide indicator columns as long rows (indikator, nilai), empty cells left out."""
    parts = []
    for code, header in (raw.indicator_columns or {}).items():
        source = code if code in frame.columns else header
        if source not in frame.columns:
            continue
        part = frame.drop(columns=[c for c in frame.columns if c in raw.indicator_columns or c in
                                   raw.indicator_columns.values()]).copy()
        part["indikator"] = code
        part["nilai"] = text_column(frame, source)
        part["_header"] = header
        parts.append(part[part["nilai"] != ""])
    if not parts:
        return frame.assign(indikator="", nilai="", _header="").iloc[0:0]
    return pd.concat(parts).sort_index(kind="stable")


def validate_reports(raw, resolver: NameResolver, settings: Settings, today: date) -> ValidationResult:
    """Return the clean ReportRecord rows of a laporan berkala table, and every problem."""
    col = Collector(raw)
    frame = raw.frame.reset_index(drop=True)
    wide = bool(raw.indicator_columns)
    missing = []
    if not {"periode", "periode_mulai"} & set(frame.columns):
        missing.append("Periode")
    if not {"kecamatan", "desa"} & set(frame.columns):
        missing.append("Kecamatan")
    if not wide:
        missing += [FIELD_LABELS[n] for n in ("indikator", "nilai") if n not in frame.columns]
    for label in missing:
        col.file_error(f"Kolom wajib '{label}' tidak ditemukan; kolom yang terbaca: "
                       f"{', '.join(map(str, (raw.columns or {}).values())) or '-'}", label)
    if missing:
        col.bad[:] = True
        return ValidationResult("laporan", pd.DataFrame(columns=REPORT_COLUMNS), pd.Series([], dtype="int64"),
                                col.sorted_problems(), len(frame), len(frame))
    start, end = check_periods(col, frame, today, int(settings.report_period_days))
    kode_kec, kode_desa = check_places(col, resolver, text_column(frame, "kecamatan"), text_column(frame, "desa"))
    base = pd.DataFrame({
        "periode_mulai": start, "periode_akhir": end, "kode_kecamatan": kode_kec, "kode_desa": kode_desa,
        "catatan": none_if_empty(text_column(frame, "catatan")), "sumber": none_if_empty(text_column(frame, "sumber")),
    })
    indicators = settings.indicators or {}
    top = float(settings.indicator_max)
    if wide:
        long = melt_wide(raw, base.join(frame[[c for c in frame.columns if c not in base.columns]]))
        codes = long["indikator"]
    else:
        long = base.assign(indikator=text_column(frame, "indikator"), nilai=text_column(frame, "nilai"))
        lookup = _indicator_lookup(indicators)
        codes = long["indikator"].map(lambda v: lookup.get(fold_text(v)))
        unknown = codes.isna()
        col.add(long.index[unknown], "indikator", long["indikator"][unknown],
                [f"Indikator '{v}' tidak dikenal; pilihan: {', '.join(indicators)}" for v in long["indikator"][unknown]])
    nilai = pd.to_numeric(long["nilai"].str.replace(",", ".", regex=False), errors="coerce")
    out_of_range = (nilai.isna() | (nilai < 0) | (nilai > top)).to_numpy()
    headers = long["_header"] if "_header" in long else pd.Series("nilai", index=long.index)
    for pos in np.flatnonzero(out_of_range):
        label = long.index[pos]
        name = "nilai" if not wide else headers.iloc[pos]
        col.add([label], name, long["nilai"].iloc[pos],
                f"Nilai indikator harus angka 0 sampai {top:g}, bukan '{long['nilai'].iloc[pos]}'")
    records = long.assign(indikator=codes, nilai=nilai)
    records["level"] = np.where(records["kode_desa"].notna(), "desa", "kecamatan")
    # One value per place, period and indicator in a file: two different values cannot both be right.
    key = ["periode_mulai", "kode_kecamatan", "kode_desa", "indikator"]
    clash = records.duplicated(key, keep=False) & ~records.duplicated(key + ["nilai"], keep=False)
    later = clash & records.duplicated(key, keep="first")
    for label in records.index[later.to_numpy()].unique():
        col.add([label], "nilai", None, "Nilai ganda untuk periode, tempat dan indikator yang sama di berkas ini")
    records = records[REPORT_COLUMNS]
    return _finish_long(col, records)


def _finish_long(col: Collector, records: pd.DataFrame) -> ValidationResult:
    """Return the result for long records whose index repeats the source frame position."""
    keep = records[~col.bad[records.index.to_numpy()]]
    positions = keep.index.to_numpy()
    keep = keep.reset_index(drop=True)
    if len(keep):
        try:
            keep = ReportRecord.validate(keep, lazy=True)
        except Exception as exc:  # noqa: BLE001 - reported as a file-level problem, never a traceback
            col.file_error(f"Skema laporan tidak terpenuhi: {exc}")
            keep = keep.iloc[0:0]
            positions = positions[:0]
    source_rows = pd.Series(col.rows[positions], dtype="int64")
    return ValidationResult("laporan", keep, source_rows, col.sorted_problems(), len(col.raw.frame), int(col.bad.sum()))


__all__ = ["validate_reports", "parse_periode"]
