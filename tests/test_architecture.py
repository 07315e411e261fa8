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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


PACKAGE_MODULES = {_module_name(p): p for p in ANALYTICS if "migrations" not in p.parts}


def _import_graph() -> dict[str, set[str]]:
    """Return module → analytics modules it imports, counting imports inside functions."""
    graph: dict[str, set[str]] = {}
    for name, path in PACKAGE_MODULES.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    stem = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*stem, base] if base else stem)
                candidates = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for candidate in candidates:
                while candidate and candidate not in PACKAGE_MODULES:
                    candidate = candidate.rpartition(".")[0]
                # A module importing its own package's __init__ (or a parent package) is no cycle.
                if candidate and candidate != name and not name.startswith(candidate + "."):
                    targets.add(candidate)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one representative path per strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_analytics_has_no_import_cycles():
    """Imports flow one way between analytics modules, even imports written inside functions."""
    assert _cycles(_import_graph()) == []


def test_cycle_finder_sees_a_cycle():
    """The cycle check itself fails when two modules import each other."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


@pytest.mark.parametrize(
    "path",
    [p for p in ANALYTICS + UI_FILES + sorted((ROOT / "ui").rglob("*.py")) if "migrations" not in p.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_modules_stay_small(path):
    """No module grows past 400 lines, so each can be read in one sitting."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_analytics_top_level_is_a_few_modules():
    """analytics/ keeps its domain code in subpackages; at most 12 modules stay at the top."""
    top = [p.name for p in (ROOT / "analytics").glob("*.py")]
    assert len(top) <= 12, top
