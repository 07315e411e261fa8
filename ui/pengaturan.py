"""Pengaturan, the Streamlit side: one render function per tab. Every write goes through an analytics
function that audits it (and bumps the data version, so every cached view refreshes)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.errors import IngestError
from analytics.i18n.catalog import DEFAULT_LANG, t
from analytics.i18n.labels import translate_headers
from analytics.ingest.categories import CATEGORY_LABELS, add_synonym, category_labels
from analytics.places.boundaries import import_boundaries, summarize_boundaries
from analytics.places.files import FIELD_ROLES
from analytics.places.names import add_alias
from analytics.risk.elections import ALL_DESA, CalendarError
from analytics.settings import Settings, write_setting
from analytics.text_limits import MAX_SHORT_TEXT_CHARS
from analytics.views import settings_form as admin_forms
from analytics.views.plain_words import wita_words
from ui import cache
from ui.safe_text import plain

FLASH_KEY = "pengaturan_pesan"
LEVEL_KEYS = {"": "admin_level_auto", "desa": "admin_level_desa", "kecamatan": "admin_level_kecamatan",
              "kabupaten": "admin_level_kabupaten"}


def flash(message: str) -> None:
    """Keep a success message for the rerun that follows a change."""
    st.session_state[FLASH_KEY] = message


def render_flash() -> None:
    """Show the message of the change made on the previous run, if any."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def render_boundaries(user: str, lang: str = DEFAULT_LANG) -> None:
    """Boundary file upload with the import report, field mapping when detection fails, and what is stored."""
    stored = summarize_boundaries(cache.engine())
    if stored.empty:
        st.info(t("admin_boundary_none", lang), icon=":material/grid_view:")
    else:
        shown = stored.assign(derived=stored["derived"].map(lambda v: t("yes_word" if v else "no_word", lang)),
                              imported_at=wita_words(stored["imported_at"], lang))
        st.dataframe(translate_headers(shown, lang), hide_index=True, width="stretch")
    uploaded = st.file_uploader(t("admin_boundary_file", lang), type=["geojson", "json", "gpkg", "zip"],
                                key="batas_berkas")
    level = st.selectbox(t("admin_boundary_level", lang), list(LEVEL_KEYS),
                         format_func=lambda v: t(LEVEL_KEYS[v], lang), key="batas_tingkat", placeholder=t("select_placeholder", lang))
    with st.expander(t("admin_boundary_mapping", lang)):
        columns = st.columns(len(FIELD_ROLES))
        field_map = {role: col.text_input(role, key=f"batas_kolom_{role}", max_chars=MAX_SHORT_TEXT_CHARS).strip()
                     for role, col in zip(FIELD_ROLES, columns)}
    if uploaded is None or not st.button(t("admin_boundary_import", lang), type="primary", key="batas_impor"):
        return
    try:
        with st.spinner(t("admin_boundary_importing", lang)):
            report = import_boundaries(cache.engine(), uploaded.getvalue(), uploaded.name, user=user,
                                       level=level or None, field_map={k: v for k, v in field_map.items() if v} or None,
                                       settings=cache.settings())
    except IngestError as error:
        st.error(plain(error.message))
        return
    box = st.success if report.matched and not report.unmatched else st.warning
    box(t("admin_boundary_report", lang, file=report.file_name, level=report.level, read=report.features_read,
          matched=report.matched, unmatched=len(report.unmatched), missing=len(report.missing)))
    for title, names in (("admin_unmatched", report.unmatched), ("admin_missing", report.missing),
                         ("admin_outside", report.outside)):
        if names:
            st.markdown(f"**{t(title, lang)}**")
            st.dataframe(pd.DataFrame({t("hdr:Nama", lang): names}), hide_index=True)
    for note in report.notes:  # notes describe the file: they stay Indonesian
        st.caption(plain(note))
    st.caption(t("admin_fields_used", lang, fields=plain(", ".join(f"{k} = {v}" for k, v in report.fields.items()))))


def render_calendar(user: str, settings: Settings, lang: str = DEFAULT_LANG) -> None:
    """Show the election calendar; edit which desa vote in one wave and the dates of its stages."""
    calendar = admin_forms.calendar_table(cache.calendar().stages)
    st.dataframe(translate_headers(calendar, lang), hide_index=True, width="stretch")
    raw = admin_forms.calendar_raw(settings)
    elections = {e["id"]: e for e in raw["pemilihan"]}
    election_id = st.selectbox(t("admin_election", lang), list(elections), format_func=lambda i: elections[i]["nama"],
                               key="kal_pemilihan", placeholder=t("select_placeholder", lang))
    waves = [w["nama"] for w in elections[election_id]["putaran"]]
    wave_name = st.selectbox(t("admin_wave", lang), waves, key=f"kal_putaran_{election_id}", placeholder=t("select_placeholder", lang))
    wave = admin_forms.wave_of(raw, election_id, wave_name)
    prefix = f"kal_{election_id}_{wave_name}"
    if wave.get("asumsi"):
        st.warning(t("admin_wave_assumed", lang))
    names = cache.desa_names()
    everyone = st.checkbox(t("admin_all_desa", lang), value=wave["desa"] == ALL_DESA, key=f"{prefix}_semua")
    desa = ALL_DESA
    if not everyone:
        current = [] if wave["desa"] == ALL_DESA else [k for k in wave["desa"] if k in names]
        desa = st.multiselect(t("admin_voting_desa", lang), list(names), default=current, format_func=names.get,
                              key=f"{prefix}_desa", placeholder=t("select_placeholder", lang))
    edited = st.data_editor(
        admin_forms.stages_frame(wave), num_rows="dynamic", hide_index=True, key=f"{prefix}_tahap",
        column_config={
            "tahap": st.column_config.SelectboxColumn(t("admin_stage", lang), options=admin_forms.stage_choices(),
                                                      required=True),
            "mulai": st.column_config.DateColumn(t("admin_start", lang), format="DD/MM/YYYY", required=True),
            "selesai": st.column_config.DateColumn(t("admin_end", lang), format="DD/MM/YYYY", required=True),
        },
    )
    save, reset = st.columns(2)
    if save.button(t("admin_save_calendar", lang), type="primary", key="kal_simpan"):
        try:
            new = admin_forms.replace_wave(raw, election_id, wave_name, desa, edited)
        except (CalendarError, ValueError, TypeError) as error:
            st.error(t("admin_calendar_refused", lang, error=error))  # the reason itself stays Indonesian
            return
        write_setting(cache.engine(), "election_calendar", new, user)
        flash(t("admin_calendar_saved", lang, election=elections[election_id]["nama"], wave=wave_name))
        st.rerun()
    if settings.election_calendar and reset.button(t("admin_calendar_reset", lang), key="kal_bawaan"):
        write_setting(cache.engine(), "election_calendar", None, user)
        flash(t("admin_calendar_default", lang))
        st.rerun()


