"""Pengguna (admin only): the accounts; create one, deactivate/reactivate, unlock, reset a password — all audited."""

import pandas as pd
import streamlit as st

from analytics.text_limits import MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS
from analytics.auth import ROLES, AuthError, create_user, list_users, reset_password, set_user_active, unlock_user
from analytics.i18n.catalog import t
from analytics.views.plain_words import wita_words
from ui import auth, cache, state
from ui.safe_text import plain

FLASH = "pengguna_pesan"
ACCOUNT_COLUMNS = ["username", "role", "active", "locked_until", "created_at"]

lang = state.current_lang()
user = auth.require("pengaturan", lang)
engine = cache.engine()


def role_label(role: str) -> str:
    """Return the name of a role in the chosen language (the code itself when unknown)."""
    return t(f"adm_role_{role}", lang) if role in ROLES else role


def done(message: str) -> None:
    """Remember a success message for the next run and rerun (so the list below shows the change)."""
    st.session_state[FLASH] = message
    st.rerun()


st.title(t("adm_users_title", lang))
st.caption(t("adm_users_caption", lang))
if st.session_state.get(FLASH):
    st.success(st.session_state.pop(FLASH))

accounts = pd.DataFrame(list_users(engine), columns=ACCOUNT_COLUMNS)
# times on the office's clock in words; never locked reads "—", not "None"
shown = accounts.assign(role=accounts["role"].map(role_label),
                        locked_until=wita_words(accounts["locked_until"], lang),
                        created_at=wita_words(accounts["created_at"], lang))
st.dataframe(shown, hide_index=True, width="stretch",
             column_config={name: t(f"adm_users_col_{name}", lang) for name in ACCOUNT_COLUMNS})

st.subheader(t("adm_users_new", lang))
with st.form("pengguna_baru", clear_on_submit=True):
    name = st.text_input(t("adm_users_name", lang), key="baru_nama", max_chars=MAX_USERNAME_CHARS)
    role = st.selectbox(t("adm_users_role", lang), ROLES, format_func=role_label, key="baru_peran",
                        placeholder=t("select_placeholder", lang))
    first = st.text_input(t("adm_users_password", lang), type="password", key="baru_sandi", max_chars=MAX_PASSWORD_CHARS)
    second = st.text_input(t("adm_users_password_again", lang), type="password", key="baru_sandi2", max_chars=MAX_PASSWORD_CHARS)
    create = st.form_submit_button(t("adm_users_create", lang), type="primary")
if create:
    if first != second:
        st.error(t("adm_users_mismatch", lang))
    else:
        try:
            create_user(engine, name.strip(), first, role, created_by=user.username)
        except AuthError as error:
            st.error(plain(str(error)))
        else:
            done(t("adm_users_created", lang, name=plain(name.strip()), role=role_label(role)))

st.subheader(t("adm_users_change", lang))
names = list(accounts["username"])
chosen = st.selectbox(t("adm_users_account", lang), names, key="ubah_akun", placeholder=t("select_placeholder", lang))
if chosen:
    row = accounts.set_index("username").loc[chosen]
    toggle, unlock = st.columns(2)
    try:
        if row["active"] and toggle.button(t("adm_users_deactivate", lang), key="nonaktifkan",
                                           icon=":material/person_off:"):
            set_user_active(engine, chosen, False, by=user.username)
            done(t("adm_users_deactivated", lang, name=plain(chosen)))
        if not row["active"] and toggle.button(t("adm_users_activate", lang), key="aktifkan",
                                               icon=":material/person:"):
            set_user_active(engine, chosen, True, by=user.username)
            done(t("adm_users_activated", lang, name=plain(chosen)))
        if unlock.button(t("adm_users_unlock", lang), key="buka_kunci", icon=":material/lock_open:"):
            unlock_user(engine, chosen, by=user.username)
            done(t("adm_users_unlocked", lang, name=plain(chosen)))
    except AuthError as error:
        st.error(plain(str(error)))
    with st.form("atur_ulang", clear_on_submit=True):
        new = st.text_input(t("adm_users_new_password", lang), type="password", key="ulang_sandi", max_chars=MAX_PASSWORD_CHARS)
        again = st.text_input(t("adm_users_new_password_again", lang), type="password", key="ulang_sandi2", max_chars=MAX_PASSWORD_CHARS)
        reset = st.form_submit_button(t("adm_users_reset", lang))
    if reset:
        if new != again:
            st.error(t("adm_users_mismatch", lang))
        else:
            try:
                reset_password(engine, chosen, new, by=user.username)
            except AuthError as error:
                st.error(plain(str(error)))
            else:
                done(t("adm_users_reset_done", lang, name=plain(chosen)))
