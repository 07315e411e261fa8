"""`python -m analytics setup`: a ready store on first start — migrated, demo data, first administrator."""

from __future__ import annotations

import argparse
import sys

import sqlalchemy as sa

from analytics.auth import AuthError, count_users, create_user
from analytics.cli import add_db_argument, resolve_db_url
from analytics.commands.user import read_password
from analytics.demo.generate import load_demo
from analytics.store import tables
from analytics.store.db import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `setup` command."""
    parser = subparsers.add_parser(
        "setup", help="siapkan basis data: migrasi, data contoh (jika kosong), administrator pertama"
    )
    add_db_argument(parser)
    parser.add_argument("--no-demo", action="store_true", help="jangan muat data contoh")
    parser.add_argument("--admin", default=None, help="nama administrator pertama (jika belum ada akun)")
    parser.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari masukan standar")
    parser.set_defaults(func=run_setup)


def _store_is_empty(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(tables.uploads)).scalar_one() == 0


def run_setup(args: argparse.Namespace) -> int:
    """Prepare the store; return 0, or 1 when no administrator exists and none could be created."""
    engine = open_store(resolve_db_url(args))
    print(f"Basis data siap: {engine.url.render_as_string(hide_password=True)}")
    if not args.no_demo and _store_is_empty(engine):
        counts = load_demo(engine, user="setup")
        print(f"DATA CONTOH dimuat: {counts['kejadian']} kejadian, {counts['laporan']} nilai laporan berkala.")
        print("Hapus data contoh sebelum memakai data sebenarnya (halaman Unggah Data).")
    if count_users(engine):
        return 0
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if not (interactive or args.password_stdin):
        # Exit non-zero: `setup && streamlit run serve.py` must not start a dashboard nobody can log in to.
        print("Gagal: belum ada akun administrator dan tidak ada terminal untuk menanyakan kata sandinya. "
              "Jalankan tanpa terminal: echo 'KATA-SANDI' | python -m analytics setup --admin NAMA --password-stdin "
              "(atau: python -m analytics user add NAMA --role admin).", file=sys.stderr)
        return 1
    name = args.admin or (input("Nama administrator pertama: ").strip() if interactive else "")
    try:
        create_user(engine, name, read_password(args.password_stdin), "admin", created_by="setup")
    except AuthError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    print(f"Administrator '{name}' dibuat. Jalankan: python -m streamlit run serve.py")
    return 0
