"""`python -m analytics boundaries import PATH` and `boundaries show`: load and list official boundaries."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from analytics.cli import add_db_argument, resolve_db_url
from analytics.places.boundaries import import_boundaries, summarize_boundaries
from analytics.places.files import FIELD_ROLES, BoundaryError
from analytics.settings import read_settings
from analytics.store.db import open_store


def parse_field_map(items: list[str] | None) -> dict[str, str]:
    """Return role → column from ["kode=KDEPUM", "nama=WADMKD"] (BoundaryError on a malformed item)."""
    fields: dict[str, str] = {}
    for item in items or []:
        role, sep, column = item.partition("=")
        if not sep or not role.strip() or not column.strip():
            raise BoundaryError(f"--field '{item}' harus berbentuk PERAN=KOLOM, mis. --field nama=WADMKD.")
        fields[role.strip()] = column.strip()
    return fields


def _print_list(title: str, items: list[str]) -> None:
    print(f"{title}: {len(items)}")
    for item in items:
        print(f"  - {item}")


def run_import(args: argparse.Namespace) -> int:
    """Import a boundary file and print the report; 1 when nothing matched, 2 when the file is unusable."""
    path = Path(args.path)
    if not path.is_file():
        print(f"Berkas tidak ditemukan: {path}")
        return 2
    engine = open_store(resolve_db_url(args))
    try:
        settings = read_settings(engine)
        limit_mb = settings.upload_max_mb
        # Checked before reading the file, so a huge file is refused without loading it into memory.
        if path.stat().st_size > limit_mb * 1024 * 1024:
            print(f"Berkas '{path.name}' melebihi batas unggahan {limit_mb:g} MB (pengaturan upload_max_mb).")
            return 2
        report = import_boundaries(
            engine, path, path.name, user=args.user or os.environ.get("USER") or "cli", level=args.level,
            field_map=parse_field_map(args.field), settings=settings,
        )
    except BoundaryError as exc:
        print(f"Gagal: {exc.message}")
        return 2
    finally:
        engine.dispose()
    print(f"Berkas: {report.file_name} (sistem koordinat: {report.crs_in})")
    print(f"Tingkat: {report.level}; kolom dipakai: " + ", ".join(f"{k}={v}" for k, v in report.fields.items()))
    print(f"Fitur dibaca: {report.features_read}")
    print(f"Cocok: {report.matched}")
    if report.repaired:
        print(f"Poligon tidak valid yang diperbaiki: {report.repaired}")
    if report.dissolved:
        print(f"Fitur yang digabung (satu wilayah, beberapa bagian): {report.dissolved}")
    _print_list("Tidak cocok dengan daftar Kemendagri", report.unmatched)
    if report.outside:
        _print_list("Di luar Kabupaten Malinau (tidak diimpor)", report.outside)
    _print_list("Wilayah tanpa batas", report.missing)
    for note in report.notes:
        print(f"Catatan: {note}")
    if report.derived:
        print("Dibentuk dari wilayah di bawahnya: " + ", ".join(report.derived))
    if report.matched == 0:
        print("Tidak ada fitur yang cocok; batas wilayah yang tersimpan tidak diubah.")
        return 1
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print the boundaries loaded per level; always 0."""
    engine = open_store(resolve_db_url(args))
    try:
        summary = summarize_boundaries(engine)
    finally:
        engine.dispose()
    if summary.empty:
        print("Belum ada batas wilayah resmi; dasbor memakai peta skematis.")
        return 0
    for row in summary.itertuples(index=False):
        origin = "dibentuk dari wilayah di bawahnya" if row.derived else "resmi"
        print(f"{row.level}: {row.jumlah} wilayah ({origin}) dari {row.source_file}, oleh {row.imported_by}, {row.imported_at:%Y-%m-%d %H:%M}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `boundaries import` and `boundaries show` to the CLI."""
    parser = subparsers.add_parser("boundaries", help="impor dan tampilkan batas wilayah resmi")
    sub = parser.add_subparsers(dest="boundaries_command", required=True)
    imp = sub.add_parser("import", help="impor berkas batas (GeoJSON, Shapefile .zip, GeoPackage)")
    imp.add_argument("path", help="berkas batas wilayah")
    imp.add_argument("--level", choices=("desa", "kecamatan", "kabupaten"), help="tingkat wilayah (bawaan: dikenali otomatis)")
    imp.add_argument(
        "--field", action="append", metavar="PERAN=KOLOM",
        help=f"tentukan kolom, mis. --field kode=KDEPUM --field nama=WADMKD (peran: {', '.join(FIELD_ROLES)})",
    )
    imp.add_argument("--user", default=None, help="nama pengguna untuk log audit (bawaan: pengguna sistem)")
    add_db_argument(imp)
    imp.set_defaults(func=run_import)
    show = sub.add_parser("show", help="tampilkan batas wilayah yang tersimpan")
    add_db_argument(show)
    show.set_defaults(func=run_show)
