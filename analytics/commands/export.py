"""`python -m analytics export [--db URL] [--format csv|xlsx] [--output PATH]`: stored kejadian to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics.cli import add_db_argument, operator_name, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser("export", help="ekspor semua kejadian tersimpan ke CSV atau Excel")
    add_db_argument(parser)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="format berkas (bawaan: csv)")
    parser.add_argument("--output", type=Path, default=None, help="berkas tujuan (bawaan: kejadian_malinau.<format>)")
    parser.add_argument("--status", choices=("semua", "menunggu", "terverifikasi", "ditolak"), default="semua",
                        help="hanya kejadian dengan status verifikasi ini (bawaan: semua)")
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Write the export file and return 0."""
    from analytics.store.db import open_store
    from analytics.store.export_audit import record_export
    from analytics.views.exports import build_export, write_export

    engine = open_store(resolve_db_url(args))
    try:
        frame = build_export(engine, statuses=None if args.status == "semua" else (args.status,))
        path = write_export(frame, args.output or Path(f"kejadian_malinau.{args.format}"), args.format)
        record_export(engine, operator_name(), "kejadian", path.name, {"rows": len(frame), "format": args.format,
                                                                       "status": args.status,
                                                                       "path": str(path.resolve())})
    finally:
        engine.dispose()
    print(f"{len(frame)} kejadian diekspor ke {path}")
    return 0
