"""A hostile backup zip (a giant line, a giant manifest) is refused before it fills memory; the store is untouched."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from analytics.store.backup import BackupError, checksum_tables, restore_backup, write_backup


def giant_line_backup(good: Path, target: Path, megabytes: int) -> None:
    """Copy a real backup to target with incidents.jsonl replaced by one line of `megabytes` MB (no newline)."""
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "incidents.jsonl":
                data = b"a" * (megabytes * 1024 * 1024)
            new.writestr(info.filename, data)


def test_backup_with_a_giant_line_is_refused_and_store_unchanged(sqlite_engine, tmp_path):
    """A backup whose table file is one 80 MB line is refused as damaged, naming the member; nothing changes."""
    good, bad = tmp_path / "baik.zip", tmp_path / "raksasa.zip"
    write_backup(sqlite_engine, good)
    giant_line_backup(good, bad, 80)
    before = checksum_tables(sqlite_engine)
    with pytest.raises(BackupError, match=r"'raksasa.zip' rusak .*satu baris incidents.jsonl lebih dari 64 MB"):
        restore_backup(sqlite_engine, bad, force=True, trust_unsigned=True)
    assert checksum_tables(sqlite_engine) == before


def test_backup_with_a_giant_manifest_is_refused(sqlite_engine, tmp_path):
    """A manifest.json over 1 MB is refused before it is parsed."""
    good, bad = tmp_path / "baik.zip", tmp_path / "manifest.zip"
    write_backup(sqlite_engine, good)
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["padding"] = " " * (2 * 1024 * 1024)
                data = json.dumps(manifest).encode()
            new.writestr(info.filename, data)
    with pytest.raises(BackupError, match="manifest.json terlalu besar"):
        restore_backup(sqlite_engine, bad, force=True, trust_unsigned=True)
