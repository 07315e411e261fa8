"""The frame: only the login page when logged out, login and expiry, pages by role, banner, URL filters."""

from __future__ import annotations

import time

import pytest

from pagetest import store_url, APP, PASSWORD, open_app, seed_store, texts  # noqa: F401 (store_url is a fixture)
from streamlit.testing.v1 import AppTest

READ_PAGES = ["pages/ringkasan.py", "pages/peta.py", "pages/tren.py", "pages/profil.py", "pages/rapat.py"]


def test_logged_out_visitor_sees_only_the_login_form(store_url):
    """A visitor without a session gets the login form and no other page is registered."""
    at = open_app(role=None)
    assert not at.exception
    assert "Masuk ke Waspada Malinau" in texts(at)
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert not at.metric and not at.dataframe
    for page in READ_PAGES + ["pages/unggah.py", "pages/pengaturan.py"]:
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_first_run_explains_the_cli_command(tmp_path, monkeypatch):
    """With no account yet the login page shows the command that creates the first administrator."""
    url = f"sqlite:///{(tmp_path / 'kosong.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_store(url, users=False).dispose()
    at = open_app(role=None)
    assert not at.exception
    assert "python -m analytics user add NAMA_ANDA --role admin" in [c.value for c in at.code]
    assert not at.text_input


def test_login_with_the_right_password_opens_ringkasan(store_url):
    """Typing a correct name and password leads to the Ringkasan page."""
    at = open_app(role=None)
    at.text_input[0].input("uji_analis")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert "Ringkasan" in [t.value for t in at.title]


def test_wrong_password_is_refused(store_url):
    """A wrong password shows 'Nama pengguna atau kata sandi salah.' and stays on the login form."""
    at = open_app(role=None)
    at.text_input[0].input("uji_analis")
    at.text_input[1].input("bukan-kata-sandinya")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert not at.metric


def test_idle_session_expires(store_url):
    """After 31 idle minutes (setting: 30) the user is back at the login form with a notice."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = {"username": "uji_analis", "role": "analis"}
    at.session_state["last_seen"] = time.time() - 31 * 60
    at.run()
    assert "Sesi berakhir karena tidak dipakai selama 30 menit" in texts(at)
    assert not at.metric


@pytest.mark.parametrize(
    "role, allowed, refused",
    [
        ("pimpinan", READ_PAGES, ["pages/unggah.py", "pages/akurasi.py", "pages/pengaturan.py"]),
        ("analis", READ_PAGES + ["pages/unggah.py", "pages/akurasi.py"], ["pages/pengaturan.py"]),
        ("admin", READ_PAGES + ["pages/unggah.py", "pages/akurasi.py", "pages/pengaturan.py"], []),
    ],
)
def test_pages_by_role(store_url, role, allowed, refused):
    """Pimpinan read and present; analis also upload; only admin reaches Pengaturan."""
    at = open_app(role)
    for page in allowed:
        at.switch_page(page).run()
        assert not at.exception, page
    for page in refused:
        with pytest.raises(ValueError):
            at.switch_page(page)


def test_demo_banner_shows_with_demo_data(tmp_path, monkeypatch):
    """When demo data is in the store every page carries 'DATA CONTOH — bukan data sebenarnya'."""
    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    seed_store(url, is_demo=True).dispose()
    at = open_app("pimpinan")
    assert "DATA CONTOH — bukan data sebenarnya" in [w.value for w in at.warning]
    at.switch_page("pages/tren.py").run()
    assert "DATA CONTOH — bukan data sebenarnya" in [w.value for w in at.warning]


def test_no_banner_with_real_data(store_url):
    """Without demo uploads there is no 'DATA CONTOH' banner."""
    at = open_app("analis")
    assert not any("DATA CONTOH" in w.value for w in at.warning)


def test_filters_restore_from_the_url_and_are_written_back(store_url):
    """A shared link ?dari=2026-01-01&sampai=2026-01-31&kat=pemilu shows 1 kejadian with 3 injured."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = {"username": "uji_analis", "role": "analis"}
    at.query_params.update({"dari": "2026-01-01", "sampai": "2026-01-31", "kat": "pemilu"})
    at.run()
    metrics = {m.label: m for m in at.metric}
    assert metrics["Kejadian"].value == "1" and metrics["Kejadian"].delta == "naik 1"
    assert metrics["Korban luka"].value == "3"
    at.multiselect(key="f_kategori").set_value([]).run()
    assert at.query_params.get("kat") in (None, [], "")
    assert at.query_params["dari"] in ("2026-01-01", ["2026-01-01"])


def test_default_period_is_the_last_complete_quarter_of_data(store_url):
    """Without URL filters the period is the three months up to the data's last complete month (Mar–May 2026)."""
    at = open_app("analis")
    assert "Periode 1 Maret 2026 – 31 Mei 2026, dibandingkan dengan 29 November 2025 – 28 Februari 2026." in texts(at)


def test_english_switch(store_url):
    """?bahasa=en shows the pages in English, with the Indonesian demo warning kept."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = {"username": "uji_analis", "role": "analis"}
    at.query_params["bahasa"] = "en"
    at.run()
    assert "Summary" in [t.value for t in at.title]
    assert "Incidents" in [m.label for m in at.metric]
