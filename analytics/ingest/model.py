"""The types the ingest modules share: source formats, table kinds and a table as read from a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import pandas as pd


class SourceFormat(Enum):
    """The file formats `read_table` can read; each has one loader."""

    CSV = "csv"
    EXCEL = "excel"


class TableKind(Enum):
    """What a table holds: kejadian (incidents), laporan berkala (periodic reports) or an ACLED export."""

    KEJADIAN = "kejadian"
    LAPORAN = "laporan"
    ACLED = "acled"


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
