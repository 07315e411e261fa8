"""Labels the pages build from keys: translated column titles, mapping fields and settings groups.

Their texts are in the catalogue (`hdr:<title>`, `field:<name>`, `group:<name>` keys). Messages that
describe a file (validation problems, IngestError texts) are not translated: they stay Indonesian on purpose.
"""

from __future__ import annotations

import pandas as pd

from analytics.i18n.catalog import DEFAULT_LANG, has_text, t


def translate_headers(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Return the frame with its column titles in lang (titles without a registered key stay as they are)."""
    return frame.rename(columns=lambda c: t(f"hdr:{c}", lang) if has_text(f"hdr:{c}") else c)


def field_label(field: str, lang: str = DEFAULT_LANG) -> str:
    """Return the label of a mapping field (tanggal, desa, …) in lang, or the field name when unknown."""
    key = f"field:{field}"
    return t(key, lang) if has_text(key) else field


def group_label(group: str, lang: str = DEFAULT_LANG) -> str:
    """Return the tab name of a settings group in lang (every group has a `group:` key; an unknown one: itself)."""
    key = f"group:{group}"
    return t(key, lang) if has_text(key) else group
