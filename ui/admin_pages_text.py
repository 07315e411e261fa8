"""The words of the admin pages Log Audit and Pengguna, in Indonesian and English (registered with add_strings).

Each entry is written as (key, Indonesian, English) so a reviewer sees both languages side by side.
Not here on purpose: AuthError messages (analytics.auth) and the action labels of the audit log,
which are data and stay Indonesian; the headers of the exported audit file (analytics.audit).
"""

from __future__ import annotations

from analytics.i18n import add_strings

_TEXTS: list[tuple[str, str, str]] = [
    # --- Log Audit (pages/audit.py) ---
    ("adm_audit_title", "Log Audit", "Audit log"),
    ("adm_audit_caption", "Catatan yang hanya bertambah: setiap masuk (dan gagal masuk), unggahan, penghapusan, "
     "pembatalan, perubahan pengaturan dan akun. Waktu dalam WITA.", "An append-only record: every login (and "
     "failed login), upload, deletion, undo, change of settings and of accounts. Times in WITA."),
    ("adm_audit_users", "Pengguna", "User"),
    ("adm_audit_users_all", "Semua pengguna", "All users"),
    ("adm_audit_actions", "Tindakan", "Action"),
    ("adm_audit_actions_all", "Semua tindakan", "All actions"),
    ("adm_audit_dates", "Tanggal", "Dates"),
    ("adm_audit_count", "**{n}** catatan.", "**{n}** entries."),
    ("adm_audit_none", "Tidak ada catatan yang cocok dengan saringan ini.", "No entries match these filters."),
    ("adm_audit_col_waktu", "Waktu (WITA)", "Time (WITA)"),
    ("adm_audit_col_pengguna", "Pengguna", "User"),
    ("adm_audit_col_tindakan", "Tindakan", "Action"),
    ("adm_audit_col_sasaran", "Sasaran", "Target"),
    ("adm_audit_col_rincian", "Rincian", "Details"),
    ("adm_audit_csv", "Unduh CSV", "Download CSV"),
    ("adm_audit_xlsx", "Unduh Excel", "Download Excel"),
    # --- Pengguna (pages/pengguna.py) ---
    ("adm_users_title", "Pengguna", "Users"),
    ("adm_users_caption", "Setiap perubahan akun dicatat di log audit dengan nama Anda. Kata sandi tidak pernah "
     "ditampilkan.", "Every account change is recorded in the audit log under your name. Passwords are never "
     "shown."),
    ("adm_role_pimpinan", "Pimpinan", "Leadership"),
    ("adm_role_analis", "Analis", "Analyst"),
    ("adm_role_admin", "Admin", "Admin"),
    ("adm_users_col_username", "Nama pengguna", "Username"),
    ("adm_users_col_role", "Peran", "Role"),
    ("adm_users_col_active", "Aktif", "Active"),
    ("adm_users_col_locked_until", "Terkunci sampai (UTC)", "Locked until (UTC)"),
    ("adm_users_col_created_at", "Dibuat (UTC)", "Created (UTC)"),
    ("adm_users_new", "Buat pengguna baru", "Create a new user"),
    ("adm_users_name", "Nama pengguna", "Username"),
    ("adm_users_role", "Peran", "Role"),
    ("adm_users_password", "Kata sandi", "Password"),
    ("adm_users_password_again", "Ulangi kata sandi", "Repeat the password"),
    ("adm_users_create", "Buat pengguna", "Create user"),
    ("adm_users_mismatch", "Kedua kata sandi tidak sama. Ketik ulang keduanya.",
     "The two passwords differ. Type both again."),
    ("adm_users_created", "Pengguna '{name}' dibuat dengan peran {role}.", "User '{name}' created with role {role}."),
    ("adm_users_change", "Ubah akun", "Change an account"),
    ("adm_users_account", "Akun", "Account"),
    ("adm_users_deactivate", "Nonaktifkan", "Deactivate"),
    ("adm_users_deactivated", "Akun '{name}' dinonaktifkan: tidak dapat masuk lagi.",
     "Account '{name}' deactivated: it can no longer log in."),
    ("adm_users_activate", "Aktifkan kembali", "Reactivate"),
    ("adm_users_activated", "Akun '{name}' aktif kembali.", "Account '{name}' is active again."),
    ("adm_users_unlock", "Buka kunci", "Unlock"),
    ("adm_users_unlocked", "Kunci akun '{name}' dibuka; hitungan gagal masuk kembali ke nol.",
     "Account '{name}' unlocked; the failed-login count is back to zero."),
    ("adm_users_new_password", "Kata sandi baru", "New password"),
    ("adm_users_new_password_again", "Ulangi kata sandi baru", "Repeat the new password"),
    ("adm_users_reset", "Atur ulang kata sandi", "Reset password"),
    ("adm_users_reset_done", "Kata sandi '{name}' diganti.", "Password of '{name}' replaced."),
]


def build_strings() -> dict[str, dict[str, str]]:
    """Return the admin page texts as lang → key → text, ready for add_strings."""
    return {"id": {key: indonesian for key, indonesian, _ in _TEXTS},
            "en": {key: english for key, _, english in _TEXTS}}


add_strings(build_strings())
