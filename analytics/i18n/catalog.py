"""Every user-facing string of the dashboard, in Bahasa Indonesia (default, complete) and English.

The texts live in data files, one folder per language and one JSON file per screen area:
`analytics/i18n/messages/<lang>/<area>.json` (key → text). They are read once, explicitly, by
`load_catalog`; a key defined in two files of one language is an error, so no area can silently
override another. `t(key, lang, **values)` formats one string; a key missing in English falls back to
Indonesian, and a key missing everywhere shows itself (a typo is visible on screen, never a crash).
"""

from __future__ import annotations

import json
from pathlib import Path

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANG = "id"
MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


def load_catalog(directory: Path = MESSAGES_DIR) -> dict[str, dict[str, str]]:
    """Return lang → key → text from every `<lang>/*.json` under directory; raise ValueError on a key defined twice."""
    catalog: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        table: dict[str, str] = {}
        origin: dict[str, str] = {}
        for path in sorted((directory / lang).glob("*.json")):
            for key, text in json.loads(path.read_text(encoding="utf-8")).items():
                if key in table:
                    raise ValueError(f"{lang}: key {key!r} is in both {origin[key]} and {path.name}")
                table[key], origin[key] = text, path.name
        catalog[lang] = table
    return catalog


CATALOG = load_catalog()


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Return the string for key in lang (falling back to Indonesian, then the key), formatted with values."""
    text = CATALOG.get(lang, {}).get(key) or CATALOG[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    """Return whether key has a text (in Indonesian, the complete language)."""
    return key in CATALOG[DEFAULT_LANG]
