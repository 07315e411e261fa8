"""Command-line entry point: one sub-command per module in analytics/commands/."""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import pkgutil
import sys

from analytics import commands


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add the shared `--db URL` option (default: DATABASE_URL, else the SQLite file)."""
    parser.add_argument(
        "--db",
        default=None,
        help="URL basis data (bawaan: DATABASE_URL, jika tidak ada: berkas SQLite di data/)",
    )


def resolve_db_url(args: argparse.Namespace) -> str:
    """Return the database URL a command should use."""
    from analytics.store.db import default_database_url  # SQLAlchemy and Alembic load only for commands that need them

    return getattr(args, "db", None) or default_database_url()


def operator_name() -> str:
    """Return who runs a command, for the audit log: 'cli:' and the operating-system account."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def settings_for(db_url: str | None):
    """Return the settings stored at db_url, or the defaults when no store is named (imports only then)."""
    from analytics.settings import default_settings, read_settings

    if not db_url:
        return default_settings()
    from analytics.store.db import open_store

    engine = open_store(db_url)
    try:
        return read_settings(engine)
    finally:
        engine.dispose()


def command_summaries() -> dict[str, str]:
    """Return command name → its help text, read from the command modules' source without importing them."""
    summaries = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        with open(os.path.join(commands.__path__[0], f"{info.name}.py"), encoding="utf-8") as source:
            tree = ast.parse(source.read())
        summaries[info.name] = _declared_help(tree, info.name) or (ast.get_docstring(tree) or "").split("\n")[0]
    return summaries


def _declared_help(tree: ast.Module, name: str) -> str | None:
    """Return the literal help= of the module's `add_parser(name, help=...)` call, if it has one."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_parser" and node.args
                and isinstance(node.args[0], ast.Constant) and node.args[0].value == name):
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    return keyword.value.value
    return None


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """Return the top-level parser; only the command named in argv is imported (so `--help` starts at once)."""
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Waspada Malinau")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    summaries = command_summaries()
    chosen = next((word for word in argv if not word.startswith("-")), None)
    for name, summary in summaries.items():
        if name == chosen:
            # Each module in analytics/commands/ exposes register(subparsers); new commands need no edit here.
            importlib.import_module(f"{commands.__name__}.{name}").register(sub)
        else:
            sub.add_parser(name, help=summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    # Windows consoles default to a legacy code page; Indonesian messages and JSON must not crash there.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    return int(args.func(args) or 0)
