"""The one way user text reaches Streamlit's Markdown: every Markdown and HTML character escaped.

st.markdown, st.caption, st.info/success/warning/error, widget labels and help texts all render
Markdown (and Streamlit's :icon:/:color[] directives and $LaTeX$). A file name, an uploaded header,
a case's uraian or an account name can hold `![x](http://host/…)` — an outside request from the
meeting room — or a convincing link. Backslash-escaping every ASCII punctuation character (which
CommonMark allows for all of them) shows such text literally.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def plain(text: object) -> str:
    """Return text (any value; None → '') escaped so Markdown shows it exactly as written, on one line."""
    if text is None:
        return ""
    flat = " ".join(str(text).split())  # newlines and indents would start lists, headings or code blocks
    return _PUNCTUATION.sub(r"\\\1", flat)


def plain_block(text: object) -> str:
    """Return multi-line user text escaped like plain(), each line kept as its own line."""
    if text is None:
        return ""
    lines = [plain(line) for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "  \n".join(lines)  # two spaces: a hard line break, not a new paragraph or list
