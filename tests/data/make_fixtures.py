"""Regenerate the loader fixtures under tests/data (deterministic: same bytes on every run).

Run: /work/venv/bin/python tests/data/make_fixtures.py
Every good kejadian fixture holds the SAME five incidents (INCIDENTS), written in a different dialect.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FIXED_TIME = (2023, 6, 5, 0, 0, 0)
FIXED_DT = dt.datetime(2023, 6, 5)

# date, kecamatan, desa (official), desa as misspelt in old files, jenis, uraian, pihak, MD, LL, tindak lanjut, sumber
INCIDENTS = [
    (dt.date(2023, 5, 11), "Malinau Selatan", "Long Loreh", "Long Lore", "Sengketa lahan",
     "Warga memblokir jalan perusahaan sawit", "Warga Long Loreh; PT Sawit Lestari", 0, 2,
     "Mediasi oleh Camat", "Laporan Camat"),
    (dt.date(2023, 5, 14), "Malinau Utara", "Lubak Manis", "Lubok Manis", "Unjuk rasa",
     "Unjuk rasa menuntut ganti rugi lahan", "Kelompok tani", 0, 0,
     "Dialog dengan DPRD", "Polsek Malinau Utara"),
    (dt.date(2023, 6, 2), "Mentarang Hulu", "Lung Kebinu", "Ds. Long Kebinu", "Sengketa batas desa",
     "Perselisihan patok batas dengan desa tetangga", "Warga Lung Kebinu; warga Lung Berang", 0, 1,
     "Rapat tapal batas", "Babinsa"),
    (dt.date(2023, 8, 17), "Malinau Utara", "Semengaris", "Semanggaris", "Perkelahian antar kelompok",
     "Perkelahian pemuda saat perayaan 17 Agustus", "Pemuda dua RT", 1, 3,
     "Proses hukum Polres", "Polres Malinau"),
    (dt.date(2023, 11, 30), "Pujungan", "Long Peliran", "Long Paliran", "Pelintasan batas ilegal",
     "Warga negara asing masuk tanpa dokumen", "WNA Malaysia", 0, 0,
     "Diserahkan ke Imigrasi", "Satgas Pamtas"),
]
TITLE = ["PEMERINTAH KABUPATEN MALINAU", "BADAN KESATUAN BANGSA DAN POLITIK",
         "LAPORAN KEJADIAN / POTENSI KONFLIK", "PERIODE MEI – NOVEMBER 2023"]
FOOTER = [("Malinau, 5 Desember 2023",), ("Mengetahui,",), ("Kepala Badan Kesbangpol",), ("",),
          ("Drs. Yusuf Lawing, M.Si",), ("NIP. 19700101 199503 1 001",)]
MONTHS_ID = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def rows_with(date_text, desa_index=2) -> list[list]:
    """Return the incidents as NO + 11 cells, dates written by date_text(date)."""
    return [[i + 1, date_text(r[0]), r[1], r[desa_index], *r[4:]] for i, r in enumerate(INCIDENTS)]


def write_text(path: Path, header: list[str], rows: list[list], delimiter: str, encoding: str,
               title: list[str] = ()) -> None:
    """Write a delimited text file (CRLF like Excel), quoting cells that hold the delimiter or quotes."""
    def cell(v):
        s = str(v)
        return f'"{s.replace(chr(34), 2 * chr(34))}"' if delimiter in s or '"' in s else s
    lines = [t + delimiter * (len(header) - 1) for t in title] + [delimiter.join(cell(v) for v in r) for r in [header, *rows]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def fix_zip(path: Path) -> None:
    """Rewrite a zip-based file with fixed member timestamps so the bytes are the same on every run."""
    with zipfile.ZipFile(path) as src:
        members = [(m, src.read(m.filename)) for m in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the clock on save
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-06-05T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def save(wb: Workbook, path: Path) -> None:
    """Save a workbook deterministically."""
    wb.properties.created = wb.properties.modified = FIXED_DT
    wb.save(path)
    fix_zip(path)


def add_title(ws, width: int) -> int:
    """Write the letterhead over merged cells; return the next free row."""
    for i, text in enumerate(TITLE, start=1):
        ws.cell(i, 1, text).font = Font(bold=True)
        ws.cell(i, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
    return len(TITLE) + 2  # one empty row between title and table


def add_rows(ws, start: int, rows: list[list]) -> int:
    """Write rows from `start`; return the next free row."""
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(start + offset, col, value)
    return start + len(rows)


HEADER_XLSX = ["NO", "HARI/TANGGAL", "KECAMATAN", "DESA/KELURAHAN", "JENIS KEJADIAN / POTENSI KONFLIK",
               "URAIAN KEJADIAN", "PIHAK YANG TERLIBAT", "KORBAN MD", "KORBAN LL", "TINDAK LANJUT", "SUMBER", "KET."]


def make_kejadian(out: Path) -> None:
    """Write the good kejadian dialects, all holding INCIDENTS."""
    out.mkdir(parents=True, exist_ok=True)
    iso = lambda d: d.isoformat()  # noqa: E731
    dmy = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731
    write_text(out / "utf8_bom.csv", ["No", "Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Uraian Kejadian",
               "Pihak yang Terlibat", "Meninggal", "Luka", "Tindak Lanjut", "Sumber", "Keterangan"],
               [r + [""] for r in rows_with(iso)], ",", "utf-8-sig")
    write_text(out / "cp1252_semicolon.csv", ["NO", "TGL", "KEC.", "Desa/Kel.", "JENIS KEJADIAN / POTENSI KONFLIK",
               "URAIAN KEJADIAN", "PIHAK YANG TERLIBAT", "MD", "LL", "Tindak Lanjut – Camat", "SUMBER", "KET."],
               [r + ["dilaporkan ± 2 hari kemudian"] for r in rows_with(dmy)], ";", "cp1252", title=TITLE[:2] + [""])
    write_text(out / "tab_delimited.tsv", ["NO", "TANGGAL KEJADIAN", "Kecamatan", "Desa", "JENIS KEJADIAN",
               "URAIAN", "PIHAK", "KORBAN MD", "KORBAN LL", "TINDAK LANJUT", "SUMBER", "KET."],
               [r + [""] for r in rows_with(lambda d: f"{d.day}-{d.month}-{d.year}")], "\t", "utf-8")

    wb = Workbook(); ws = wb.active; ws.title = "Kejadian"  # noqa: E702
    row = add_title(ws, len(HEADER_XLSX))
    row = add_rows(ws, row, [HEADER_XLSX] + rows_with(lambda d: f"{d.day} {MONTHS_ID[d.month]} {d.year}"))
    add_rows(ws, row + 2, [[""] * 9 + list(f) for f in FOOTER])
    save(wb, out / "title_block.xlsx")

    wb = Workbook(); cover = wb.active; cover.title = "Cover"  # noqa: E702
    add_rows(cover, 1, [[t] for t in TITLE] + [[""], ["Disusun oleh Bidang Kewaspadaan Nasional"]])
    ws = wb.create_sheet("Data")
    row = add_title(ws, 12)
    top = ["NO", "TANGGAL", "KECAMATAN", "DESA", "JENIS KEJADIAN", "URAIAN KEJADIAN", "PIHAK YANG TERLIBAT",
           "KORBAN", "", "TINDAK LANJUT", "SUMBER", "KET."]
    sub = [""] * 7 + ["MD", "LL"] + [""] * 3
    add_rows(ws, row, [top, sub, [f"({i})" for i in range(1, 13)]])
    ws.merge_cells(start_row=row, start_column=8, end_row=row, end_column=9)
    for col in [c for c in range(1, 13) if c not in (8, 9)]:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col)
    add_rows(ws, row + 3, [r + [""] for r in rows_with(lambda d: dt.datetime(d.year, d.month, d.day))])
    rekap = wb.create_sheet("Rekap")
    add_rows(rekap, 1, [["Kecamatan", "Jumlah kejadian"], ["Malinau Utara", 2], ["Malinau Selatan", 1],
                        ["Mentarang Hulu", 1], ["Pujungan", 1]])
    save(wb, out / "multi_sheet.xlsx")

    for name, date_cell in [
        ("date_cells.xlsx", lambda d: dt.datetime(d.year, d.month, d.day)),
        ("serial_dates.xlsx", lambda d: (d - dt.date(1899, 12, 30)).days),
        ("mixed_dates.xlsx", None),
    ]:
        wb = Workbook(); ws = wb.active; ws.title = "Sheet1"  # noqa: E702
        rows = rows_with(date_cell) if date_cell else rows_with(iso)
        if date_cell is None:
            written = ["Kamis, 11 Mei 2023", "14/05/2023", "2-6-2023", "17 Agt 2023", "30 Nop 2023"]
            rows = [[r[0], w, *r[2:]] for r, w in zip(rows, written)]
        add_rows(ws, 1, [HEADER_XLSX] + [r + [""] for r in rows])
        if name == "date_cells.xlsx":
            for r in range(2, 7):
                ws.cell(r, 2).number_format = "DD/MM/YYYY"
        save(wb, out / name)

    wb = Workbook(); ws = wb.active; ws.title = "Sheet1"  # noqa: E702
    rows = rows_with(dmy, desa_index=3)
    for r in rows:  # kecamatan written loosely too
        r[2] = {"Malinau Utara": "Kec. Malinau Utara", "Malinau Selatan": "MALINAU SELATAN"}.get(r[2], r[2])
    add_rows(ws, 1, [["No", "Tgl", "Kec.", "Desa/Kel.", "Jenis", "Uraian", "Pihak", "MD", "LL", "Tindak Lanjut",
                      "Sumber", "Ket."]] + [r + [""] for r in rows])
    save(wb, out / "misspelt_desa.xlsx")


if __name__ == "__main__":
    from make_fixtures_more import make_acled, make_broken, make_laporan

    make_kejadian(HERE / "kejadian")
    make_acled(HERE / "acled")
    make_laporan(HERE / "laporan")
    make_broken(HERE / "broken")
    print("fixtures written under", HERE)
