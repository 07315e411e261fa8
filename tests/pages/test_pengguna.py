"""Pengguna (admin only): list accounts, create one (password twice), deactivate, unlock, reset — each audited."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pagetest import store_url, open_app  # noqa: F401 (store_url is a fixture)

from analytics.store import tables
from analytics.auth import AuthError, authenticate
from analytics.store.db import open_store
from analytics.settings import read_settings

PAGE = "pages/pengguna.py"
NEW_PASSWORD = "sandi-baru-1234"


def audit_actions(url: str) -> list[tuple[str, str, str]]:
    """Return (username, action, target) of every audit entry, oldest first."""
    engine = open_store(url)
    try:
        log = tables.audit_log
        with engine.connect() as conn:
            query = sa.select(log.c.username, log.c.action, log.c.target).order_by(log.c.id)
            return [tuple(r) for r in conn.execute(query)]
    finally:
        engine.dispose()


def login(url: str, username: str, password: str):
    """Return the User a login gives, or the AuthError message."""
    engine = open_store(url)
    try:
        return authenticate(engine, username, password, read_settings(engine))
    except AuthError as error:
        return str(error)
    finally:
        engine.dispose()


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_only_admin_manages_users(store_url, role):
    """Pimpinan and analis cannot reach Pengguna."""
    with pytest.raises(ValueError):
        open_app(role).switch_page(PAGE)


def test_admin_sees_every_account_without_passwords(store_url):
    """The table lists the three accounts with their roles and no password column."""
    at = open_app("admin", PAGE)
    assert not at.exception
    table = at.dataframe[0].value
    assert table["username"].tolist() == ["uji_admin", "uji_analis", "uji_pimpinan"]
    assert table["role"].tolist() == ["Admin", "Analis", "Pimpinan"]
    assert not [c for c in table.columns if "password" in c or "sandi" in c]
    # times on the office's clock in words; an account never locked reads "—", not "None"
    assert table["created_at"].str.endswith(" WITA").all() and table["locked_until"].tolist() == ["—"] * 3


def submit_new(at, name, role, first, second):
    """Fill the new-account form and press 'Buat pengguna'."""
    at.text_input(key="baru_nama").input(name)
    at.selectbox(key="baru_peran").set_value(role)
    at.text_input(key="baru_sandi").input(first)
    at.text_input(key="baru_sandi2").input(second)
    form_buttons = [b for b in at.get("button") if b.proto.label == "Buat pengguna"]
    form_buttons[0].click()
    return at.run()


@pytest.mark.parametrize("name, first, second, message", [
    ("ani", NEW_PASSWORD, "sandi-lain-1234", "Kedua kata sandi tidak sama. Ketik ulang keduanya."),
    ("ani", "pendek", "pendek", "Kata sandi terlalu pendek: minimal 10 karakter."),
    ("ani baru", NEW_PASSWORD, NEW_PASSWORD, "Nama pengguna 'ani baru' tidak sah: isi 1–100 karakter tanpa spasi."),
    ("uji_analis", NEW_PASSWORD, NEW_PASSWORD, "Nama pengguna 'uji_analis' sudah dipakai."),
])
def test_invalid_new_account_is_refused(store_url, name, first, second, message):
    """Mismatched or short passwords, spaces in the name and taken names are refused with a clear message."""
    before = audit_actions(store_url)
    at = submit_new(open_app("admin", PAGE), name, "analis", first, second)
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert audit_actions(store_url) == before


def test_create_account_then_it_can_log_in(store_url):
    """A new analis 'ani' appears in the list, can log in, and the audit names the admin who made it."""
    at = submit_new(open_app("admin", PAGE), "ani", "analis", NEW_PASSWORD, NEW_PASSWORD)
    assert not at.exception
    assert "Pengguna 'ani' dibuat dengan peran Analis." in [s.value for s in at.success]
    assert "ani" in at.dataframe[0].value["username"].tolist()
    assert login(store_url, "ani", NEW_PASSWORD).role == "analis"
    assert ("uji_admin", "buat_pengguna", "ani") in audit_actions(store_url)


def choose(at, username: str):
    """Pick an account in the 'Ubah akun' selector."""
    at.selectbox(key="ubah_akun").set_value(username).run()
    return at


def test_deactivate_and_reactivate(store_url):
    """Deactivating uji_analis stops its logins; reactivating restores them; both are audited."""
    at = choose(open_app("admin", PAGE), "uji_analis")
    at.button(key="nonaktifkan").click().run()
    assert "Akun 'uji_analis' dinonaktifkan: tidak dapat masuk lagi." in [s.value for s in at.success]
    assert login(store_url, "uji_analis", "uji-kata-sandi-123") == "Nama pengguna atau kata sandi salah."
    choose(at, "uji_analis").button(key="aktifkan").click().run()
    assert login(store_url, "uji_analis", "uji-kata-sandi-123").role == "analis"
    actions = [a for a in audit_actions(store_url) if a[0] == "uji_admin"]
    assert actions[-2:] == [("uji_admin", "nonaktifkan_pengguna", "uji_analis"),
                            ("uji_admin", "aktifkan_pengguna", "uji_analis")]


def test_admin_cannot_deactivate_self(store_url):
    """Pressing Nonaktifkan on one's own account says why it is refused and changes nothing."""
    at = choose(open_app("admin", PAGE), "uji_admin")
    at.button(key="nonaktifkan").click().run()
    assert [e.value for e in at.error] == ["Anda tidak dapat menonaktifkan akun Anda sendiri."]


