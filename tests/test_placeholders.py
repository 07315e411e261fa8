"""Every select box shows an Indonesian placeholder (a t() key), never Streamlit's "Choose an option"."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"])


def _selects(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("selectbox", "multiselect"):
            yield node


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_select_has_a_translated_placeholder(path):
    """selectbox/multiselect calls pass placeholder=t(...), so an empty box reads Indonesian (or English)."""
    missing = [node.lineno for node in _selects(path)
               if not any(k.arg == "placeholder" and isinstance(k.value, ast.Call) for k in node.keywords)]
    assert missing == [], f"{path.name}: lines {missing}"
