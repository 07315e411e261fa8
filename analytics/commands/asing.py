"""`python -m analytics asing import PATH` / `asing ringkasan`: the register of orang asing, TKA and lembaga asing."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from analytics.asing.register import foreigners_summary, ingest_foreigners, read_register
from analytics.cli import add_db_argument, resolve_db_url
from analytics.errors import IngestError
from analytics.settings import read_settings
from analytics.store.db import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `asing` command with `import` and `ringkasan`."""
    parser = subparsers.add_parser("asing", help="register orang asing / TKA / lembaga asing")
    sub = parser.add_subparsers(dest="asing_command", required=True)
    load = sub.add_parser("import", help="simpan satu berkas register (CSV/XLSX; semua atau tidak sama sekali)")
    load.add_argument("path", help="berkas register (kolom: lihat docs/penanganan.md)")
    load.add_argument("--user", default="cli", help="nama pengunggah untuk log audit")
    add_db_argument(load)
    load.set_defaults(func=run_import)
    summary = sub.add_parser("ringkasan", help="jumlah per kecamatan dalam jendela waktu")
    summary.add_argument("--as-of", type=date.fromisoformat, default=None,
                         help="tanggal acuan YYYY-MM-DD (bawaan: hari ini menurut pengaturan timezone, WITA)")
    summary.add_argument("--days", type=int, default=90, help="panjang jendela (hari)")
    add_db_argument(summary)
    summary.set_defaults(func=run_summary)


def run_import(args: argparse.Namespace) -> int:
    """Store the register file; return 0, or 1 with every problem on stderr (nothing stored)."""
    engine = open_store(resolve_db_url(args))
    try:
        # read_table through the parsing worker, as on the page: same limits, same messages
        table = read_register(Path(args.path), Path(args.path).name, read_settings(engine))
        stored = ingest_foreigners(engine, table, file_name=args.path, user=args.user)
    except IngestError as error:
        print(f"Gagal: {error.message}", file=sys.stderr)
        for problem in error.problems:
            print(f"  baris {problem.row}, kolom {problem.column}, nilai {problem.value!r}: {problem.message}",
                  file=sys.stderr)
        return 1
    print(f"{stored} baris register disimpan.")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    """Print the per-kecamatan summary as CSV; return 0."""
    from analytics.clock import settings_today

    engine = open_store(resolve_db_url(args))
    as_of = args.as_of or settings_today(read_settings(engine))
    table = foreigners_summary(engine, as_of, args.days)
    print(table.to_csv(index=False), end="")
    return 0
