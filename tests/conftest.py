"""Shared fixtures: a fresh store on SQLite, and on PostgreSQL where TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from analytics.store.db import create_store_engine, open_store
from analytics.store.tables import metadata

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES = TESTS_DIR / "data"
SHARED_BOUNDARIES = TESTS_DIR.parent.parent / "shared" / "reference" / "boundaries"
PG_URL = os.environ.get("TEST_DATABASE_URL")


def pytest_configure(config: pytest.Config) -> None:
    """In CI the PostgreSQL half of the store tests and the browser tests must run, never skip silently."""
    if os.environ.get("CI") == "true" and not PG_URL:
        raise pytest.UsageError("CI=true but TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL")
    if os.environ.get("CI") == "true" and not Path("/usr/bin/chromium").exists():
        raise pytest.UsageError("CI=true but /usr/bin/chromium is missing: .ci/run must install it")


@pytest.fixture(autouse=True)
def signing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's stores share one server signing key in its own folder, outside any store or backup
    (as servers on one PostgreSQL do), and no test ever writes a key next to the real data/ folder."""
    path = tmp_path / "kunci" / "waspada-signing.key"
    monkeypatch.setenv("WASPADA_SIGNING_KEY_FILE", str(path))
    return path


def _reset_postgres(url: str) -> None:
    engine = create_store_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set"))]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty, migrated store: a SQLite file, or the test PostgreSQL database reset."""
    if request.param == "sqlite":
        url = f"sqlite:///{(tmp_path / 'store.db').as_posix()}"
    else:
        _reset_postgres(PG_URL)
        url = PG_URL
    open_store(url).dispose()
    return url


@pytest.fixture
def engine(store_url: str):
    """A migrated engine on each backend, disposed after the test."""
    eng = open_store(store_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path):
    """A migrated engine on a SQLite file only (for tests where the backend does not matter)."""
    eng = open_store(f"sqlite:///{(tmp_path / 'store.db').as_posix()}")
    yield eng
    eng.dispose()


@pytest.fixture
def shared_boundaries() -> Path:
    """The real Malinau boundary files in ../shared/reference/boundaries (skip where absent)."""
    if not (SHARED_BOUNDARIES / "malinau_desa.geojson").exists():
        pytest.skip("../shared/reference/boundaries is not present on this machine")
    return SHARED_BOUNDARIES
