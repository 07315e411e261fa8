"""Pengaturan (admin only): boundaries, election calendar, risk numbers, synonyms and aliases — all audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)

from analytics.store import tables
from analytics.store.db import open_store
from analytics.risk.elections import calendar_from_settings
from analytics.settings import read_settings

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = "pages/pengaturan.py"


def stored(url: str):
    """Return (settings, audit actions) as the store has them now."""
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            actions = [r[0] for r in conn.execute(sa.select(tables.audit_log.c.action).order_by(tables.audit_log.c.id))]
        return read_settings(engine), actions
    finally:
        engine.dispose()


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_only_admin_has_pengaturan(store_url, role):
    """Pimpinan and analis have no Pengaturan page; the admin has it with its tabs."""
    with pytest.raises(ValueError):
        open_app(role).switch_page(PAGE)
    at = open_app("admin", PAGE)
    assert not at.exception
    assert [t.label for t in at.tabs][:2] == ["Batas wilayah", "Kalender pemilihan"]
    assert "Skor risiko" in [t.label for t in at.tabs]


def test_risk_setting_change_persists_and_is_audited(store_url):
    """Setting the half-life from 30 to 45 days is stored, audited and still shown after a reload."""
    at = open_app("admin", PAGE)
    at.number_input(key="set_risk_half_life_days").set_value(45)
    at.button(key="simpan_risiko").click().run()
    assert not at.exception
    assert "1 pengaturan diubah: risk_half_life_days." in at.success[0].value
    settings, actions = stored(store_url)
    assert settings.risk_half_life_days == 45 and isinstance(settings.risk_half_life_days, int)
    assert actions[-1] == "ubah_pengaturan"
    assert open_app("admin", PAGE).number_input(key="set_risk_half_life_days").value == 45


def test_weights_are_edited_per_component(store_url):
    """Changing the weight of 'pemilihan' to 0.3 stores the whole weights dict with only that value changed."""
    at = open_app("admin", PAGE)
    at.number_input(key="set_risk_weights_pemilihan").set_value(0.3)
    at.button(key="simpan_risiko").click().run()
    settings, _ = stored(store_url)
    assert settings.risk_weights == {"intensitas": 0.45, "lonjakan": 0.2, "laporan": 0.2, "pemilihan": 0.3,
                                        "paparan": 0.1}


def test_thresholds_out_of_order_are_refused(store_url):
    """Tinggi (20) below Sedang (30) is refused with a message and nothing is stored."""
    at = open_app("admin", PAGE)
    at.number_input(key="set_risk_thresholds_Tinggi").set_value(20)
    at.button(key="simpan_risiko").click().run()
    assert [e.value for e in at.error] == ["Batas tingkat risiko harus naik: Sedang < Tinggi < Sangat Tinggi."]
    settings, actions = stored(store_url)
    assert settings.risk_thresholds["Tinggi"] == 60 and "ubah_pengaturan" not in actions


def test_synonym_and_alias_are_added_and_listed(store_url):
    """'rebutan kebun' → sumber_daya and 'Long Lorey' → Long Loreh appear in their lists, audited."""
    at = open_app("admin", PAGE)
    at.text_input[-2].input("rebutan kebun")
    at.selectbox[-2].set_value("sumber_daya")
    at.button[-3].click().run()  # Tambah sinonim (then Tambah alias, Keluar)
    assert not at.exception
    assert "Sinonim 'rebutan kebun' → Sengketa lahan / sumber daya alam ditambahkan." in at.success[0].value
    at.text_input[-1].input("Long Lorey")
    at.selectbox[-1].set_value("65.02.06.2002")
    at.button[-2].click().run()
    assert not at.exception
    assert "Alias 'Long Lorey' → Long Loreh (Malinau Selatan) ditambahkan." in at.success[0].value
    frames = [d.value for d in at.dataframe]
    assert any("Frasa" in f.columns and "rebutan kebun" in f["Frasa"].tolist() for f in frames)
    assert any("Alias" in f.columns and "Long Lorey" in f["Alias"].tolist() for f in frames)
    _, actions = stored(store_url)
    assert actions[-2:] == ["tambah_sinonim", "tambah_alias"]


def test_empty_synonym_is_refused(store_url):
    """An empty phrase gives 'Frasa sinonim kosong' and nothing is stored."""
    at = open_app("admin", PAGE)
    at.button[-3].click().run()
    assert [e.value for e in at.error] == ["Frasa sinonim kosong"]


def test_calendar_wave_edit_is_stored_as_setting(store_url):
    """Taking Long Bisai out of Pilkades 2023 tahap 1 stores the calendar; the checked calendar no longer has it."""
    at = open_app("admin", PAGE)
    desa = at.multiselect(key="kal_pilkades_2023_Tahap 1_desa")
    assert "65.02.01.2002" in desa.value
    desa.unselect("65.02.01.2002").run()
    at.button(key="kal_simpan").click().run()
    assert not at.exception
    assert "Kalender Pilkades Serentak 2023 — Tahap 1 disimpan." in at.success[0].value
    settings, actions = stored(store_url)
    assert actions[-1] == "ubah_pengaturan"
    stages = calendar_from_settings(settings).stages
    wave = stages[(stages["election_id"] == "pilkades_2023") & (stages["putaran"] == "Tahap 1")]
    assert all("65.02.01.2002" not in d for d in wave["desa"])
    assert json.dumps(settings.election_calendar)  # stored as plain JSON
    at.button(key="kal_bawaan").click().run()
    assert stored(store_url)[0].election_calendar is None


def test_boundary_file_import_reports_matches(store_url):
    """desa_kecil.geojson: 4 shapes, 3 desa matched (one split in two), 106 of 109 desa missing."""
    at = open_app("admin", PAGE)
    path = DATA / "geo/desa_kecil.geojson"
    at.file_uploader(key="batas_berkas").set_value((path.name, path.read_bytes(), "application/geo+json")).run()
    at.button(key="batas_impor").click().run()
    assert not at.exception
    report = (at.success or at.warning)[0].value
    assert report == ("desa_kecil.geojson (tingkat desa): 4 bentuk dibaca, 3 cocok, 0 tidak cocok, "
                      "106 wilayah tidak ada di berkas.")
    at.run()  # the next visit lists what is stored, in words
    stored_now = at.dataframe[0].value
    assert list(stored_now.columns) == ["Tingkat wilayah", "Digabung dari desa", "Berkas sumber", "Diimpor oleh",
                                        "Jumlah wilayah", "Waktu impor"]
    assert stored_now["Berkas sumber"].tolist()[0] == "desa_kecil.geojson"
    assert set(stored_now["Digabung dari desa"]) <= {"ya", "tidak"} and stored_now["Waktu impor"].str.endswith(" WITA").all()


def test_without_a_boundary_file_the_page_says_the_map_is_schematic(store_url):
    """Before any boundary file the tab says the map is a schematic, not an empty table with column codes."""
    at = open_app("admin", PAGE)
    assert not at.exception
    assert any(i.value.startswith("Belum ada berkas batas wilayah resmi") for i in at.info)


def test_unusable_boundary_file_shows_the_reason(store_url):
    """A file that is not a boundary file is refused with the Indonesian reason naming it, no traceback."""
    at = open_app("admin", PAGE)
    path = DATA / "geo/bukan_peta.geojson"
    at.file_uploader(key="batas_berkas").set_value((path.name, path.read_bytes(), "application/geo+json")).run()
    at.button(key="batas_impor").click().run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("Berkas 'bukan_peta.geojson' bukan berkas batas wilayah yang dikenali.")


def test_english_switch_shows_english_tabs_and_messages(store_url):
    """Switched to English: English title and tabs; a saved change is confirmed in English; audited as before."""
    at = open_app("admin", PAGE)
    at.radio(key="lang").set_value("en").run()  # the language switch in the sidebar
    assert not at.exception
    assert "Settings" in [t.value for t in at.title]
    labels = [t.label for t in at.tabs]
    assert labels[:2] == ["Boundaries", "Election calendar"] and "Risk score" in labels
    assert labels[-2:] == ["Category synonyms", "Place-name aliases"]
    assert at.button(key="kal_simpan").label == "Save the calendar"
    at.number_input(key="set_risk_half_life_days").set_value(45)
    at.button(key="simpan_risiko").click().run()
    assert not at.exception
    assert "1 settings changed: risk_half_life_days." in at.success[0].value
    assert stored(store_url)[1][-1] == "ubah_pengaturan"
