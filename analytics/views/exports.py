"""Stored kejadian → a CSV or Excel file for other offices, safe to open in Excel.

Text cells that Excel would run as a formula (starting with = + - @, a tab or a carriage return)
get a leading apostrophe, the usual neutralisation; numbers stay numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analytics.places.gazetteer import load_gazetteer
from analytics.store.queries import read_incidents

EXPORT_COLUMNS = [
    "tanggal", "kode_kecamatan", "kecamatan", "kode_desa", "desa", "kategori", "jenis", "korban_meninggal",
    "korban_luka", "uraian", "pihak", "tindak_lanjut", "sumber", "lat", "lon", "data_demo",
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Return text that Excel would read as a formula with a leading apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def build_export(engine: sa.Engine) -> pd.DataFrame:
    """Return every active kejadian with place names, ISO dates and neutralised text (EXPORT_COLUMNS)."""
    frame = read_incidents(engine)
    g = load_gazetteer()
    kec_names = dict(zip(g.kecamatan["kode"], g.kecamatan["nama"]))
    desa_names = dict(zip(g.desa["kode"], g.desa["nama"]))
    out = pd.DataFrame({
        "tanggal": frame["tanggal"].dt.strftime("%Y-%m-%d"),
        "kode_kecamatan": frame["kode_kecamatan"],
        "kecamatan": frame["kode_kecamatan"].map(kec_names),
        "kode_desa": frame["kode_desa"],
        "desa": frame["kode_desa"].map(desa_names),
        "data_demo": frame["is_demo"].map({True: "ya", False: "tidak"}),
    })
    for name in ("kategori", "jenis", "korban_meninggal", "korban_luka", "uraian", "pihak", "tindak_lanjut",
                 "sumber", "lat", "lon"):
        out[name] = frame[name]
    out = out[EXPORT_COLUMNS]
    for name in ("jenis", "uraian", "pihak", "tindak_lanjut", "sumber"):
        out[name] = out[name].astype(object).map(neutralise_cell)
    return out


def write_export(frame: pd.DataFrame, path: Path, fmt: str) -> Path:
    """Write the export as CSV (UTF-8 with BOM, so Excel reads the accents) or XLSX; return the path."""
    path = Path(path)
    if fmt == "csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        # Belt and braces: xlsxwriter must not turn any string into a formula or a link either.
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        with pd.ExcelWriter(path, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
            frame.to_excel(writer, sheet_name="Kejadian", index=False)
            writer.sheets["Kejadian"].freeze_panes(1, 0)
    else:
        raise ValueError(f"Format ekspor tidak dikenal: {fmt} (pilih csv atau xlsx)")
    return path
