"""Backup and restore: every table round-trips SQLite → PostgreSQL → SQLite; bad backups are refused."""

from __future__ import annotations

import json
import threading
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.store import tables
from analytics.auth import create_user
from analytics.store.backup import BackupError, checksum_tables, restore_backup, write_backup
from analytics.cli import main
from analytics.store.db import open_store
from analytics.demo.generate import load_demo
from analytics.settings import write_setting
from analytics.store.writes import commit_records

TRICKY_TEXT = [
    '=HYPERLINK("http://x","klik")',
    "<script>alert('x')</script> & <b>tebal</b>",
    'kutip "ganda" dan \'tunggal\'\nbaris baru\r\ntab\tselesai',
    "Dayak Lundayeh — ñ ü 中文 🙂",
    "panjang " * 5000,
]


def incident_frame(n: int, start: int = 0) -> pd.DataFrame:
    """Return n distinct kejadian records (the first ones with tricky text, NaN and long floats)."""
    rows = []
    for i in range(start, start + n):
        rows.append({
            "tanggal": date(2024, 1, 1) + timedelta(days=i % 300), "kode_kecamatan": "65.02.01",
            "kode_desa": "65.02.01.2002" if i % 2 else None, "jenis": f"sengketa lahan {i}",
            "kategori": "lahan", "uraian": TRICKY_TEXT[i % len(TRICKY_TEXT)] + f" #{i}", "pihak": None,
            "korban_meninggal": 0, "korban_luka": i % 3, "tindak_lanjut": "mediasi", "sumber": "polsek",
            "lat": float("nan") if i % 4 == 0 else 3.5 + i / 3, "lon": 116.123456789012345 + i,
        })
    return pd.DataFrame(rows)


