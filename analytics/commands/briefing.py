"""`python -m analytics briefing [--db URL] [--as-of DATE] [--days N] --output FILE.pdf|.pptx`: the Bahan Rakor."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from analytics.cli import add_db_argument, operator_name, resolve_db_url

FORMATS = (".pdf", ".pptx")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"tanggal '{text}' tidak sah; tulis seperti 2026-05-30") from error


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `briefing` command."""
    parser = subparsers.add_parser("briefing", help="buat Bahan Rakor (PDF atau PowerPoint) tanpa internet")
    add_db_argument(parser)
    parser.add_argument("--as-of", type=_parse_date, default=None,
                        help="tanggal akhir data dan tanggal di judul (YYYY-MM-DD; bawaan: kejadian terakhir)")
    parser.add_argument("--days", type=int, default=90, help="panjang periode dalam hari (bawaan: 90)")
    parser.add_argument("--output", type=Path, required=True, help="berkas tujuan, .pdf atau .pptx")
    parser.add_argument("--kecamatan", action="append", default=[], metavar="KODE",
                        help="hanya kecamatan ini (kode, mis. 65.02.02; boleh diulang; bawaan: seluruh kabupaten)")
    parser.add_argument("--kategori", action="append", default=[], metavar="KODE",
                        help="hanya kategori ini (kode, mis. pemilu; boleh diulang; bawaan: semua)")
    parser.set_defaults(func=run_briefing)


def run_briefing(args: argparse.Namespace) -> int:
    """Write the briefing file; return 0, or 2 when the output name has no known extension."""
    from analytics.briefing.data import build_briefing_context
    from analytics.briefing.pdf import build_briefing_pdf
    from analytics.briefing.pptx import build_briefing_pptx
    from analytics.store.db import open_store

    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        print(f"Berkas tujuan harus berakhiran .pdf atau .pptx, bukan '{suffix or '(tanpa akhiran)'}'.")
        return 2
    if args.days < 1:
        print("--days harus 1 atau lebih.")
        return 2
    from analytics.store.export_audit import record_export

    engine = open_store(resolve_db_url(args))
    try:
        # Without --as-of the period is the last N days of the data and the title carries today's date.
        context = build_briefing_context(engine, end=args.as_of, today=args.as_of, days=args.days,
                                         kecamatan=tuple(args.kecamatan), kategori=tuple(args.kategori))
        data = build_briefing_pdf(context) if suffix == ".pdf" else build_briefing_pptx(context)
        args.output.write_bytes(data)
        record_export(engine, operator_name(), "briefing", args.output.name, {
            "period": [context.period_start.isoformat(), context.period_end.isoformat()], "format": suffix[1:],
            "scope": context.scope})
    finally:
        engine.dispose()
    from analytics.views.plain_words import format_period

    print(f"Bahan Rakor ({format_period(context.period_start, context.period_end)}; {context.scope}) "
          f"ditulis ke {args.output}")
    return 0
