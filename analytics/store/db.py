"""Opening the store: SQLite by default, PostgreSQL when DATABASE_URL says so, migrated on open."""

from __future__ import annotations

import os
import re
from functools import lru_cache

import sqlalchemy as sa

from analytics import DATA_DIR, PACKAGE_DIR

DEFAULT_SQLITE_PATH = DATA_DIR / "waspada.db"
MIGRATIONS_DIR = PACKAGE_DIR / "store" / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)['\"]?", re.M)


def default_database_url() -> str:
    """Return DATABASE_URL if set, else the embedded SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH.as_posix()}"


def _normalise_url(url: str) -> str:
    # Users paste postgres:// or postgresql:// URLs; psycopg 3 is the driver we ship.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _configure_sqlite(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the dashboard read while an upload writes; busy_timeout makes a second writer
    # wait instead of failing at once; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_store_engine(url: str) -> sa.Engine:
    """Return an engine for url, with SQLite tuned for one server and many readers."""
    url = _normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _configure_sqlite)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """Return the newest migration's revision id, read from the version files (no Alembic import)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line, found heads {heads}")
    return heads[0]


def stored_revision(engine: sa.Engine) -> str | None:
    """Return the store's current migration revision, or None for a new store."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest migration (idempotent; Alembic is loaded only when there is work)."""
    if stored_revision(engine) == head_revision():
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(url: str | None = None) -> sa.Engine:
    """Return a migrated engine for url (default: default_database_url())."""
    engine = create_store_engine(url or default_database_url())
    migrate(engine)
    return engine


@lru_cache(maxsize=8)
def open_store_cached(url: str) -> sa.Engine:
    """Return one shared engine per URL for long-running processes (the dashboard)."""
    return open_store(url)