def seed_store(engine: sa.Engine, *, demo: bool = True) -> None:
    """Fill a store with demo data plus users, aliases, settings, audit entries and boundaries."""
    if demo:
        load_demo(engine)
    commit_records(engine, kind="kejadian", records=incident_frame(12), file_name="sulit.xlsx", sha256="a" * 64,
                   sheet="Data", header_row=3, user="analis1", rows_read=12, rows_rejected=0)
    create_user(engine, "admin1", "kata-sandi-panjang-1", "admin")
    create_user(engine, "pimpinan1", "kata-sandi-panjang-2", "pimpinan")
    write_setting(engine, "upload_max_mb", 40, "admin1")
    now = datetime(2025, 2, 3, 4, 5, 6, 789012, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(sa.insert(tables.aliases).values(level="desa", alias="Long Loreh ", alias_key="long loreh",
                                                      kode="65.02.01.2002", created_by="admin1", created_at=now))
        for kode, level in (("65.02", "kabupaten"), ("65.02.01", "kecamatan")):
            conn.execute(sa.insert(tables.boundaries).values(
                kode=kode, level=level, nama=f"Nama {kode}", geometry=json.dumps({"type": "Polygon", "x": "é" * 9000}),
                geometry_simple="{}", centroid_lat=3.1234567890123, centroid_lon=116.5, area_km2=None,
                border_distance_km=0.1 + 0.2, derived=level == "kecamatan", source_file="batas.geojson",
                source_sha256="b" * 64, imported_by="admin1", imported_at=now))
        tables.record_audit(conn, "admin1", "uji", "target", {"catatan": "kutip \" dan baris\nbaru"})


def data_checksums(engine: sa.Engine) -> dict[str, tuple[int, str]]:
    """Return the checksums of every table except the two a restore legitimately adds to."""
    sums = checksum_tables(engine)
    sums.pop("data_version")
    sums.pop("audit_log")
    return sums


def audit_before_restore(engine: sa.Engine) -> list[tuple]:
    """Return the audit rows other than restore and backup entries, as UTC-aware tuples."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(tables.audit_log)
                            .where(tables.audit_log.c.action.not_in(["pulihkan_cadangan", "buat_cadangan"]))
                            .order_by(tables.audit_log.c.id)).all()
    return [(r.id, r.ts.replace(tzinfo=r.ts.tzinfo or timezone.utc), r.username, r.action, r.target, r.detail)
            for r in rows]


@pytest.fixture
def seeded(tmp_path: Path) -> sa.Engine:
    """A SQLite store seeded with demo data and every kind of row."""
    engine = open_store(f"sqlite:///{(tmp_path / 'a.db').as_posix()}")
    seed_store(engine)
    yield engine
    engine.dispose()


def test_round_trip_through_other_backend_keeps_every_row(seeded, engine, tmp_path):
    """SQLite A → (PostgreSQL or SQLite) → SQLite B: every table holds the same rows, byte for byte."""
    write_backup(seeded, tmp_path / "a.zip")
    result = restore_backup(engine, tmp_path / "a.zip", user="admin1")
    assert result.rows["incidents"] == 2284 + 12
    write_backup(engine, tmp_path / "mid.zip")
    last = open_store(f"sqlite:///{(tmp_path / 'b.db').as_posix()}")
    restore_backup(last, tmp_path / "mid.zip")
    assert data_checksums(engine) == data_checksums(seeded)
    assert data_checksums(last) == data_checksums(seeded)
    assert audit_before_restore(last) == audit_before_restore(engine) == audit_before_restore(seeded)
    with last.connect() as conn:
        stored = set(conn.execute(sa.select(tables.incidents.c.uraian)).scalars())
        alias = conn.execute(sa.select(tables.aliases)).one()
        border = conn.execute(sa.select(tables.boundaries.c.border_distance_km)).scalars().all()
        restores = conn.execute(sa.select(tables.audit_log.c.username)
                                .where(tables.audit_log.c.action == "pulihkan_cadangan")).scalars().all()
    assert 'kutip "ganda" dan \'tunggal\'\nbaris baru\r\ntab\tselesai #2' in stored
    assert "Dayak Lundayeh — ñ ü 中文 🙂 #3" in stored
    assert alias.alias == "Long Loreh " and alias.created_at.replace(tzinfo=timezone.utc) == \
        datetime(2025, 2, 3, 4, 5, 6, 789012, tzinfo=timezone.utc)
    assert border == [0.30000000000000004, 0.30000000000000004]
    assert restores == ["admin1", "cli"]  # the first restore travels in the second backup
    last.dispose()


def test_empty_store_round_trips_to_empty(sqlite_engine, engine, tmp_path):
    """A backup of a fresh store restores to a store with no data rows."""
    manifest = write_backup(sqlite_engine, tmp_path / "kosong.zip")
    assert manifest["tables"]["incidents"]["rows"] == 0
    restore_backup(engine, tmp_path / "kosong.zip")
    assert {name: n for name, (n, _) in data_checksums(engine).items() if n} == {}


def test_restore_refuses_store_with_data(seeded, engine, tmp_path):
    """Restoring over a store that holds data is refused and the store keeps its rows."""
    commit_records(engine, kind="kejadian", records=incident_frame(3, start=100), file_name="lain.csv",
                   sha256="c" * 64, sheet=None, header_row=1, user="analis2", rows_read=3, rows_rejected=0)
    before = checksum_tables(engine)
    write_backup(seeded, tmp_path / "a.zip")
    with pytest.raises(BackupError, match="sudah berisi data"):
        restore_backup(engine, tmp_path / "a.zip")
    assert checksum_tables(engine) == before


def test_force_replaces_all_data(seeded, engine, tmp_path):
    """With --force the store's own rows are gone and it holds exactly the backup's rows."""
    commit_records(engine, kind="kejadian", records=incident_frame(3, start=100), file_name="lain.csv",
                   sha256="c" * 64, sheet=None, header_row=1, user="analis2", rows_read=3, rows_rejected=0)
    write_backup(seeded, tmp_path / "a.zip")
    assert main(["restore", str(tmp_path / "a.zip"), "--db", engine.url.render_as_string(False), "--force"]) == 0
    assert data_checksums(engine) == data_checksums(seeded)
    with engine.connect() as conn:
        files = set(conn.execute(sa.select(tables.uploads.c.file_name)).scalars())
    assert "lain.csv" not in files and "sulit.xlsx" in files


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy the zip at source to target, passing each member's bytes through change(name, data)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))


def resign(path: Path) -> None:
    """Replace the signature of the zip at path with one made by this server's key (as a newer version would)."""
    from analytics.security import signing

    key = signing.load_key(signing.key_path(), create=False)
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info.filename) for info in old.infolist()}
    members["signature.json"] = signing.sign(members["manifest.json"], key)
    with zipfile.ZipFile(path, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)


def _flip_incident(name: str, data: bytes) -> bytes:
    return data.replace(b"sengketa lahan 5", b"sengketa lahan 6", 1) if name == "incidents.jsonl" else data


def _drop_line(name: str, data: bytes) -> bytes:
    return b"".join(data.splitlines(keepends=True)[:-1]) if name == "users.jsonl" else data


