"""Pengguna (admin only): the accounts; create one, deactivate/reactivate, unlock, reset a password — all audited."""

import pandas as pd
import streamlit as st

from analytics.auth import ROLES, AuthError, create_user, list_users, reset_password, set_user_active, unlock_user
from ui import auth, cache, state

FLASH = "pengguna_pesan"
ROLE_LABELS = {"pimpinan": "Pimpinan", "analis": "Analis", "admin": "Admin"}

lang = state.current_lang()
user = auth.require("pengaturan", lang)
engine = cache.engine()


def done(message: str) -> None:
    """Remember a success message for the next run and rerun (so the list below shows the change)."""
    st.session_state[FLASH] = message
    st.rerun()


st.title("Pengguna")
st.caption("Setiap perubahan akun dicatat di log audit dengan nama Anda. Kata sandi tidak pernah ditampilkan.")
if st.session_state.get(FLASH):
    st.success(st.session_state.pop(FLASH))

accounts = pd.DataFrame(list_users(engine), columns=["username", "role", "active", "locked_until", "created_at"])
st.dataframe(accounts.assign(role=accounts["role"].map(ROLE_LABELS)), hide_index=True, width="stretch",
             column_config={"username": "Nama pengguna", "role": "Peran", "active": "Aktif",
                            "locked_until": "Terkunci sampai (UTC)", "created_at": "Dibuat (UTC)"})

st.subheader("Buat pengguna baru")
with st.form("pengguna_baru", clear_on_submit=True):
    name = st.text_input("Nama pengguna", key="baru_nama")
    role = st.selectbox("Peran", ROLES, format_func=ROLE_LABELS.get, key="baru_peran")
    first = st.text_input("Kata sandi", type="password", key="baru_sandi")
    second = st.text_input("Ulangi kata sandi", type="password", key="baru_sandi2")
    create = st.form_submit_button("Buat pengguna", type="primary")
if create:
    if first != second:
        st.error("Kedua kata sandi tidak sama. Ketik ulang keduanya.")
    else:
        try:
            create_user(engine, name.strip(), first, role, created_by=user.username)
        except AuthError as error:
            st.error(str(error))
        else:
            done(f"Pengguna '{name.strip()}' dibuat dengan peran {ROLE_LABELS[role]}.")

st.subheader("Ubah akun")
names = list(accounts["username"])
chosen = st.selectbox("Akun", names, key="ubah_akun")
if chosen:
    row = accounts.set_index("username").loc[chosen]
    toggle, unlock = st.columns(2)
    try:
        if row["active"] and toggle.button("Nonaktifkan", key="nonaktifkan", icon=":material/person_off:"):
            set_user_active(engine, chosen, False, by=user.username)
            done(f"Akun '{chosen}' dinonaktifkan: tidak dapat masuk lagi.")
        if not row["active"] and toggle.button("Aktifkan kembali", key="aktifkan", icon=":material/person:"):
            set_user_active(engine, chosen, True, by=user.username)
            done(f"Akun '{chosen}' aktif kembali.")
        if unlock.button("Buka kunci", key="buka_kunci", icon=":material/lock_open:"):
            unlock_user(engine, chosen, by=user.username)
            done(f"Kunci akun '{chosen}' dibuka; hitungan gagal masuk kembali ke nol.")
    except AuthError as error:
        st.error(str(error))
    with st.form("atur_ulang", clear_on_submit=True):
        new = st.text_input("Kata sandi baru", type="password", key="ulang_sandi")
        again = st.text_input("Ulangi kata sandi baru", type="password", key="ulang_sandi2")
        reset = st.form_submit_button("Atur ulang kata sandi")
    if reset:
        if new != again:
            st.error("Kedua kata sandi tidak sama. Ketik ulang keduanya.")
        else:
            try:
                reset_password(engine, chosen, new, by=user.username)
            except AuthError as error:
                st.error(str(error))
            else:
                done(f"Kata sandi '{chosen}' diganti.")
