"""How far each worksheet of an .xlsx reaches, found by streaming its XML before any reader builds a grid.

calamine (like every grid reader) allocates rows x columns for the area between the first and the last
cell, so one value at XFD1048576 asks for 17 billion cells. The worksheet parts are inflated here in
chunks and only the cell references are looked at, so the cost is one pass and a few kilobytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from analytics.ingest.filecheck import FileLimits, refuse

CHUNK = 1024 * 1024
# <row r="12" …>, <c r="B12" …> or <c …/> (a cell with no value), with or without a namespace prefix
TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*?)(/?)>")
CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
ROW_REF = re.compile(rb'\br="(\d{1,7})"')
MAX_TAIL = 64 * 1024  # an unfinished tag longer than this is not a cell reference


@dataclass(frozen=True)
class SheetExtent:
    """The used area of one worksheet: its last row and column holding a cell, and that cell's reference."""

    name: str
    rows: int
    columns: int
    last_cell: str

    @property
    def cells(self) -> int:
        """Return rows x columns: what a grid reader allocates from A1."""
        return self.rows * self.columns


def column_number(letters: bytes) -> int:
    """Return the 1-based column number of Excel letters (b"A" → 1, b"XFD" → 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def column_letters(number: int) -> str:
    """Return the Excel letters of a 1-based column number (16384 → "XFD")."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def scan_sheet(member) -> tuple[int, int]:
    """Return (last row, last column) holding a cell in a worksheet part, read from a stream in chunks."""
    last_row = last_col = 0
    row = col = 0
    tail = b""
    while chunk := member.read(CHUNK):
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        if cut >= 0 and buffer.find(b">", cut) < 0:
            buffer, tail = buffer[:cut], buffer[cut:]
            tail = tail if len(tail) <= MAX_TAIL else b""
        else:
            tail = b""
        for tag, attrs, empty in TAG.findall(buffer):
            if tag == b"row":
                found = ROW_REF.search(attrs)
                row, col = (int(found.group(1)) if found else row + 1), 0
                continue
            found = CELL_REF.search(attrs)
            if found:
                col, row = column_number(found.group(1)), int(found.group(2))
            else:  # a cell without a reference sits right after the previous one
                col += 1
            if not empty:  # <c …/> holds no value (style only); calamine skips it
                last_row, last_col = max(last_row, row), max(last_col, col)
    return last_row, last_col


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return worksheet part path → sheet name, from xl/workbook.xml and its relationships."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    names = set(archive.namelist())
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {n: PurePosixPath(n).stem for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = path
    parts = {}
    for sheet in book.iter(f"{ns_main}sheet"):
        path = targets.get(sheet.get(f"{ns_rel}id"))
        if path in names:
            parts[path] = sheet.get("name") or PurePosixPath(path).stem
    return parts


def sheet_extents(data: bytes) -> list[SheetExtent]:
    """Return the used area of every worksheet of an .xlsx/.xlsm file (empty for other formats)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return []
    extents = []
    for path, name in sheet_parts(archive).items():
        with archive.open(path) as member:
            rows, columns = scan_sheet(member)
        extents.append(SheetExtent(name, rows, columns, f"{column_letters(columns)}{rows}" if rows else "A1"))
    return extents


def check_sheet_extents(data: bytes, file_name: str, limits: FileLimits, row_margin: int) -> None:
    """Refuse an .xlsx whose worksheets reach past the row, column or cell limits (IngestError naming the sheet)."""
    try:
        extents = sheet_extents(data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):  # a bad CRC or a cut-off part
        raise refuse(file_name, f"Berkas '{file_name}' bukan berkas Excel yang sah (arsip rusak). "
                                "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.") from None
    for sheet in extents:
        where = f"Lembar '{sheet.name}' pada berkas '{file_name}'"
        fix = ("Hapus isi sel di luar tabel (pilih baris/kolom kosong di bawah dan di kanan tabel → Delete), "
               "simpan, lalu unggah lagi.")
        if sheet.columns > limits.max_columns:
            raise refuse(file_name, f"{where} berisi sel sampai {sheet.last_cell} ({sheet.columns:,} kolom), melebihi "
                                    f"batas {limits.max_columns:,} kolom. {fix}", sheet.name)
        if sheet.rows > limits.max_rows + row_margin:
            raise refuse(file_name, f"{where} berisi sel sampai {sheet.last_cell} ({sheet.rows:,} baris), melebihi "
                                    f"batas {limits.max_rows:,} baris. {fix}", sheet.name)
        if sheet.cells > limits.max_cells:
            raise refuse(file_name, f"{where} berisi sel sampai {sheet.last_cell} ({sheet.rows:,} baris × "
                                    f"{sheet.columns:,} kolom = {sheet.cells:,} sel), melebihi batas "
                                    f"{limits.max_cells:,} sel. {fix}", sheet.name)
