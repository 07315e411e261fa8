"""`python -m analytics template [--output DIR]`: blank Excel templates for kejadian and laporan berkala."""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics.cli import settings_for


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `template` command."""
    parser = subparsers.add_parser("template", help="buat templat Excel kosong (kejadian, laporan berkala)")
    parser.add_argument("--output", type=Path, default=Path("."), help="folder tujuan (bawaan: folder ini)")
    parser.add_argument("--db", default=None, help="URL basis data untuk membaca indikator (bawaan: pengaturan bawaan)")
    parser.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    """Write both templates and return 0."""
    from analytics.ingest.templates import write_templates

    settings = settings_for(args.db)
    for path in write_templates(args.output, settings):
        print(f"Templat dibuat: {path}")
    return 0
