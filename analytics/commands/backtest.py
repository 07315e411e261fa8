"""`python -m analytics backtest`: month by month, does the forecast point at the desa that then have kejadian?"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from analytics.cli import add_db_argument, resolve_db_url
from analytics.risk.inputs import read_risk_inputs
from analytics.store.db import open_store


def _month(text: str) -> str:
    try:
        return str(pd.Period(text, freq="M"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bulan tidak sah: {text!r} (pakai YYYY-MM)") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `backtest` command."""
    parser = subparsers.add_parser("backtest", help="Uji perkiraan risiko terhadap kejadian bulan berikutnya")
    add_db_argument(parser)
    parser.add_argument("--start", type=_month, help="Bulan pertama YYYY-MM (bawaan: 12 bulan setelah data pertama)")
    parser.add_argument("--end", type=_month, help="Bulan terakhir YYYY-MM (bawaan: bulan lengkap terakhir)")
    parser.add_argument("--top", type=int, default=10, help="k untuk presisi@k dan cakupan@k (bawaan 10)")
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.set_defaults(func=run_backtest_command)


def run_backtest_command(args: argparse.Namespace) -> int:
    """Print the monthly table, the averages, the comparison and the reliability; 1 with a message when impossible."""
    from analytics.i18n.catalog import t
    from analytics.risk.backtest import run_forecast_backtest
    from analytics.views import accuracy as report

    engine = open_store(resolve_db_url(args))
    try:
        inputs = read_risk_inputs(engine)
    finally:
        engine.dispose()
    try:
        result = run_forecast_backtest(inputs, start=args.start, end=args.end, top_k=args.top)
    except ValueError as exc:
        print(f"Backtest tidak dapat dijalankan: {exc}", file=sys.stderr)
        return 1
    if args.format == "csv":
        result.monthly.to_csv(sys.stdout, index=False, float_format="%.4f", lineterminator="\n")
    elif args.format == "json":
        payload = {"top_k": result.top_k, "pembanding_terbaik": result.best_baseline,
                   "bulan_tidak_lengkap": result.partial_month,
                   "bulanan": json.loads(result.monthly.to_json(orient="records")),
                   "ringkasan": json.loads(result.summary.to_json(orient="index")),
                   "perbandingan": json.loads(result.comparison.to_json(orient="index")),
                   "keandalan": json.loads(result.reliability.to_json(orient="records"))}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        fmt = lambda v: f"{v:.3f}"
        print(result.monthly.to_string(index=False, float_format=fmt))
        print(f"\nRata-rata per model (ap, p@{result.top_k}/r@{result.top_k}: makin besar makin baik; "
              "brier, logloss, ece: makin kecil makin baik):")
        print(result.summary.to_string(float_format=fmt))
        print("\nModel dibanding tiap pembanding (interval bootstrap 95% atas bulan):")
        print("\n".join(report.comparison_lines(result)))
        print("\nKeandalan peluang model (10 rentang):")
        print(result.reliability.to_string(index=False, float_format=fmt))
        print()
        print(report.verdict(result)[0])
        print(report.calibration_sentence(result))
        if result.partial_month:
            print(t("fc_partial", month=result.partial_month))
    return 0
