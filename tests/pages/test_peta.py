"""Peta: the risk map with its legend, the schematic notice, and a place's card."""

import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)


def test_map_legend_and_schematic_notice(store_url):
    """Without a boundary file the map is schematic and says so; the legend lists the four bands."""
    at = open_app("pimpinan", "pages/peta.py")
    assert not at.exception
    assert "skematik" in texts(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    legend = at.table[0].value  # a static table: long labels wrap in the narrow column instead of being cut
    assert list(legend.iloc[:, -1]) == ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi", "tidak ada data"]


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_choosing_a_desa_opens_its_card(store_url, role):
    """Picking Long Bisai shows its chance in %, band, five components and why (plain words for pimpinan)."""
    at = open_app(role, "pages/peta.py")
    at.selectbox(key="peta_place_desa").set_value("65.02.01.2002").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Peluang kejadian 30 hari", "Tingkat", "Kelengkapan data (%)"]
    assert at.metric[0].value.endswith("%")
    assert "Intensitas kejadian" in labels and "Paparan perbatasan" in labels
    assert "Long Bisai (Mentarang)" in [s.value for s in at.subheader]
    reasons = [m.value for m in at.markdown if m.value.startswith("- ")]
    if role == "analis":  # the analyst's detailed explanation
        assert any(r.startswith("- Perkiraan ") and "→ peluang" in r for r in reasons)
    else:  # the room's plain reason: counts and the usual rate, no forecast parts, half-lives or points
        assert len(reasons) == 1 and "kejadian dalam sebulan terakhir" in reasons[0]
        assert not any(word in reasons[0] for word in ("Perkiraan", "→", "waktu paruh", "intensitas", "×"))


def test_kecamatan_level(store_url):
    """Switching to kecamatan level lists kecamatan and shows a kecamatan card."""
    at = open_app("analis", "pages/peta.py")
    at.segmented_control(key="peta_level").set_value("kecamatan").run()
    at.selectbox(key="peta_place_kecamatan").set_value("65.02.01").run()
    assert not at.exception
    assert "Mentarang" in [s.value for s in at.subheader]


def test_open_profile_from_the_card(store_url):
    """The card's button leads to the Profil page of the same desa."""
    at = open_app("analis", "pages/peta.py")
    at.selectbox(key="peta_place_desa").set_value("65.02.01.2002").run()
    [b for b in at.button if b.label == "Buka profil lengkap"][0].click().run()
    assert not at.exception
    assert "Profil wilayah" in [t.value for t in at.title]
    assert "Long Bisai (Mentarang)" in [s.value for s in at.subheader]


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_card_reasons_follow_the_language_switch(store_url, role):
    """In English the card's reason is English too (plain words for pimpinan, the forecast's parts for analis)."""
    at = open_app(role, "pages/peta.py")
    at.radio(key="lang").set_value("en").run()
    at.selectbox(key="peta_place_desa").set_value("65.02.01.2002").run()
    assert not at.exception
    reasons = [m.value for m in at.markdown if m.value.startswith("- ")]
    if role == "analis":
        assert reasons[0].startswith("- Expected ") and "→ chance" in reasons[0]
    else:
        assert len(reasons) == 1 and "in the last month" in reasons[0]
    assert not any(word in r for r in reasons for word in ("kejadian dalam", "peluang", "biasanya", "terakhir"))
    legend = at.table[0].value
    assert list(legend.iloc[:, -1])[-1] == "no data"
