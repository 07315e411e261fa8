"""Backup and restore of the whole store: one zip, portable between SQLite and PostgreSQL.

The zip holds manifest.json (format version, schema revision, source dialect, created at, and per
table: columns with their kind, row count, sha256 of the member) and one JSON-lines file per table of
analytics.tables.metadata, rows in primary-key order. Values are typed by the column kind in the
manifest, so a restore needs no guessing: dates as 'YYYY-MM-DD', datetimes as ISO 8601 in UTC,
booleans, integers and floats as JSON (repr round-trips floats exactly), NULL as null.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from analytics import PACKAGE_DIR
from analytics.store import tables
from analytics.store.writes import lock_for_upload

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
INSERT_BATCH = 2_000


class BackupError(Exception):
    """A backup cannot be written or restored; the message (Indonesian) says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RestoreResult:
    """What a restore wrote: rows per table and the schema revision of the backup."""

    revision: str
    rows: dict[str, int]


def column_kind(column: sa.Column) -> str:
    """Return how a column's values are written: date, datetime, boolean, integer, float or text."""
    kind = column.type
    for sa_type, name in ((sa.DateTime, "datetime"), (sa.Date, "date"), (sa.Boolean, "boolean"),
                          (sa.Integer, "integer"), (sa.Float, "float"), (sa.Numeric, "float")):
        if isinstance(kind, sa_type):
            return name
    return "text"


def encode_value(value: Any, kind: str) -> Any:
    """Return value as JSON-ready data for its column kind (datetimes in UTC, dates ISO)."""
    if value is None:
        return None
    if kind == "datetime":
        # SQLite hands back naive datetimes; the store only ever writes UTC, so naive means UTC
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return aware.astimezone(timezone.utc).isoformat()
    if kind == "date":
        return value.isoformat()
    if kind == "boolean":
        return bool(value)
    if kind == "float":
        return float(value)
    return value


def decode_value(value: Any, kind: str) -> Any:
    """Return the Python value to insert for a JSON value of the given column kind."""
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value).astimezone(timezone.utc)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def alembic_config() -> Config:
    """Return the Alembic configuration of the store's migrations."""
    config = Config()
    config.set_main_option("script_location", str(PACKAGE_DIR / "store" / "migrations"))
    return config


def read_revision(conn: sa.Connection) -> str | None:
    """Return the schema revision the connected store is at (None for an empty database)."""
    return MigrationContext.configure(conn).get_current_revision()


def begin_snapshot(conn: sa.Connection) -> None:
    """Start one read transaction on conn so every later SELECT sees the same committed state."""
    if conn.dialect.name == "sqlite":
        # pysqlite runs SELECTs outside a transaction; an explicit BEGIN pins one WAL snapshot
        conn.exec_driver_sql("BEGIN")


def iter_rows(conn: sa.Connection, table: sa.Table) -> Iterator[sa.Row]:
    """Yield the rows of table in primary-key order (streamed, not all in memory)."""
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execution_options(stream_results=True, yield_per=INSERT_BATCH).execute(
        sa.select(table).order_by(*order))
    yield from result


