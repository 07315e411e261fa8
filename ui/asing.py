"""Cached accessors and display tables for the Orang Asing / TKA page, keyed like ui/cache.py on (url, version).

The register is written only through analytics.asing.register.ingest_foreigners (audited, one transaction,
bumps the data version), so a stored file shows on the next run without clearing anything.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analytics.asing import queries as stored_register
from analytics.asing import register as foreigners
from analytics.i18n.catalog import t
from analytics.ingest.report import preview_frame
from analytics.views.plain_tables import number_style, plain_table
from ui import cache

COUNTER_KEY = "asing_uploader_n"
HIGHLIGHT = {"tanpa_dokumen": "background-color: #F8D7DA; color: #7A0010",
             "tidak_lengkap": "background-color: #FFF3CD; color: #664D03"}
REGISTER_COLUMNS = ["periode_mulai", "periode_akhir", "kecamatan", "desa", "jenis", "dokumen", "jumlah",
                    *stored_register.PERSONAL_COLUMNS, "catatan", "file_name"]
EXAMPLE_ROW = ("01/05/2026", "31/05/2026", "Malinau Kota", "", "tka", "lengkap", "1", "CONTOH Nama Fiktif",
               "CONTOH", "", "CONTOH PT Fiktif", "CONTOH — hapus baris ini sebelum mengunggah")


@st.cache_data(max_entries=4, show_spinner=False)
def _register(url: str, v: int, personal: bool) -> pd.DataFrame:
    return stored_register.read_foreigners(cache._engine(url), personal=personal)


@st.cache_data(max_entries=16, show_spinner=False)
def _summary(url: str, v: int, as_of: date, window_days: int) -> pd.DataFrame:
    return foreigners.foreigners_summary(cache._engine(url), as_of, window_days)


def period_summary(start: date, end: date, kecamatan: tuple[str, ...]) -> pd.DataFrame:
    """Return foreigners_summary for register periods ending in [start, end], only the chosen kecamatan (all if none)."""
    # foreigners_summary counts periods ending in [as_of - window, as_of): the day after end closes the range.
    table = _summary(*cache.key(), end + timedelta(days=1), (end - start).days + 1)
    return table[table["kode"].isin(kecamatan)] if kecamatan else table


def summary_table(summary: pd.DataFrame, lang: str):
    """Return the summary as shown: kecamatan, kinds, statuses, total; non-zero undocumented counts shaded."""
    shown = summary.drop(columns="kode").rename(columns={"nama": "kecamatan"})

    def shade(column: pd.Series) -> list[str]:
        style = HIGHLIGHT.get(column.name, "")
        return [style if style and value > 0 else "" for value in column]

    counts = [c for c in shown.columns if c != "kecamatan"]
    return number_style(shown.style.apply(shade, axis=0), counts, lang=lang)  # "1.200", not "1200"


def summary_column_config(lang: str) -> dict:
    """Return the column titles of summary_table in lang."""
    config = {"kecamatan": t("as_col_kecamatan", lang), "jumlah": t("as_col_jumlah", lang)}
    config |= {k: t(f"as_kind_{k}", lang) for k in foreigners.KINDS}
    config |= {s: t(f"as_status_{s}", lang) for s in foreigners.DOCUMENT_STATUSES}
    return config


def status_labels(lang: str) -> dict[str, str]:
    """Return the document status names (and the y axis title) for the chart in lang."""
    return {**{s: t(f"as_status_{s}", lang) for s in foreigners.DOCUMENT_STATUSES}, "_y": t("as_chart_y", lang)}


def register_rows(personal: bool, start: date, end: date, kecamatan: tuple[str, ...], lang: str = "id") -> pd.DataFrame:
    """Return the register rows whose period ends in [start, end] (chosen kecamatan), named; personal details only if allowed.

    As shown: dates in words, jenis and dokumen by their names, an empty cell as "—" (never "None")."""
    frame = _register(*cache.key(), personal)
    akhir = frame["periode_akhir"]
    chosen = frame[(akhir >= pd.Timestamp(start)) & (akhir <= pd.Timestamp(end))]
    if kecamatan:
        chosen = chosen[chosen["kode_kecamatan"].isin(kecamatan)]
    if not personal:
        chosen = foreigners.redact_foreigners(chosen)
    shown = chosen.assign(kecamatan=chosen["kode_kecamatan"].map(cache.kecamatan_names()),
                          desa=chosen["kode_desa"].map(cache.desa_names()))
    labels = {"jenis": {k: t(f"as_kind_{k}", lang) for k in foreigners.KINDS},
              "dokumen": {s: t(f"as_status_{s}", lang) for s in foreigners.DOCUMENT_STATUSES}}
    return plain_table(shown[[c for c in REGISTER_COLUMNS if c in shown.columns]], lang, labels=labels)


def register_table(rows: pd.DataFrame, lang: str = "id"):
    """Return register_rows for st.dataframe: the counts in the reader's number format ("1.200")."""
    return number_style(rows, ["jumlah"], lang=lang)


def register_column_config(lang: str) -> dict:
    """Return the column titles of register_rows in lang (its dates are already words: "1 April 2026")."""
    return {c: t(f"as_col_{c}", lang) for c in REGISTER_COLUMNS}


def template_csv() -> bytes:
    """Return the register template: TEMPLATE_COLUMNS header and one example row marked CONTOH (UTF-8 with BOM for Excel)."""
    frame = pd.DataFrame([EXAMPLE_ROW], columns=list(foreigners.TEMPLATE_COLUMNS))
    return frame.to_csv(index=False).encode("utf-8-sig")


def uploader_key() -> str:
    """Return the file uploader's current key (changes after a store, to empty it)."""
    return f"asing_berkas_{st.session_state.get(COUNTER_KEY, 0)}"


def reset_upload() -> None:
    """Empty the uploader so the same file is not stored twice by accident."""
    st.session_state[COUNTER_KEY] = st.session_state.get(COUNTER_KEY, 0) + 1


def read_upload(data: bytes, file_name: str):
    """Return the uploaded register as read_table reads it (RawTable, in the parsing worker), or raise IngestError."""
    return foreigners.read_register(data, file_name, cache.settings())


def preview(table) -> pd.DataFrame:
    """Return the first rows of an uploaded register as interpreted, with the Excel row number first."""
    return preview_frame(table.frame, table.row_numbers, table.columns)


def store_upload(table, file_name: str, user: str) -> int:
    """Store the register all-or-nothing; return the rows stored (IngestError naming row, column and value)."""
    return foreigners.ingest_foreigners(cache.engine(), table, file_name=file_name, user=user)

