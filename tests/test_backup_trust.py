"""Backups that can't be forged quietly, and an audit log whose history a restore never replaces."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from analytics.auth import authenticate, create_user
from analytics.cli import main
from analytics.settings import read_settings
from analytics.store import tables
from analytics.store.audit_chain import verify_chain
from analytics.store.backup import BackupError, checksum_tables, restore_backup, write_backup
from analytics.store.db import open_store

ADMIN_PW = "kata-sandi-panjang-1"
ANALIS_PW = "kata-sandi-panjang-3"


@pytest.fixture
def small(tmp_path: Path) -> sa.Engine:
    """A SQLite store with an admin and an analis (no demo data: these tests are about trust, not volume)."""
    engine = open_store(f"sqlite:///{(tmp_path / 'a.db').as_posix()}")
    create_user(engine, "kepala", ADMIN_PW, "admin")
    create_user(engine, "ani", ANALIS_PW, "analis")
    yield engine
    engine.dispose()


def rewrite_zip(source: Path, target: Path, change) -> None:
    """Copy a zip, passing each member through change(name, bytes) -> bytes or None (drop the member)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)


def forge_admin(source: Path, target: Path) -> None:
    """The attack from issue 14: make the analis an admin and recompute the manifest's sha256."""
    with zipfile.ZipFile(source) as old:
        users = old.read("users.jsonl").replace(b'"role":"analis"', b'"role":"admin"')
        manifest = json.loads(old.read("manifest.json"))
    manifest["tables"]["users"]["sha256"] = hashlib.sha256(users).hexdigest()
    rewrite_zip(source, target, lambda name, data: users if name == "users.jsonl" else
                json.dumps(manifest).encode() if name == "manifest.json" else data)


def role_of(engine: sa.Engine, name: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(sa.select(tables.users.c.role).where(tables.users.c.username == name)).scalar()


def actions(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(tables.audit_log.c.action).order_by(tables.audit_log.c.id)).scalars())


def test_forged_backup_is_refused_and_nothing_written(small, engine, tmp_path, capsys):
    """An analis made admin inside the zip, checksum recomputed: `restore --force` exits 1 and the store is unchanged."""
    write_backup(small, tmp_path / "asli.zip")
    forge_admin(tmp_path / "asli.zip", tmp_path / "palsu.zip")
    create_user(engine, "lain", ADMIN_PW, "admin")
    before = checksum_tables(engine)
    code = main(["restore", str(tmp_path / "palsu.zip"), "--db", engine.url.render_as_string(False), "--force"])
    assert code == 1
    assert "tanda tangannya tidak cocok" in capsys.readouterr().err
    assert checksum_tables(engine) == before
    assert role_of(engine, "ani") is None


def test_backup_without_signature_needs_explicit_trust_and_is_audited(small, engine, tmp_path):
    """An unsigned backup is refused; with trust_unsigned it restores and the audit entry says it was trusted."""
    write_backup(small, tmp_path / "asli.zip")
    rewrite_zip(tmp_path / "asli.zip", tmp_path / "tanpa.zip", lambda n, d: None if n == "signature.json" else d)
    with pytest.raises(BackupError, match="tidak bertanda tangan"):
        restore_backup(engine, tmp_path / "tanpa.zip")
    restore_backup(engine, tmp_path / "tanpa.zip", user="kepala", trust_unsigned=True)
    with engine.connect() as conn:
        detail = conn.execute(sa.select(tables.audit_log.c.detail)
                              .where(tables.audit_log.c.action == "pulihkan_cadangan")).scalar_one()
    assert json.loads(detail)["trust_unsigned"] is True and json.loads(detail)["signature"] == "unsigned"
    assert role_of(engine, "ani") == "analis"


def test_backup_signed_by_another_server_is_refused(small, engine, tmp_path, monkeypatch):
    """A backup made with another server's key is refused by this server (copy the key or trust it explicitly)."""
    write_backup(small, tmp_path / "asli.zip")
    monkeypatch.setenv("WASPADA_SIGNING_KEY_FILE", str(tmp_path / "server2" / "waspada-signing.key"))
    write_backup(small, tmp_path / "dummy.zip")  # creates the second server's key
    with pytest.raises(BackupError, match="kunci server lain"):
        restore_backup(engine, tmp_path / "asli.zip")


