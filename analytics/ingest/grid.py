"""Turn a grid of cells (any format) into a RawTable: header, column mapping, data rows, footers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.errors import IngestError, Problem
from analytics.ingest import headers as hd
from analytics.ingest.filecheck import EXPECTED_HEADERS_TEXT, FileLimits, refuse
from analytics.ingest.model import RawTable, TableKind
from analytics.ingest.title_context import fill_from_title

# First cell of a row under the table that starts the footer: place and date, signature block, totals.
FOOTER_PATTERN = re.compile(
    r"^(malinau\s*,|mengetahui|diketahui|nip\b|nip\.|kepala\b|a\.?\s?n\.?\s|plt\.?\s|plh\.?\s|camat\b|sekretaris"
    r"|dibuat oleh|disusun oleh|tembusan|jumlah\b|total\b|ttd|tanda tangan|pembina|penata"
    r"|(sumber|catatan|keterangan|ket|nb)\s*:"  # "Sumber: Polsek …", a note under the table
    r"|[^\W\d_][\w .'-]{2,40},\s*\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}$)",  # "Mentarang, 30 Juni 2024" above a signature
    re.IGNORECASE,
)
FOOTER_SCAN_ROWS = 200
REQUIRED = {TableKind.KEJADIAN: ["tanggal", "kecamatan"], TableKind.LAPORAN: ["kecamatan"],
            TableKind.ACLED: ["tanggal", "kabupaten"]}


@dataclass
class Grid:
    """All cells of one sheet (or CSV) as read, before any header is known; "" for empty cells."""

    cells: pd.DataFrame  # object dtype, integer column labels, row i is the user's row first_row + i
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    first_row: int = 1
    notes: list[str] = field(default_factory=list)


def where(file_name: str, sheet: str | None) -> str:
    """Return "berkas 'x.xlsx' (lembar 'Data')" for messages."""
    return f"berkas '{file_name}'" + (f" (lembar '{sheet}')" if sheet else "")


def no_header_error(file_name: str, sheet: str | None) -> IngestError:
    """Return the error for a file with no recognisable header row (a letter, prose, a picture of a table)."""
    return refuse(
        file_name,
        f"Pada {where(file_name, sheet)} tidak ditemukan baris judul kolom. Yang dicari: {EXPECTED_HEADERS_TEXT}. "
        "Pastikan berkas berisi tabel dengan satu baris judul kolom, atau pilih baris judul secara manual.",
        sheet,
    )


def build_raw_table(grid: Grid, file_name: str, *, header_row: int | None, column_map: dict[str, str] | None,
                    indicators: dict[str, str] | None, limits: FileLimits) -> RawTable:
    """Return the RawTable of a grid: find the header, map columns, keep data rows with their row numbers."""
    from analytics.settings import DEFAULT_INDICATORS

    indicators = DEFAULT_INDICATORS if indicators is None else indicators
    cells, notes = grid.cells, list(grid.notes)
    if header_row is not None:
        index = header_row - grid.first_row
        if not 0 <= index < len(cells):
            raise refuse(file_name, f"Baris judul {header_row} tidak ada pada {where(file_name, grid.sheet)} "
                                    f"(berkas berisi {len(cells)} baris).", grid.sheet)
        score = hd.score_row(cells.iloc[index].tolist(), indicators)
    else:
        index, score = hd.find_header_row(cells, indicators)
        if index is None:
            raise no_header_error(file_name, grid.sheet)
    header_cells = cells.iloc[index].tolist()
    data_start = index + 1
    sub = None
    if data_start < len(cells) and hd.is_sub_header(cells.iloc[data_start].tolist()):
        sub = cells.iloc[data_start].tolist()
        data_start += 1
        notes.append(f"Judul kolom dua baris (baris {index + grid.first_row}–{index + grid.first_row + 1}) digabung.")
    if data_start < len(cells) and hd.is_numbering_row(cells.iloc[data_start].tolist()):
        notes.append(f"Baris nomor kolom (1, 2, 3, …) pada baris {data_start + grid.first_row} diabaikan.")
        data_start += 1
    titles = hd.combine_header_rows(header_cells, sub)
    kind = pick_kind(score, titles)
    mapping, indicator_columns, unmapped = map_columns(titles, header_cells, sub, kind, indicators)
    if column_map:
        apply_column_map(mapping, indicator_columns, unmapped, titles, column_map, file_name, grid.sheet)
    body = cells.iloc[data_start:]
    # a row with only its NO filled in is an unused template line, so NO does not count as data
    used = [j for name, j in mapping.items() if name != "no"] + list(indicator_columns.values())
    keep, footer_note = select_data_rows(body, used, first_row=grid.first_row)
    if footer_note:
        notes.append(footer_note)
    keep = keep.to_numpy()
    if not keep.all():  # copying the whole body is skipped for the usual file with no blank or footer rows
        body = body[keep]
    if body.empty:
        raise refuse(
            file_name,
            f"Pada {where(file_name, grid.sheet)} tidak ada baris data di bawah judul kolom (baris "
            f"{index + grid.first_row}). Isi data mulai baris berikutnya lalu unggah lagi.",
            grid.sheet,
        )
    if len(body) > limits.max_rows:
        raise refuse(file_name, f"{where(file_name, grid.sheet).capitalize()} berisi {len(body):,} baris data, melebihi "
                                f"batas {limits.max_rows:,} baris. Bagi berkas menjadi beberapa bagian.", grid.sheet)
    check_cell_lengths(body, titles, file_name, grid, limits)
    row_numbers = (body.index.to_numpy() + grid.first_row).tolist()
    picked = {name: j for name, j in mapping.items() if name != "no"} | indicator_columns
    # object, not pandas 3's inferred "str": cells keep their own types
    frame = pd.DataFrame({name: body[j].to_numpy(dtype=object) for name, j in picked.items()}, dtype=object)
    columns = {name: titles[j] for name, j in mapping.items() if name != "no"}
    if kind is TableKind.ACLED:
        frame, columns = reshape_acled(frame, columns)
    frame, columns = split_koordinat(frame, columns)
    if kind is TableKind.LAPORAN and "periode" not in columns and "tanggal" in columns:
        frame, columns["periode"] = frame.rename(columns={"tanggal": "periode"}), columns.pop("tanggal")
    notes += fill_from_title(frame, columns, kind, cells.iloc[:index])  # "KECAMATAN MENTARANG" above the table
    missing = [f for f in REQUIRED[kind] if f not in frame.columns]
    if missing:
        notes.append("Kolom wajib tidak ditemukan: " + ", ".join(missing) + ". Pilih kolomnya di pratinjau.")
    return RawTable(
        # object dtype on purpose: pandas 3 would infer "str" for text columns, but cells keep their own types
        frame=frame.reset_index(drop=True).astype(object), file_name=file_name, sheet=grid.sheet, sheets=grid.sheets,
        header_row=index + grid.first_row, row_numbers=row_numbers, columns=columns, unmapped=unmapped, kind=kind,
        indicator_columns={code: titles[j] for code, j in indicator_columns.items()},
        encoding=grid.encoding, delimiter=grid.delimiter, notes=notes, missing=missing,
    )


def check_cell_lengths(body: pd.DataFrame, titles: list[str], file_name: str, grid: Grid, limits: FileLimits) -> None:
    """Refuse a table with a cell longer than max_cell_chars, naming its row, column and the start of its text."""
    for j in body.columns:
        try:
            lengths = pd.Series(body[j].to_numpy(dtype=object)).str.len()  # NaN for numbers and dates
        except AttributeError:  # no text at all in the column (only numbers or dates): nothing to measure
            continue
        if not (lengths > limits.max_cell_chars).any():
            continue
        position = int(np.argmax((lengths > limits.max_cell_chars).to_numpy()))
        row = int(body.index[position]) + grid.first_row
        title = (titles[j] if j < len(titles) else "") or f"kolom ke-{j + 1}"
        text = str(body[j].iloc[position])
        message = (f"Sel pada baris {row}, kolom '{title}' {where(file_name, grid.sheet)} berisi {len(text):,} "
                   f"karakter, melebihi batas {limits.max_cell_chars:,} karakter per sel. Periksa sel itu: mungkin "
                   "teks tertempel berulang kali.")
        raise IngestError(message, [Problem(file_name, grid.sheet, row, title, text[:80] + "…", message)])


def pick_kind(score: hd.RowScore, titles: list[str]) -> TableKind:
    """Return the kind of table the header row describes (ACLED, laporan berkala or kejadian)."""
    if score.acled >= 6:
        return TableKind.ACLED
    norms = {hd.match_title(t, hd.LAPORAN_HEADERS) for t in titles}
    if score.laporan > score.kejadian or {"indikator", "nilai"} <= norms or norms & {"periode", "periode_mulai"}:
        return TableKind.LAPORAN
    return TableKind.KEJADIAN


def map_columns(titles: list[str], tops: list[object], subs: list[object] | None, kind: TableKind,
                indicators: dict[str, str]) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """Return field -> column index, indicator code -> column index, and the header texts left unmapped."""
    mapping: dict[str, int] = {}
    indicator_columns: dict[str, int] = {}
    unmapped: list[str] = []
    for j, title in enumerate(titles):
        if not title:
            continue
        if kind is TableKind.ACLED:
            name = title.strip().lower() if title.strip().lower() in hd.ACLED_HEADERS else None
        else:
            vocabulary = hd.KEJADIAN_HEADERS if kind is TableKind.KEJADIAN else hd.LAPORAN_HEADERS
            pieces = [title] + ([str(subs[j]), str(tops[j])] if subs is not None else [])
            name = next((m for p in pieces if (m := hd.match_title(p, vocabulary))), None)
            if name is None and kind is TableKind.LAPORAN:
                code = hd.match_indicator(hd.normalise_header(title), indicators)
                if code is not None and code not in indicator_columns:
                    indicator_columns[code] = j
                    continue
        if name is None or name in mapping:
            unmapped.append(title)  # a second column with the same meaning is kept out rather than guessed
        else:
            mapping[name] = j
    return mapping, indicator_columns, unmapped


def apply_column_map(mapping: dict[str, int], indicator_columns: dict[str, int], unmapped: list[str],
                     titles: list[str], column_map: dict[str, str], file_name: str, sheet: str | None) -> None:
    """Apply the analyst's corrections {field or indicator code: header as written} in place."""
    by_text = {hd.normalise_header(t): j for j, t in enumerate(titles) if t}
    known_fields = set(hd.KEJADIAN_HEADERS) | set(hd.LAPORAN_HEADERS) | set(hd.ACLED_HEADERS)
    for name, header in column_map.items():
        j = by_text.get(hd.normalise_header(header))
        if j is None:
            raise refuse(file_name, f"Kolom '{header}' (untuk {name}) tidak ada pada {where(file_name, sheet)}. "
                                    f"Judul kolom yang ada: {', '.join(t for t in titles if t)}.", sheet)
        for table in (mapping, indicator_columns):
            for other in [k for k, v in table.items() if v == j]:
                del table[other]
        target = mapping if name in known_fields else indicator_columns
        if name in target and target[name] != j:
            unmapped.append(titles[target[name]])
        target[name] = j
        if titles[j] in unmapped:
            unmapped.remove(titles[j])


