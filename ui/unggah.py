"""Unggah Data, the Streamlit side: check a file (cached), the editable detection, commit, history.

The analyst's choices (sheet, header row, column corrections) live in one dict in session state,
written only by the widgets' callbacks; the widgets themselves are re-synced to what the reader
actually did on every run, so what the screen shows is always what will be stored.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from analytics.errors import IngestError, Problem
from analytics.i18n.catalog import DEFAULT_LANG, t
from analytics.i18n.labels import field_label, translate_headers
from analytics.ingest.pipeline import (
    IngestReport,
    delete_demo,
    delete_upload,
    ingest_file,
    list_uploads,
    undo_delete,
    validate_file,
)
from analytics.ingest.report import (
    NO_COLUMN,
    header_choices,
    history_frame,
    mapping_fields,
    problems_csv,
    problems_frame,
    problems_xlsx,
)
from analytics.ingest.templates import write_templates
from ui import cache, period_offer
from ui.downloads import audited_download
from ui.safe_text import plain

OPTIONS_KEY = "unggah_opsi"  # {"sha": …, "sheet": …, "header_row": …, "column_map": {…}}
COUNTER_KEY = "unggah_ulang"  # bumping it gives the uploader a new key, i.e. an empty uploader
RESULT_KEY = "unggah_hasil"
PENDING_DELETE_KEY = "unggah_hapus_tunda"
SHEET_KEY, HEADER_KEY, MAP_PREFIX = "unggah_lembar", "unggah_baris_judul", "unggah_kolom_"


def uploader_key() -> str:
    """Return the file uploader's current key (changes after a commit or cancel, to empty it)."""
    return f"unggah_berkas_{st.session_state.get(COUNTER_KEY, 0)}"


def reset_upload() -> None:
    """Empty the uploader and forget the analyst's choices for the previous file."""
    st.session_state[COUNTER_KEY] = st.session_state.get(COUNTER_KEY, 0) + 1
    st.session_state.pop(OPTIONS_KEY, None)


def current_options(data: bytes) -> dict:
    """Return the analyst's choices for this file (fresh ones when a different file arrives)."""
    sha = hashlib.sha256(data).hexdigest()
    options = st.session_state.get(OPTIONS_KEY)
    if not options or options["sha"] != sha:
        options = {"sha": sha, "sheet": None, "header_row": None, "column_map": {}}
        st.session_state[OPTIONS_KEY] = options
    return options


@st.cache_resource(max_entries=4, show_spinner=False)
def _check(url: str, v: int, sha: str, file_name: str, sheet, header_row, column_map: tuple, _data: bytes):
    # _data is not hashed (leading underscore): sha stands for it in the key.
    return validate_file(cache.engine(), _data, file_name, cache.settings(), sheet=sheet, header_row=header_row,
                         column_map=dict(column_map) or None)


def check_upload(data: bytes, file_name: str, options: dict):
    """Return (RawTable, ValidationResult) of the file under the analyst's choices; IngestError if unreadable."""
    return _check(*cache.key(), options["sha"], file_name, options["sheet"], options["header_row"],
                  tuple(sorted(options["column_map"].items())), data)


def _on_sheet() -> None:
    options = st.session_state[OPTIONS_KEY]
    options.update(sheet=st.session_state[SHEET_KEY], header_row=None, column_map={})


def _on_header() -> None:
    options = st.session_state[OPTIONS_KEY]
    options.update(header_row=int(st.session_state[HEADER_KEY]), column_map={})


def _on_column(field: str) -> None:
    header = st.session_state[MAP_PREFIX + field]
    column_map = st.session_state[OPTIONS_KEY]["column_map"]
    if header == NO_COLUMN:
        column_map.pop(field, None)
    else:
        column_map[field] = header


