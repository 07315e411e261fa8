"""Recognise and read a KoboToolbox / ODK export of the project's own forms (analytics/fieldreports/form.py).

Kobo exports look the same whatever the options chosen at download, up to four choices:
- XLSX or CSV (`;` or `,`);
- XML values (choice names such as `k650201`, `babinsa`) or labels (in any of the form's languages);
- headers as XML names or labels, with the group path joined by `/` or `-`, or without groups;
- meta columns: start, end, _id, _uuid, _submission_time, _submitted_by, _validation_status, _status,
  _notes, _tags, _index, __version__, and a geopoint's _x_latitude / _x_longitude / _x_altitude / _x_precision.
A file is a Kobo export when its first row holds `_uuid` (or `_submission_time` with `_id`) and its
other headers name the questions of one of our forms. It is then turned into the same RawTable the
spreadsheet loaders return (so the same validator checks every row) plus one row of submission
facts per data row (uuid, time, account, reporter role, the kategori chosen on the phone).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import pandas as pd

from analytics.fieldreports.form import FormDefinition, build_form
from analytics.ingest.filecheck import FileLimits, check_file, refuse
from analytics.ingest.model import RawTable, TableKind
from analytics.settings import Settings

MARKERS = ("_uuid", "_submission_time")
GEO_PARTS = ("latitude", "longitude", "altitude", "precision")
SEPARATORS = ("/", "-", ":", ".")  # Kobo lets the exporter choose; "/" and "-" are the usual
META_FIELDS = {"_uuid": "uuid", "_submission_time": "submitted_at", "_submitted_by": "submitted_by",
               "_id": "kobo_id", "_validation_status": "validation_status"}
SNIFF_BYTES = 262_144  # the header row is among the first strings of a workbook


@dataclass
class KoboRawTable(RawTable):
    """A RawTable read from a Kobo export, with the submission facts of each row (same order as frame)."""

    submissions: pd.DataFrame = field(default_factory=pd.DataFrame)  # uuid, submitted_at, submitted_by, …
    form_kind: str = "kejadian"


def _norm(text: object) -> str:
    """Return a header or value as compared: stripped, case-folded, inner spaces collapsed."""
    return " ".join(str(text).strip().casefold().split()) if text is not None else ""


def looks_like_kobo(data: bytes, file_name: str) -> bool:
    """Return True when the first bytes (CSV) or first strings (XLSX) hold a Kobo meta column name."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                names = [n for n in book.namelist() if n in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")]
                for name in names:
                    with book.open(name) as part:
                        head = part.read(SNIFF_BYTES)
                    if any(m.encode() in head for m in MARKERS):
                        return True
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        return False
    first = data[:SNIFF_BYTES].split(b"\n", 1)[0]
    return any(m.encode() in first for m in MARKERS)


def read_cells(data: bytes, file_name: str,
               limits: FileLimits) -> tuple[pd.DataFrame, str | None, list[str], str | None, str | None]:
    """Return (cells, sheet, sheets, encoding, delimiter) of the export's first sheet or CSV, "" for empty."""
    from analytics.ingest.csv_reader import decode_text
    from analytics.ingest.excel_reader import open_workbook, read_sheet

    nrows = limits.max_rows + 10  # the row limit is checked on the data rows; reading stops just past it
    if data[:2] == b"PK":
        book = open_workbook(data, file_name)
        sheets = [str(s) for s in book.sheet_names]
        # Kobo puts the submissions on the first sheet; repeat groups (none in our forms) follow
        return read_sheet(book, sheets[0], file_name, nrows=nrows), sheets[0], sheets, None, None
    text, encoding = decode_text(data)
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        cells = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=object, keep_default_na=False,
                            na_filter=False, quoting=csv.QUOTE_MINIMAL, skip_blank_lines=False, engine="python",
                            nrows=nrows, on_bad_lines="error")
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise refuse(file_name, f"Berkas '{file_name}' (ekspor KoboToolbox) tidak dapat dibaca sebagai CSV ({exc}). "
                                "Unduh ulang ekspornya lalu unggah lagi.") from None
    return cells, None, [], encoding, delimiter


def header_lookup(form: FormDefinition) -> dict[str, tuple[str, str]]:
    """Return normalised header → (question name, part): part is 'value' or a geopoint part."""
    lookup: dict[str, tuple[str, str]] = {}
    for q in form.questions:
        q_names = {q.name, q.label_id, q.label_en} - {""}
        g_names = {q.group, *form.groups.get(q.group, ())} - {None, ""} if q.group else set()
        full = set(q_names)
        for g in g_names:
            full |= {f"{g}{sep}{n}" for n in q_names for sep in SEPARATORS}
        for name in full:
            lookup.setdefault(_norm(name), (q.name, "value"))
            if q.type == "geopoint":
                for part in GEO_PARTS:
                    for prefix in ("_", ""):
                        lookup.setdefault(_norm(f"{prefix}{name}_{part}"), (q.name, part))
    return lookup


