"""Roles are enforced on the server: each page file opens for the roles allowed and for no one else,

whether reached through the navigation, by running the page file directly (a direct URL before
st.navigation has run), or with URL parameters that try to claim another role or user.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.auth import User

ROOT = Path(__file__).resolve().parents[1]
PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
ROLES = ("pimpinan", "analis", "admin")
ALL, WORKERS, ADMIN = set(ROLES), {"analis", "admin"}, {"admin"}
# Who may open which page, written out by hand from the brief (not read from app.py).
EXPECTED = {
    "ringkasan.py": ALL, "peta.py": ALL, "tren.py": ALL, "profil.py": ALL, "rapat.py": ALL,
    "unggah.py": WORKERS, "akurasi.py": WORKERS,
    "pengaturan.py": ADMIN, "audit.py": ADMIN, "pengguna.py": ADMIN,
}
# The titles that prove a refused page did NOT render.
TITLES = {"unggah.py": "Unggah Data", "akurasi.py": "Akurasi skor risiko", "pengaturan.py": "Pengaturan",
          "audit.py": "Log Audit", "pengguna.py": "Pengguna"}
HOSTILE_PARAMS = {"role": "admin", "peran": "admin", "user": "uji_admin", "pengguna": "uji_admin", "mode": "admin",
                  "step": "9", "langkah": "9", "page": "audit", "admin": "1"}


def registered_permissions() -> dict[str, str]:
    """Return page file name → permission as app.py registers it (for pages added after this test)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            rows = ast.literal_eval(node.value)
            return {Path(row[0]).name: row[2] for row in rows}
    raise AssertionError("app.py has no PAGES table")


def allowed_roles(page: str) -> set[str]:
    """Return the roles that may open page (hand table; newer pages: whoever their permission admits)."""
    if page in EXPECTED:
        return EXPECTED[page]
    from analytics.auth import can

    return {r for r in ROLES if can(r, registered_permissions()[page])}


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    """One seeded SQLite store for the module (the app's caches stay warm between tests)."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "pages"))
    from pagetest import seed_store

    url = f"sqlite:///{(tmp_path_factory.mktemp('peran') / 'peran.db').as_posix()}"
    seed_store(url).dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield url


def run(script: Path, role: str | None, params: dict | None = None) -> AppTest:
    """Return an AppTest of script run once as role (None: logged out) with URL parameters."""
    at = AppTest.from_file(str(script), default_timeout=90)
    if role:
        at.session_state["user"] = User(f"uji_{role}", role)
    at.query_params.update(params or {})
    return at.run()


def titles(at: AppTest) -> list[str]:
    """Return the page titles shown."""
    return [t.value for t in at.title]


def test_every_page_file_is_registered_in_the_frame():
    """Every page file except the login page is in app.py's table, so its role rule applies."""
    assert set(PAGE_FILES) - {"masuk.py"} == set(registered_permissions())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", [p for p in PAGE_FILES if p != "masuk.py"])
def test_navigation_offers_a_page_only_to_its_roles(app_store, page, role):
    """Through the navigation a role opens its pages without error; any other page cannot be reached at all."""
    at = run(ROOT / "app.py", role)
    if role in allowed_roles(page):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, page
        assert not [e for e in at.error if "tidak tersedia untuk peran" in e.value]
        if page in TITLES:
            assert TITLES[page] in titles(at)
    else:
        with pytest.raises(ValueError):
            at.switch_page(f"pages/{page}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGE_FILES)
def test_running_a_page_file_directly_goes_through_the_frame(app_store, page, role):
    """Running pages/x.py directly (a direct URL on a fresh server) runs the frame: a refused page never renders."""
    at = run(ROOT / "pages" / page, role)
    assert not at.exception, [e.value for e in at.exception]
    shown = titles(at)
    assert "Ringkasan" in shown  # the frame chose the role's default page
    if page in TITLES and role not in allowed_roles(page):
        assert TITLES[page] not in shown
    assert f"Masuk sebagai **uji_{role}** ({role})" in [m.value for m in at.sidebar.markdown]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_logged_out_direct_run_shows_only_the_login_form(app_store, page):
    """Logged out, any page file run directly (even with ?role=admin&user=uji_admin) shows the login form only."""
    at = run(ROOT / "pages" / page, None, HOSTILE_PARAMS)
    assert not at.exception
    assert titles(at) == ["Masuk ke Waspada Malinau"]
    assert not at.dataframe and not at.metric
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]


