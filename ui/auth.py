"""The login form, the logged-in user in session state, idle expiry and the per-page role check."""

from __future__ import annotations

import time

import streamlit as st

from analytics.auth import AuthError, User, authenticate, record_logout
from analytics.i18n.catalog import t
from ui import cache, frame

USER_KEY = "user"
LAST_SEEN_KEY = "last_seen"
FLASH_KEY = "auth_flash"
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
    for name in list(st.session_state.keys()):
        del st.session_state[name]
    if lang:
        st.session_state["lang"] = lang


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
        username = st.text_input(t("login_username", lang))
        password = st.text_input(t("login_password", lang), type="password")
        submitted = st.form_submit_button(t("login_submit", lang), type="primary")
    if submitted:
        try:
            user = authenticate(cache.engine(), username.strip(), password, cache.settings())
        except AuthError as error:
            st.error(str(error))
            return
        st.session_state[USER_KEY] = user
        st.session_state[LAST_SEEN_KEY] = time.time()
        st.rerun()
