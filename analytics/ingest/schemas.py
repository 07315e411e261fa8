"""Declared schemas of the clean tables as they enter the store (pandera), and their column names."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series


class IncidentRecord(pa.DataFrameModel):
    """A kejadian ready to store: resolved codes, canonical kategori, checked counts."""

    tanggal: Series[pa.DateTime]
    kode_kecamatan: Series[str] = pa.Field(str_matches=r"^65\.02\.\d{2}$")
    kode_desa: Series[str] = pa.Field(nullable=True, str_matches=r"^65\.02\.\d{2}\.\d{4}$")
    jenis: Series[str] = pa.Field(nullable=True)
    kategori: Series[str]
    uraian: Series[str] = pa.Field(nullable=True)
    pihak: Series[str] = pa.Field(nullable=True)
    korban_meninggal: Series[int] = pa.Field(ge=0)
    korban_luka: Series[int] = pa.Field(ge=0)
    tindak_lanjut: Series[str] = pa.Field(nullable=True)
    sumber: Series[str] = pa.Field(nullable=True)
    lat: Series[float] = pa.Field(nullable=True, ge=-90, le=90)
    lon: Series[float] = pa.Field(nullable=True, ge=-180, le=180)

    class Config:
        strict = "filter"
        coerce = True


class ReportRecord(pa.DataFrameModel):
    """One indicator value of a laporan berkala, long form, ready to store."""

    periode_mulai: Series[pa.DateTime]
    periode_akhir: Series[pa.DateTime]
    level: Series[str] = pa.Field(isin=["desa", "kecamatan"])
    kode_kecamatan: Series[str] = pa.Field(str_matches=r"^65\.02\.\d{2}$")
    kode_desa: Series[str] = pa.Field(nullable=True)
    indikator: Series[str]
    nilai: Series[float] = pa.Field(ge=0)
    catatan: Series[str] = pa.Field(nullable=True)
    sumber: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = "filter"
        coerce = True


INCIDENT_COLUMNS = list(IncidentRecord.to_schema().columns)
REPORT_COLUMNS = list(ReportRecord.to_schema().columns)