def iter_lines(conn: sa.Connection, table: sa.Table) -> Iterator[bytes]:
    """Yield each row of table as one JSON line (UTF-8), the same bytes whichever backend holds it."""
    kinds = {c.name: column_kind(c) for c in table.columns}
    for row in iter_rows(conn, table):
        record = {name: encode_value(value, kinds[name]) for name, value in row._mapping.items()}
        yield (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def checksum_tables(engine: sa.Engine) -> dict[str, tuple[int, str]]:
    """Return table name → (row count, sha256 of its backup lines), read in one snapshot."""
    sums: dict[str, tuple[int, str]] = {}
    snapshot = engine.execution_options(isolation_level="REPEATABLE READ") \
        if engine.dialect.name == "postgresql" else engine
    with snapshot.connect() as conn:
        begin_snapshot(conn)
        for table in tables.metadata.sorted_tables:
            digest, count = hashlib.sha256(), 0
            for line in iter_lines(conn, table):
                digest.update(line)
                count += 1
            sums[table.name] = (count, digest.hexdigest())
        conn.rollback()
    return sums


def write_backup(engine: sa.Engine, path: Path | str) -> dict[str, Any]:
    """Write a consistent snapshot of every table to the zip at path; return its manifest."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")  # a failed backup never leaves a truncated file at path
    members: dict[str, Any] = {}
    snapshot = engine.execution_options(isolation_level="REPEATABLE READ") \
        if engine.dialect.name == "postgresql" else engine
    with snapshot.connect() as conn, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        begin_snapshot(conn)
        revision = read_revision(conn)
        for table in tables.metadata.sorted_tables:  # parents before children: restore inserts in this order
            kinds = {c.name: column_kind(c) for c in table.columns}
            digest, count = hashlib.sha256(), 0
            with archive.open(f"{table.name}.jsonl", "w") as member:
                for line in iter_lines(conn, table):
                    digest.update(line)
                    member.write(line)
                    count += 1
            members[table.name] = {"file": f"{table.name}.jsonl", "rows": count, "sha256": digest.hexdigest(),
                                   "columns": kinds}
        conn.rollback()
        manifest = {"format": "waspada-backup", "format_version": FORMAT_VERSION, "schema_revision": revision,
                    "source_dialect": engine.dialect.name, "created_at": datetime.now(timezone.utc).isoformat(),
                    "tables": members}
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    os.replace(partial, path)
    return manifest


def _broken(path: Path, why: str) -> BackupError:
    return BackupError(f"Berkas cadangan '{path.name}' rusak atau tidak lengkap ({why}). "
                       "Basis data tidak diubah; pakai salinan cadangan lain.")


def read_manifest(path: Path | str) -> dict[str, Any]:
    """Return the manifest of the backup at path after checking every member's size and sha256."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Berkas cadangan '{path}' tidak ditemukan.")
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            if manifest.get("format") != "waspada-backup":
                raise _broken(path, "bukan berkas cadangan Waspada")
            if manifest.get("format_version", 0) > FORMAT_VERSION:
                raise BackupError(f"Berkas cadangan '{path.name}' memakai format versi "
                                  f"{manifest['format_version']} yang lebih baru; perbarui aplikasi Waspada dulu.")
            for name, entry in manifest["tables"].items():
                digest, lines = hashlib.sha256(), 0
                with archive.open(entry["file"]) as member:
                    for line in member:
                        digest.update(line)
                        lines += 1
                if digest.hexdigest() != entry["sha256"] or lines != entry["rows"]:
                    raise _broken(path, f"isi tabel {name} tidak cocok dengan checksum")
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as error:
        raise _broken(path, str(error) or type(error).__name__) from error
    return manifest


def check_revision(revision: str | None, path: Path) -> None:
    """Refuse a backup whose schema revision this version of the application does not know."""
    script = ScriptDirectory.from_config(alembic_config())
    try:
        known = revision is not None and script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        known = False
    if not known:
        raise BackupError(f"Berkas cadangan '{path.name}' dibuat oleh versi Waspada yang lebih baru "
                          f"(skema {revision}); aplikasi ini hanya mengenal sampai skema {script.get_current_head()}. "
                          "Perbarui aplikasi dulu, lalu pulihkan lagi.")


def _iter_records(archive: zipfile.ZipFile, entry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    kinds = entry["columns"]
    with archive.open(entry["file"]) as member:
        for line in io.TextIOWrapper(member, encoding="utf-8"):
            yield {name: decode_value(value, kinds[name]) for name, value in json.loads(line).items()}


def count_data_rows(conn: sa.Connection, reflected: sa.MetaData) -> int:
    """Return how many rows the store holds outside the migrations' own bookkeeping."""
    skip = {"alembic_version", tables.data_version.name}
    return sum(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
               for t in reflected.sorted_tables if t.name not in skip)


def _read_version(conn: sa.Connection, reflected: sa.MetaData) -> int:
    table = reflected.tables.get(tables.data_version.name)
    return int(conn.execute(sa.select(sa.func.max(table.c.version))).scalar() or 0) if table is not None else 0


def reset_sequences(conn: sa.Connection, reflected: sa.MetaData) -> None:
    """Move every PostgreSQL id sequence past the restored ids, so new rows get fresh ids."""
    if conn.dialect.name != "postgresql":
        return  # SQLite picks max(rowid) + 1 by itself
    for table in reflected.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, sa.Integer):
            conn.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(MAX({keys[0].name}), 0) + 1, false) "
                f"FROM {conn.dialect.identifier_preparer.quote(table.name)}"), {"t": table.name, "c": keys[0].name})


