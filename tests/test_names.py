"""Place names as people write them resolve to Kemendagri codes, or to a clear refusal."""

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.store import tables

from analytics.places.gazetteer import load_gazetteer
from analytics.places.names import NameResolver, add_alias, build_resolver, clean_name, name_key
from analytics.settings import read_settings


@pytest.fixture(scope="module")
def resolver() -> NameResolver:
    return NameResolver(load_gazetteer())


def test_gazetteer_has_every_kecamatan_and_desa():
    """The gazetteer lists Malinau's 15 kecamatan and 109 desa, each desa inside a listed kecamatan."""
    g = load_gazetteer()
    assert len(g.kecamatan) == 15 and len(g.desa) == 109
    assert set(g.desa["kode_kecamatan"]) == set(g.kecamatan["kode"])
    assert g.desa["kode"].str.fullmatch(r"65\.02\.\d{2}\.2\d{3}").all()
    assert g.nama("65.02.12.2002") == "Lung Kebinu"


def test_matching_keys_are_unique():
    """No two desa fold to the same matching key, so a known older spelling never hides another desa."""
    keys = load_gazetteer().desa["nama"].map(name_key)
    assert keys.is_unique


@pytest.mark.parametrize(
    "raw, expected",
    [("KEC. MALINAU KOTA", "malinau kota"), ("Ds. Long  Loreh", "long loreh"), ("Desa  Pulau-Sapi", "pulau sapi"),
     ("Kecamatan Kayan Hulu ", "kayan hulu"), (None, ""), (float("nan"), "")],
)
def test_clean_name(raw, expected):
    """Prefixes, case, spacing and punctuation do not matter."""
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    "text, kecamatan, kode, method",
    [
        ("Lung Kebinu", None, "65.02.12.2002", "exact"),
        ("Ds. Long Kebinu", None, "65.02.12.2002", "ejaan"),
        ("Lubok Manis", "65.02.07", "65.02.07.2010", "ejaan"),
        ("SEMANGGARIS", None, "65.02.07.2012", "ejaan"),
        ("Long Paliran", "65.02.03", "65.02.03.2007", "ejaan"),
        ("Sembuak Warot", None, "65.02.07.2009", "ejaan"),
        ("Long Nawng", None, "65.02.05.2001", "fuzzy"),
        (" 65.02.06.2002 ", "65.02.06", "65.02.06.2002", "kode"),  # a phone form's Kemendagri code
        ("Lg. Loreh", None, "65.02.06.2002", "ejaan"),  # the office's abbreviations, said as a spelling note
        ("Sei Barang", None, "65.02.10.2004", "ejaan"),
    ],
)
def test_desa_resolves(resolver, text, kecamatan, kode, method):
    """Known older spellings and small typos resolve, and say how they were resolved."""
    found = resolver.resolve_desa(text, kecamatan)
    assert (found.kode, found.method) == (kode, method)


def test_abbreviations_stand_only_for_their_word(resolver):
    """'Mal. Sel. Hilir' is Malinau Selatan Hilir; no abbreviation is itself a word of any official name."""
    from analytics.places.names import SPELLING_VARIANTS

    assert resolver.resolve_kecamatan("MAL. SEL. HILIR").kode == "65.02.13"
    assert resolver.resolve_kecamatan("Sei. Tubu").kode == "65.02.15"
    gazetteer = load_gazetteer()
    words = {w for name in [*gazetteer.desa["nama"], *gazetteer.kecamatan["nama"]] for w in clean_name(name).split()}
    assert not words & set(SPELLING_VARIANTS) - {"lung", "lubok", "semanggaris", "paliran", "warot"}


def test_codes_resolve_only_in_their_dotted_form(resolver):
    """A kecamatan or desa written as its Kemendagri code resolves; undotted digits (maybe BPS codes) do not."""
    assert (resolver.resolve_kecamatan("65.02.06").kode, resolver.resolve_kecamatan("65.02.06").method) == ("65.02.06", "kode")
    assert resolver.resolve_kecamatan("650206").kode is None
    assert resolver.resolve_desa("65.02.06.2002", "65.02.03").method == "salah_kecamatan"  # code in another kecamatan


def test_desa_in_wrong_kecamatan_is_refused_with_the_right_one(resolver):
    """A desa written under the wrong kecamatan is an error naming the kecamatan it belongs to."""
    found = resolver.resolve_desa("Long Nawang", "65.02.01")
    assert not found.ok and found.method == "salah_kecamatan"
    assert "Kayan Hulu" in found.detail


@pytest.mark.parametrize("text", ["Kayan", "Long", "Xyz Abc"])
def test_unsure_names_are_refused_never_guessed(resolver, text):
    """A name that matches several places about equally, or none, does not resolve."""
    assert not resolver.resolve_desa(text).ok
    assert not resolver.resolve_kecamatan(text).ok


def test_close_misspelling_below_threshold_gets_a_suggestion():
    """A name too far to accept comes back with a 'maksud Anda …?' suggestion."""
    strict = NameResolver(load_gazetteer(), accept_score=99)
    found = strict.resolve_kecamatan("Malinau Kta")
    assert not found.ok and found.suggestion == "Malinau Kota"


def test_user_alias_resolves_after_it_is_added(sqlite_engine):
    """An alias an analyst adds resolves from then on, and the addition is audited."""
    settings = read_settings(sqlite_engine)
    assert not build_resolver(sqlite_engine, settings).resolve_desa("Kampung Baru Seberang").ok
    add_alias(sqlite_engine, "desa", "Kampung Baru Seberang", "65.02.07.2003", "analis1")
    found = build_resolver(sqlite_engine, settings).resolve_desa("kampung baru  seberang")
    assert (found.kode, found.method) == ("65.02.07.2003", "alias")
    log = pd.read_sql("select action, target from audit_log", sqlite_engine)
    assert log.to_dict("records") == [{"action": "tambah_alias", "target": "65.02.07.2003"}]


@pytest.mark.parametrize("alias, message", [
    ("![x](http://10.9.9.9/a.png)", "tidak dipakai dalam nama tempat"),
    ("<b>Long Loreh</b>", "tidak dipakai dalam nama tempat"),
    ("Long " * 30, "terlalu panjang"),
    ("   ", "kosong"),
])
def test_odd_or_long_aliases_are_refused(sqlite_engine, alias, message):
    """Aliases holding Markdown/HTML, over 100 characters or empty are refused with the reason; nothing is stored."""
    with pytest.raises(ValueError, match=message):
        add_alias(sqlite_engine, "desa", alias, "65.02.07.2003", "analis1")
    with sqlite_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(tables.aliases)).scalar_one() == 0


def test_real_place_spellings_are_accepted_as_aliases(sqlite_engine):
    """Names with apostrophes, hyphens, slashes and accents are accepted."""
    for alias in ("Long Pa'ad", "Sungai-Boh / Hulu", "Pelangi (Lama)", "Désa Ñ"):
        add_alias(sqlite_engine, "desa", alias, "65.02.07.2003", "analis1")
