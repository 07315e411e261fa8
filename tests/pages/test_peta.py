"""Peta: the risk map with its legend, the schematic notice, and a place's card."""

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)


def test_map_legend_and_schematic_notice(store_url):
    """Without a boundary file the map is schematic and says so; the legend lists the four bands."""
    at = open_app("pimpinan", "pages/peta.py")
    assert not at.exception
    assert "skematik" in texts(at)
    assert len(at.get("deck_gl_json_chart")) == 1
    legend = at.dataframe[0].value
    assert list(legend["keterangan"]) == ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi", "tidak ada data"]


def test_choosing_a_desa_opens_its_card(store_url):
    """Picking Long Bisai shows its chance in %, band, five components and the explanation in kejadian."""
    at = open_app("pimpinan", "pages/peta.py")
    at.selectbox(key="peta_place_desa").set_value("65.02.01.2002").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Peluang kejadian 30 hari", "Tingkat", "Kelengkapan data (%)"]
    assert at.metric[0].value.endswith("%")
    assert "Intensitas kejadian" in labels and "Paparan perbatasan" in labels
    assert "Long Bisai (Mentarang)" in [s.value for s in at.subheader]
    assert any(m.value.startswith("- Perkiraan ") and "→ peluang" in m.value for m in at.markdown)


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
