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


class ForeignerRecord(pa.DataFrameModel):
    """One row of the orang asing register ready to store (analytics.asing.register)."""

    periode_mulai: Series[pa.Date]
    periode_akhir: Series[pa.Date]
    kode_kecamatan: Series[str] = pa.Field(str_matches=r"^65\.02\.\d{2}$")
    kode_desa: Series[str] = pa.Field(nullable=True, str_matches=r"^65\.02\.\d{2}\.\d{4}$")
    jenis: Series[str] = pa.Field(isin=["wisata", "tka", "lembaga_asing", "pelintas_batas"])
    dokumen: Series[str] = pa.Field(isin=["lengkap", "tidak_lengkap", "tanpa_dokumen"])
    jumlah: Series[int] = pa.Field(ge=1)
    nama: Series[str] = pa.Field(nullable=True, str_length={"max_value": 32_767})
    kebangsaan: Series[str] = pa.Field(nullable=True, str_length={"max_value": 32_767})
    paspor: Series[str] = pa.Field(nullable=True, str_length={"max_value": 32_767})
    sponsor: Series[str] = pa.Field(nullable=True, str_length={"max_value": 32_767})
    catatan: Series[str] = pa.Field(nullable=True, str_length={"max_value": 32_767})
    source_row: Series[int] = pa.Field(ge=1)

    class Config:
        coerce = False  # parse_foreigners already made each value; the schema only checks them


INCIDENT_COLUMNS = list(IncidentRecord.to_schema().columns)
REPORT_COLUMNS = list(ReportRecord.to_schema().columns)
