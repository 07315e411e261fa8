"""Plain Indonesian words for the meeting room: numbers, dates, months, counts and changes.

Small pure functions shared by Mode Rapat, the pimpinan views, the briefing and the risk explanations
(no Streamlit). Numbers use the Indonesian format: thousands dot, decimal comma.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_SHORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _missing(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value: object, digits: int = 0, no_data: str = "—", lang: str = "id") -> str:
    """Return value in Indonesian format ("1.234", "4,5"; English "1,234", "4.5"), whole numbers without decimals;
    no_data when missing."""
    if _missing(value):
        return no_data
    number = float(value)
    if digits == 0 or abs(number - round(number)) < 0.5 * 10 ** -digits:
        text = f"{round(number):,d}"
    else:
        text = f"{number:,.{digits}f}"
    if lang != "id":
        return text
    # Swap the English separators: "," thousands → ".", "." decimal → ",".
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_date(value: object, lang: str = "id", no_data: str = "—") -> str:
    """Return a date as "29 Juni 2025" (English: "29 June 2025"); no_data when missing."""
    if _missing(value):
        return no_data
    day = pd.Timestamp(value)
    months = MONTHS if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_datetime(value: object, lang: str = "id", no_data: str = "—") -> str:
    """Return a moment as "29 Juni 2025 14.05" (English: "29 June 2025 14:05"), in the zone it carries."""
    if _missing(value):
        return no_data
    moment = pd.Timestamp(value)
    return f"{format_date(moment, lang)} {moment:%H}{'.' if lang == 'id' else ':'}{moment:%M}"


def wita_time(moment: object, lang: str = "id", no_data: str = "—") -> str:
    """Return a stored moment (UTC; naive means UTC) as "29 Juni 2025 14.05 WITA", the office's clock in words."""
    if _missing(moment):
        return no_data
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return format_datetime(stamp.tz_convert("Asia/Makassar"), lang) + " WITA"


def wita_words(moments: pd.Series, lang: str = "id") -> pd.Series:
    """Return wita_time of every stored moment of a column; missing as "—"."""
    stamps = pd.to_datetime(moments, utc=True, format="mixed")
    return stamps.map(lambda moment: wita_time(moment, lang))


def format_period(start: date, end: date, lang: str = "id") -> str:
    """Return "1–31 Mei 2023", "1 Maret – 31 Mei 2026" or "1 Desember 2025 – 28 Februari 2026"."""
    months = MONTHS if lang == "id" else MONTHS_EN
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {months[start.month - 1]} – {format_date(end, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def month_label(value: object, lang: str = "id", year: bool = True, long: bool = False) -> str:
    """Return the month of a date ("Mei 2023", "Agu"; long: "Agustus 2023"), never Plotly's English default."""
    day = pd.Timestamp(value)
    if long:
        name = (MONTHS if lang == "id" else MONTHS_EN)[day.month - 1]
    else:
        name = (MONTHS_SHORT if lang == "id" else MONTHS_SHORT_EN)[day.month - 1]
    return f"{name} {day.year}" if year else name


def month_ticks(periods: list, lang: str = "id") -> tuple[list, list[str]]:
    """Return (tick values, tick texts) for monthly points: the year is written on the first and where it changes."""
    values = [pd.Timestamp(p) for p in periods]
    # the year where it changes (on the first tick and each January when every month has a tick)
    texts = [month_label(v, lang, year=i == 0 or v.year != values[i - 1].year) for i, v in enumerate(values)]
    return values, texts


def change_words(delta: object, lang: str = "id") -> str:
    """Return a change in plain words: "sama", "naik 3", "turun 2" (English: "same", "up 3", "down 2")."""
    if _missing(delta):
        return "—"
    number = float(delta)
    if number == 0:
        return "sama" if lang == "id" else "same"
    word = ("naik" if number > 0 else "turun") if lang == "id" else ("up" if number > 0 else "down")
    return f"{word} {format_number(abs(number))}"


def text_or_dash(value: object, no_data: str = "—") -> str:
    """Return value as text, or no_data for None/NaN/empty (never the word "None")."""
    if _missing(value) or str(value).strip() in ("", "None", "nan", "NaT"):
        return no_data
    return str(value)


MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$"


def escape_markdown(text: str) -> str:
    """Return text with every Markdown/HTML special character backslash-escaped (st.markdown shows it as typed)."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in str(text))
