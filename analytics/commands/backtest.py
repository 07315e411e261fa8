"""`python -m analytics backtest`: month by month, does the score rank the desa that then have kejadian?"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from analytics.risk.backtest import run_backtest, summary_table
from analytics.cli import add_db_argument, resolve_db_url
from analytics.store.db import open_store
from analytics.risk.inputs import read_risk_inputs


def _month(text: str) -> str:
    try:
        return str(pd.Period(text, freq="M"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bulan tidak sah: {text!r} (pakai YYYY-MM)") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `backtest` command."""
    parser = subparsers.add_parser("backtest", help="Uji skor risiko terhadap kejadian bulan berikutnya")
    add_db_argument(parser)
    parser.add_argument("--start", type=_month, help="Bulan pertama YYYY-MM (bawaan: 12 bulan setelah data pertama)")
    parser.add_argument("--end", type=_month, help="Bulan terakhir YYYY-MM (bawaan: bulan data terakhir)")
    parser.add_argument("--top", type=int, default=10, help="k untuk presisi@k dan recall@k (bawaan 10)")
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.set_defaults(func=run_backtest_command)


def run_backtest_command(args: argparse.Namespace) -> int:
    """Print the monthly table and the averages; return 0, or 1 with a message when there is nothing to test."""
    engine = open_store(resolve_db_url(args))
    try:
        inputs = read_risk_inputs(engine)
    finally:
        engine.dispose()
    try:
        result = run_backtest(inputs.incidents, inputs.reports, inputs.calendar, inputs.settings,
                              start=args.start, end=args.end, top_k=args.top, border_km=inputs.border_km)
    except ValueError as exc:
        print(f"Backtest tidak dapat dijalankan: {exc}", file=sys.stderr)
        return 1
    table = pd.concat([result.monthly, result.averages], ignore_index=True)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif args.format == "json":
        payload = {"top_k": result.top_k, "bulanan": json.loads(result.monthly.to_json(orient="records")),
                   "rata_rata": json.loads(summary_table(result).to_json(orient="index"))}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", formatters={"positif": "{:g}".format}))
        print()
        print(f"Rata-rata per model (ap = average precision, p@{result.top_k}/r@{result.top_k}, brier: makin kecil makin baik):")
        print(summary_table(result).to_string(float_format=lambda v: f"{v:.3f}"))
    return 0
