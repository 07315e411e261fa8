"""`python -m analytics score`: the forecast and risk score of every desa or kecamatan on a date, as CSV or JSON.

peluang = P(≥ 1 kejadian in the next `forecast_horizon_days`), perkiraan = the expected number; for a
kecamatan, peluang = 1 − Π(1 − peluang desa) and perkiraan = their sum. skor = 100·peluang.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from analytics.cli import add_db_argument, resolve_db_url
from analytics.risk.inputs import read_risk_inputs, score_desa_from
from analytics.risk.rollup import score_kecamatan
from analytics.risk.score import COMPONENTS
from analytics.store.db import open_store

COLUMNS = ["kode", "nama", "skor", "tingkat", "peluang", "perkiraan", *COMPONENTS, "kelengkapan"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `score` command."""
    parser = subparsers.add_parser("score", help="Perkiraan kejadian, peluang dan skor risiko tiap desa/kecamatan pada satu tanggal")
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
    table = score_desa_from(inputs, args.as_of)
    if args.level == "kecamatan":
        table = score_kecamatan(table, inputs.settings)
    table = table[COLUMNS]
    if args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
