"""What a restore trusts: the backup's signature, a complete manifest, and the audit chains on both sides.

Used by analytics/backup.py; raises TrustError with an Indonesian message, which the restore turns
into a BackupError before it writes anything.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa

from analytics.security import signing
from analytics.store import tables
from analytics.store.audit_chain import check_chain, verify_chain

SIGNATURE = "signature.json"
MANIFEST = "manifest.json"
# Bookkeeping tables that a backup need not contain.
NOT_BACKED_UP = {"alembic_version"}


class TrustError(Exception):
    """The backup or the store is not trustworthy enough to restore; the message says why and what to do."""


def read_signed_parts(archive: zipfile.ZipFile) -> tuple[bytes, bytes | None]:
    """Return the manifest's exact bytes and the signature document's (None when the backup is unsigned)."""
    names = set(archive.namelist())
    for name, limit in ((MANIFEST, 1024 * 1024), (SIGNATURE, 64 * 1024)):  # read whole: bounded first
        if name in names and archive.getinfo(name).file_size > limit:
            raise ValueError(f"{name} terlalu besar")
    manifest = archive.read(MANIFEST)
    return manifest, archive.read(SIGNATURE) if SIGNATURE in names else None


def check_backup_signature(path: Path, manifest: bytes, signature: bytes | None, key_file: Path,
                           trust_unsigned: bool) -> str:
    """Return the signature status; raise TrustError unless it is valid or the admin chose to trust the file."""
    key = signing.load_key(key_file, create=False)
    status = signing.check_signature(manifest, signature, key)
    if status == "valid" or trust_unsigned:
        return status
    reasons = {
        "unsigned": "tidak bertanda tangan (dibuat oleh versi lama atau di luar aplikasi)",
        "no_key": f"bertanda tangan, tetapi kunci tanda tangan server ini tidak ada ({key_file})",
        "other_key": "ditandatangani dengan kunci server lain",
        "invalid": "tanda tangannya tidak cocok: isinya diubah setelah dicadangkan",
    }
    raise TrustError(
        f"Berkas cadangan '{path.name}' {reasons[status]}. Basis data tidak diubah. Jika Anda yakin berkas ini "
        f"asli (mis. dari server lama), salin kunci server lama ke {key_file} atau jalankan ulang dengan "
        "--trust-unsigned (tercatat di log audit).")


def check_manifest_tables(path: Path, manifest_tables: set[str], expected: set[str]) -> None:
    """Raise TrustError when the manifest lacks a table of its schema or names one the schema lacks."""
    expected = expected - NOT_BACKED_UP
    missing, extra = sorted(expected - manifest_tables), sorted(manifest_tables - expected)
    if missing:
        raise TrustError(f"Berkas cadangan '{path.name}' tidak lengkap: tabel {', '.join(missing)} tidak ada di "
                         "manifest. Basis data tidak diubah; pakai salinan cadangan lain.")
    if extra:
        raise TrustError(f"Berkas cadangan '{path.name}' memuat tabel yang tidak dikenal skemanya: "
                         f"{', '.join(extra)}. Basis data tidak diubah.")


def check_store_chain(conn: sa.Connection, reflected: sa.MetaData) -> int:
    """Return how many audit entries the store holds; raise TrustError when its chain is already broken."""
    log = reflected.tables.get(tables.audit_log.name)
    if log is None:
        return 0
    if "row_hash" not in log.c:  # a store from before the chain: nothing to check yet
        return int(conn.execute(sa.select(sa.func.count()).select_from(log)).scalar_one())
    report = verify_chain(conn, log)
    if report.first_break:
        raise TrustError(f"Log audit basis data tujuan sudah rusak pada entri {report.first_break.entry_id} "
                         f"({report.first_break.reason}). Pemulihan dibatalkan agar jejak itu tidak tertimpa; "
                         "periksa dengan `python -m analytics audit verify`.")
    return report.entries


def check_backup_chain(path: Path, records: list[dict]) -> None:
    """Raise TrustError when the backup's own audit entries (with hashes) do not form an unbroken chain."""
    if not records or "row_hash" not in records[0]:
        return
    report = check_chain(SimpleNamespace(**r) for r in records)
    if report.first_break:
        raise TrustError(f"Log audit di dalam berkas cadangan '{path.name}' rusak pada entri "
                         f"{report.first_break.entry_id} ({report.first_break.reason}). Basis data tidak diubah.")

