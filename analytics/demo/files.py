"""Sample files as an analyst receives them (letterhead Excel, `;` CSV from a Windows PC), all DATA CONTOH.

Rows come from the demo world, so a sample file uploaded on top of the loaded demo shows the
duplicate check at work. One desa is misspelt on purpose, as in real reports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from analytics.places.gazetteer import load_gazetteer
from analytics.settings import DEFAULT_INDICATORS

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
LETTERHEAD = ("PEMERINTAH KABUPATEN MALINAU", "BADAN KESATUAN BANGSA DAN POLITIK",
              "Jalan Contoh No. 1, Malinau Kota – Kalimantan Utara")
EXCEL_HEADERS = ("NO", "HARI/TANGGAL", "KEC.", "DESA/KEL.", "JENIS KEJADIAN / POTENSI KONFLIK", "URAIAN",
                 "KORBAN MD", "KORBAN LL", "TINDAK LANJUT", "KET.")
CSV_HEADERS = ("No", "Tanggal", "Kecamatan", "Desa", "Jenis Kejadian", "Uraian", "Pihak Terlibat", "Meninggal",
               "Luka", "Tindak Lanjut", "Sumber", "Lintang", "Bujur")
# Spellings the name check accepts with a warning; one row of the Excel sample uses one of them.
MISSPELLED = {"Kaliamok": "Kalliamok", "Malinau Seberang": "Malinau Sebrang", "Putat": "Puttat", "Salap": "Salapp",
              "Respen Tubu": "Respen Tubuh", "Belayan": "Belayang", "Sembuak Warod": "Sembuak Warodd",
              "Lubak Manis": "Lubak Manes", "Kelapis": "Kelappis", "Semengaris": "Semangaris"}
# Which slices of the demo world become sample files: (kecamatan, year, month).
EXCEL_SLICE = ("65.02.07", 2023, 5)  # Malinau Utara around the first Pilkades wave
CSV_SLICE = ("65.02.02", 2024, 2)  # Malinau Kota in the month of the Pemilu vote
LAPORAN_SLICE = ("65.02.06", 2024, 1)  # Malinau Selatan, a monthly laporan berkala


def format_hari_tanggal(day: date) -> str:
    """Return a date as reports write it: 'Kamis, 11 Mei 2023'."""
    return f"{HARI[day.weekday()]}, {day.day} {BULAN[day.month - 1]} {day.year}"


def slice_month(frame: pd.DataFrame, column: str, kode_kecamatan: str, year: int, month: int) -> pd.DataFrame:
    """Return the rows of one kecamatan and month."""
    when = pd.to_datetime(frame[column])
    keep = (frame["kode_kecamatan"] == kode_kecamatan) & (when.dt.year == year) & (when.dt.month == month)
    return frame[keep].reset_index(drop=True)


def _plain_source(sumber: object) -> str:
    """Return the source without the demo prefix (the file's title already says DATA CONTOH)."""
    return str(sumber or "").split("–", 1)[-1].strip()


def _desa_names() -> dict[str, str]:
    return dict(zip(load_gazetteer().desa["kode"], load_gazetteer().desa["nama"]))


def _write_letterhead(ws, titles: tuple[str, ...], width: int) -> int:
    """Write the letterhead and merged titles; return the next free row."""
    last = chr(ord("A") + width - 1)
    lines = [*LETTERHEAD, None, *titles, None]
    for row, text in enumerate(lines, start=1):
        if text is None:
            continue
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(bold=row <= 2 or row > len(LETTERHEAD), size=14 if row <= 2 else 11)
        cell.alignment = Alignment(horizontal="center")
    return len(lines) + 1


def _write_footer(ws, row: int, column: int, signed: date) -> None:
    """Write the place/date, the signatory's office and a fictitious NIP under the table."""
    lines = (f"Malinau, {signed.day} {BULAN[signed.month - 1]} {signed.year}",
             "Kepala Badan Kesatuan Bangsa dan Politik", "Kabupaten Malinau", None, None,
             "NAMA CONTOH (fiktif)", "NIP. 00000000 000000 0 000")
    for offset, text in enumerate(lines):
        if text is not None:
            ws.cell(row=row + offset, column=column, value=text).alignment = Alignment(horizontal="center")


def write_kejadian_excel(path: Path, incidents: pd.DataFrame, kecamatan: str, year: int, month: int) -> Path:
    """Write a monthly kejadian report of one kecamatan as a letterhead workbook; return its path."""
    names = _desa_names()
    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan"
    title = ("LAPORAN KEJADIAN DAN POTENSI KONFLIK SOSIAL – DATA CONTOH (FIKTIF)",
             f"KECAMATAN {kecamatan.upper()} BULAN {BULAN[month - 1].upper()} {year}")
    header_row = _write_letterhead(ws, title, len(EXCEL_HEADERS))
    thin = Side(style="thin")
    for col, text in enumerate(EXCEL_HEADERS, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font, cell.border = Font(bold=True), Border(thin, thin, thin, thin)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    misspelt = False
    for n, rec in enumerate(incidents.itertuples(index=False), start=1):
        desa = names.get(rec.kode_desa, "") if isinstance(rec.kode_desa, str) else ""
        written = desa if misspelt else MISSPELLED.get(desa, desa)
        misspelt = misspelt or written != desa
        values = (n, format_hari_tanggal(rec.tanggal.date()), kecamatan, written, rec.jenis,
                  rec.uraian, rec.korban_meninggal, rec.korban_luka, rec.tindak_lanjut,
                  None if desa else "Lokasi tidak spesifik satu desa")
        for col, value in enumerate(values, start=1):
            ws.cell(row=header_row + n, column=col, value=value).border = Border(thin, thin, thin, thin)
    for col, width in zip("ABCDEFGHIJ", (5, 22, 16, 18, 34, 60, 8, 8, 30, 18)):
        ws.column_dimensions[col].width = width
    signed = date(year + (month == 12), month % 12 + 1, 5)
    _write_footer(ws, header_row + len(incidents) + 2, 9, signed)
    wb.save(path)
    return path


def write_kejadian_csv(path: Path, incidents: pd.DataFrame, kecamatan: str, year: int, month: int) -> Path:
    """Write kejadian as Excel on an Indonesian Windows PC saves CSV: `;`, cp1252, dd/mm/yyyy; return path."""
    names = _desa_names()
    lines = [f"LAPORAN KEJADIAN – KEC. {kecamatan.upper()} – {BULAN[month - 1].upper()} {year} "
             "(DATA CONTOH, FIKTIF)" + ";" * (len(CSV_HEADERS) - 1), ";" * (len(CSV_HEADERS) - 1),
             ";".join(CSV_HEADERS)]
    for n, rec in enumerate(incidents.itertuples(index=False), start=1):
        desa = names.get(rec.kode_desa, "") if isinstance(rec.kode_desa, str) else ""
        point = ("", "") if pd.isna(rec.lat) else (f"{rec.lat:.5f}", f"{rec.lon:.5f}")
        cells = (str(n), f"{rec.tanggal:%d/%m/%Y}", kecamatan, desa, rec.jenis, rec.uraian, rec.pihak,
                 str(rec.korban_meninggal), str(rec.korban_luka), rec.tindak_lanjut, _plain_source(rec.sumber), *point)
        lines.append(";".join(str(c).replace(";", ",") for c in cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def write_laporan_excel(path: Path, reports: pd.DataFrame, kecamatan: str, year: int, month: int) -> Path:
    """Write a monthly laporan berkala of one kecamatan, wide (one column per indicator); return its path."""
    names = _desa_names()
    wide = reports.pivot_table(index="kode_desa", columns="indikator", values="nilai", aggfunc="first")
    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan Berkala"
    headers = ("NO", "KECAMATAN", "DESA", "PERIODE", *[DEFAULT_INDICATORS[c].upper() for c in DEFAULT_INDICATORS], "CATATAN")
    title = ("LAPORAN BERKALA KEWASPADAAN DINI – DATA CONTOH (FIKTIF)",
             f"KECAMATAN {kecamatan.upper()} BULAN {BULAN[month - 1].upper()} {year}",
             "Nilai: 0 = aman, 1 = perlu dipantau, 2 = rawan, 3 = sangat rawan")
    header_row = _write_letterhead(ws, title, len(headers))
    notes = reports.groupby("kode_desa")["catatan"].first()
    for col, text in enumerate(headers, start=1):
        ws.cell(row=header_row, column=col, value=text).font = Font(bold=True)
    for n, (kode, row) in enumerate(wide.iterrows(), start=1):
        values = [n, kecamatan, names[kode], f"{BULAN[month - 1]} {year}"]
        values += [None if pd.isna(row.get(c)) else int(row[c]) for c in DEFAULT_INDICATORS]
        values.append(notes.get(kode))
        for col, value in enumerate(values, start=1):
            ws.cell(row=header_row + n, column=col, value=value)
    _write_footer(ws, header_row + len(wide) + 2, len(headers) - 2, date(year + (month == 12), month % 12 + 1, 10))
    wb.save(path)
    return path


def select_sample_rows(demo) -> dict[str, pd.DataFrame]:
    """Return the demo rows behind each sample file, keyed by file kind (kejadian_xlsx, kejadian_csv, laporan_xlsx)."""
    return {
        "kejadian_xlsx": slice_month(demo.incidents, "tanggal", *EXCEL_SLICE),
        "kejadian_csv": slice_month(demo.incidents, "tanggal", *CSV_SLICE),
        "laporan_xlsx": slice_month(demo.reports, "periode_mulai", *LAPORAN_SLICE),
    }


def write_sample_files(directory: Path, demo) -> list[Path]:
    """Write the three sample files into directory (created if needed); return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    kec = dict(zip(load_gazetteer().kecamatan["kode"], load_gazetteer().kecamatan["nama"]))
    parts = select_sample_rows(demo)
    paths = []
    for key, writer, (code, year, month), stem in (
        ("kejadian_xlsx", write_kejadian_excel, EXCEL_SLICE, "Laporan Kejadian Kec. {kec} {bulan} {year}.xlsx"),
        ("kejadian_csv", write_kejadian_csv, CSV_SLICE, "Laporan Kejadian Kec. {kec} {bulan} {year}.csv"),
        ("laporan_xlsx", write_laporan_excel, LAPORAN_SLICE, "Laporan Berkala Kec. {kec} {bulan} {year}.xlsx"),
    ):
        name = stem.format(kec=kec[code], bulan=BULAN[month - 1], year=year)
        paths.append(writer(directory / name, parts[key], kec[code], year, month))
    return paths
