"""Limits on text that comes from people: lengths of typed fields, and NUL characters no database accepts.

PostgreSQL refuses a NUL (0x00) inside text with a raw driver error, and SQLite silently cuts the text
there; a login form field has no natural length. Typed text is clipped here before it is stored or
audited, and uploaded cells holding a NUL are rejected at validation with their row, column and value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.errors import Problem

MAX_USERNAME_CHARS = 100  # audit_log.username is VARCHAR(100); accounts allow 1-100 characters
MAX_PASSWORD_CHARS = 256  # argon2 hashes any length; the form needs no more than this
MAX_SHORT_TEXT_CHARS = 200  # titles, places, names, notes on one line
MAX_LONG_TEXT_CHARS = 5_000  # uraian, decisions: a page of text
MAX_FILE_NAME_CHARS = 255  # uploads.file_name, boundaries.source_file are VARCHAR(255)
NUL = "\x00"


def clip_text(value: object, limit: int) -> str:
    """Return value as text without NUL characters, cut to at most limit characters ("" for None)."""
    if value is None:
        return ""
    text = str(value)
    if len(text) > 4 * limit:  # a multi-megabyte value is cut before any copy of it is made
        text = text[:4 * limit]
    return text.replace(NUL, "")[:limit]


def shown_value(text: str) -> str:
    """Return a cell's text for a problem report: NUL shown as ␀, cut to 80 characters."""
    shown = text.replace(NUL, "␀")
    return shown if len(shown) <= 80 else shown[:80] + "…"


def nul_problems(raw) -> tuple[list[Problem], set[int]]:
    """Return one error per uploaded cell holding a NUL character, and the row numbers (as in Excel) of those rows."""
    headers = {**(raw.columns or {}), **(raw.indicator_columns or {})}
    rows = np.asarray(raw.row_numbers, dtype=int)
    problems: list[Problem] = []
    bad_rows: set[int] = set()
    for name in raw.frame.columns:
        try:
            found = pd.Series(raw.frame[name].to_numpy(dtype=object)).str.contains(NUL, regex=False, na=False)
        except AttributeError:  # no text in the column
            continue
        for position in np.flatnonzero(found.to_numpy(dtype=bool)):
            row = int(rows[position])
            bad_rows.add(row)
            problems.append(Problem(
                raw.file_name, raw.sheet, row, headers.get(name, name),
                shown_value(str(raw.frame[name].iloc[position])),
                "Sel berisi karakter NUL (kode 0, ditampilkan sebagai ␀) yang tidak dapat disimpan; hapus karakter "
                "itu (biasanya sisa salinan dari program lain) lalu unggah lagi."))
    return problems, bad_rows
