"""Blank Excel templates (kejadian; laporan berkala) with a Petunjuk sheet and drop-down lists.

The headers are ones analytics.loaders recognises, so a filled template reads back without any
column mapping. Drop-downs come from the gazetteer, the kategori labels and the indicator settings.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from analytics.ingest.categories import CATEGORY_LABELS
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import Settings

TEMPLATE_ROWS = 1000  # rows that carry the drop-downs and checks
KEJADIAN_HEADERS = ["Tanggal Kejadian", "Kecamatan", "Desa", "Jenis Kejadian", "Uraian Kejadian", "Pihak Terlibat",
                    "Korban Meninggal", "Korban Luka", "Tindak Lanjut", "Sumber Informasi", "Keterangan",
                    "Lintang", "Bujur"]
KEJADIAN_FILE = "templat_kejadian.xlsx"
LAPORAN_FILE = "templat_laporan_berkala.xlsx"

KEJADIAN_GUIDE = [
    "Petunjuk pengisian templat kejadian (Waspada Malinau)",
    "",
    "1. Satu baris = satu kejadian. Jangan mengubah judul kolom di baris pertama lembar 'Kejadian'.",
    "2. Tanggal Kejadian: tulis seperti 15/03/2024 (hari/bulan/tahun) atau pilih dari kalender Excel.",
    "3. Kecamatan dan Desa: pilih dari daftar. Kejadian tingkat kecamatan: kosongkan Desa.",
    "4. Jenis Kejadian: pilih kategori dari daftar, atau tulis jenisnya sendiri (mis. 'Sengketa lahan sawit').",
    "5. Korban Meninggal / Korban Luka: angka bulat 0 atau lebih; kosong berarti 0.",
    "6. Lintang / Bujur (tidak wajib): derajat desimal, mis. 3.58 dan 116.65.",
    "7. Simpan sebagai .xlsx lalu unggah di menu Unggah Data, atau: python -m analytics ingest BERKAS.xlsx",
    "",
    "Satu baris yang salah menolak seluruh berkas (kecuali memilih 'simpan baris yang valid saja');",
    "laporan kesalahan menyebut baris, kolom dan nilai yang perlu diperbaiki.",
]


def _write_lists(book: xlsxwriter.Workbook, indicators: dict[str, str] | None = None) -> dict[str, str]:
    """Add a hidden 'Daftar' sheet with the drop-down lists; return list name → cell range."""
    g = load_gazetteer()
    sheet = book.add_worksheet("Daftar")
    lists = {"kecamatan": list(g.kecamatan["nama"]), "desa": sorted(g.desa["nama"]),
             "kategori": list(CATEGORY_LABELS.values())}
    if indicators:
        lists["indikator"] = list(indicators)
    ranges = {}
    for col, (name, values) in enumerate(lists.items()):
        sheet.write(0, col, name)
        sheet.write_column(1, col, values)
        letter = xlsxwriter.utility.xl_col_to_name(col)
        ranges[name] = f"=Daftar!${letter}$2:${letter}${len(values) + 1}"
    sheet.hide()
    return ranges


def _write_guide(book: xlsxwriter.Workbook, lines: list[str]) -> None:
    """Add the Petunjuk sheet."""
    sheet = book.add_worksheet("Petunjuk")
    bold = book.add_format({"bold": True, "font_size": 14})
    sheet.set_column(0, 0, 110)
    for row, line in enumerate(lines):
        sheet.write(row, 0, line, bold if row == 0 else None)


def _header(book: xlsxwriter.Workbook, sheet, headers: list[str]) -> None:
    """Write a bold frozen header row."""
    fmt = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    for col, title in enumerate(headers):
        sheet.write(0, col, title, fmt)
        sheet.set_column(col, col, max(14, len(title) + 2))
    sheet.freeze_panes(1, 0)


def _list_validation(sheet, col: int, source: str, title: str, strict: bool = True) -> None:
    """Add a drop-down list to one column of the template rows."""
    sheet.data_validation(1, col, TEMPLATE_ROWS, col, {
        "validate": "list", "source": source, "input_title": title[:32],
        "input_message": "Pilih dari daftar" if strict else "Pilih dari daftar atau tulis sendiri",
        "error_type": "stop" if strict else "information",
        "error_message": "Pilih nilai dari daftar (lihat lembar Petunjuk)",
    })


def write_kejadian_template(path: Path) -> Path:
    """Write the blank kejadian template and return its path."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Kejadian")
    _write_guide(book, KEJADIAN_GUIDE)
    ranges = _write_lists(book)
    _header(book, sheet, KEJADIAN_HEADERS)
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.set_column(0, 0, 16, date_fmt)
    sheet.data_validation(1, 0, TEMPLATE_ROWS, 0, {
        "validate": "date", "criteria": ">=", "value": __import__("datetime").date(2000, 1, 1),
        "input_title": "Tanggal", "input_message": "hari/bulan/tahun, mis. 15/03/2024",
        "error_message": "Tanggal harus sesudah 01/01/2000"})
    _list_validation(sheet, 1, ranges["kecamatan"], "Kecamatan")
    _list_validation(sheet, 2, ranges["desa"], "Desa")
    _list_validation(sheet, 3, ranges["kategori"], "Jenis Kejadian", strict=False)
    for col in (6, 7):
        sheet.data_validation(1, col, TEMPLATE_ROWS, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "error_message": "Jumlah korban: angka bulat 0 atau lebih"})
    book.close()
    return path


def write_laporan_template(path: Path, indicators: dict[str, str], indicator_max: int) -> Path:
    """Write the blank laporan berkala template (one column per indicator) and return its path."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Laporan")
    guide = [
        "Petunjuk pengisian templat laporan berkala (Waspada Malinau)",
        "",
        "1. Satu baris = satu desa (atau satu kecamatan, Desa dikosongkan) untuk satu periode.",
        "2. Periode: bulan laporan, mis. 2024-03 atau Maret 2024.",
        "3. Kecamatan dan Desa: pilih dari daftar.",
        f"4. Tiap indikator diisi 0 (aman) sampai {indicator_max} (sangat rawan); kosong berarti tidak dilaporkan.",
        "",
        "Indikator:",
        *[f"   - {label} (kode {code})" for code, label in indicators.items()],
    ]
    _write_guide(book, guide)
    ranges = _write_lists(book, indicators)
    headers = ["Periode", "Kecamatan", "Desa", *indicators.values(), "Catatan", "Sumber"]
    _header(book, sheet, headers)
    _list_validation(sheet, 1, ranges["kecamatan"], "Kecamatan")
    _list_validation(sheet, 2, ranges["desa"], "Desa")
    for col in range(3, 3 + len(indicators)):
        sheet.data_validation(1, col, TEMPLATE_ROWS, col, {
            "validate": "integer", "criteria": "between", "minimum": 0, "maximum": int(indicator_max),
            "error_message": f"Nilai indikator: angka bulat 0 sampai {indicator_max}"})
    book.close()
    return path


def write_templates(out_dir: Path, settings: Settings) -> list[Path]:
    """Write both blank templates into out_dir and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_kejadian_template(out_dir / KEJADIAN_FILE),
        write_laporan_template(out_dir / LAPORAN_FILE, settings.indicators, settings.indicator_max),
    ]