def delete_rows(conn: sa.Connection, reflected: sa.MetaData) -> None:
    """Delete every row of every table except the schema revision, children before parents."""
    for table in reversed(reflected.sorted_tables):
        if table.name != "alembic_version":
            conn.execute(table.delete())


def _migrate(conn: sa.Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = conn
    current = read_revision(conn)
    if current is None or current == revision:
        command.upgrade(config, revision)
        return
    script = ScriptDirectory.from_config(config)
    ahead = revision in {r.revision for r in script.iterate_revisions(current, "base")}
    (command.downgrade if ahead else command.upgrade)(config, revision)


def restore_backup(engine: sa.Engine, path: Path | str, *, user: str = "cli", force: bool = False) -> RestoreResult:
    """Replace the store's contents by the backup at path in one transaction; return rows per table."""
    path = Path(path)
    manifest = read_manifest(path)
    revision = manifest["schema_revision"]
    check_revision(revision, path)
    with engine.begin() as conn, zipfile.ZipFile(path) as archive:
        # no upload may slip in between the emptiness check and the inserts (same locks as an upload)
        lock_for_upload(conn, tables.incidents)
        if conn.dialect.name == "postgresql":
            lock_for_upload(conn, tables.reports)
        existing = sa.MetaData()
        existing.reflect(conn)
        if count_data_rows(conn, existing) and not force:
            raise BackupError("Basis data tujuan sudah berisi data; pemulihan dibatalkan agar tidak tertimpa. "
                              "Pakai basis data kosong, atau --force untuk mengganti seluruh isinya.")
        old_version = _read_version(conn, existing)
        delete_rows(conn, existing)
        _migrate(conn, revision)
        target = sa.MetaData()
        target.reflect(conn)
        delete_rows(conn, target)  # rows the migrations seed (the data version) come from the backup instead
        rows: dict[str, int] = {}
        for name, entry in manifest["tables"].items():
            if name not in target.tables:
                raise BackupError(f"Tabel {name} dari cadangan tidak ada di skema {revision}; cadangan rusak.")
            batch: list[dict[str, Any]] = []
            for record in _iter_records(archive, entry):
                batch.append(record)
                if len(batch) >= INSERT_BATCH:
                    conn.execute(target.tables[name].insert(), batch)
                    batch = []
            if batch:
                conn.execute(target.tables[name].insert(), batch)
            rows[name] = entry["rows"]
        reset_sequences(conn, target)
        _migrate(conn, "head")
        # the dashboard caches by data version: never go back to a number it may have cached before
        restored = _read_version(conn, target)
        conn.execute(sa.update(tables.data_version).values(version=max(old_version, restored) + 1))
        tables.record_audit(conn, user, "pulihkan_cadangan", path.name, {
            "schema_revision": revision, "created_at": manifest["created_at"],
            "source_dialect": manifest["source_dialect"], "rows": rows, "force": force})
    return RestoreResult(revision, rows)
