"""`python -m analytics tls [--name HOST ...] [--dir FOLDER]`: a self-signed certificate for HTTPS on the LAN."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `tls` command."""
    parser = subparsers.add_parser("tls", help="buat sertifikat HTTPS (self-signed) untuk akses lewat jaringan kantor")
    parser.add_argument("--name", action="append", default=None,
                        help="nama atau alamat IP server yang diketik pengguna (boleh berulang; bawaan: nama "
                             "komputer ini dan alamat LAN-nya)")
    parser.add_argument("--dir", type=Path, default=None, help="folder tujuan (bawaan: data/tls)")
    parser.set_defaults(func=run_tls)


def run_tls(args: argparse.Namespace) -> int:
    """Write the certificate and key; print how to start the dashboard over HTTPS; return 0."""
    from analytics.security.tls import TLS_DIR, default_names, write_self_signed

    names = args.name or default_names()
    paths = write_self_signed(args.dir or TLS_DIR, names)
    print(f"Sertifikat: {paths.cert}\nKunci privat (hanya pemilik): {paths.key}")
    print(f"Berlaku untuk: {', '.join(names)}\nSidik jari SHA-256: {paths.fingerprint}")
    print("Jalankan dasbor untuk jaringan kantor dengan HTTPS:")
    print(f"  python -m streamlit run serve.py --server.address 0.0.0.0 "
          f"--server.sslCertFile {paths.cert} --server.sslKeyFile {paths.key}")
    print("Pengguna membuka https://<nama-server>:8501 ; cocokkan sidik jari di atas saat peramban pertama kali "
          "memperingatkan, atau pasang sertifikat sebagai tepercaya di komputer kantor.")
    return 0
