"""The one way user text reaches Streamlit's Markdown: every character that could become markup escaped.

st.markdown, st.caption, st.info/success/warning/error, widget labels and help texts all render
Markdown (and Streamlit's :icon:/:color[] directives and $LaTeX$). A file name, an uploaded header,
a case's uraian or an account name can hold `![x](http://host/…)` — an outside request from the
meeting room — or a convincing link. CommonMark shows any backslash-escaped punctuation literally;
we escape exactly what can start markup, so ordinary messages ("minimal: 10 karakter.") read the same.
"""

from __future__ import annotations

import re

# Links, images, directives, HTML, code, emphasis, strikethrough, LaTeX, and the escape itself.
_ALWAYS = re.compile(r"([\\`*\[\]<>~$])")
# Emphasis with _ needs a word boundary on one side; snake_case file names stay as they are.
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # &amp; &#60; would become characters
# GFM turns bare URLs and e-mail addresses into links *after* escapes are resolved, so a backslash
# cannot stop it: an invisible zero-width space breaks the pattern and the text still reads the same.
ZERO_WIDTH_SPACE = "\u200b"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|file|www)(:|\.)")
_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")  # :material/home: icons, :smile: emoji
_EMAIL = re.compile(r"(?<=\w)@(?=\w)")
_LINE_START = re.compile(r"^([#>+\-=|]|\d+(?=[.)]))")  # headings, quotes, list items, tables


def _escape_line(line: str) -> str:
    line = _ALWAYS.sub(r"\\\1", line)
    line = _UNDERSCORE.sub(r"\\_", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _AUTOLINK.sub(lambda m: f"{m.group(1)}{ZERO_WIDTH_SPACE}{m.group(2)}", line)
    line = _SHORTCODE.sub(r"\\:", line)
    line = _EMAIL.sub("@" + ZERO_WIDTH_SPACE, line)
    number = re.match(r"^(\d+)([.)])", line)
    if number:
        return f"{number.group(1)}\\{line[len(number.group(1)):]}"
    return _LINE_START.sub(r"\\\1", line)


def plain(text: object) -> str:
    """Return text (any value; None → '') escaped so Markdown shows it exactly as written, on one line."""
    if text is None:
        return ""
    # Newlines and indents would start lists, headings or code blocks: one line, single spaces.
    return _escape_line(" ".join(str(text).split()))


def plain_block(text: object) -> str:
    """Return multi-line user text escaped like plain(), each line kept as its own line."""
    if text is None:
        return ""
    lines = [plain(line) for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "  \n".join(lines)  # two spaces: a hard line break, not a new paragraph or list
