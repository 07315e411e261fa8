"""Read the spreadsheets people really send (CSV, Excel) into raw tables with known columns.

One entry point, `read_table`, picks one loader per source format (`SourceFormat`), finds the
header row under any title block, maps the headers to canonical field names, drops blank and
footer rows, and keeps each row's number as the user sees it in Excel or a text editor.
Nothing here judges the values: dates, counts and names are checked by the validator.
"""

from __future__ import annotations

from pathlib import Path

from analytics.errors import IngestError
from analytics.ingest.csv_reader import read_csv_grid
from analytics.ingest.excel_reader import read_excel_grid
from analytics.ingest.filecheck import FileLimits, check_file
from analytics.ingest.grid import build_raw_table
from analytics.ingest.model import RawTable, SourceFormat, TableKind


def read_table(
    source: Path | bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: dict[str, str] | None = None,
    indicators: dict[str, str] | None = None,
    limits: FileLimits | None = None,
) -> RawTable:
    """Return the table in one uploaded file; raise IngestError (Indonesian, naming the file) if there is none."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    limits = limits or FileLimits()
    fmt = SourceFormat(check_file(data, file_name, limits))
    loader = {SourceFormat.CSV: read_csv_grid, SourceFormat.EXCEL: read_excel_grid}[fmt]
    grid = loader(data, file_name, sheet=sheet, header_row=header_row, limits=limits)
    return build_raw_table(grid, file_name, header_row=header_row, column_map=column_map,
                           indicators=indicators, limits=limits)


__all__ = ["FileLimits", "IngestError", "RawTable", "SourceFormat", "TableKind", "read_table"]
