"""User text shown through Markdown elements reads exactly as typed (no links, images, HTML or formatting)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui.safe_text import plain, plain_block

HOSTILE = [
    "![x](http://10.9.9.9/pixel.png)",
    "[Sesi habis, klik untuk masuk ulang](http://10.9.9.9/login)",
    "<img src=http://10.9.9.9/a.png onerror=alert(1)> <b>tebal</b> &amp;",
    "**tebal** _miring_ `kode` ~~coret~~ $x^2$ :red[merah] :material/home: http://10.9.9.9 www.contoh.id",
    "# Judul\n- butir\n1. nomor\n    kode\n> kutipan",
]


def render(text: str, block: bool = False) -> AppTest:
    """Return an AppTest that showed text through st.markdown, st.caption, st.error and a widget label."""
    def script(value: str, multi: bool) -> None:
        import streamlit as st

        from ui.safe_text import plain, plain_block

        shown = plain_block(value) if multi else plain(value)
        st.markdown(shown)
        st.caption(shown)
        st.error(shown)
        st.checkbox(plain(value))

    return AppTest.from_function(script, args=(text, block)).run()


@pytest.mark.parametrize("text", HOSTILE)
def test_streamlit_elements_receive_the_escaped_text(text):
    """st.markdown, st.caption, st.error and a checkbox label are given the escaped text, never the raw one."""
    at = render(text)
    assert not at.exception
    assert at.markdown[0].value == plain(text)
    assert at.caption[0].value == plain(text)
    assert at.error[0].value == plain(text)
    assert at.checkbox[0].label == plain(text)


def test_multiline_text_keeps_its_lines():
    """A multi-line uraian keeps one line per line, each line's markers escaped (no list, heading or code block)."""
    assert plain_block("# satu\n- dua\n    3. tiga") == "\\# satu  \n\\- dua  \n3\\. tiga"


@pytest.mark.parametrize("value, expected", [(None, ""), (12, "12"), ("data_kejadian.xlsx", "data_kejadian.xlsx"), ("_a_", "\\_a\\_"), ("  dua  spasi ", "dua spasi")])
def test_plain_handles_any_value(value, expected):
    """None, numbers and padded text come out as the text a person expects."""
    assert plain(value) == expected
