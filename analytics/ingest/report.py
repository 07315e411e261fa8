"""What the Unggah Data page shows about one file: problems as a table the analyst can download,
the column mapping choices, and the upload history in words. Pure pandas; no Streamlit.
"""

from __future__ import annotations

import io

import pandas as pd

from analytics.errors import Problem
from analytics.ingest.headers import ACLED_FIELDS, KEJADIAN_FIELDS, LAPORAN_FIELDS
from analytics.views.exports import neutralise_cell
from analytics.views.plain_words import wita_words

# Problem fields → the column titles the analyst sees (and finds again in the downloaded file).
PROBLEM_COLUMNS = {
    "sheet": "Lembar",
    "row": "Baris",
    "column": "Kolom",
    "value": "Nilai",
    "message": "Pesan",
    "severity": "Tingkat",
}
SEVERITY_LABELS = {"error": "kesalahan", "warning": "peringatan"}
NO_COLUMN = "— (tidak ada)"

FIELD_LABELS = {
    "tanggal": "Tanggal", "kecamatan": "Kecamatan", "desa": "Desa", "jenis": "Jenis kejadian",
    "uraian": "Uraian", "pihak": "Pihak terlibat", "korban_meninggal": "Korban meninggal",
    "korban_luka": "Korban luka", "tindak_lanjut": "Tindak lanjut", "sumber": "Sumber", "keterangan": "Keterangan",
    "lat": "Lintang", "lon": "Bujur", "periode": "Periode", "periode_mulai": "Periode mulai",
    "periode_akhir": "Periode akhir", "indikator": "Indikator", "nilai": "Nilai", "catatan": "Catatan",
    "kabupaten": "Kabupaten", "acled_id": "ID ACLED",
}
FIELDS_BY_KIND = {"kejadian": KEJADIAN_FIELDS, "laporan": LAPORAN_FIELDS, "acled": ACLED_FIELDS}


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Return the problems as a table (Lembar, Baris, Kolom, Nilai, Pesan, Tingkat), in file order."""
    rows = [p.as_dict() for p in problems]
    frame = pd.DataFrame(rows, columns=["file", *PROBLEM_COLUMNS])
    frame = frame.drop(columns="file")
    frame["severity"] = frame["severity"].map(lambda s: SEVERITY_LABELS.get(s, s))
    # Row numbers stay whole numbers even when some problems concern the whole file (no row).
    frame["row"] = frame["row"].astype("Int64")
    frame["value"] = frame["value"].astype(object).map(lambda v: None if v is None else str(v))
    return frame.rename(columns=PROBLEM_COLUMNS)


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in out.columns:
        if not pd.api.types.is_numeric_dtype(out[name]):
            out[name] = out[name].map(neutralise_cell)
    return out


def problems_csv(frame: pd.DataFrame) -> bytes:
    """Return the problems table as CSV bytes (UTF-8 with BOM for Excel; formulas neutralised)."""
    return _neutralised(frame).to_csv(index=False).encode("utf-8-sig")


def problems_xlsx(frame: pd.DataFrame) -> bytes:
    """Return the problems table as an Excel workbook (formulas and links never created)."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        _neutralised(frame).to_excel(writer, sheet_name="Masalah", index=False)
        sheet = writer.sheets["Masalah"]
        sheet.freeze_panes(1, 0)
        sheet.set_column(4, 4, 80)  # the message column: wide enough to read without resizing
    return buffer.getvalue()


def mapping_fields(kind: str) -> list[str]:
    """Return the canonical fields an analyst can map for a table kind (kejadian, laporan, acled)."""
    return list(FIELDS_BY_KIND.get(kind, KEJADIAN_FIELDS))


def header_choices(columns: dict[str, str], unmapped: list[str]) -> list[str]:
    """Return every header found in the file (mapped ones first, in file order as given), no repeats."""
    seen: list[str] = []
    for header in [*columns.values(), *unmapped]:
        if header and header not in seen:
            seen.append(header)
    return seen


def corrections(detected: dict[str, str], chosen: dict[str, str]) -> dict[str, str]:
    """Return only the analyst's changes {field: header} (fields left at '— (tidak ada)' or unchanged drop out)."""
    return {field: header for field, header in chosen.items()
            if header and header != NO_COLUMN and detected.get(field) != header}


DATE_FIELDS = ("tanggal", "periode", "periode_mulai", "periode_akhir")


def shown_cell(value: object, is_date: bool = False) -> str:
    """Return a cell as the preview shows it: dates as read (dd/mm/yyyy), whole numbers without .0, empty as ""."""
    import datetime as dt

    from analytics.ingest.dates import parse_date_value

    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if is_date:
        read = parse_date_value(value)
        if read is not None:
            return f"{read:%d/%m/%Y}"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}" if value.time() == dt.time() else f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def preview_frame(frame: pd.DataFrame, row_numbers: list[int], columns: dict[str, str], rows: int = 10) -> pd.DataFrame:
    """Return the first rows as interpreted, all as text: the file's own headers and the Excel row number first."""
    head = frame.head(rows)
    # one cell "lat, lon" feeds two fields under one header: suffix the field so every title is unique
    titles = [columns.get(c, c) for c in head.columns]
    titles = [f"{t} ({c})" if titles.count(t) > 1 else t for t, c in zip(titles, head.columns)]
    # every cell as text: a column mixing numbers and words would otherwise fail Arrow's conversion in the browser
    shown = pd.DataFrame([[shown_cell(v, name in DATE_FIELDS) for v in head[name].to_numpy(dtype=object)]
                          for name in head.columns], index=titles, dtype=object).T.set_axis(head.index, axis=0)
    shown.insert(0, "Baris", row_numbers[: len(shown)])
    return shown


def history_frame(uploads: pd.DataFrame) -> pd.DataFrame:
    """Return the upload history as the page shows it: one row per upload with its status in words."""
    if uploads.empty:
        return pd.DataFrame(columns=["#", "Berkas", "Jenis", "Oleh", "Waktu", "Dibaca", "Diterima", "Ditolak",
                                     "Duplikat", "Baris aktif", "Status"])
    status = uploads["deleted_at"].isna().map({True: "aktif", False: "dihapus"})
    status = status.where(~uploads["is_demo"], status + " (contoh)")
    return pd.DataFrame({
        "#": uploads["id"], "Berkas": uploads["file_name"], "Jenis": uploads["kind"],
        "Oleh": uploads["uploaded_by"], "Waktu": wita_words(uploads["uploaded_at"]),
        "Dibaca": uploads["rows_read"], "Diterima": uploads["rows_accepted"], "Ditolak": uploads["rows_rejected"],
        "Duplikat": uploads["duplicates"], "Baris aktif": uploads["active_rows"], "Status": status,
    })


def commit_summary(report) -> str:
    """Return one Indonesian sentence with an IngestReport's counts (new, duplicates, rejected)."""
    return (f"{report.file_name}: {report.inserted} baris baru disimpan, {report.duplicates} duplikat dilewati, "
            f"{report.rows_rejected} baris ditolak (dari {report.rows_read} baris dibaca).")
