"""The one text normaliser: names, categories and the duplicate hash all fold text the same way.

Stored rows are recognised as duplicates by a hash of their folded text (analytics.store.writes), so a
change here changes which uploads count as new: tests/test_text.py pins the output on tricky inputs.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

_NON_WORD = re.compile(r"[^0-9a-z]+")


def ascii_lower(text: object) -> str:
    """Return text without accents (NFKD, non-ASCII dropped) and lower-cased; '' for None and NaN."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    value = str(text)
    if not value.isascii():  # NFKD leaves pure ASCII unchanged, so only other text pays for it
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return value.lower()


def fold_text(text: object) -> str:
    """Return text lower-cased, without accents, with every run of non-alphanumerics as one space, trimmed."""
    return _NON_WORD.sub(" ", ascii_lower(text)).strip()


def _fold_ascii(values: np.ndarray) -> np.ndarray:
    """Return fold_text of pure-ASCII strings, in Arrow's C++ kernels when pyarrow is there."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return np.array([fold_text(v) for v in values], dtype=object)
    # on ASCII text these are exactly str.lower, _NON_WORD.sub(" ", …) and strip (only spaces are left to strip)
    folded = pc.utf8_trim(pc.replace_substring_regex(pc.ascii_lower(pa.array(values, type=pa.string())),
                                                     _NON_WORD.pattern, " "), " ")
    return folded.to_numpy(zero_copy_only=False).astype(object)


def fold_texts(values: pd.Series | np.ndarray) -> np.ndarray:
    """Return fold_text of every value (None/NaN → ''), computed once per distinct value."""
    cells = pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(cells.where(cells.notna(), "").astype(str))
    if not len(codes):
        return np.array([], dtype=object)
    uniques = np.asarray(uniques, dtype=object)
    folded = np.empty(len(uniques), dtype=object)
    ascii_mask = np.fromiter((u.isascii() for u in uniques), dtype=bool, count=len(uniques))
    if ascii_mask.any():
        folded[ascii_mask] = _fold_ascii(uniques[ascii_mask])
    folded[~ascii_mask] = [fold_text(u) for u in uniques[~ascii_mask]]
    return folded[codes]
