"""Pengaturan, the Streamlit side: one render function per tab. Every write goes through an analytics
function that audits it (and bumps the data version, so every cached view refreshes)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import admin_forms
from analytics.boundaries import import_boundaries, summarize_boundaries
from analytics.boundary_io import FIELD_ROLES
from analytics.categories import CATEGORY_LABELS, add_synonym
from analytics.elections import ALL_DESA, CalendarError
from analytics.errors import IngestError
from analytics.names import add_alias
from analytics.settings import write_setting
from ui import cache

FLASH_KEY = "pengaturan_pesan"
LEVEL_CHOICES = {"": "Kenali otomatis", "desa": "Desa", "kecamatan": "Kecamatan", "kabupaten": "Kabupaten"}


def flash(message: str) -> None:
    """Keep a success message for the rerun that follows a change."""
    st.session_state[FLASH_KEY] = message


def render_flash() -> None:
    """Show the message of the change made on the previous run, if any."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def render_boundaries(user: str) -> None:
    """Boundary file upload with the import report, field mapping when detection fails, and what is stored."""
    st.dataframe(summarize_boundaries(cache.engine()), hide_index=True, width="stretch")
    uploaded = st.file_uploader("Berkas batas wilayah (.geojson, .gpkg, .zip shapefile)",
                                type=["geojson", "json", "gpkg", "zip"], key="batas_berkas")
    level = st.selectbox("Tingkat wilayah", list(LEVEL_CHOICES), format_func=LEVEL_CHOICES.get, key="batas_tingkat")
    with st.expander("Pemetaan kolom (isi bila kolom kode/nama tidak dikenali)"):
        columns = st.columns(len(FIELD_ROLES))
        field_map = {role: col.text_input(role, key=f"batas_kolom_{role}").strip()
                     for role, col in zip(FIELD_ROLES, columns)}
    if uploaded is None or not st.button("Impor batas wilayah", type="primary", key="batas_impor"):
        return
    try:
        with st.spinner("Mengimpor batas wilayah …"):
            report = import_boundaries(cache.engine(), uploaded.getvalue(), uploaded.name, user=user,
                                       level=level or None, field_map={k: v for k, v in field_map.items() if v} or None,
                                       settings=cache.settings())
    except IngestError as error:
        st.error(error.message)
        return
    box = st.success if report.matched and not report.unmatched else st.warning
    box(f"{report.file_name} (tingkat {report.level}): {report.features_read} bentuk dibaca, {report.matched} cocok, "
        f"{len(report.unmatched)} tidak cocok, {len(report.missing)} wilayah tidak ada di berkas.")
    for title, names in (("Tidak cocok", report.unmatched), ("Tidak ada di berkas", report.missing),
                         ("Di luar Malinau", report.outside)):
        if names:
            st.markdown(f"**{title}**")
            st.dataframe(pd.DataFrame({"Nama": names}), hide_index=True)
    for note in report.notes:
        st.caption(note)
    st.caption("Kolom yang dipakai: " + ", ".join(f"{k} = {v}" for k, v in report.fields.items()))


def render_calendar(user: str, settings: dict) -> None:
    """Show the election calendar; edit which desa vote in one wave and the dates of its stages."""
    st.dataframe(admin_forms.calendar_table(cache.calendar().stages), hide_index=True, width="stretch")
    raw = admin_forms.calendar_raw(settings)
    elections = {e["id"]: e for e in raw["pemilihan"]}
    election_id = st.selectbox("Pemilihan", list(elections), format_func=lambda i: elections[i]["nama"], key="kal_pemilihan")
    waves = [w["nama"] for w in elections[election_id]["putaran"]]
    wave_name = st.selectbox("Putaran / tahap", waves, key=f"kal_putaran_{election_id}")
    wave = admin_forms.wave_of(raw, election_id, wave_name)
    prefix = f"kal_{election_id}_{wave_name}"
    if wave.get("asumsi"):
        st.warning("Putaran ini masih berisi ASUMSI demo; ganti dengan data DPMD/KPU.")
    names = cache.desa_names()
    everyone = st.checkbox("Semua desa ikut", value=wave["desa"] == ALL_DESA, key=f"{prefix}_semua")
    desa = ALL_DESA
    if not everyone:
        current = [] if wave["desa"] == ALL_DESA else [k for k in wave["desa"] if k in names]
        desa = st.multiselect("Desa yang memilih", list(names), default=current, format_func=names.get,
                              key=f"{prefix}_desa")
    edited = st.data_editor(
        admin_forms.stages_frame(wave), num_rows="dynamic", hide_index=True, key=f"{prefix}_tahap",
        column_config={
            "tahap": st.column_config.SelectboxColumn("Tahap", options=admin_forms.stage_choices(), required=True),
            "mulai": st.column_config.DateColumn("Mulai", format="DD/MM/YYYY", required=True),
            "selesai": st.column_config.DateColumn("Selesai", format="DD/MM/YYYY", required=True),
        },
    )
    save, reset = st.columns(2)
    if save.button("Simpan kalender", type="primary", key="kal_simpan"):
        try:
            new = admin_forms.replace_wave(raw, election_id, wave_name, desa, edited)
        except (CalendarError, ValueError, TypeError) as error:
            st.error(f"Kalender tidak disimpan: {error}")
            return
        write_setting(cache.engine(), "election_calendar", new, user)
        flash(f"Kalender {elections[election_id]['nama']} — {wave_name} disimpan.")
        st.rerun()
    if settings.get("election_calendar") and reset.button("Kembalikan kalender bawaan", key="kal_bawaan"):
        write_setting(cache.engine(), "election_calendar", None, user)
        flash("Kalender bawaan (data/elections.json) dipakai lagi.")
        st.rerun()