def choice_lookup(form: FormDefinition, list_name: str) -> dict[str, str]:
    """Return normalised choice name or label (any language) → choice name."""
    out: dict[str, str] = {}
    for row in form.choices.get(list_name, []):
        for key, value in row.items():
            if key == "name" or key.startswith("label::"):
                out.setdefault(_norm(value), row["name"])
    return out


def map_headers(titles: list[str], form: FormDefinition) -> dict[str, int]:
    """Return question name (or 'name:part' for geopoint parts, or a meta name) → column index."""
    lookup = header_lookup(form)
    found: dict[str, int] = {}
    for j, title in enumerate(titles):
        norm = _norm(title)
        if norm in META_FIELDS:
            found.setdefault(norm, j)
        elif norm in lookup:
            name, part = lookup[norm]
            found.setdefault(name if part == "value" else f"{name}:{part}", j)
    return found


def pick_form(titles: list[str], settings: Settings) -> tuple[FormDefinition, dict[str, int]] | None:
    """Return the form whose questions the headers name (kejadian or laporan) and the column of each."""
    best = None
    for kind, required in (("kejadian", ("tanggal", "kecamatan", "kategori")),
                           ("laporan", ("periode_mulai", "periode_akhir", "kecamatan"))):
        form = build_form(kind, settings)
        found = map_headers(titles, form)
        if all(r in found for r in required):
            score = sum(1 for q in form.questions if q.name in found)
            if best is None or score > best[2]:
                best = (form, found, score)
    return (best[0], best[1]) if best else None


def read_kobo_export(data: bytes, file_name: str, settings: Settings,
                     limits: FileLimits | None = None) -> KoboRawTable | None:
    """Return the export as a KoboRawTable, or None when the file is not an export of one of our forms."""
    limits = limits or FileLimits.from_settings(settings)
    check_file(data, file_name, limits)  # the same refusals as any upload: empty, too large, zip bomb
    if not looks_like_kobo(data, file_name):
        return None
    cells, sheet, sheets, encoding, delimiter = read_cells(data, file_name, limits)
    header_index = next((i for i in range(min(5, len(cells)))
                         if {_norm(c) for c in cells.iloc[i]} & set(MARKERS)), None)
    if header_index is None:
        return None
    titles = ["" if c is None else str(c).strip() for c in cells.iloc[header_index]]
    picked = pick_form(titles, settings)
    if picked is None:
        return None  # someone else's Kobo form: the ordinary reader maps what it can
    form, columns = picked
    body = cells.iloc[header_index + 1:]
    body = body[(body.astype(str).apply(lambda col: col.str.strip()) != "").any(axis=1)]
    if body.empty:
        raise refuse(file_name, f"Berkas '{file_name}' adalah ekspor KoboToolbox tanpa kiriman (hanya baris judul). "
                                "Unduh ulang setelah ada kiriman dari HP.")
    if len(body) > limits.max_rows:
        raise refuse(file_name, f"Berkas '{file_name}' berisi lebih dari {limits.max_rows:,} kiriman, melebihi batas "
                                "upload_max_rows. Unduh ekspor per rentang tanggal lalu unggah satu per satu.")
    row_numbers = (body.index.to_numpy() + 1).tolist()  # cells row 0 is the user's row 1
    get = {name: body[j].to_numpy(dtype=object) for name, j in columns.items()}
    frame, written = (_kejadian_frame if form.kind == "kejadian" else _laporan_frame)(form, get, titles, columns)
    submissions = _submission_frame(form, get, len(body))
    notes = [f"Dikenali sebagai ekspor KoboToolbox/ODK formulir '{form.title}' ({len(body)} kiriman)."]
    if encoding:
        notes.append(f"Berkas CSV dibaca dengan pengodean {encoding} dan pemisah '{delimiter}'.")
    unmapped = [t for j, t in enumerate(titles) if t and j not in columns.values()]
    kind = TableKind.KEJADIAN if form.kind == "kejadian" else TableKind.LAPORAN
    indicator_columns = {}
    if form.kind == "laporan":
        indicators = (settings.indicators or {})
        indicator_columns = {code: titles[columns[code]] for code in indicators if code in columns}
    return KoboRawTable(
        frame=frame.reset_index(drop=True).astype(object), file_name=file_name, sheet=sheet, sheets=sheets,
        header_row=header_index + 1, row_numbers=row_numbers, columns=written, unmapped=unmapped, kind=kind,
        indicator_columns=indicator_columns, encoding=encoding, delimiter=delimiter, notes=notes,
        submissions=submissions, form_kind=form.kind,
    )


