"""`python -m analytics backup PATH [--db URL]`: a consistent snapshot of the whole store, while it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.cli import add_db_argument, operator_name, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `backup` command."""
    parser = subparsers.add_parser("backup", help="buat cadangan seluruh basis data ke satu berkas .zip")
    parser.add_argument("path", type=Path, help="berkas cadangan yang dibuat, mis. cadangan-2025-01-31.zip")
    add_db_argument(parser)
    parser.set_defaults(func=run_backup)


def run_backup(args: argparse.Namespace) -> int:
    """Write the backup and print what it holds; return 0, or 1 with the reason on stderr."""
    from analytics.security.signing import key_path
    from analytics.store.backup import write_backup
    from analytics.store.db import open_store

    engine = open_store(resolve_db_url(args))
    try:
        manifest = write_backup(engine, args.path, user=operator_name())
    except OSError as error:
        print(f"Gagal: cadangan '{args.path}' tidak dapat ditulis ({error.strerror or error}).", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    total = sum(entry["rows"] for entry in manifest["tables"].values())
    print(f"Cadangan ditulis ke {args.path}: {len(manifest['tables'])} tabel, {total} baris, "
          f"skema {manifest['schema_revision']}, ditandatangani dengan kunci {key_path(engine.url)}.")
    for name, entry in manifest["tables"].items():
        print(f"  {name:<24} {entry['rows']:>9} baris")
    return 0
