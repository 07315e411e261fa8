"""Waspada Malinau analytics: loading, validating, storing, scoring and drawing. No Streamlit here."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