@pytest.mark.parametrize("page", ["pengaturan.py", "audit.py", "pengguna.py", "unggah.py", "akurasi.py"])
def test_url_parameters_cannot_raise_a_pimpinan(app_store, page):
    """?role=admin&user=uji_admin&langkah=9… change nothing: the pimpinan stays pimpinan and is still refused."""
    for script in (ROOT / "app.py", ROOT / "pages" / page):
        at = run(script, "pimpinan", HOSTILE_PARAMS)
        assert not at.exception
        assert TITLES[page] not in titles(at)
        assert at.session_state["user"] == User("uji_pimpinan", "pimpinan")
        assert "Masuk sebagai **uji_pimpinan** (pimpinan)" in [m.value for m in at.sidebar.markdown]
        with pytest.raises(ValueError):
            at.switch_page(f"pages/{page}")


def test_url_parameters_cannot_raise_an_analis_to_admin(app_store):
    """An analis with ?role=admin&user=uji_admin still has no Pengaturan, Log Audit or Pengguna."""
    at = run(ROOT / "app.py", "analis", HOSTILE_PARAMS)
    assert not at.exception
    for page in ("pengaturan.py", "audit.py", "pengguna.py"):
        with pytest.raises(ValueError):
            at.switch_page(f"pages/{page}")
    at.switch_page("pages/unggah.py").run()
    assert "Unggah Data" in titles(at) and at.session_state["user"].role == "analis"


# --- No personal details for pimpinan ---------------------------------------------------------------

NAMES = ("Budi Santoso Fiktif", "Siti Aminah Fiktif", "Yohanes Lawing Fiktif")
LONG_BISAI = "65.02.01.2002"


def named_records():
    """Return three kejadian in Long Bisai whose pihak, uraian and tindak_lanjut carry fictitious names."""
    import pandas as pd

    rows = [("2026-03-10", "sumber_daya"), ("2026-04-20", "kekerasan"), ("2026-05-30", "unjuk_rasa")]
    return pd.DataFrame([{
        "tanggal": pd.Timestamp(day), "kode_kecamatan": "65.02.01", "kode_desa": LONG_BISAI, "jenis": kat,
        "kategori": kat, "uraian": f"Rumah {NAMES[1]} dirusak", "pihak": f"{NAMES[0]} dan warga",
        "korban_meninggal": 0, "korban_luka": 1, "tindak_lanjut": f"Dimediasi oleh {NAMES[2]}", "sumber": "Polsek",
        "lat": None, "lon": None,
    } for day, kat in rows])


@pytest.fixture(scope="module")
def named_store(tmp_path_factory):
    """A store whose only kejadian name people (the last 90 days of data: 02/03–30/05/2026)."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "pages"))
    from pagetest import seed_store

    from analytics.store.writes import commit_records

    url = f"sqlite:///{(tmp_path_factory.mktemp('nama') / 'nama.db').as_posix()}"
    engine = seed_store(url, incidents=False)
    records = named_records()
    commit_records(engine, kind="kejadian", records=records, file_name="nama.xlsx", sha256="b" * 64, sheet=None,
                   header_row=1, user="uji", rows_read=len(records), rows_rejected=0, is_demo=False)
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield url


def everything_shown(at: AppTest) -> str:
    """Return every element's full content (text, tables' Arrow bytes, chart and map specs) as one string."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def open_profil(role: str, level: str = "desa") -> AppTest:
    """Return Profil as role with Long Bisai (or its kecamatan) chosen."""
    at = run(ROOT / "app.py", role)
    at.switch_page("pages/profil.py").run()
    if level == "kecamatan":
        at.segmented_control(key="profil_level").set_value("kecamatan").run()
        at.selectbox(key="profil_place_kecamatan").set_value("65.02.01").run()
    else:
        at.selectbox(key="profil_place_desa").set_value(LONG_BISAI).run()
    return at


def test_analis_sees_the_names_on_profil(named_store):
    """The analis's Profil of Long Bisai lists pihak, uraian and tindak lanjut with the names (the check can see them)."""
    content = everything_shown(open_profil("analis"))
    assert all(name in content for name in NAMES)


@pytest.mark.parametrize("page", [p for p in PAGE_FILES if p != "masuk.py" and "pimpinan" in allowed_roles(p)])
def test_pimpinan_never_sees_a_name(named_store, page):
    """On every page a pimpinan opens (each Mode Rapat step too), no name from pihak/uraian/tindak_lanjut appears."""
    views = []
    if page == "rapat.py":
        for step in range(1, 6):
            at = run(ROOT / "app.py", "pimpinan", {"langkah": str(step)})
            views.append(at.switch_page("pages/rapat.py").run())
    elif page == "profil.py":
        views = [open_profil("pimpinan"), open_profil("pimpinan", "kecamatan")]
    else:
        views = [run(ROOT / "app.py", "pimpinan").switch_page(f"pages/{page}").run()]
    for at in views:
        assert not at.exception, page
        content = everything_shown(at)
        assert not [name for name in NAMES if name in content], page
        assert "Rumah " not in content and "Dimediasi oleh" not in content
