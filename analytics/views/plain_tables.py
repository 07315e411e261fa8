"""Tables as the room reads them: dates in words, codes by their labels, Indonesian numbers, no "None".

st.dataframe shows a datetime as "2025-06-29 00:00:00", a DateColumn in English month names, a missing
value as a grey "None" and a whole number without the thousands dot. These pure functions (no
Streamlit) turn the columns a page names into the text the screen should carry; the metric delta helper
says a change in words ("sama", "naik 3") with the colour of good or bad news.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from analytics.views.plain_words import change_words, format_date, format_number, text_or_dash


def code_label(code: object, labels: Mapping[str, str]) -> str:
    """Return the label of a code ("kekerasan" → "Perkelahian / penganiayaan / bentrok"); unknown codes in words."""
    text = text_or_dash(code)
    return labels.get(text, text.replace("_", " "))


def plain_table(frame: pd.DataFrame, lang: str = "id", dates: Iterable[str] = (),
                labels: Mapping[str, Mapping[str, str]] | None = None,
                numbers: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Return a copy of frame for display: date columns (every datetime column, and those named in dates)
    as "29 Juni 2025", code columns by their labels, number columns as Indonesian text (column → decimals),
    and every other missing text as "—"."""
    shown = frame.copy()
    for name in shown.columns:
        if name in dates or pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = [format_date(value, lang) for value in shown[name]]
    for name, mapping in (labels or {}).items():
        if name in shown.columns:
            shown[name] = [code_label(value, mapping) for value in shown[name]]
    for name, digits in (numbers or {}).items():
        if name in shown.columns:
            shown[name] = [format_number(value, digits) for value in shown[name]]
    for name in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[name]) and not pd.api.types.is_bool_dtype(shown[name]):
            # An empty text stays empty (the overdue flag of a case on time); only a missing value becomes "—".
            shown[name] = [value if isinstance(value, str) and value == "" else text_or_dash(value)
                           for value in shown[name]]
    return shown


def metric_delta(delta: object, lang: str = "id", up_is_good: bool = True) -> dict[str, str]:
    """Return st.metric's delta arguments for a change: "sama" without arrow or colour for none, else
    "naik 3"/"turun 31" with its arrow, green for good news and red for bad news."""
    words = change_words(delta, lang)
    try:
        number = float(delta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = 0.0
    if pd.isna(number) or number == 0:
        return {"delta": words, "delta_color": "off", "delta_arrow": "off"}
    good = (number > 0) == up_is_good
    return {"delta": words, "delta_color": "green" if good else "red", "delta_arrow": "up" if number > 0 else "down"}


def number_style(table: pd.DataFrame | Styler, columns: Iterable[str], digits: int = 0, lang: str = "id") -> Styler:
    """Return the table as a Styler whose number columns display in Indonesian format ("1.200", "2,5"; English
    when lang is not "id") while the values stay numbers (st.dataframe shows a Styler's display text; sorting
    stays numeric)."""
    styler = table if isinstance(table, Styler) else table.style
    present = [c for c in columns if c in styler.data.columns]
    return styler.format(lambda value: format_number(value, digits, lang=lang), subset=present)