def _choice_values(form: FormDefinition, list_name: str, values: np.ndarray, to: str = "name") -> list:
    """Return each value as its choice name (to='name') or Indonesian label (to='label'); unknown kept as written."""
    lookup = choice_lookup(form, list_name)
    labels = {row["name"]: row.get("label::Indonesia (id)", row["name"]) for row in form.choices.get(list_name, [])}
    out = []
    for value in values:
        name = lookup.get(_norm(value))
        out.append(value if name is None else (labels[name] if to == "label" else name))
    return out


def _column(get: dict, name: str, n: int) -> np.ndarray:
    return get[name] if name in get else np.full(n, "", dtype=object)


def _geopoint(get: dict, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Return lat and lon from the _x_latitude/_x_longitude columns, else from the 'lat lon alt acc' text."""
    lat, lon = _column(get, "lokasi:latitude", n), _column(get, "lokasi:longitude", n)
    text = _column(get, "lokasi", n)
    lat, lon = lat.copy(), lon.copy()
    for i, value in enumerate(text):
        parts = str(value).split()
        if len(parts) >= 2 and str(lat[i]).strip() == "":
            lat[i], lon[i] = parts[0], parts[1]
    return lat, lon


def _kejadian_frame(form, get, titles, columns) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return the kejadian fields the validator reads, and the header as written for each."""
    n = len(next(iter(get.values())))
    lat, lon = _geopoint(get, n)
    role = _choice_values(form, "peran", _column(get, "peran_pelapor", n), to="label")
    frame = pd.DataFrame({
        "tanggal": _column(get, "tanggal", n),
        "kecamatan": _choice_values(form, "kecamatan", _column(get, "kecamatan", n), to="label"),
        "desa": _choice_values(form, "desa", _column(get, "desa", n), to="label"),
        "jenis": _column(get, "jenis", n), "uraian": _column(get, "uraian", n), "pihak": _column(get, "pihak", n),
        "korban_meninggal": _column(get, "korban_meninggal", n), "korban_luka": _column(get, "korban_luka", n),
        "tindak_lanjut": _column(get, "tindak_lanjut", n),
        "sumber": [f"Laporan lapangan (KoboToolbox): {r}" if str(r).strip() else "Laporan lapangan (KoboToolbox)"
                   for r in role],
        "lat": lat, "lon": lon,
    }, dtype=object)
    written = {name: titles[columns[name]] for name in frame.columns if name in columns}
    if "lokasi:latitude" in columns and "lokasi:longitude" in columns:
        written["lat"], written["lon"] = titles[columns["lokasi:latitude"]], titles[columns["lokasi:longitude"]]
    elif "lokasi" in columns:
        written["lat"] = written["lon"] = titles[columns["lokasi"]]
    return frame, written


def _laporan_frame(form, get, titles, columns) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return the laporan berkala fields (wide: one column per indicator code) and their headers as written."""
    n = len(next(iter(get.values())))
    level = _choice_values(form, "tingkat", _column(get, "tingkat", n))
    desa = _choice_values(form, "desa", _column(get, "desa", n), to="label")
    desa = ["" if lv == "kecamatan" else d for lv, d in zip(level, desa)]  # a kecamatan report names no desa
    data = {
        "periode_mulai": _column(get, "periode_mulai", n), "periode_akhir": _column(get, "periode_akhir", n),
        "kecamatan": _choice_values(form, "kecamatan", _column(get, "kecamatan", n), to="label"), "desa": desa,
        "catatan": _column(get, "catatan", n),
        "sumber": ["Laporan berkala (KoboToolbox)"] * n,
    }
    indicator_names = [q.name for q in form.questions if q.type == "integer"]
    for code in indicator_names:
        if code in get:
            data[code] = get[code]
    frame = pd.DataFrame(data, dtype=object)
    written = {name: titles[columns[name]] for name in data if name in columns and name not in indicator_names}
    return frame, written


def _submission_frame(form: FormDefinition, get: dict, n: int) -> pd.DataFrame:
    """Return per row: submission_uuid, submitted_at (UTC), submitted_by, reporter_role, kategori (code or None)."""
    uuid = [re.sub(r"^uuid:", "", str(v).strip()) for v in _column(get, "_uuid", n)]
    when = pd.to_datetime(pd.Series(_column(get, "_submission_time", n), dtype=object).replace("", None),
                          errors="coerce", utc=True, format="mixed")
    by = [str(v).strip() or None for v in _column(get, "_submitted_by", n)]
    role = [(str(v).strip() or None) for v in _choice_values(form, "peran", _column(get, "peran_pelapor", n))]
    out = pd.DataFrame({"submission_uuid": [u or None for u in uuid], "submitted_at": when.to_numpy(),
                        "submitted_by": by, "reporter_role": role})
    if form.kind == "kejadian":
        codes = choice_lookup(form, "kategori")
        out["kategori"] = [codes.get(_norm(v)) for v in _column(get, "kategori", n)]
        out["kategori_written"] = [str(v) for v in _column(get, "kategori", n)]
    return out
