"""Write the hostile-input corpus (deterministic: the same bytes on every run). See EXPECTED.md here.

Run from anywhere: python tests/data/hostile/make_hostile.py
"""

from __future__ import annotations

import csv
import io
import struct
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
HEADER = ["Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Korban MD", "Korban LL", "Uraian"]
# Two good rows (places from the gazetteer); the second's text looks like a formula and must stay text.
ROWS = [
    ["12/03/2024", "Kayan Hulu", "Long Nawang", "Demo", 0, 1, "Makro tidak boleh berjalan"],
    ["13/03/2024", "Mentarang", "Paking", "Sengketa lahan", 0, 0, "=1+1"],
]
MACRO_MARKER = "waspada_makro_berjalan.txt"
# Not a real OLE container: nothing in the product may ever interpret it, so its bytes only need to
# look like what an attacker would ship (VBA that writes a file when the workbook opens).
VBA_PROJECT = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24
    + f'Attribute VB_Name = "ThisWorkbook"\r\nSub Workbook_Open()\r\n  Open "{MACRO_MARKER}" For Output As #1\r\n'
      f'  Print #1, "makro berjalan"\r\n  Close #1\r\nEnd Sub\r\nSub Auto_Open()\r\n  Workbook_Open\r\nEnd Sub\r\n'.encode()
)
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def make_macro_xlsm(path: Path) -> None:
    """An .xlsm with a vbaProject.bin part whose macro would create MACRO_MARKER if it ever ran."""
    with tempfile.TemporaryDirectory() as folder:
        vba = Path(folder) / "vbaProject.bin"
        vba.write_bytes(VBA_PROJECT)
        book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
        book.set_properties({"created": datetime(2024, 1, 1)})
        book.add_vba_project(str(vba))
        sheet = book.add_worksheet("Kejadian")
        for col, name in enumerate(HEADER):
            sheet.write_string(0, col, name)
        for r, row in enumerate(ROWS, start=1):
            for col, value in enumerate(row):
                sheet.write_string(r, col, value) if isinstance(value, str) else sheet.write_number(r, col, value)
        book.close()


def write_zip(path: Path, parts: dict[str, bytes]) -> None:
    """Write parts into a deflated zip with fixed timestamps."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
                 b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/'
                 b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
                 b'+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def make_broken_workbook(path: Path) -> None:
    """An Office zip with [Content_Types].xml and a workbook.xml cut off mid-tag."""
    write_zip(path, {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                     "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                                        b'spreadsheetml/2006/main"><sheets><sheet name="Kejadian" sheetId="1" r:id='})


LIE_BYTES = 1024  # what the forged directory claims sheet1.xml inflates to
BOMB_BYTES = 64 * 1024 * 1024  # what it really inflates to


def make_lying_bomb(path: Path) -> None:
    """An .xlsx whose sheet1.xml claims 1 KB in both headers but inflates to 64 MB of spaces."""
    sheet = b'<worksheet><sheetData>' + b" " * BOMB_BYTES + b"</sheetData></worksheet>"
    buffer = io.BytesIO()
    write_zip(buffer, {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                       "xl/workbook.xml": b"<workbook><sheets><sheet name='Kejadian' sheetId='1'/></sheets></workbook>",
                       "xl/worksheets/sheet1.xml": sheet})
    data = bytearray(buffer.getvalue())
    member = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, member.header_offset + 22, LIE_BYTES)  # local header: uncompressed size
    name = member.filename.encode()
    central = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]  # from the end record
    while True:  # find this member's central directory entry and forge its size too
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, LIE_BYTES)
            break
        extra, comment = struct.unpack_from("<HH", data, central + 30)
        central += 46 + name_length + extra + comment
    path.write_bytes(bytes(data))


def make_hostile_text(path: Path) -> None:
    """A CSV whose text cells are SQL, HTML/script, formulas and fictitious personal names."""
    rows = [
        ["Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Korban MD", "Korban LL", "Uraian", "Pihak",
         "Tindak Lanjut", "Sumber"],
        ["12/03/2024", "Kayan Hulu", "Long Nawang", "Demo", "0", "1", "'); DROP TABLE incidents;--",
         "Budi Santoso Fiktif", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0"],
        ["13/03/2024", "Mentarang", "Paking", "Sengketa lahan", "0", "0", "<script>alert('xss')</script> <b>tebal</b>",
         "Siti Aminah Fiktif", "+62 811 000", "@SUM(1+1)"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)  # quotes the cells that hold commas or quotes
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def main() -> None:
    """Write every hostile fixture next to this script."""
    make_macro_xlsm(HERE / "macro.xlsm")
    make_broken_workbook(HERE / "broken_workbook.xlsx")
    make_lying_bomb(HERE / "lying_zip_bomb.xlsx")
    make_hostile_text(HERE / "hostile_text.csv")


if __name__ == "__main__":
    main()
