"""`python -m analytics ingest PATH [--db URL] [--valid-only] [--json] [--user NAME]`.

Exit codes: 0 when something was stored or everything was already stored; 1 when nothing was
written because of errors in the rows; 2 when the file cannot be read at all (or is too large).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analytics.cli import add_db_argument, resolve_db_url

EXIT_OK, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `ingest` command."""
    parser = subparsers.add_parser("ingest", help="unggah berkas kejadian / laporan berkala / ACLED ke basis data")
    parser.add_argument("path", type=Path, help="berkas .csv atau .xlsx")
    add_db_argument(parser)
    parser.add_argument("--valid-only", action="store_true",
                        help="simpan baris yang valid saja (bawaan: satu kesalahan menolak seluruh berkas)")
    parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu objek JSON")
    parser.add_argument("--user", default="cli", help="nama pengguna untuk jejak audit (bawaan: cli)")
    parser.add_argument("--sheet", default=None, help="nama lembar Excel (bawaan: dipilih otomatis)")
    parser.set_defaults(func=run_ingest)


def exit_code_of(report) -> int:
    """Return the process exit code for an ingest report."""
    if report.committed or report.already_stored:
        return EXIT_OK
    return EXIT_REFUSED if report.problems else EXIT_OK


def print_text(report) -> None:
    """Print the report for a person at a terminal."""
    print(f"{report.file_name}: {report.rows_read} baris dibaca, {report.rows_accepted} valid, "
          f"{report.rows_rejected} ditolak, {report.duplicates} duplikat.")
    for problem in report.problems[:50]:
        where = f"baris {problem.row}" if problem.row else "berkas"
        print(f"  KESALAHAN {where}, kolom {problem.column or '-'}: {problem.message}")
    if len(report.problems) > 50:
        print(f"  … dan {len(report.problems) - 50} kesalahan lain (pakai --json untuk semuanya)")
    for problem in report.warnings[:20]:
        where = f"baris {problem.row}" if problem.row else "berkas"
        print(f"  peringatan {where}: {problem.message}")
    for note in report.notes:
        print(f"  {note}")


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest one file and return the exit code (0 stored, 1 refused for errors, 2 unreadable)."""
    from analytics.errors import IngestError
    from analytics.ingest.filecheck import MB
    from analytics.ingest.pipeline import ingest_file
    from analytics.settings import read_settings
    from analytics.store.db import open_store

    path: Path = args.path
    if not path.is_file():
        print(f"Gagal: berkas '{path}' tidak ditemukan.", file=sys.stderr)
        return EXIT_UNREADABLE
    engine = open_store(resolve_db_url(args))
    try:
        settings = read_settings(engine)
        limit = settings.upload_max_mb * MB
        # Checked before reading the bytes into memory; read_table checks again for the dashboard.
        if path.stat().st_size > limit:
            print(f"Gagal: berkas '{path.name}' berukuran {path.stat().st_size / MB:.1f} MB, melebihi batas "
                  f"{settings.upload_max_mb:g} MB (pengaturan upload_max_mb).", file=sys.stderr)
            return EXIT_UNREADABLE
        try:
            report = ingest_file(engine, path.read_bytes(), path.name, user=args.user, valid_only=args.valid_only,
                                 settings=settings, sheet=args.sheet)
        except IngestError as error:
            print(f"Gagal: {error.message}", file=sys.stderr)
            for problem in error.problems[1:]:
                print(f"  {problem.message}", file=sys.stderr)
            return EXIT_UNREADABLE
        except OSError as error:
            print(f"Gagal: berkas '{path.name}' tidak dapat dibaca ({error.strerror}).", file=sys.stderr)
            return EXIT_UNREADABLE
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, default=str))
    else:
        print_text(report)
    return exit_code_of(report)