def select_data_rows(body: pd.DataFrame, used: list[int], first_row: int) -> tuple[pd.Series, str | None]:
    """Return a mask of real data rows (blank and footer rows dropped) and a note about any footer."""
    if body.empty or not used:
        return pd.Series(False, index=body.index), None
    # loaders turn every empty cell into "", so one numpy comparison per column finds the filled cells
    filled = pd.Series(sum((body[j].to_numpy(dtype=object) != "").astype(np.int64) for j in used), index=body.index)
    keep = filled > 0
    # footers sit at the end of the table, so only the last rows are read cell by cell
    tail = body.iloc[-FOOTER_SCAN_ROWS:].apply(first_text_of_row, axis=1)
    footer_rows = [i for i, text in tail.items() if FOOTER_PATTERN.match(text)]
    if not footer_rows:
        return keep, None
    start = footer_rows[0]
    after = (body.index > start) & ~body.index.isin(footer_rows)
    if (filled[after] >= 3).any():  # real rows follow: the match was a "JUMLAH" line inside the table
        keep &= ~body.index.isin(footer_rows)
        rows = ", ".join(str(i + first_row) for i in footer_rows)
        return keep, f"Baris jumlah/penutup diabaikan: baris {rows}."
    keep &= body.index < start
    first, last = start + first_row, body.index[-1] + first_row
    span = f"baris {first}" if first == last else f"baris {first}–{last}"
    return keep, f"Baris penutup (catatan, tempat/tanggal, tanda tangan) di bawah tabel diabaikan: {span}."


