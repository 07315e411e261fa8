"""`python -m analytics audit verify [--db URL]`: check the audit log's hash chain, name the first broken link."""

from __future__ import annotations

import argparse

from analytics.cli import add_db_argument, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `audit` command with its `verify` sub-command."""
    parser = subparsers.add_parser("audit", help="periksa log audit")
    sub = parser.add_subparsers(dest="audit_command", required=True)
    verify = sub.add_parser("verify", help="periksa rantai hash log audit; sebutkan tautan pertama yang putus")
    add_db_argument(verify)
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    """Print the result of the chain check; return 0 when unbroken, 2 when a link is broken."""
    from analytics.store import tables
    from analytics.store.audit_chain import verify_chain
    from analytics.store.db import open_store

    engine = open_store(resolve_db_url(args))
    try:
        with engine.connect() as conn:
            report = verify_chain(conn, tables.audit_log)
    finally:
        engine.dispose()
    if report.first_break:
        broken = report.first_break
        when = broken.ts.isoformat(sep=" ", timespec="seconds") if broken.ts else "-"
        print(f"RUSAK: rantai log audit putus pada entri {broken.entry_id} (waktu {when} UTC): {broken.reason}. "
              f"{report.entries - 1} entri sebelumnya utuh.")
        return 2
    print(f"Utuh: {report.entries} entri log audit, rantai hash tidak terputus.")
    print(f"Hash terakhir: {report.head}")
    print("Catat hash ini di luar server (mis. buku agenda); jika kelak rantainya lebih pendek atau hash ini "
          "tidak ada lagi, entri terbaru telah dihapus.")
    return 0
