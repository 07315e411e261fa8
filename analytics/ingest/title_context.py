"""What the title block above a table says about all of its rows.

A camat's monthly report often names its kecamatan and month only once, above the table:

    LAPORAN BULANAN KEWASPADAAN DINI
    KECAMATAN MENTARANG
    BULAN: JUNI 2024
    No | Desa | Sengketa Lahan | …

When the table itself has no kecamatan column (or, for a laporan berkala, no period column), the value is
taken from such a line, for every row, and a note says which line it came from. A kecamatan is taken only
when the line names one of the kabupaten's kecamatan exactly (spelling variants folded); a month only when
the title names exactly one month and year. Anything less certain leaves the column missing, as before.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.ingest.model import TableKind
from analytics.places.gazetteer import load_gazetteer
from analytics.places.names import name_key

MONTHS = (r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
          r"|jan|feb|mar|apr|jun|jul|agu|agt|aug|sep|okt|oct|nov|des|dec")
MONTH_YEAR = re.compile(rf"\b({MONTHS})\.?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
KECAMATAN_LINE = re.compile(r"\bkec(?:amatan\b|\.)\s*:?\s*(.+)", re.IGNORECASE)
# where a kecamatan name in a title stops: "MENTARANG BULAN JUNI 2024", "MALINAU KOTA, KABUPATEN MALINAU"
NAME_END = re.compile(r"[,;(\d]|\s(?:bulan|periode|tahun|triwulan|semester|kabupaten|kab\.|tanggal|tgl|desa|per)\b",
                      re.IGNORECASE)
TITLE_LABEL = "judul di atas tabel"


def title_lines(cells: pd.DataFrame) -> list[str]:
    """Return the text cells of the rows above the header, top to bottom, left to right."""
    return [str(value).strip() for row in cells.itertuples(index=False) for value in row
            if isinstance(value, str) and value.strip()]


def title_kecamatan(lines: list[str]) -> tuple[str, str] | None:
    """Return (kecamatan name as written, its line) from the first line naming a kecamatan, None if none does."""
    known = {name_key(name) for name in load_gazetteer().kecamatan["nama"]}
    for line in lines:
        found = KECAMATAN_LINE.search(line)
        if not found:
            continue
        name = NAME_END.split(found.group(1), maxsplit=1)[0].strip(" .:-")
        if name and name_key(name) in known:
            return name, line
    return None


def title_month(lines: list[str]) -> tuple[str, str] | None:
    """Return ("Juni 2024", its line) when the title names exactly one month and year, else None."""
    found = {(m.group(1).lower()[:3], m.group(2)): (f"{m.group(1)} {m.group(2)}", line)
             for line in lines for m in MONTH_YEAR.finditer(line)}
    return next(iter(found.values())) if len(found) == 1 else None


def fill_from_title(frame: pd.DataFrame, columns: dict[str, str], kind: TableKind,
                    above: pd.DataFrame) -> list[str]:
    """Add the kecamatan (and a laporan's periode) columns the table lacks from its title; return the notes.

    frame and columns are changed in place; nothing happens for a field the table has or the title lacks.
    """
    if kind is TableKind.ACLED:  # an export with its own place columns, never a title block
        return []
    lines = title_lines(above)
    notes = []
    wanted = [("kecamatan", title_kecamatan, "Kecamatan")]
    if kind is TableKind.LAPORAN and not {"periode", "periode_mulai"} & set(frame.columns):
        wanted.append(("periode", title_month, "Periode"))
    for name, find, label in wanted:
        if name in frame.columns:
            continue
        found = find(lines)
        if found is None:
            continue
        value, line = found
        frame[name] = value
        columns[name] = TITLE_LABEL
        notes.append(f"{label} semua baris diambil dari {TITLE_LABEL}: '{line}'.")
    return notes
