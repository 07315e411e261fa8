"""The orang asing register's grid → RawTable: its template columns found by name, rows kept with their numbers.

The register has its own columns (periode_mulai … catatan, see analytics.asing.register), so it does not
go through the kejadian/laporan header scoring; it shares everything else with read_table: the file
checks, the CSV and Excel loaders, the size limits and the parsing worker.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ingest import headers as hd
from analytics.ingest.filecheck import FileLimits, refuse
from analytics.ingest.grid import Grid, check_cell_lengths, where
from analytics.ingest.model import RawTable, TableKind

TEMPLATE_COLUMNS = ("periode_mulai", "periode_akhir", "kecamatan", "desa", "jenis", "status_dokumen", "jumlah",
                    "nama", "kebangsaan", "paspor", "sponsor", "catatan")
REQUIRED_COLUMNS = ("periode_mulai", "periode_akhir", "kecamatan", "jenis", "status_dokumen", "jumlah")


def column_key(value: object) -> str:
    """Return a register header as its template name ("Status Dokumen" → "status_dokumen")."""
    return hd.normalise_header(value).replace(" ", "_")


def find_register_header(cells: pd.DataFrame) -> int:
    """Return the index of the first row naming at least three required columns (0 when none does)."""
    for index in range(min(len(cells), hd.SCAN_ROWS)):
        keys = {column_key(v) for v in cells.iloc[index].tolist()}
        if len(keys & set(REQUIRED_COLUMNS)) >= 3:
            return index
    return 0


def build_register_table(grid: Grid, file_name: str, *, header_row: int | None, limits: FileLimits) -> RawTable:
    """Return the register table of a grid: template columns (by name), non-blank rows, their row numbers."""
    cells = grid.cells
    index = find_register_header(cells) if header_row is None else header_row - grid.first_row
    if not 0 <= index < len(cells):
        raise refuse(file_name, f"Baris judul {header_row} tidak ada pada {where(file_name, grid.sheet)}.", grid.sheet)
    titles = ["" if v is None else str(v).strip() for v in cells.iloc[index].tolist()]
    mapping: dict[str, int] = {}
    unmapped: list[str] = []
    for j, title in enumerate(titles):
        key = column_key(title)
        if key in TEMPLATE_COLUMNS and key not in mapping:
            mapping[key] = j
        elif title:
            unmapped.append(title)
    body = cells.iloc[index + 1:]
    if mapping:  # a row with every register cell empty is a blank line, not data
        filled = sum((body[j].to_numpy(dtype=object) != "").astype(np.int64) for j in mapping.values())
        body = body[np.asarray(filled) > 0]
    check_cell_lengths(body, titles, file_name, grid, limits)
    if len(body) > limits.max_rows:
        raise refuse(file_name, f"{where(file_name, grid.sheet).capitalize()} berisi {len(body):,} baris data, melebihi "
                                f"batas {limits.max_rows:,} baris. Bagi berkas menjadi beberapa bagian.", grid.sheet)
    frame = pd.DataFrame({name: body[j].to_numpy(dtype=object) for name, j in mapping.items()}, dtype=object)
    return RawTable(
        frame=frame, file_name=file_name, sheet=grid.sheet, sheets=grid.sheets, header_row=index + grid.first_row,
        row_numbers=(body.index.to_numpy() + grid.first_row).tolist(), columns={k: titles[j] for k, j in mapping.items()},
        unmapped=unmapped, kind=TableKind.ASING, encoding=grid.encoding, delimiter=grid.delimiter,
        notes=list(grid.notes), missing=[c for c in REQUIRED_COLUMNS if c not in mapping],
    )
