"""Command-line entry point: one sub-command per module in analytics/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from analytics import commands
from analytics.db import default_database_url


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add the shared `--db URL` option (default: DATABASE_URL, else the SQLite file)."""
    parser.add_argument(
        "--db",
        default=None,
        help="URL basis data (bawaan: DATABASE_URL, jika tidak ada: berkas SQLite di data/)",
    )


def resolve_db_url(args: argparse.Namespace) -> str:
    """Return the database URL a command should use."""
    return getattr(args, "db", None) or default_database_url()


def operator_name() -> str:
    """Return who runs a command, for the audit log: 'cli:' and the operating-system account."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every command module registered."""
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Waspada Malinau")
    sub = parser.add_subparsers(dest="command", required=True)
    # Each module in analytics/commands/ exposes register(subparsers); new commands need no edit here.
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    # Windows consoles default to a legacy code page; Indonesian messages and JSON must not crash there.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
