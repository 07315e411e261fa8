"""Settings are one typed model: read once, validated, never a string where a number belongs."""

import json
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from analytics.settings import SETTINGS, Settings, default_settings, read_settings, write_setting
from analytics.store import tables
from analytics.store.db import open_store


@pytest.fixture
def engine(tmp_path):
    """A fresh, migrated SQLite store."""
    return open_store(f"sqlite:///{tmp_path / 'pengaturan.db'}")


def test_every_setting_has_a_type_a_help_text_and_a_group():
    """The Pengaturan page can label and group every setting; each field declares its type."""
    for item in SETTINGS:
        assert item.help.strip() and item.group.strip(), item.name
        assert Settings.model_fields[item.name].annotation is not None


def test_stored_values_come_back_typed(engine):
    """A number typed by the administrator is a number in the code, with no cast at the place of use."""
    write_setting(engine, "session_idle_minutes", 45, "admin")
    write_setting(engine, "risk_weights", {"intensitas": 1, "lonjakan": 0.5}, "admin")
    settings = read_settings(engine)
    assert settings.session_idle_minutes == 45 and isinstance(settings.session_idle_minutes, int)
    assert settings.risk_weights == {"intensitas": 1.0, "lonjakan": 0.5}
    assert settings.upload_max_mb == default_settings().upload_max_mb  # untouched settings keep their default


def test_a_value_of_the_wrong_type_is_refused_with_a_message(engine):
    """Writing text into a number setting is refused in Indonesian, naming the setting and the value."""
    with pytest.raises(ValueError, match=r"session_idle_minutes.*'tiga puluh'"):
        write_setting(engine, "session_idle_minutes", "tiga puluh", "admin")
    assert read_settings(engine).session_idle_minutes == 30


def test_a_broken_stored_value_falls_back_to_the_default(engine):
    """A value damaged in the database (not through the page) leaves that one setting at its default, not every page broken."""
    with engine.begin() as conn:
        conn.execute(sa.insert(tables.settings).values(name="login_max_failures", value=json.dumps("banyak"),
                                                       updated_by="x", updated_at=datetime.now(timezone.utc)))
        conn.execute(sa.insert(tables.settings).values(name="session_idle_minutes", value=json.dumps(10),
                                                       updated_by="x", updated_at=datetime.now(timezone.utc)))
    settings = read_settings(engine)
    assert settings.login_max_failures == default_settings().login_max_failures
    assert settings.session_idle_minutes == 10


def test_settings_are_read_only():
    """Code cannot change a setting in passing: the model is frozen (changes go through write_setting, audited)."""
    settings = default_settings()
    with pytest.raises(Exception):
        settings.session_idle_minutes = 1
