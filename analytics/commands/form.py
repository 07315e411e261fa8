"""`python -m analytics form --output PATH.xlsx [--kind kejadian|laporan] [--db URL]`: an XLSForm for phones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics.cli import settings_for


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `form` command."""
    parser = subparsers.add_parser("form", help="buat formulir XLSForm (KoboToolbox / ODK Collect)")
    parser.add_argument("--output", type=Path, required=True, help="berkas .xlsx tujuan")
    parser.add_argument("--kind", choices=["kejadian", "laporan"], default="kejadian",
                        help="kejadian (bawaan) atau laporan berkala")
    parser.add_argument("--db", default=None,
                        help="URL basis data untuk membaca indikator laporan (bawaan: indikator bawaan)")
    parser.set_defaults(func=run_form)


def run_form(args: argparse.Namespace) -> int:
    """Write the form and return 0 (2 when the output path is not .xlsx or cannot be written)."""
    from analytics.fieldreports.form import build_form, form_xlsx_bytes

    output: Path = args.output
    if output.suffix.lower() != ".xlsx":
        print(f"Gagal: '{output}' harus berakhiran .xlsx (XLSForm untuk KoboToolbox / ODK).", file=sys.stderr)
        return 2
    settings = settings_for(args.db)
    try:
        output.write_bytes(form_xlsx_bytes(build_form(args.kind, settings)))
    except OSError as error:
        print(f"Gagal: '{output}' tidak dapat ditulis ({error.strerror}).", file=sys.stderr)
        return 2
    print(f"Formulir {args.kind} dibuat: {output}")
    return 0
