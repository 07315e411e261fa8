"""The store opens the same way on SQLite and PostgreSQL, and its migrations match its tables."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from analytics.settings import SETTINGS, read_settings, write_setting
from analytics.store.db import open_store
from analytics.store.tables import metadata, read_data_version


def test_migrations_create_exactly_the_declared_tables(engine):
    """After migrating, the database has every declared table and column and nothing differs."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_opening_twice_keeps_data(store_url):
    """Opening an existing store again migrates nothing away: settings written before are still there."""
    engine = open_store(store_url)
    write_setting(engine, "risk_half_life_days", 45, "admin")
    engine.dispose()
    again = open_store(store_url)
    assert read_settings(again).risk_half_life_days == 45
    again.dispose()


def test_every_write_bumps_the_data_version(engine):
    """The dashboard's cache key changes after a committed write."""
    before = read_data_version(engine)
    write_setting(engine, "upload_max_mb", 10, "admin")
    assert read_data_version(engine) == before + 1


def test_every_setting_is_documented():
    """Each setting carries help text an administrator can act on, and a group."""
    for setting in SETTINGS:
        assert len(setting.help) > 20, setting.name
        assert setting.group, setting.name
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)


def test_unknown_setting_is_refused(engine):
    """A typo in a setting name is an error, not a silently ignored row."""
    import pytest

    with pytest.raises(KeyError):
        write_setting(engine, "risk_half_lif", 1, "admin")
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from settings")).scalar_one() == 0


@pytest.mark.parametrize("table, columns", [("incidents", "INCIDENT_COLUMNS"), ("reports", "REPORT_COLUMNS")])
def test_stored_data_columns_are_the_declared_schema(table, columns):
    """What the dashboard reads back from the store is exactly what the upload schema declares: no column lost."""
    from analytics.ingest import schemas
    from analytics.store import queries, tables

    assert queries.data_columns(getattr(tables, table)) == getattr(schemas, columns)
