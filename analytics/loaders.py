"""Read the spreadsheets people really send (CSV, Excel) into raw tables with known columns.

One entry point, `read_table`, picks one loader per source format (`SourceFormat`), finds the
header row under any title block, maps the headers to canonical field names, drops blank and
footer rows, and keeps each row's number as the user sees it in Excel or a text editor.
Nothing here judges the values: dates, counts and names are checked by the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pandas as pd

from analytics.errors import IngestError
from analytics.filecheck import FileLimits, check_file


class SourceFormat(Enum):
    """The file formats `read_table` can read; each has one loader."""

    CSV = "csv"
    EXCEL = "excel"


class TableKind(Enum):
    """What a table holds: kejadian (incidents), laporan berkala (periodic reports) or an ACLED export."""

    KEJADIAN = "kejadian"
    LAPORAN = "laporan"
    ACLED = "acled"
    ASING = "asing"  # the register of orang asing / TKA (analytics.foreigners), asked for by the caller


@dataclass
class RawTable:
    """A table as read from one file: canonical columns of raw cells plus where each row came from."""

    frame: pd.DataFrame  # object dtype; one column per canonical field found (indicator codes for wide laporan)
    file_name: str
    sheet: str | None  # the sheet used (Excel), None for CSV
    sheets: list[str]  # all sheets in the workbook ([] for CSV)
    header_row: int  # 1-based row of the (first) header row as the user sees it
    row_numbers: list[int]  # for each frame row, its 1-based row number as the user sees it
    columns: dict[str, str]  # canonical field -> header text as written in the file
    unmapped: list[str]  # headers found but not mapped
    kind: TableKind
    indicator_columns: dict[str, str] = field(default_factory=dict)  # indicator code -> header as written
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    notes: list[str] = field(default_factory=list)  # Indonesian notes for the preview
    missing: list[str] = field(default_factory=list)  # required fields not found (tanggal, kecamatan, ...)


def read_table(
    source: Path | bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: dict[str, str] | None = None,
    indicators: dict[str, str] | None = None,
    limits: FileLimits | None = None,
    kind: TableKind | None = None,
) -> RawTable:
    """Return the table in one uploaded file; raise IngestError (Indonesian, naming the file) if there is none.

    kind: None detects kejadian / laporan / ACLED from the header; TableKind.ASING reads the orang asing register.
    """
    from analytics.loaders_csv import read_csv_grid
    from analytics.loaders_excel import read_excel_grid
    from analytics.loaders_register import build_register_table
    from analytics.loaders_table import build_raw_table

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    limits = limits or FileLimits()
    fmt = SourceFormat(check_file(data, file_name, limits))
    loader = {SourceFormat.CSV: read_csv_grid, SourceFormat.EXCEL: read_excel_grid}[fmt]
    if kind is TableKind.ASING:
        # the register's header is row 1 of the template, unless a title block is found above it
        grid = loader(data, file_name, sheet=sheet, header_row=header_row or 1, limits=limits)
        return build_register_table(grid, file_name, header_row=header_row, limits=limits)
    grid = loader(data, file_name, sheet=sheet, header_row=header_row, limits=limits)
    return build_raw_table(grid, file_name, header_row=header_row, column_map=column_map,
                           indicators=indicators, limits=limits)


__all__ = ["FileLimits", "IngestError", "RawTable", "SourceFormat", "TableKind", "read_table"]
