"""The login form, the logged-in user in session state, idle expiry and the per-page role check."""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.auth import AuthError, User, authenticate, record_logout
from analytics.i18n.catalog import t
from analytics.text_limits import MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS
from ui import cache, frame, session_cookie
from ui.safe_text import plain

USER_KEY = "user"
LAST_SEEN_KEY = "last_seen"
FLASH_KEY = "auth_flash"
TOKEN_KEY, COOKIE_SET_KEY, COOKIE_CLEAR_KEY = "_sesi_token", "_sesi_pasang", "_sesi_hapus"
FIRST_ADMIN_COMMAND = "python -m analytics user add NAMA_ANDA --role admin"


def current_user() -> User | None:
    """Return the logged-in user of this browser session, or None."""
    value = st.session_state.get(USER_KEY)
    if isinstance(value, dict):  # tests may seed a plain dict
        value = User(value["username"], value["role"])
    return value if isinstance(value, User) else None


def log_out(reason: str = "keluar") -> None:
    """Forget the user and every filter of this session, audited."""
    user = current_user()
    if user:
        record_logout(cache.engine(), user.username, reason)
    lang = st.session_state.get("lang")
    session_cookie.revoke(st.session_state.get(TOKEN_KEY))
    for name in list(st.session_state.keys()):
        del st.session_state[name]
    if lang:
        st.session_state["lang"] = lang
    st.session_state[COOKIE_CLEAR_KEY] = True  # the next page tells the browser to drop the cookie


def restore_from_cookie(idle_minutes: int, lang: str) -> None:
    """Log the browser back in from its session cookie after a reload (account re-checked); keep it fresh."""
    if current_user() is not None:
        session_cookie.touch(st.session_state.get(TOKEN_KEY))
        return
    try:
        value = st.context.cookies.get(session_cookie.COOKIE_NAME)
    except Exception:  # no browser request behind this run (tests, bare mode)
        value = None
    token, session = session_cookie.resolve(value, idle_minutes * 60)
    if session is None:
        if token:  # the cookie was right but the session went idle: say why the login form is back
            st.session_state[FLASH_KEY] = t("session_expired", lang, minutes=idle_minutes)
        return
    if cache.active_roles().get(session["username"]) != session["role"]:
        session_cookie.revoke(token)
        st.session_state[FLASH_KEY] = t("account_changed", lang)
        return
    st.session_state[USER_KEY] = User(session["username"], session["role"])
    st.session_state[TOKEN_KEY] = token
    st.session_state[LAST_SEEN_KEY] = time.time()


def render_cookie_frame() -> None:
    """After a login or logout, load the cookie route in an invisible frame (it sets or clears the cookie)."""
    code = st.session_state.pop(COOKIE_SET_KEY, None)
    if code:
        st.sidebar.iframe(f"{session_cookie.SET_PATH}?kode={code}", height=1)
    elif st.session_state.pop(COOKIE_CLEAR_KEY, False):
        st.sidebar.iframe(session_cookie.CLEAR_PATH, height=1)


def enforce_idle_expiry(idle_minutes: int, lang: str) -> None:
    """Log the user out when the last run was more than idle_minutes ago; else note this run's time."""
    now = time.time()
    last = st.session_state.get(LAST_SEEN_KEY, now)
    if current_user() and now - last > idle_minutes * 60:
        log_out("sesi_habis")
        st.session_state[FLASH_KEY] = t("session_expired", lang, minutes=idle_minutes)
        return
    st.session_state[LAST_SEEN_KEY] = now


def enforce_account_unchanged(lang: str) -> None:
    """Log the session out when its account was deactivated or its role changed since it logged in."""
    user = current_user()
    if user and cache.active_roles().get(user.username) != user.role:
        log_out("akun_berubah")
        st.session_state[FLASH_KEY] = t("account_changed", lang)


def require(permission: str, lang: str) -> User:
    """Return the user when their role grants permission; otherwise say so and stop the page (server side)."""
    frame.ensure_frame()
    user = current_user()
    if user is None or not user.can(permission):
        st.error(t("not_allowed", lang, role=user.role if user else "-"))
        st.stop()
    return user


def client_id() -> str:
    """Return who is knocking: the browser's IP address as Streamlit sees it, else this session's id."""
    try:
        address = st.context.ip_address
    except Exception:  # no browser connection (AppTest)
        address = None
    if address:
        return address
    ctx = get_script_run_ctx()
    return f"sesi:{ctx.session_id}" if ctx else "sesi:-"


def render_login(lang: str) -> None:
    """Draw the login form (or, on a store without accounts, how to create the first administrator)."""
    st.title(t("login_title", lang))
    st.caption(t("app_subtitle", lang))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.warning(flash)
    if cache.count_users() == 0:
        st.info(t("login_first_run", lang))
        st.code(FIRST_ADMIN_COMMAND, language="bash")
        st.caption(t("login_first_run_note", lang))
        return
    with st.form("login", clear_on_submit=False):
        username = st.text_input(t("login_username", lang), max_chars=MAX_USERNAME_CHARS)
        password = st.text_input(t("login_password", lang), type="password", max_chars=MAX_PASSWORD_CHARS)
        submitted = st.form_submit_button(t("login_submit", lang), type="primary")
    if submitted:
        try:
            user = authenticate(cache.engine(), username.strip(), password, cache.settings(), client=client_id())
        except AuthError as error:
            st.error(plain(str(error)))
            return
        st.session_state[USER_KEY] = user
        st.session_state[LAST_SEEN_KEY] = time.time()
        token, code = session_cookie.open_session(user.username, user.role)
        st.session_state[TOKEN_KEY], st.session_state[COOKIE_SET_KEY] = token, code
        st.rerun()
