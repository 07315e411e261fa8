"""Dates as people write them in Malinau's spreadsheets: Indonesian month names, day-first, Excel serials."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "sep.": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
MONTH_NAMES_ID = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember"]
WEEKDAYS = r"(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, chosen so serial 60 (its fictional 29/02/1900) is skipped
YEAR_RANGE = (1900, 2100)
SERIAL_RANGE = (1, 73_050)  # 1900-01-01 .. 2100-01-01: larger numbers are not dates
MONTH_WORD = r"([a-z]{3,9})\.?"
TIME_TAIL = r"(?:\s*(?:,|pukul|pkl\.?|jam|t)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:wita|wib|wit)?)?"
NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4}|\d{2})" + TIME_TAIL + "$")
NUMERIC_YMD = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})" + TIME_TAIL + "$")
TEXT_DMY = re.compile(r"^(\d{1,2})\s*[\s\-/.]\s*" + MONTH_WORD + r"\s*[\s\-/.,]\s*(\d{4}|\d{2})" + TIME_TAIL + "$")
TEXT_MDY = re.compile(r"^" + MONTH_WORD + r"\s+(\d{1,2}),?\s+(\d{4})" + TIME_TAIL + "$")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
SERIAL = re.compile(r"^\d{1,5}(?:\.\d+)?$")
HINT = "tulis seperti 11/05/2023 atau 11 Mei 2023"


def parse_date_value(value: object) -> dt.date | None:
    """Return the date a cell holds (text, datetime, date or Excel serial), or None if empty/unreadable."""
    return explain_date_value(value)[0]


def explain_date_value(value: object) -> tuple[dt.date | None, str]:
    """Return (date, "") for a readable date, else (None, the reason in Indonesian)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None, "tanggal kosong"
    if isinstance(value, dt.datetime):  # before date: datetime is a subclass of date
        value = value.date()
    if isinstance(value, dt.date):
        return build_date(value.year, value.month, value.day, value.strftime("%d/%m/%Y"))
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return date_from_serial(float(value), str(value))
    text = str(value).strip()
    if not text:
        return None, "tanggal kosong"
    return parse_date_text(text)


def date_from_serial(number: float, written: str) -> tuple[dt.date | None, str]:
    """Return the date of an Excel serial number (days since 30/12/1899)."""
    if not SERIAL_RANGE[0] <= number < SERIAL_RANGE[1]:
        return None, f"angka {written} bukan tanggal; {HINT}"
    return EXCEL_EPOCH + dt.timedelta(days=int(number)), ""


def parse_date_text(text: str) -> tuple[dt.date | None, str]:
    """Return the date written in a text cell, or the reason it cannot be read or does not exist."""
    low = re.sub(r"^(?:tanggal|tgl)\.?\s*:?\s*", "", text.lower().strip())  # "Tgl. 11 Mei 2023"
    low = re.sub(r"^" + WEEKDAYS + r"\b[\s,.]*", "", low)  # "Kamis, 11 Mei 2023"
    low = re.sub(r"([\s\-/.])['’](\d{2})\b", r"\1\2", low)  # "11 Mei '23": the apostrophe of a short year
    if SERIAL.match(low):  # a CSV saved from Excel keeps date serials as plain numbers
        return date_from_serial(float(low), text)
    if m := COMPACT.match(low):
        return build_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := NUMERIC_YMD.match(low):
        return build_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := NUMERIC_DMY.match(low):  # always day first: 05/11/2023 is 5 November, as Indonesians write it
        return build_date(full_year(m[3]), int(m[2]), int(m[1]), text)
    if m := TEXT_DMY.match(low):
        month = MONTHS.get(m[2])
        if month is None:
            return None, f"nama bulan '{m[2]}' pada tanggal '{text}' tidak dikenal; {HINT}"
        return build_date(full_year(m[3]), month, int(m[1]), text)
    if m := TEXT_MDY.match(low):
        month = MONTHS.get(m[1])
        if month is not None:
            return build_date(int(m[3]), month, int(m[2]), text)
    if parse_month_text(low) is not None:
        return None, f"tanggal '{text}' tidak lengkap (hanya bulan dan tahun); {HINT}"
    return None, f"tanggal '{text}' tidak dapat dibaca; {HINT}"


