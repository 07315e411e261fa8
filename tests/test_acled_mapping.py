"""ACLED exports: event_type / sub_event_type give the documented kategori, and 'Malinau' stays above desa level."""

from __future__ import annotations

import pytest

from analytics.ingest.pipeline import validate_file
from analytics.places.names import build_resolver
from analytics.settings import read_settings
from tests.conftest import FIXTURES

HEADER = (FIXTURES / "acled" / "acled_malinau.csv").read_text(encoding="utf-8").splitlines()[0]


def acled_csv(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """Return an ACLED export with one row per (id, event_type, sub_event_type, admin3, location), neutral notes."""
    lines = [HEADER]
    for event_id, event_type, sub, admin3, location in rows:
        lines.append(f"{event_id},2023-05-11,2023,1,Political violence,{event_type},{sub},Rioters (Indonesia),,,,,,"
                     f"57,,360,Southeast Asia,Indonesia,North Kalimantan,Malinau,{admin3},{location},3.58,116.63,1,"
                     "Kompas,Subnational,A crowd gathered in the town.,0,,1690000000")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("event_type, sub, kategori", [
    ("Riots", "Mob violence", "kekerasan"),
    ("Riots", "Violent demonstration", "kekerasan"),
    ("Protests", "Peaceful protest", "unjuk_rasa"),
    ("Protests", "Protest with intervention", "unjuk_rasa"),
    ("Violence against civilians", "Attack", "kekerasan"),
    ("Battles", "Armed clash", "kekerasan"),
    ("Explosions/Remote violence", "Grenade", "kekerasan"),
    ("Strategic developments", "Looting/property destruction", "kekerasan"),
    ("Strategic developments", "Agreement", "lainnya"),
])
def test_event_types_map_to_their_documented_kategori(sqlite_engine, event_type, sub, kategori):
    """An ACLED row's 'event_type / sub_event_type' becomes the kategori of docs/loaders.md, not 'lainnya'."""
    data = acled_csv([("IDN1", event_type, sub, "Mentarang", "Pulau Sapi")])
    _, result = validate_file(sqlite_engine, data, "acled.csv", read_settings(sqlite_engine))
    assert result.records["kategori"].tolist() == [kategori]


@pytest.mark.parametrize("admin3", ["Malinau Kota", "Malinau Utara", "Malinau Barat", "Malinau Selatan", "Mentarang"])
def test_town_of_malinau_is_never_fuzzy_matched_to_a_desa(sqlite_engine, admin3):
    """Location 'Malinau' (the town / kabupaten) stays a kecamatan-level event with a warning saying why."""
    data = acled_csv([(f"IDN{i}", "Riots", "Mob violence", admin3, "Malinau") for i in range(3)])
    _, result = validate_file(sqlite_engine, data, "acled.csv", read_settings(sqlite_engine))
    assert result.records["kode_desa"].isna().all()
    assert result.records["kode_kecamatan"].notna().all() and len(result.records) == 3
    assert any("'Malinau' adalah nama kabupaten, bukan nama desa" in w.message for w in result.warnings)


def test_kecamatan_name_is_not_fuzzy_matched_to_a_desa(sqlite_engine):
    """A desa column holding a kecamatan's name ('Malinau Utara') resolves to no desa, never to a look-alike."""
    resolver = build_resolver(sqlite_engine, read_settings(sqlite_engine))
    for name in ("Malinau Utara", "Malinau Selatan Hilir", "Malinau"):
        assert resolver.resolve_desa(name).kode is None
        assert resolver.resolve_desa(name).method == "nama_wilayah"
    assert resolver.resolve_desa("Malinau Seberang").nama == "Malinau Seberang"  # a real desa still matches
