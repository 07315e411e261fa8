"""`python -m analytics kobo pull --server URL --asset UID [--full] [--valid-only] [--json]`: optional pull.

The token is read from the environment variable KOBO_TOKEN (or the one named by --token-env).
Exit codes: 0 pulled (or nothing new); 1 refused because of errors in the submissions (nothing
stored, the next pull tries the same ones again); 2 no token, server unreachable or refusing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone

from analytics.cli import add_db_argument, resolve_db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `kobo` command (sub-command `pull`)."""
    parser = subparsers.add_parser("kobo", help="tarik kiriman dari server KoboToolbox (opsional, perlu internet)")
    actions = parser.add_subparsers(dest="kobo_action", required=True)
    pull = actions.add_parser("pull", help="tarik kiriman baru dari satu formulir (REST API v2)")
    pull.add_argument("--server", required=True, help="alamat server, mis. https://kf.kobotoolbox.org")
    pull.add_argument("--asset", required=True, help="UID formulir (asset) di KoboToolbox")
    pull.add_argument("--token-env", default="KOBO_TOKEN", help="variabel lingkungan berisi token (bawaan: KOBO_TOKEN)")
    pull.add_argument("--full", action="store_true",
                      help="tarik semua kiriman, bukan hanya yang baru (membawa perubahan yang dibuat di server)")
    pull.add_argument("--valid-only", action="store_true", help="simpan kiriman yang valid saja")
    pull.add_argument("--json", action="store_true", help="cetak hasil sebagai satu objek JSON")
    pull.add_argument("--user", default="cli", help="nama pengguna untuk jejak audit (bawaan: cli)")
    add_db_argument(pull)
    parser.set_defaults(func=run_kobo)


def run_kobo(args: argparse.Namespace) -> int:
    """Pull, ingest and report; return the exit code."""
    from analytics.commands.ingest import exit_code_of, print_text
    from analytics.errors import IngestError
    from analytics.fieldreports.kobo_pull import (
        KoboPullError,
        data_url,
        fetch_submissions,
        last_pulled,
        make_session,
        record_pull,
        records_to_csv,
    )
    from analytics.ingest.pipeline import ingest_file
    from analytics.store.db import open_store

    token = os.environ.get(args.token_env, "").strip()
    if not token:
        print(f"Gagal: token KoboToolbox tidak ada. Isi variabel lingkungan {args.token_env} "
              "(KoboToolbox → Account Settings → Security → API Key).", file=sys.stderr)
        return 2
    engine = open_store(resolve_db_url(args))
    try:
        since = None if args.full else last_pulled(engine, args.server, args.asset)
        try:
            result = fetch_submissions(make_session(token), data_url(args.server, args.asset, since))
        except KoboPullError as error:
            print(f"Gagal: {error}", file=sys.stderr)
            return 2
        if not result.records:
            print("Tidak ada kiriman baru" + (f" sejak {since}." if since else "."))
            record_pull(engine, args.user, args.server, args.asset, result, None)
            return 0
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d_%H%M%S")
        try:
            report = ingest_file(engine, records_to_csv(result.records), f"kobo_{args.asset}_{stamp}.csv",
                                 user=args.user, valid_only=args.valid_only)
        except IngestError as error:
            print(f"Gagal: {error.message}", file=sys.stderr)
            return 2
        if since is not None:
            # an incremental pull holds only new submissions: the others are not "missing from the server"
            report.notes = [n for n in report.notes if "tidak ada dalam ekspor ini" not in n]
        if report.committed or report.already_stored:
            record_pull(engine, args.user, args.server, args.asset, result, report)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(report.as_dict() | {"pulled": len(result.records), "since": since}, ensure_ascii=False,
                         default=str))
    else:
        print(f"{len(result.records)} kiriman ditarik dari {args.server} ({result.pages} halaman).")
        print_text(report)
    return exit_code_of(report)