def _newer_schema(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["schema_revision"] = "9999"
    return json.dumps(manifest).encode()


@pytest.mark.parametrize("damage, message", [
    ("truncated", "rusak atau tidak lengkap"),
    ("empty", "rusak atau tidak lengkap"),
    ("not_zip", "rusak atau tidak lengkap"),
    ("changed_row", "tidak cocok dengan checksum"),
    ("missing_row", "tidak cocok dengan checksum"),
    ("no_manifest", "rusak atau tidak lengkap"),
    ("newer_schema", "versi Waspada yang lebih baru"),
])
def test_damaged_backup_is_refused_and_store_unchanged(seeded, engine, tmp_path, damage, message):
    """A damaged or too-new backup is refused with an Indonesian message; even with --force nothing changes."""
    good, bad = tmp_path / "a.zip", tmp_path / "rusak.zip"
    write_backup(seeded, good)
    data = good.read_bytes()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        bad.write_bytes(b"")
    elif damage == "not_zip":
        bad.write_text("id,nama\n1,x\n")
    elif damage == "no_manifest":
        _rewrite(good, bad, lambda n, d: d)
        with zipfile.ZipFile(bad) as old, zipfile.ZipFile(tmp_path / "tmp.zip", "w") as new:
            for info in old.infolist():
                if info.filename != "manifest.json":
                    new.writestr(info.filename, old.read(info.filename))
        (tmp_path / "tmp.zip").replace(bad)
    else:
        _rewrite(good, bad, {"changed_row": _flip_incident, "missing_row": _drop_line,
                             "newer_schema": _newer_schema}[damage])
        if damage == "newer_schema":  # a genuine backup from a newer version, signed by this server
            resign(bad)
    seed_store(engine, demo=False)
    before = checksum_tables(engine)
    with pytest.raises(BackupError, match=message):
        restore_backup(engine, bad, force=True)
    assert checksum_tables(engine) == before


def test_cli_reports_damaged_backup(tmp_path, sqlite_engine, capsys):
    """`restore` on a damaged file exits 1 and says in Indonesian that the store was not changed."""
    (tmp_path / "rusak.zip").write_bytes(b"PK\x03\x04 bukan zip")
    code = main(["restore", str(tmp_path / "rusak.zip"), "--db", sqlite_engine.url.render_as_string(False)])
    assert code == 1
    assert "Basis data tidak diubah" in capsys.readouterr().err


def test_new_rows_after_restore_get_fresh_ids(seeded, engine, tmp_path):
    """After a restore, a new upload, user and audit entry get ids above every restored id."""
    write_backup(seeded, tmp_path / "a.zip")
    restore_backup(engine, tmp_path / "a.zip")
    with engine.connect() as conn:
        top = {t.name: conn.execute(sa.select(sa.func.max(t.c.id))).scalar_one()
               for t in (tables.uploads, tables.incidents, tables.users, tables.audit_log)}
    result = commit_records(engine, kind="kejadian", records=incident_frame(2, start=500), file_name="baru.csv",
                            sha256="d" * 64, sheet=None, header_row=1, user="analis1", rows_read=2, rows_rejected=0)
    create_user(engine, "analis9", "kata-sandi-panjang-9", "analis")
    assert result.upload_id == top["uploads"] + 1
    with engine.connect() as conn:
        new_ids = conn.execute(sa.select(tables.incidents.c.id).where(tables.incidents.c.upload_id == result.upload_id)
                               ).scalars().all()
        user_id = conn.execute(sa.select(tables.users.c.id).where(tables.users.c.username == "analis9")).scalar_one()
        audit_top = conn.execute(sa.select(sa.func.max(tables.audit_log.c.id))).scalar_one()
    assert min(new_ids) > top["incidents"]
    assert user_id == top["users"] + 1
    assert audit_top > top["audit_log"]


def test_backup_is_a_consistent_snapshot_while_uploads_commit(tmp_path):
    """Backups taken while uploads commit hold each upload fully or not at all."""
    engine = open_store(f"sqlite:///{(tmp_path / 'live.db').as_posix()}")
    done = threading.Event()

    def upload_many() -> None:
        for k in range(6):
            commit_records(engine, kind="kejadian", records=incident_frame(3000, start=k * 3000),
                           file_name=f"f{k}.csv", sha256=f"{k}" * 64, sheet=None, header_row=1, user="analis1",
                           rows_read=3000, rows_rejected=0)
        done.set()

    writer = threading.Thread(target=upload_many)
    writer.start()
    counts = []
    while not done.is_set():
        manifest = write_backup(engine, tmp_path / "live.zip")
        with zipfile.ZipFile(tmp_path / "live.zip") as archive:
            accepted = sum(json.loads(line)["rows_accepted"] for line in archive.open("uploads.jsonl"))
        assert manifest["tables"]["incidents"]["rows"] == accepted
        counts.append(accepted)
    writer.join()
    assert set(counts) <= {0, 3000, 6000, 9000, 12000, 15000, 18000}
    engine.dispose()
