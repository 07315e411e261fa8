"""The Excel loader (.xlsx, .xlsm, .xls) on calamine: pick the data sheet, read its cells as they are."""

from __future__ import annotations

import io

import pandas as pd

from analytics.ingest import headers as hd
from analytics.ingest.filecheck import FileLimits, refuse
from analytics.ingest.grid import Grid, no_header_error


def open_workbook(data: bytes, file_name: str) -> pd.ExcelFile:
    """Return the workbook opened with calamine, or raise IngestError if it is not a readable workbook."""
    try:
        # calamine (Rust) only reads stored values: it never runs macros (.xlsm) or recalculates formulas,
        # so a formula cell comes back as the value Excel last saved, and a hostile workbook cannot execute code.
        return pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except Exception:  # calamine raises its own error types for every kind of corrupt file
        raise refuse(file_name, f"Berkas '{file_name}' bukan berkas Excel yang sah atau rusak. "
                                "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.") from None


def read_sheet(book: pd.ExcelFile, name: str, file_name: str, nrows: int | None) -> pd.DataFrame:
    """Return the cells of one sheet from A1 down, empty cells as ""."""
    try:
        return pd.read_excel(
            book,
            sheet_name=name,
            header=None,  # the header row is found by score under any title block, not assumed to be row 1
            dtype=object,  # keep each cell's own type: text, int, float or datetime, never a column-wide guess
            keep_default_na=False,  # "NA", "n/a", "-" stay data for the validator; empty cells come back as ""
            nrows=nrows,
        )
    except Exception as exc:  # a damaged sheet part; calamine's error text helps the admin, not the user
        raise refuse(file_name, f"Lembar '{name}' pada berkas '{file_name}' tidak dapat dibaca ({type(exc).__name__}). "
                                "Simpan ulang berkas dari Excel lalu unggah lagi.", name) from None


def read_excel_grid(data: bytes, file_name: str, *, sheet: str | None, header_row: int | None,
                    limits: FileLimits) -> Grid:
    """Return the cells of the data sheet: the one asked for, else the one whose header scores best."""
    from analytics.settings import DEFAULT_INDICATORS

    book = open_workbook(data, file_name)
    sheets = [str(s) for s in book.sheet_names]
    notes: list[str] = []
    if sheet is not None:
        if sheet not in sheets:
            raise refuse(file_name, f"Lembar '{sheet}' tidak ada pada berkas '{file_name}'. "
                                    f"Lembar yang ada: {', '.join(sheets)}.", sheet)
        chosen = sheet
    elif len(sheets) == 1:
        chosen = sheets[0]
    else:
        scores = {}
        for name in sheets:  # only the first rows of each sheet are read to score it
            head = read_sheet(book, name, file_name, nrows=hd.SCAN_ROWS)
            scores[name] = hd.find_header_row(head, DEFAULT_INDICATORS)[1].best if not head.empty else 0
        chosen = max(sheets, key=lambda n: scores[n])  # ties keep the first sheet, as Excel would show it
        if scores[chosen] < hd.MIN_HEADER_SCORE and header_row is None:
            raise no_header_error(file_name, None)
        others = [n for n in sheets if n != chosen]
        notes.append(f"Lembar '{chosen}' dipakai (lembar lain: {', '.join(others)}).")
    cells = read_sheet(book, chosen, file_name, nrows=limits.max_rows + hd.SCAN_ROWS + 500)
    if cells.empty:
        raise refuse(file_name, f"Lembar '{chosen}' pada berkas '{file_name}' kosong. "
                                "Pilih lembar yang berisi tabel data.", chosen)
    cells.columns = range(cells.shape[1])
    return Grid(cells=cells, sheet=chosen, sheets=sheets, notes=notes)
