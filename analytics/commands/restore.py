"""`python -m analytics restore PATH [--db URL] [--force]`: load a backup into an empty store.

A store that already holds data is refused unless --force, which replaces all of it in one
transaction. A damaged backup, or one from a newer version of the application, is refused before
anything is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.cli import add_db_argument, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `restore` command."""
    parser = subparsers.add_parser("restore", help="pulihkan basis data dari berkas cadangan .zip")
    parser.add_argument("path", type=Path, help="berkas cadangan yang dibuat oleh `backup`")
    add_db_argument(parser)
    parser.add_argument("--force", action="store_true",
                        help="ganti SELURUH isi basis data tujuan yang sudah berisi data")
    parser.add_argument("--user", default="cli", help="nama pengguna untuk jejak audit (bawaan: cli)")
    parser.set_defaults(func=run_restore)


def run_restore(args: argparse.Namespace) -> int:
    """Restore the backup; return 0, or 1 with the reason on stderr (the store then unchanged)."""
    from analytics.store.backup import BackupError, restore_backup
    from analytics.store.db import create_store_engine

    engine = create_store_engine(resolve_db_url(args))  # not open_store: restore migrates to the backup's schema
    try:
        result = restore_backup(engine, args.path, user=args.user, force=args.force)
    except BackupError as error:
        print(f"Gagal: {error.message}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"Dipulihkan dari {args.path} (skema {result.revision}): {sum(result.rows.values())} baris.")
    for name, count in result.rows.items():
        print(f"  {name:<24} {count:>9} baris")
    return 0