def render_detection(raw, lang: str = DEFAULT_LANG) -> None:
    """Draw the detected sheet, header row and column mapping as editable controls (labels in lang)."""
    left, right = st.columns(2)
    if raw.sheets:
        st.session_state[SHEET_KEY] = raw.sheet
        left.selectbox(t("upload_sheet", lang), raw.sheets, key=SHEET_KEY, on_change=_on_sheet,
                       help=t("upload_sheet_help", lang), placeholder=t("select_placeholder", lang))
    st.session_state[HEADER_KEY] = int(raw.header_row)
    right.number_input(t("upload_header_row", lang), min_value=1, step=1, key=HEADER_KEY, on_change=_on_header,
                       help=t("upload_header_help", lang))
    kind = raw.kind.value
    if kind == "acled":
        st.caption(t("upload_acled", lang))
        return
    headers = header_choices(raw.columns, raw.unmapped)
    no_column = t("upload_no_column", lang)
    with st.expander(t("upload_mapping", lang), expanded=bool(raw.unmapped)):
        columns = st.columns(3)
        for i, field in enumerate(mapping_fields(kind)):
            detected = raw.columns.get(field)
            # A detected column can be moved to another header but not removed: the reader would find it again.
            choices = headers if detected else [NO_COLUMN, *headers]
            st.session_state[MAP_PREFIX + field] = detected or NO_COLUMN
            # The option stays NO_COLUMN (the callback compares with it); only its display is translated.
            columns[i % 3].selectbox(field_label(field, lang), choices, key=MAP_PREFIX + field,
                                     format_func=lambda h: no_column if h == NO_COLUMN else h,
                                     on_change=_on_column, args=(field,), placeholder=t("select_placeholder", lang))
        if raw.unmapped:
            st.caption(t("upload_unused", lang, names=plain(", ".join(raw.unmapped))))


def render_problems(problems: list[Problem], key: str, lang: str = DEFAULT_LANG) -> None:
    """Draw the problems table (text only; titles in lang) and the buttons to download it as CSV or Excel."""
    # The messages describe the file and stay Indonesian; the column titles follow the reader's language,
    # in the downloads too, so the analyst finds the same titles there.
    frame = translate_headers(problems_frame(problems), lang)
    st.dataframe(frame, hide_index=True, width="stretch")
    left, right = st.columns(2)
    audited_download(left, t("upload_problems_csv", lang), problems_csv(frame), "masalah_unggahan.csv",
                     "masalah_unggahan", mime="text/csv", key=f"{key}_csv")
    audited_download(right, t("upload_problems_xlsx", lang), problems_xlsx(frame), "masalah_unggahan.xlsx",
                     "masalah_unggahan", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key=f"{key}_xlsx")


def render_refusal(error: IngestError, options: dict, lang: str = DEFAULT_LANG) -> None:
    """Show why a file could not be read at all (Indonesian), its problems table, and a header row to try."""
    st.error(plain(error.message))
    if error.problems:
        render_problems(error.problems, key="tolak", lang=lang)
    # The reader may simply not have recognised the header: let the analyst point at it.
    st.session_state[HEADER_KEY] = int(options["header_row"] or 1)
    st.number_input(t("upload_try_header", lang), min_value=1, step=1, key=HEADER_KEY, on_change=_on_header,
                    help=t("upload_header_help", lang))


def commit(data: bytes, file_name: str, options: dict, valid_only: bool, user: str,
           lang: str = DEFAULT_LANG) -> IngestReport:
    """Store the file (all rows, or the valid rows only) with progress feedback; return the report."""
    with st.status(t("upload_saving", lang), expanded=True) as status:
        bar = st.progress(0.1, text=t("upload_reading", lang))
        # the preview's result for this sha256 and these choices (cached): the file is not read a second time
        report = ingest_file(cache.engine(), data, file_name, user=user, valid_only=valid_only,
                             settings=cache.settings(), sheet=options["sheet"], header_row=options["header_row"],
                             column_map=options["column_map"] or None, checked=check_upload(data, file_name, options))
        bar.progress(1.0, text=t("upload_done_bar", lang))
        status.update(label=t("upload_done", lang), state="complete" if report.committed else "error")
    return report


def render_result(lang: str = DEFAULT_LANG) -> None:
    """Show the outcome of the last commit (kept across the rerun that empties the uploader)."""
    report = st.session_state.pop(RESULT_KEY, None)
    if report is None:
        return
    if report.committed:
        st.success(t("upload_saved", lang, inserted=report.inserted, duplicates=report.duplicates,
                     rejected=report.rows_rejected, file=plain(report.file_name), id=report.upload_id))
        period_offer.render_upload_period_offer(report.upload_id, lang)
    elif report.already_stored:
        st.info(t("upload_already", lang, n=report.duplicates, file=plain(report.file_name)))
    else:
        st.warning(t("upload_nothing", lang, file=plain(report.file_name)))
    for note in report.notes:  # notes come from analytics and describe the file: Indonesian
        st.caption(plain(note))