def test_unlock_a_locked_account(store_url):
    """After 5 failures uji_analis must wait; 'Buka kunci' lets the right password in at once."""
    for _ in range(5):
        login(store_url, "uji_analis", "salah-salah-salah")
    assert "Terlalu banyak percobaan" in login(store_url, "uji_analis", "uji-kata-sandi-123")
    at = choose(open_app("admin", PAGE), "uji_analis")
    at.button(key="buka_kunci").click().run()
    assert "Kunci akun 'uji_analis' dibuka; hitungan gagal masuk kembali ke nol." in [s.value for s in at.success]
    assert login(store_url, "uji_analis", "uji-kata-sandi-123").role == "analis"


def test_reset_password(store_url):
    """A new password typed twice replaces the old one; a mismatch is refused."""
    at = choose(open_app("admin", PAGE), "uji_pimpinan")
    at.text_input(key="ulang_sandi").input(NEW_PASSWORD)
    at.text_input(key="ulang_sandi2").input("lain-lain-lain")
    [b for b in at.get("button") if b.proto.label == "Atur ulang kata sandi"][0].click()
    at.run()
    assert [e.value for e in at.error] == ["Kedua kata sandi tidak sama. Ketik ulang keduanya."]
    at.text_input(key="ulang_sandi").input(NEW_PASSWORD)
    at.text_input(key="ulang_sandi2").input(NEW_PASSWORD)
    [b for b in at.get("button") if b.proto.label == "Atur ulang kata sandi"][0].click()
    at.run()
    assert "Kata sandi 'uji_pimpinan' diganti." in [s.value for s in at.success]
    assert login(store_url, "uji_pimpinan", NEW_PASSWORD).role == "pimpinan"
    assert isinstance(login(store_url, "uji_pimpinan", "uji-kata-sandi-123"), str)
    assert ("uji_admin", "atur_ulang_sandi", "uji_pimpinan") in audit_actions(store_url)


def test_open_session_ends_when_its_account_is_deactivated(store_url):
    """An analis already logged in is sent to the login form at the next click after an admin deactivates them."""
    from analytics.auth import set_user_active

    at = open_app("analis", "pages/ringkasan.py")
    assert not at.exception and at.session_state["user"].username == "uji_analis"
    engine = open_store(store_url)
    set_user_active(engine, "uji_analis", False, "uji_admin")
    engine.dispose()
    at.run()
    assert "user" not in at.session_state
    assert "Akun Anda dinonaktifkan atau perannya diubah; silakan masuk lagi." in [w.value for w in at.warning]


def test_english_switch_translates_the_page_but_not_the_refusals(store_url):
    """Switched to English: English headings, roles and buttons; a refusal from the account rules stays Indonesian."""
    at = open_app("admin", PAGE)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Users" in [t.value for t in at.title]
    assert {"Create a new user", "Change an account"} <= {s.value for s in at.subheader}
    assert at.dataframe[0].value["role"].tolist() == ["Admin", "Analyst", "Leadership"]
    assert at.button(key="buka_kunci").label == "Unlock"
    at.text_input(key="baru_nama").input("ani")
    at.text_input(key="baru_sandi").input("pendek")
    at.text_input(key="baru_sandi2").input("pendek")
    [b for b in at.get("button") if b.proto.label == "Create user"][0].click()
    at.run()
    assert [e.value for e in at.error] == ["Kata sandi terlalu pendek: minimal 10 karakter."]
    at = choose(at, "uji_analis")
    at.button(key="nonaktifkan").click().run()
    assert "Account 'uji_analis' deactivated: it can no longer log in." in [s.value for s in at.success]