def _number_input(container, label: str, value, help_text: str, key: str):
    step = 1 if isinstance(value, int) else 0.05
    return container.number_input(label, value=value, step=step, help=help_text, key=key,
                                  format=None if isinstance(value, int) else "%.2f")


def render_numbers(user: str, settings: dict, group: str) -> None:
    """One form of number inputs for a group's settings (help text from SETTINGS); saves what changed."""
    with st.form(f"angka_{group}"):
        proposed = {}
        for setting in admin_forms.numeric_settings(group):
            current = settings[setting.name]
            if isinstance(setting.default, dict):
                st.markdown(f"**{setting.help}**")
                columns = st.columns(min(len(setting.default), 6))
                values = {k: _number_input(columns[i % len(columns)], k, current.get(k, v),
                                           f"Pengaturan {setting.name}", f"set_{setting.name}_{k}")
                          for i, (k, v) in enumerate(setting.default.items())}
                proposed[setting.name] = admin_forms.coerce_like(setting.default, values)
            else:
                value = _number_input(st, setting.help, current, f"Pengaturan {setting.name}", f"set_{setting.name}")
                proposed[setting.name] = admin_forms.coerce_like(setting.default, value)
        submitted = st.form_submit_button("Simpan", type="primary", key=f"simpan_{group}")
    if not submitted:
        return
    problem = admin_forms.check_thresholds(proposed.get("risk_thresholds", {}))
    if problem:
        st.error(problem)
        return
    changes = admin_forms.changed_settings(settings, proposed)
    for name, value in changes.items():
        write_setting(cache.engine(), name, value, user)
    flash(f"{len(changes)} pengaturan diubah: {', '.join(changes)}." if changes else "Tidak ada yang berubah.")
    st.rerun()


def render_synonyms(user: str) -> None:
    """The synonyms users added, and a form to add one (phrase → kategori)."""
    st.dataframe(admin_forms.read_user_synonyms(cache.engine()), hide_index=True, width="stretch")
    with st.form("sinonim_baru", clear_on_submit=True):
        phrase = st.text_input("Frasa (seperti tertulis di kolom Jenis Kejadian)")
        kategori = st.selectbox("Kategori", list(CATEGORY_LABELS), format_func=CATEGORY_LABELS.get)
        submitted = st.form_submit_button("Tambah sinonim")
    if submitted:
        try:
            add_synonym(cache.engine(), phrase, kategori, user)
        except ValueError as error:
            st.error(str(error))
            return
        flash(f"Sinonim '{phrase}' → {CATEGORY_LABELS[kategori]} ditambahkan.")
        st.rerun()


def render_aliases(user: str) -> None:
    """The place-name aliases users added, and a form to add one (level, alias, official place)."""
    kecamatan, desa = cache.kecamatan_names(), cache.desa_names()
    st.dataframe(admin_forms.read_user_aliases(cache.engine(), {**kecamatan, **desa}), hide_index=True,
                 width="stretch")
    level = st.radio("Tingkat", ["desa", "kecamatan"], horizontal=True, key="alias_tingkat")
    places = desa if level == "desa" else kecamatan
    with st.form("alias_baru", clear_on_submit=True):
        alias = st.text_input("Ejaan lain (alias)")
        kode = st.selectbox("Nama resmi", list(places), format_func=places.get)
        submitted = st.form_submit_button("Tambah alias")
    if submitted:
        try:
            add_alias(cache.engine(), level, alias, kode, user)
        except ValueError as error:
            st.error(str(error))
            return
        flash(f"Alias '{alias}' → {places[kode]} ditambahkan.")
        st.rerun()
