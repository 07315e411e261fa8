"""Log Audit (admin only): logins and failures, uploads and account changes listed, filtered and downloadable."""

from __future__ import annotations

import pytest

from pagetest import store_url, open_app, texts  # noqa: F401 (store_url is a fixture)

from analytics.auth import AuthError, authenticate
from analytics.store.db import open_store
from analytics.settings import read_settings

PAGE = "pages/audit.py"


def fail_login(url: str, username: str) -> None:
    """Try to log in with a wrong password (audited as a failure)."""
    engine = open_store(url)
    try:
        with pytest.raises(AuthError):
            authenticate(engine, username, "salah-salah-salah", read_settings(engine))
    finally:
        engine.dispose()


@pytest.mark.parametrize("role", ["pimpinan", "analis"])
def test_only_admin_has_the_audit_log(store_url, role):
    """Pimpinan and analis cannot reach Log Audit."""
    with pytest.raises(ValueError):
        open_app(role).switch_page(PAGE)


def test_admin_sees_who_did_what(store_url):
    """The seeded store shows 1 upload and 3 accounts created, plus a failed login, newest first, in Indonesian."""
    fail_login(store_url, "uji_analis")
    at = open_app("admin", PAGE)
    assert not at.exception
    assert "**5** catatan." in texts(at)
    table = at.dataframe[0].value
    assert table["tindakan"].tolist() == ["Gagal masuk", "Membuat pengguna", "Membuat pengguna", "Membuat pengguna",
                                          "Mengunggah data"]
    assert table["sasaran"].tolist()[:4] == ["uji_analis", "uji_admin", "uji_analis", "uji_pimpinan"]
    assert table["rincian"].tolist()[1] == "role: admin"  # the stored JSON read as words
    assert [b.label for b in at.get("download_button")] == ["Unduh CSV", "Unduh Excel"]


def test_filter_by_user_and_action(store_url):
    """Choosing user uji_analis and 'Gagal masuk' leaves exactly that one entry."""
    fail_login(store_url, "uji_analis")
    fail_login(store_url, "=HYPERLINK(\"http://x\")")
    at = open_app("admin", PAGE)
    at.multiselect(key="audit_tindakan").set_value(["masuk_gagal"]).run()
    assert "**2** catatan." in texts(at)
    at.multiselect(key="audit_pengguna").set_value(["uji_analis"]).run()
    assert at.dataframe[0].value["pengguna"].tolist() == ["uji_analis"]


def test_date_filter_with_no_match_says_so(store_url):
    """A period before anything happened shows 'Tidak ada catatan…' and no table."""
    from datetime import date

    at = open_app("admin", PAGE)
    at.date_input(key="audit_tanggal").set_value((date(2020, 1, 1), date(2020, 1, 31))).run()
    assert not at.exception
    assert "Tidak ada catatan yang cocok dengan saringan ini." in texts(at)
    assert not at.dataframe


def test_hostile_username_is_shown_as_text(store_url):
    """A login attempt as '<script>alert(1)</script>' shows verbatim in the table, never as markup."""
    fail_login(store_url, "<script>alert(1)</script>")
    at = open_app("admin", PAGE)
    assert "<script>alert(1)</script>" in at.dataframe[0].value["pengguna"].tolist()
    assert all("<script>" not in m.value for m in at.markdown)


def test_english_switch_translates_the_page_but_not_the_log(store_url):
    """Switched to English: English title, count, column titles and buttons; the logged actions stay Indonesian."""
    at = open_app("admin", PAGE)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Audit log" in [t.value for t in at.title]
    assert "**4** entries." in texts(at)  # 3 accounts created + 1 upload in the seeded store
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]
    assert at.multiselect(key="audit_pengguna").label == "User"
    columns = at.dataframe[0].proto.columns
    assert '"Time (WITA)"' in columns and '"Action"' in columns and '"Details"' in columns
    assert at.dataframe[0].value["tindakan"].tolist()[-1] == "Mengunggah data"
