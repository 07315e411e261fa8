"""Waspada Malinau: the frame — page config, login, pages by role, shared filters, demo banner.

st.navigation runs on EVERY run: a logged-out visitor gets only the login page registered, so no
other page (nor any file in pages/) can be opened by its URL. Each page checks the role again, and
starts with ui.frame.ensure_frame() (via auth.require) so that Streamlit's pages/ auto-discovery on a
fresh server cannot run a page without this frame.
"""

import streamlit as st

from analytics.i18n.catalog import t
from ui import auth, cache, frame, state, theme
from ui.safe_text import plain

# A local icon: a :material/…: page icon would be fetched from the internet by the browser.
st.set_page_config(page_title="Waspada Malinau", page_icon=str(frame.STATIC_DIR / "favicon.png"), layout="wide")

# (file, title key, permission, url path, icon, section key); pages a role lacks are not registered.
# Paths are made absolute below: st.Page resolves them from the MAIN script, which is a page file
# itself when Streamlit (or AppTest.from_file) runs pages/x.py directly and ui/frame.py runs this frame.
PAGES = (
    ("pages/ringkasan.py", "nav_ringkasan", "baca", "ringkasan", ":material/dashboard:", "nav_section_baca"),
    ("pages/peta.py", "nav_peta", "baca", "peta", ":material/map:", "nav_section_baca"),
    ("pages/tren.py", "nav_tren", "baca", "tren", ":material/show_chart:", "nav_section_baca"),
    ("pages/profil.py", "nav_profil", "baca", "profil", ":material/location_city:", "nav_section_baca"),
    ("pages/rapat.py", "nav_rapat", "rapat", "rapat", ":material/co_present:", "nav_section_baca"),
    ("pages/tindak_lanjut.py", "nav_tindak_lanjut", "baca", "tindak-lanjut", ":material/assignment_turned_in:", "nav_section_baca"),
    ("pages/rakor.py", "nav_rakor", "baca", "rakor", ":material/groups:", "nav_section_baca"),
    ("pages/asing.py", "nav_asing", "baca", "asing", ":material/travel_explore:", "nav_section_baca"),
    ("pages/unggah.py", "nav_unggah", "unggah", "unggah", ":material/upload_file:", "nav_section_kelola"),
    ("pages/verifikasi.py", "nav_verifikasi", "ubah", "verifikasi", ":material/verified:", "nav_section_kelola"),
    ("pages/akurasi.py", "nav_akurasi", "ubah", "akurasi", ":material/fact_check:", "nav_section_kelola"),
    ("pages/pengaturan.py", "nav_pengaturan", "pengaturan", "pengaturan", ":material/settings:", "nav_section_kelola"),
    ("pages/pengguna.py", "nav_pengguna", "pengaturan", "pengguna", ":material/group:", "nav_section_kelola"),
    ("pages/audit.py", "nav_audit", "pengaturan", "audit", ":material/history:", "nav_section_kelola"),
)

lang = state.render_language_switch()
auth.restore_from_cookie(cache.settings().session_idle_minutes, lang)
auth.enforce_idle_expiry(cache.settings().session_idle_minutes, lang)
auth.enforce_account_unchanged(lang)
user = auth.current_user()

if user is None:
    login_file = frame.APP_PATH.parent / "pages/masuk.py"
    login = st.Page(login_file, title=t("nav_masuk", lang), icon=":material/login:", url_path="masuk", default=True)
    # Every page's address shows the login form too (a reload or a shared link on /peta must not end on
    # "page not found"); after logging in the same address opens the page itself.
    doors = [st.Page(login_file, title=t("nav_masuk", lang), url_path=row[3]) for row in PAGES]
    chosen = st.navigation([login, *doors], position="hidden")
    auth.render_cookie_frame()
    frame.mark_frame_ran()
    chosen.run()
else:
    sections: dict[str, list] = {}
    files: dict[str, str] = {}
    for path, title, permission, url_path, icon, section in PAGES:
        if user.can(permission):
            page = st.Page(frame.APP_PATH.parent / path, title=t(title, lang), icon=icon, url_path=url_path, default=url_path == "ringkasan")
            sections.setdefault(t(section, lang), []).append(page)
            files[page.url_path] = path  # the default page's url_path is ""
    # expanded: with more than ten pages Streamlit would hide the rest behind "View more".
    current = st.navigation(sections, expanded=True)
    auth.render_cookie_frame()
    state.note_page(current.url_path, files.get(current.url_path, "pages/ringkasan.py"))
    st.sidebar.markdown(t("logged_in_as", lang, user=plain(user.username), role=t(f"role_{user.role}", lang)))
    if st.sidebar.button(t("logout", lang), icon=":material/logout:"):
        auth.log_out()
        st.rerun()
    state.render_filters(cache.default_period(), cache.kecamatan_names(), lang, span=cache.data_span())
    theme.apply_desk_style()
    if cache.has_demo():
        st.warning(t("demo_banner", lang), icon=":material/science:")
    frame.mark_frame_ran()
    current.run()
