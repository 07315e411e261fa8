"""`python -m analytics demo`: load the demo data (DATA CONTOH) into the store, optionally write sample files."""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics.cli import add_db_argument, resolve_db_url
from analytics.demo.generate import DEFAULT_SEED, load_demo, write_demo_files
from analytics.store.db import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `demo` command."""
    parser = subparsers.add_parser(
        "demo", help="Muat data contoh (demo) ke basis data; --files juga menulis berkas laporan contoh"
    )
    add_db_argument(parser)
    parser.add_argument("--files", type=Path, metavar="DIR",
                        help="Folder tujuan berkas laporan contoh (Excel dan CSV) untuk uji unggah")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Benih acak (bawaan {DEFAULT_SEED})")
    parser.add_argument("--user", default="demo", help="Nama pengguna yang dicatat pada unggahan (bawaan: demo)")
    parser.set_defaults(func=run_demo_command)


def run_demo_command(args: argparse.Namespace) -> int:
    """Load the demo, print what was added (and the sample files written); return 0."""
    engine = open_store(resolve_db_url(args))
    try:
        counts = load_demo(engine, user=args.user, seed=args.seed)
    finally:
        engine.dispose()
    print(f"Kejadian demo   : {counts['kejadian']} baris baru, {counts['kejadian_duplikat']} sudah ada")
    print(f"Laporan berkala : {counts['laporan']} nilai baru, {counts['laporan_duplikat']} sudah ada")
    if counts["kejadian"] == 0 and counts["laporan"] == 0:
        print("Data demo sudah dimuat sebelumnya; tidak ada yang ditambahkan.")
    if args.files:
        for path in write_demo_files(args.files):
            print(f"Berkas contoh   : {path}")
    return 0