def full_year(text: str) -> int:
    """Return a four-digit year ("23" -> 2023)."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def build_date(year: int, month: int, day: int, written: str) -> tuple[dt.date | None, str]:
    """Return the date, or a reason saying that this day does not exist in the calendar."""
    try:
        day_found = dt.date(year, month, day)
    except ValueError:
        day_found = None
    if day_found is not None:
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:  # typos like 3023; also outside what datetime64 holds
            return None, f"tanggal {written}: tahun {year} tidak masuk akal"
        return day_found, ""
    if not 1 <= month <= 12:
        swap = f"; tanggal dibaca hari/bulan/tahun, maksudnya {month:02d}/{day:02d}/{year}?" if 1 <= day <= 12 else ""
        return None, f"tanggal {written} tidak ada (bulan {month} tidak ada){swap}"
    if not 1 <= year <= 9999:
        return None, f"tanggal {written} tidak ada (tahun {year})"
    last = calendar.monthrange(year, month)[1]
    return None, f"tanggal {written} tidak ada ({MONTH_NAMES_ID[month]} {year} hanya sampai tanggal {last})"


def parse_month_text(text: str) -> tuple[int, int] | None:
    """Return (year, month) for "Mei 2023", "05/2023", "2023-05" or "Mei-23", else None."""
    low = text.lower().strip()
    if m := re.match(r"^" + MONTH_WORD + r"\s*[\s\-/.,]\s*(\d{4}|\d{2})$", low):
        month = MONTHS.get(m[1])
        return (full_year(m[2]), month) if month else None
    if m := re.match(r"^(\d{4})\s*[\-/.]\s*(\d{1,2})$", low):
        return (int(m[1]), int(m[2])) if 1 <= int(m[2]) <= 12 else None
    if m := re.match(r"^(\d{1,2})\s*[\-/.]\s*(\d{4})$", low):
        return (int(m[2]), int(m[1])) if 1 <= int(m[1]) <= 12 else None
    return None


def parse_period_value(value: object) -> tuple[dt.date, dt.date] | None:
    """Return (first day, last day) of a laporan period written as a month ("Mei 2023", "2023-05") or a date's month."""
    if isinstance(value, str) and (ym := parse_month_text(value)) is not None:
        year, month = ym
    else:
        day = parse_date_value(value)
        if day is None:
            return None
        year, month = day.year, day.month
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date_column(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (dates as datetime64 with NaT where unreadable, reason in Indonesian where unreadable else "")."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)  # each distinct cell parsed once
    dates, reasons = parse_distinct_dates(np.asarray(uniques, dtype=object))
    dates = np.append(dates, np.datetime64("NaT", "ns"))  # last slot: code -1 (NaN)
    reasons = np.append(reasons, np.array(["tanggal kosong"], dtype=object))
    return (pd.Series(dates[codes], index=values.index, name=values.name),
            pd.Series(reasons[codes], index=values.index, name=values.name))


def parse_distinct_dates(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (datetime64[ns] with NaT, reason or "") for an array of distinct cells."""
    # The usual 15/03/2024 is read by pandas in C; everything else (and every failure, for its reason)
    # goes through explain_date_value. Both read day first, so the fast path changes no answer.
    texts = pd.Series([v if type(v) is str else "" for v in values], dtype=object)
    quick = pd.to_datetime(texts, format="%d/%m/%Y", errors="coerce")
    quick = quick.where(quick.dt.year.between(*YEAR_RANGE)).astype("datetime64[ns]").to_numpy(copy=True)
    reasons = np.full(len(values), "", dtype=object)
    for i in np.flatnonzero(np.isnat(quick)):
        day, reasons[i] = explain_date_value(values[i])
        quick[i] = np.datetime64(day, "ns") if day else np.datetime64("NaT", "ns")
    return quick, reasons
