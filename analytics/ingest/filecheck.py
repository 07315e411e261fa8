"""Checks on an uploaded file's bytes before any parser touches them (size, zip bombs, disguised files)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from analytics.errors import IngestError, Problem
from analytics.settings import Settings

MB = 1024 * 1024
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc) files are OLE compound documents
# Real xlsx parts compress 5-50x (very repetitive sheets reach ~150x); deflated zeros reach ~1000x.
MAX_COMPRESSION_RATIO = 250
RATIO_MIN_MEMBER_BYTES = MB  # tiny parts may have any ratio without harm
MAX_ZIP_MEMBERS = 10_000


@dataclass(frozen=True)
class FileLimits:
    """Upload limits (from settings upload_max_mb, upload_max_rows, xlsx_max_uncompressed_mb)."""

    max_bytes: int = 25 * MB
    max_rows: int = 200_000
    max_uncompressed_bytes: int = 200 * MB

    @classmethod
    def from_settings(cls, settings: Settings) -> "FileLimits":
        """Return the limits set by the administrator (settings dict from read_settings)."""
        return cls(
            max_bytes=settings.upload_max_mb * MB,
            max_rows=settings.upload_max_rows,
            max_uncompressed_bytes=settings.xlsx_max_uncompressed_mb * MB,
        )


def refuse(file_name: str, message: str, sheet: str | None = None) -> IngestError:
    """Return an IngestError whose message and single whole-file problem say `message`."""
    return IngestError(message, [Problem(file=file_name, sheet=sheet, row=None, column=None, value=None, message=message)])


def check_file(data: bytes, file_name: str, limits: FileLimits) -> str:
    """Return "csv" or "excel" (the loader to use) after refusing empty, oversized or hostile files."""
    suffix = PurePath(file_name).suffix.lower()
    if not data.strip():
        raise refuse(file_name, f"Berkas '{file_name}' kosong (0 baris). Periksa bahwa berkas yang benar yang diunggah.")
    if len(data) > limits.max_bytes:
        raise refuse(
            file_name,
            f"Berkas '{file_name}' berukuran {len(data) / MB:.1f} MB, melebihi batas {limits.max_bytes / MB:.0f} MB. "
            "Bagi berkas menjadi beberapa bagian (mis. per tahun) lalu unggah satu per satu.",
        )
    if data.startswith(ZIP_MAGIC):
        check_zip(data, file_name, limits)
        return "excel"  # by content: a workbook saved with a .csv name is read as what it is
    if suffix in EXCEL_SUFFIXES:
        if data.startswith(OLE_MAGIC):
            return "excel"  # old .xls (or an .xlsx saved in the old format): calamine reads both
        raise refuse(
            file_name,
            f"Berkas '{file_name}' bukan berkas Excel yang sah (isinya tidak dapat dibaca sebagai Excel). "
            "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
        )
    if suffix in CSV_SUFFIXES or suffix == "":
        if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise refuse(
                file_name,
                f"Berkas '{file_name}' bukan berkas teks CSV (berisi data biner). "
                "Simpan data dari Excel dengan 'Save As' → CSV, atau unggah berkas .xlsx-nya langsung.",
            )
        return "csv"
    raise refuse(
        file_name,
        f"Jenis berkas '{file_name}' tidak dikenal. Unggah berkas .xlsx, .xlsm, .xls atau .csv.",
    )


def check_zip(data: bytes, file_name: str, limits: FileLimits) -> None:
    """Refuse a zip-based file that is not a workbook or would inflate too far, reading only its directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()  # the central directory only: nothing is inflated here
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse(
            file_name,
            f"Berkas '{file_name}' bukan berkas Excel yang sah (arsip rusak atau terpotong). "
            "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
        ) from None
    names = {m.filename for m in members}
    if len(members) > MAX_ZIP_MEMBERS:
        raise refuse(file_name, f"Berkas '{file_name}' berisi {len(members)} bagian; ini bukan buku kerja Excel biasa dan ditolak.")
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise refuse(
            file_name,
            f"Berkas '{file_name}' ditolak: isinya mengembang menjadi {total / MB:,.0f} MB setelah diekstrak "
            f"(batas {limits.max_uncompressed_bytes / MB:.0f} MB), ciri bom zip. "
            "Jika ini data asli, bagi menjadi beberapa berkas yang lebih kecil.",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_MIN_MEMBER_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise refuse(
                file_name,
                f"Berkas '{file_name}' ditolak: bagian '{member.filename}' dimampatkan {ratio:,.0f} kali "
                f"(wajar di bawah {MAX_COMPRESSION_RATIO} kali), ciri bom zip. Simpan ulang berkas dari Excel lalu unggah lagi.",
            )
    check_inflation(data, members, file_name)
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return
    if "word/document.xml" in names:
        raise refuse(
            file_name,
            f"Berkas '{file_name}' adalah dokumen Word (.docx) yang diberi nama Excel: tidak ditemukan baris judul kolom. "
            f"Salin tabelnya ke Excel dengan judul kolom seperti {EXPECTED_HEADERS_TEXT}, simpan sebagai .xlsx, lalu unggah lagi.",
        )
    raise refuse(
        file_name,
        f"Berkas '{file_name}' bukan berkas Excel yang sah (arsip zip tanpa buku kerja). "
        "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
    )


# Shown whenever no header row is found, so the user knows what the columns should be called.
EXPECTED_HEADERS_TEXT = "TANGGAL, KECAMATAN, DESA, JENIS KEJADIAN, URAIAN, KORBAN MD/LL (kejadian) atau PERIODE, DESA, INDIKATOR, NILAI (laporan berkala)"


INFLATE_CHUNK = 256 * 1024


def inflated_size(data: bytes, member: zipfile.ZipInfo, cap: int) -> int:
    """Return how many bytes a deflated member really inflates to, stopping as soon as it passes cap."""
    offset = member.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26:offset + 30])
    start = offset + 30 + name_length + extra_length
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as zip stores it
    total = 0
    view = memoryview(data)
    # Fed from the data itself, not the declared compressed size: the stream ends where deflate says.
    for position in range(start, len(data), INFLATE_CHUNK):
        pending = bytes(view[position:position + INFLATE_CHUNK])
        while pending:
            total += len(inflater.decompress(pending, INFLATE_CHUNK))  # at most one chunk in memory
            if total > cap or inflater.eof:
                return total
            pending = inflater.unconsumed_tail
    return total


def check_inflation(data: bytes, members: list[zipfile.ZipInfo], file_name: str) -> None:
    """Refuse a zip whose parts inflate beyond the sizes they declare (a bomb that lies to the directory)."""
    # The directory checks above trust declared sizes; a forged directory can claim 1 KB for a part
    # that inflates to gigabytes. Each part is inflated in chunks up to its declared size + 1 byte,
    # so an honest workbook costs one pass and a liar is caught at once without filling memory.
    for member in members:
        if member.compress_type != zipfile.ZIP_DEFLATED:
            continue  # stored parts cannot grow; Excel writes no other method
        try:
            actual = inflated_size(data, member, member.file_size)
        except (zlib.error, struct.error):
            raise refuse(
                file_name,
                f"Berkas '{file_name}' bukan berkas Excel yang sah (bagian '{member.filename}' rusak). "
                "Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.",
            ) from None
        if actual > member.file_size:
            raise refuse(
                file_name,
                f"Berkas '{file_name}' ditolak: bagian '{member.filename}' mengaku berukuran {member.file_size:,} byte "
                "tetapi mengembang lebih besar dari itu, ciri bom zip. Simpan ulang berkas dari Excel lalu unggah lagi.",
            )
