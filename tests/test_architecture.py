"""The codebase keeps its shape: analytics/ is UI-free, user text is never rendered as HTML, nothing loads from the internet."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANALYTICS = sorted((ROOT / "analytics").rglob("*.py"))
UI_FILES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", ANALYTICS, ids=lambda p: str(p.relative_to(ROOT)))
def test_analytics_never_imports_streamlit(path):
    """Scoring, loading and figures stay testable without Streamlit."""
    assert "streamlit" not in _imported_modules(path)


@pytest.mark.parametrize("path", [p for p in UI_FILES if p.exists()], ids=lambda p: p.name)
def test_html_is_only_our_own_static_css(path):
    """unsafe_allow_html appears only in the theme module, never next to data."""
    text = path.read_text(encoding="utf-8")
    if path.name != "theme.py":
        assert "unsafe_allow_html" not in text


@pytest.mark.parametrize("path", ANALYTICS + [p for p in UI_FILES if p.exists()], ids=lambda p: p.name)
def test_no_internet_resources_at_run_time(path):
    """No tiles, CDN scripts or fonts: the meeting room may have no internet."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"https?://(?!localhost|127\.0\.0\.1)[\w.-]*(mapbox|carto|cdn|googleapis|unpkg|jsdelivr)", text)
    assert "scatter_geo" not in text and "choropleth_mapbox" not in text and "go.Scattergeo" not in text


def test_test_file_names_are_unique():
    """Test folders have no __init__.py, so two test files with one name would stop the whole suite."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