def _number_input(container, label: str, value, help_text: str, key: str):
    step = 1 if isinstance(value, int) else 0.05
    return container.number_input(label, value=value, step=step, help=help_text, key=key,
                                  format=None if isinstance(value, int) else "%.2f")


def render_numbers(user: str, settings: Settings, group: str, lang: str = DEFAULT_LANG) -> None:
    """One form of number inputs for a group's settings (labels: the Indonesian SETTINGS help); saves what changed."""
    with st.form(f"angka_{group}"):
        proposed = {}
        for setting in admin_forms.numeric_settings(group):
            current = getattr(settings, setting.name)
            if isinstance(setting.default, dict):
                st.markdown(f"**{setting.help}**")
                columns = st.columns(min(len(setting.default), 6))
                values = {k: _number_input(columns[i % len(columns)], k, current.get(k, v),
                                           t("admin_setting_help", lang, name=setting.name), f"set_{setting.name}_{k}")
                          for i, (k, v) in enumerate(setting.default.items())}
                proposed[setting.name] = admin_forms.coerce_like(setting.default, values)
            else:
                value = _number_input(st, setting.help, current, t("admin_setting_help", lang, name=setting.name),
                                      f"set_{setting.name}")
                proposed[setting.name] = admin_forms.coerce_like(setting.default, value)
        submitted = st.form_submit_button(t("admin_save", lang), type="primary", key=f"simpan_{group}")
    if not submitted:
        return
    problem = admin_forms.check_thresholds(proposed.get("risk_thresholds", {}))
    if problem:
        st.error(problem)
        return
    changes = admin_forms.changed_settings(settings, proposed)
    for name, value in changes.items():
        write_setting(cache.engine(), name, value, user)
    flash(t("admin_settings_changed", lang, n=len(changes), names=", ".join(changes)) if changes
          else t("admin_nothing_changed", lang))
    st.rerun()


def render_synonyms(user: str, lang: str = DEFAULT_LANG) -> None:
    """The synonyms users added, and a form to add one (phrase → kategori)."""
    st.dataframe(translate_headers(admin_forms.read_user_synonyms(cache.engine()), lang), hide_index=True,
                 width="stretch")
    with st.form("sinonim_baru", clear_on_submit=True):
        phrase = st.text_input(t("admin_phrase", lang), max_chars=MAX_SHORT_TEXT_CHARS)
        kategori = st.selectbox(t("admin_kategori", lang), list(CATEGORY_LABELS), format_func=category_labels(lang).get,
                                placeholder=t("select_placeholder", lang))
        submitted = st.form_submit_button(t("admin_add_synonym", lang))
    if submitted:
        try:
            add_synonym(cache.engine(), phrase, kategori, user)
        except ValueError as error:
            st.error(plain(str(error)))  # analytics' reason, Indonesian
            return
        flash(t("admin_synonym_added", lang, phrase=phrase, kategori=category_labels(lang)[kategori]))
        st.rerun()


def render_aliases(user: str, lang: str = DEFAULT_LANG) -> None:
    """The place-name aliases users added, and a form to add one (level, alias, official place)."""
    kecamatan, desa = cache.kecamatan_names(), cache.desa_names()
    aliases = admin_forms.read_user_aliases(cache.engine(), {**kecamatan, **desa})
    st.dataframe(translate_headers(aliases, lang), hide_index=True, width="stretch")
    level = st.radio(t("admin_alias_level", lang), ["desa", "kecamatan"], horizontal=True, key="alias_tingkat",
                     format_func=lambda v: t(LEVEL_KEYS[v], lang))
    places = desa if level == "desa" else kecamatan
    with st.form("alias_baru", clear_on_submit=True):
        alias = st.text_input(t("admin_alias", lang), max_chars=MAX_SHORT_TEXT_CHARS)
        kode = st.selectbox(t("admin_official_name", lang), list(places), format_func=places.get,
                            placeholder=t("select_placeholder", lang))
        submitted = st.form_submit_button(t("admin_add_alias", lang))
    if submitted:
        try:
            add_alias(cache.engine(), level, alias, kode, user)
        except ValueError as error:
            st.error(plain(str(error)))  # analytics' reason, Indonesian
            return
        flash(t("admin_alias_added", lang, alias=alias, place=places[kode]))
        st.rerun()
