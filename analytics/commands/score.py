"""`python -m analytics score`: the risk score of every desa or kecamatan on a date, as CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from analytics.cli import add_db_argument, resolve_db_url
from analytics.store.db import open_store
from analytics.risk.score import COMPONENTS, score_desa
from analytics.risk.inputs import read_risk_inputs
from analytics.risk.rollup import score_kecamatan

COLUMNS = ["kode", "nama", "skor", "tingkat", *COMPONENTS, "kelengkapan"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `score` command."""
    parser = subparsers.add_parser("score", help="Skor risiko tiap desa/kecamatan pada satu tanggal")
    add_db_argument(parser)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat,
                        help="Tanggal penilaian YYYY-MM-DD; hanya data sebelum tanggal ini yang dipakai")
    parser.add_argument("--level", choices=["desa", "kecamatan"], default="desa")
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.set_defaults(func=run_score)


def run_score(args: argparse.Namespace) -> int:
    """Print one row per place; return 0."""
    engine = open_store(resolve_db_url(args))
    try:
        inputs = read_risk_inputs(engine)
    finally:
        engine.dispose()
    table = score_desa(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings, args.as_of,
                       border_km=inputs.border_km, foreigners=inputs.foreigners)
    if args.level == "kecamatan":
        table = score_kecamatan(table, inputs.settings)
    table = table[COLUMNS]
    if args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
