"""Profil: score over time, explanation, kejadian and reports — personal details only for analis/admin."""

import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)


@pytest.mark.parametrize("role, sees_personal", [("pimpinan", False), ("analis", True), ("admin", True)])
def test_personal_details_by_role(store_url, role, sees_personal):
    """Long Bisai's kejadian show pihak and uraian to analis/admin only; pimpinan get a notice instead."""
    at = open_app(role, "pages/profil.py")
    at.selectbox(key="profil_place_desa").set_value("65.02.01.2002").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 1  # the 10/03 kejadian; the 15/01 one is before the period
    assert ("pihak" in table.columns) is sees_personal
    assert ("Bapak Rahasia" in texts(at) + table.to_string()) is sees_personal
    assert ("disembunyikan untuk peran pimpinan" in texts(at)) is not sees_personal


def test_follow_up_says_there_is_no_case_data(store_url):
    """Without case data the follow-up section says so plainly."""
    at = open_app("analis", "pages/profil.py")
    assert "Belum ada data tindak lanjut." in [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 1


def test_kecamatan_profile(store_url):
    """A kecamatan profile lists its kejadian in the period (Mentarang: 2)."""
    at = open_app("analis", "pages/profil.py")
    at.segmented_control(key="profil_level").set_value("kecamatan").run()
    at.selectbox(key="profil_place_kecamatan").set_value("65.02.01").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 2
