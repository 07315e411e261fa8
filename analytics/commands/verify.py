"""`python -m analytics verify [ID ...] [--upload N] --status terverifikasi|ditolak [--reason TEXT]`.

Exit codes: 0 when the status was set (or already was); 2 when the request cannot be done
(no id, unknown id, a rejection without a reason).
"""

from __future__ import annotations

import argparse
import sys

from analytics.cli import add_db_argument, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `verify` command."""
    parser = subparsers.add_parser("verify", help="verifikasi kejadian: setujui atau tolak (dengan alasan)")
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="nomor kejadian")
    parser.add_argument("--upload", type=int, default=None, help="semua kejadian dari unggahan nomor N")
    parser.add_argument("--status", required=True, choices=("terverifikasi", "ditolak"), help="status baru")
    parser.add_argument("--reason", default=None, help="alasan (wajib untuk ditolak)")
    parser.add_argument("--user", default="cli", help="nama pengguna untuk jejak audit (bawaan: cli)")
    add_db_argument(parser)
    parser.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    """Set the status of the chosen kejadian and return the exit code."""
    from analytics.fieldreports.verification import (
        VerificationError,
        ids_of_upload,
        set_status,
    )
    from analytics.store.db import open_store

    engine = open_store(resolve_db_url(args))
    try:
        ids = list(args.ids)
        if args.upload is not None:
            ids += ids_of_upload(engine, args.upload)
        if not ids:
            raise VerificationError("Sebutkan nomor kejadian atau --upload N.")
        changed = set_status(engine, ids, args.status, user=args.user, reason=args.reason)
    except VerificationError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"{changed} kejadian kini berstatus {args.status}"
          + (f" ({len(set(ids)) - changed} sudah berstatus itu)." if len(set(ids)) > changed else "."))
    return 0
