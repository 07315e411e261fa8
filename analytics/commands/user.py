"""`python -m analytics user add NAME --role ROLE [--password-stdin]` and `user list`."""

from __future__ import annotations

import argparse
import getpass
import sys

from analytics.auth import ROLES, AuthError, create_user, list_users
from analytics.cli import add_db_argument, resolve_db_url
from analytics.store.db import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `user` command with its `add` and `list` sub-commands."""
    parser = subparsers.add_parser("user", help="kelola akun pengguna dasbor")
    sub = parser.add_subparsers(dest="user_command", required=True)

    add = sub.add_parser("add", help="buat akun baru (kata sandi diminta, tidak pernah ada bawaan)")
    add.add_argument("username", help="nama pengguna (tanpa spasi)")
    add.add_argument("--role", required=True, choices=ROLES, help="peran: pimpinan, analis atau admin")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="baca kata sandi dari baris pertama masukan standar (untuk skrip)",
    )
    add_db_argument(add)
    add.set_defaults(func=run_add)

    listing = sub.add_parser("list", help="tampilkan semua akun")
    add_db_argument(listing)
    listing.set_defaults(func=run_list)


def read_password(from_stdin: bool) -> str:
    """Return the new password: stdin's first line, or typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi baru: ")
    second = getpass.getpass("Ulangi kata sandi: ")
    if first != second:
        raise AuthError("Kedua kata sandi tidak sama.")
    return first


def run_add(args: argparse.Namespace) -> int:
    """Create the account; return 0, or 1 with the reason on stderr."""
    try:
        password = read_password(args.password_stdin)
        engine = open_store(resolve_db_url(args))
        create_user(engine, args.username, password, args.role, created_by="cli")
    except AuthError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    print(f"Akun '{args.username}' ({args.role}) dibuat.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print every account, one per line; return 0."""
    engine = open_store(resolve_db_url(args))
    rows = list_users(engine)
    if not rows:
        print("Belum ada akun. Buat administrator pertama: python -m analytics user add NAMA --role admin")
        return 0
    print(f"{'nama':<24} {'peran':<10} {'aktif':<6} terkunci sampai")
    for row in rows:
        locked = row["locked_until"].isoformat(timespec="minutes") if row["locked_until"] else "-"
        print(f"{row['username']:<24} {row['role']:<10} {'ya' if row['active'] else 'tidak':<6} {locked}")
    return 0
