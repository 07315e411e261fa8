"""The CSV loader: detect encoding and delimiter, then read every cell as text in one pass."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from analytics.ingest import headers as hd
from analytics.ingest.filecheck import FileLimits, refuse
from analytics.ingest.grid import Grid, no_header_error

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_LINES = hd.SCAN_ROWS


def decode_text(data: bytes) -> tuple[str, str]:
    """Return the text of a CSV and the encoding used: UTF-8 (with or without BOM), UTF-16, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"  # Excel's "Unicode text" export
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Excel on Indonesian Windows saves CSV in cp1252; its five undefined bytes fall back to latin-1
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def pick_delimiter(sample: str) -> tuple[str, int]:
    """Return the delimiter under which the sample has the best header row, and that row's index."""
    best = (",", -1, -1)
    lines = sample.splitlines()[:SAMPLE_LINES]
    for delimiter in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delimiter))
        width = max((len(r) for r in rows), default=0)
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
        index, score = hd.find_header_row(grid, hd_indicators()) if width > 1 else (None, None)
        if index is not None and score.best > best[2]:
            best = (delimiter, index, score.best)
    return best[0], best[1]


def hd_indicators() -> dict[str, str]:
    """Return the default indicators (the header sniffing only needs to recognise that a row is a header)."""
    from analytics.settings import DEFAULT_INDICATORS

    return DEFAULT_INDICATORS


def read_csv_grid(data: bytes, file_name: str, *, sheet: str | None, header_row: int | None,
                  limits: FileLimits) -> Grid:
    """Return every cell of a CSV file as text, with the encoding and delimiter found."""
    text, encoding = decode_text(data)
    delimiter, header_index = pick_delimiter(text[:200_000])
    if header_index < 0 and header_row is None:
        raise no_header_error(file_name, None)
    # the widest line decides the column count; counting quoted delimiters too only adds empty columns
    width = widest_line(data if encoding in ASCII_COMPATIBLE else text, delimiter)
    try:
        cells = pd.read_csv(
            csv_stream(data, text, encoding),
            sep=delimiter,
            header=None,  # the header row is found by score, not assumed to be line 1
            names=range(width),  # title lines are shorter than data lines; fixed names keep ragged rows
            index_col=False,  # never turn the first column (NO) into the index
            dtype=object,  # every cell stays the text as written: "007", "1.000", "11/05/2023"
            keep_default_na=False,  # "NA", "n/a", "-" are data for the validator, not missing values
            na_filter=False,  # ...and empty cells come back as "" (faster than filling NaN afterwards)
            skip_blank_lines=False,  # blank lines keep their place so row numbers match the editor
            nrows=limits.max_rows + header_index + 500,  # stop early on huge files; the row limit is checked later
            engine="c",
            encoding_errors="replace",  # as decode_text: a stray byte in UTF-8 text must not refuse the file
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise refuse(file_name, f"Berkas '{file_name}' tidak dapat dibaca sebagai CSV ({exc}). "
                                "Simpan ulang dari Excel sebagai CSV lalu unggah lagi.") from None
    notes = [f"Berkas CSV dibaca dengan pengodean {encoding} dan pemisah {DELIMITER_NAMES[delimiter]}."]
    return Grid(cells=cells, encoding=encoding, delimiter=delimiter, notes=notes)


ASCII_COMPATIBLE = ("utf-8", "utf-8-sig", "cp1252", "latin-1")  # the delimiter and newline are single bytes


def widest_line(source: bytes | str, delimiter: str) -> int:
    """Return the number of fields of the widest line (delimiters + 1), quoted delimiters included."""
    if isinstance(source, str):
        return max((line.count(delimiter) for line in source.splitlines()), default=0) + 1
    raw = np.frombuffer(source, dtype=np.uint8)
    newline = 10 if b"\n" in source else 13  # old Mac files end lines with CR only
    line_ends = np.flatnonzero(raw == newline)
    marks = np.flatnonzero(raw == ord(delimiter))
    # delimiters before each line end, differenced: one count per line, without a Python loop over lines
    before = np.searchsorted(marks, np.append(line_ends, len(raw)))
    return int(np.diff(before, prepend=0).max(initial=0)) + 1


def csv_stream(data: bytes, text: str, encoding: str) -> io.IOBase:
    """Return what pd.read_csv reads: UTF-8 bytes as they are (no re-encoding), other encodings as the text."""
    if encoding == "utf-8":
        return io.BytesIO(data)
    if encoding == "utf-8-sig":
        return io.BytesIO(data[3:])
    return io.StringIO(text)


DELIMITER_NAMES = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}
