"""Unggah Data, phone forms: download buttons for the XLSForms and how to publish them in KoboToolbox."""

from __future__ import annotations

import streamlit as st

from analytics.fieldreports.form import build_form, form_file_name, form_xlsx_bytes
from analytics.i18n.catalog import DEFAULT_LANG, t
from ui import cache

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(max_entries=2, show_spinner=False)
def _forms(url: str, v: int) -> list[tuple[str, str, bytes]]:
    settings = cache.settings()
    return [(kind, form_file_name(kind), form_xlsx_bytes(build_form(kind, settings))) for kind in ("kejadian", "laporan")]


def render_forms(lang: str = DEFAULT_LANG) -> None:
    """Draw the two form downloads and the short publishing note."""
    st.caption(t("fr_forms_caption", lang))
    columns = st.columns(2)
    for column, (kind, name, data) in zip(columns, _forms(*cache.key())):
        column.download_button(t(f"fr_form_{kind}", lang), data, file_name=name, key=f"formulir_{kind}",
                               mime=XLSX_MIME, on_click="ignore", icon=":material/smartphone:")
    st.markdown(t("fr_publish_howto", lang))
