"""`python -m analytics cases`: list tindak lanjut, and open cases for places newly in Tinggi or above."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from analytics.cli import add_db_argument, resolve_db_url
from analytics.penanganan.cases import CaseFilters, list_cases, open_cases_from_alerts, redact_cases
from analytics.risk.inputs import read_risk_inputs, score_desa_from
from analytics.risk.rollup import score_kecamatan
from analytics.store.db import open_store

LIST_COLUMNS = ["id", "judul_umum", "kode", "status", "instansi", "tanggal_buka", "jatuh_tempo", "terlambat",
                "hari_terlambat", "sumber"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `cases` command with its `list` and `open-alerts` sub-commands."""
    parser = subparsers.add_parser("cases", help="Tindak lanjut (penanganan): daftar dan pembukaan dari peringatan")
    sub = parser.add_subparsers(dest="cases_command", required=True)
    show = sub.add_parser("list", help="Daftar tindak lanjut, yang terlambat lebih dulu")
    add_db_argument(show)
    show.add_argument("--overdue", action="store_true", help="Hanya yang melewati jatuh tempo")
    show.add_argument("--open", action="store_true", help="Hanya yang belum selesai")
    show.add_argument("--as-of", type=date.fromisoformat, default=None, help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini)")
    show.add_argument("--format", choices=["csv", "json"], default="csv")
    show.set_defaults(func=run_list)
    alerts = sub.add_parser("open-alerts", help="Buka tindak lanjut untuk desa/kecamatan Tinggi ke atas yang belum punya")
    add_db_argument(alerts)
    alerts.add_argument("--as-of", required=True, type=date.fromisoformat, help="Tanggal penilaian YYYY-MM-DD")
    alerts.add_argument("--level", choices=["desa", "kecamatan", "keduanya"], default="keduanya")
    alerts.add_argument("--user", default="sistem", help="Nama pengguna yang dicatat di log audit")
    alerts.set_defaults(func=run_open_alerts)


def run_list(args: argparse.Namespace) -> int:
    """Print the cases (without free text: the CLI output may be shared); return 0."""
    engine = open_store(resolve_db_url(args))
    try:
        table = list_cases(engine, CaseFilters(overdue_only=args.overdue, open_only=args.open), as_of=args.as_of)
    finally:
        engine.dispose()
    table = redact_cases(table)[LIST_COLUMNS]
    if args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1, date_format="iso") + "\n")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return 0


def run_open_alerts(args: argparse.Namespace) -> int:
    """Score desa (and kecamatan) on --as-of, open the missing alert cases, print how many; return 0."""
    engine = open_store(resolve_db_url(args))
    try:
        inputs = read_risk_inputs(engine)
        desa = score_desa_from(inputs, args.as_of)
        ids: list[int] = []
        if args.level in ("desa", "keduanya"):
            ids += open_cases_from_alerts(engine, desa, args.as_of, args.user)
        if args.level in ("kecamatan", "keduanya"):
            ids += open_cases_from_alerts(engine, score_kecamatan(desa, inputs.settings), args.as_of, args.user)
    finally:
        engine.dispose()
    print(f"{len(ids)} tindak lanjut baru dibuka" + (f": #{', #'.join(map(str, ids))}" if ids else "."))
    return 0