def test_manifest_missing_a_table_is_refused(small, engine, tmp_path):
    """A signed backup whose manifest lacks the users table is refused naming the table."""
    from analytics.security import signing

    write_backup(small, tmp_path / "asli.zip")
    with zipfile.ZipFile(tmp_path / "asli.zip") as old:
        manifest = json.loads(old.read("manifest.json"))
    del manifest["tables"]["users"]
    data = json.dumps(manifest).encode()
    key = signing.load_key(signing.key_path(), create=False)
    rewrite_zip(tmp_path / "asli.zip", tmp_path / "kurang.zip", lambda n, d: data if n == "manifest.json" else
                signing.sign(data, key) if n == "signature.json" else None if n == "users.jsonl" else d)
    with pytest.raises(BackupError, match="tabel users tidak ada"):
        restore_backup(engine, tmp_path / "kurang.zip")
    assert checksum_tables(engine)["users"][0] == 0


def test_key_file_is_created_outside_the_backup_owner_only(small, tmp_path, signing_key):
    """The first backup creates a 32-byte key readable by the owner only; the key's bytes are not in the zip."""
    write_backup(small, tmp_path / "asli.zip")
    key = signing_key.read_bytes()
    assert len(key) == 32
    if os.name == "posix":
        assert stat.S_IMODE(signing_key.stat().st_mode) == 0o600
    with zipfile.ZipFile(tmp_path / "asli.zip") as archive:
        assert all(key not in archive.read(name) and key.hex().encode() not in archive.read(name)
                   for name in archive.namelist())


def test_force_restore_keeps_the_audit_history_and_appends(small, engine, tmp_path):
    """`restore --force` over a live store keeps every earlier audit entry and adds its own at the end of the chain."""
    write_backup(small, tmp_path / "asli.zip")
    create_user(engine, "lain", ADMIN_PW, "admin")
    authenticate(engine, "lain", ADMIN_PW, read_settings(engine))
    before = actions(engine)
    restore_backup(engine, tmp_path / "asli.zip", user="lain", force=True)
    after = actions(engine)
    assert after[: len(before)] == before and after[-1] == "pulihkan_cadangan"
    with engine.connect() as conn:
        report = verify_chain(conn, tables.audit_log)
    assert report.first_break is None and report.entries == len(after)


def test_backup_and_export_are_audited(small, tmp_path):
    """Writing a backup or a CLI export adds an audit entry naming the file."""
    write_backup(small, tmp_path / "asli.zip", user="kepala")
    assert main(["export", "--db", small.url.render_as_string(False), "--output", str(tmp_path / "k.csv")]) == 0
    with small.connect() as conn:
        rows = conn.execute(sa.select(tables.audit_log.c.action, tables.audit_log.c.target)
                            .order_by(tables.audit_log.c.id)).all()
    assert ("buat_cadangan", "asli.zip") in rows
    assert ("ekspor_data", "k.csv") in rows


@pytest.mark.parametrize("tamper, reason", [
    ("update", "isi entri diubah"),
    ("delete", "tautan ke entri sebelumnya tidak cocok"),
    ("insert", "entri tanpa hash"),
])
def test_audit_verify_names_the_first_broken_link(engine, tamper, reason, capsys):
    """Editing, deleting or slipping in an audit row by SQL: `audit verify` exits 2 naming the first broken entry."""
    create_user(engine, "kepala", ADMIN_PW, "admin")
    for _ in range(3):
        authenticate(engine, "kepala", ADMIN_PW, read_settings(engine))
    url = engine.url.render_as_string(False)
    assert main(["audit", "verify", "--db", url]) == 0
    assert "Utuh: 4 entri" in capsys.readouterr().out
    log = tables.audit_log
    with engine.begin() as conn:
        ids = list(conn.execute(sa.select(log.c.id).order_by(log.c.id)).scalars())
        if tamper == "update":
            conn.execute(sa.update(log).where(log.c.id == ids[1]).values(username="orang_lain"))
            first = ids[1]
        elif tamper == "delete":
            conn.execute(sa.delete(log).where(log.c.id == ids[1]))
            first = ids[2]
        else:
            conn.execute(sa.update(log).where(log.c.id == ids[2]).values(prev_hash=None, row_hash=None))
            first = ids[2]
    assert main(["audit", "verify", "--db", url]) == 2
    out = capsys.readouterr().out
    assert f"putus pada entri {first} " in out and reason in out