@st.cache_data(max_entries=2, show_spinner=False)
def _templates(url: str, v: int) -> list[tuple[str, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        return [(path.name, path.read_bytes()) for path in write_templates(Path(folder), cache.settings())]


def render_templates(lang: str = DEFAULT_LANG) -> None:
    """Draw one download button per blank template (kejadian, laporan berkala)."""
    columns = st.columns(2)
    labels = {"templat_kejadian.xlsx": t("upload_template_kejadian", lang),
              "templat_laporan_berkala.xlsx": t("upload_template_laporan", lang)}
    for column, (name, data) in zip(columns, _templates(*cache.key())):
        column.download_button(labels.get(name, name), data, file_name=name, key=f"templat_{name}",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               on_click="ignore", icon=":material/download:")


def render_history(user: str, lang: str = DEFAULT_LANG) -> None:
    """Draw the upload history with delete (after confirmation) and undo per upload."""
    uploads = list_uploads(cache.engine())
    st.dataframe(translate_headers(history_frame(uploads), lang), hide_index=True, width="stretch")
    if uploads.empty:
        return
    status = uploads["deleted_at"].isna().map({True: t("upload_status_active", lang),
                                               False: t("upload_status_deleted", lang)})
    labels = {int(i): f"#{i} {name} ({s})" for i, name, s in zip(uploads["id"], uploads["file_name"], status)}
    # Keyed on the newest id: after a new upload the box is a new widget, preset to that upload.
    chosen = st.selectbox(t("upload_choose", lang), list(labels), format_func=labels.get,
                          key=f"unggah_pilih_{max(labels)}", placeholder=t("select_placeholder", lang))
    deleted = uploads.loc[uploads["id"] == chosen, "deleted_at"].notna().iloc[0]
    pending = st.session_state.get(PENDING_DELETE_KEY)
    try:
        if deleted:
            if st.button(t("upload_undo", lang), key="unggah_batal_hapus", icon=":material/undo:"):
                result = undo_delete(cache.engine(), chosen, user)
                key = "upload_restored_kept" if result.kept_inactive else "upload_restored"
                st.session_state["unggah_pesan"] = t(key, lang, id=chosen, restored=result.restored,
                                                     kept=result.kept_inactive)
                st.rerun()
        elif pending == chosen:
            st.warning(t("upload_confirm_delete", lang, id=chosen))
            yes, no = st.columns(2)
            if yes.button(t("upload_yes_delete", lang), type="primary", key="unggah_ya_hapus"):
                count = delete_upload(cache.engine(), chosen, user)
                st.session_state.pop(PENDING_DELETE_KEY, None)
                st.session_state["unggah_pesan"] = t("upload_deleted", lang, id=chosen, count=count)
                st.rerun()
            if no.button(t("upload_cancel", lang), key="unggah_tidak_hapus"):
                st.session_state.pop(PENDING_DELETE_KEY, None)
                st.rerun()
        elif st.button(t("upload_delete", lang), key="unggah_hapus", icon=":material/delete:"):
            st.session_state[PENDING_DELETE_KEY] = chosen
            st.rerun()
    except IngestError as error:
        st.error(plain(error.message))
    message = st.session_state.pop("unggah_pesan", None)
    if message:
        st.success(message)


def render_demo_removal(user: str, lang: str = DEFAULT_LANG) -> None:
    """When demo data is stored: a button (with confirmation) that removes every demo upload for good."""
    if not cache.has_demo():
        return
    st.caption(t("upload_demo_caption", lang))
    if not st.session_state.get("unggah_demo_tunda"):
        if st.button(t("upload_demo_delete", lang), key="unggah_hapus_demo", icon=":material/delete_sweep:"):
            st.session_state["unggah_demo_tunda"] = True
            st.rerun()
        return
    st.warning(t("upload_demo_confirm", lang))
    yes, no = st.columns(2)
    if yes.button(t("upload_demo_yes", lang), type="primary", key="unggah_ya_demo"):
        removed = delete_demo(cache.engine(), user)
        st.session_state.pop("unggah_demo_tunda", None)
        st.session_state["unggah_pesan"] = t("upload_demo_removed", lang, n=removed)
        st.rerun()
    if no.button(t("upload_cancel", lang), key="unggah_tidak_demo"):
        st.session_state.pop("unggah_demo_tunda", None)
        st.rerun()