def first_text_of_row(row: pd.Series) -> str:
    """Return the first non-empty cell of a row as stripped text ("" for a blank row)."""
    for value in row:
        if isinstance(value, str):
            if value.strip():
                return value.strip()
        elif value is not None and not (isinstance(value, float) and pd.isna(value)):
            return str(value)
    return ""


def reshape_acled(frame: pd.DataFrame, columns: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return an ACLED export's columns renamed and combined into the kejadian fields (admin2 kept as kabupaten)."""
    get = lambda name: frame[name] if name in frame else pd.Series("", index=frame.index, dtype=object)  # noqa: E731
    join = lambda a, b, sep: a.astype(str).where(b.astype(str).str.strip() == "", a.astype(str) + sep + b.astype(str))  # noqa: E731
    out = pd.DataFrame({
        "tanggal": get("event_date"), "kabupaten": get("admin2"), "kecamatan": get("admin3"),
        "desa": get("location"), "jenis": join(get("event_type"), get("sub_event_type"), " / "),
        "uraian": get("notes"), "pihak": join(get("actor1"), get("actor2"), "; "),
        "korban_meninggal": get("fatalities"), "sumber": get("source"), "lat": get("latitude"),
        "lon": get("longitude"), "acled_id": get("event_id_cnty"),
    }, index=frame.index)
    written = {"tanggal": "event_date", "kabupaten": "admin2", "kecamatan": "admin3", "desa": "location",
               "jenis": "event_type / sub_event_type", "uraian": "notes", "pihak": "actor1; actor2",
               "korban_meninggal": "fatalities", "sumber": "source", "lat": "latitude", "lon": "longitude",
               "acled_id": "event_id_cnty"}
    return out, {k: v for k, v in written.items() if v.split(" ")[0].rstrip(";") in columns}


def split_koordinat(frame: pd.DataFrame, columns: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Return the frame with one "lat, lon" column split into lat and lon text (unsplittable text goes to both)."""
    if "koordinat" not in frame:
        return frame, columns
    text = frame.pop("koordinat").astype(str)
    parts = text.str.extract(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[,;/ ]\s*(-?\d+(?:[.,]\d+)?)\s*$")
    header = columns.pop("koordinat")
    frame["lat"] = parts[0].where(parts[0].notna(), text).to_numpy(dtype=object)
    frame["lon"] = parts[1].where(parts[1].notna(), text).to_numpy(dtype=object)
    columns["lat"] = columns["lon"] = header
    return frame, columns
