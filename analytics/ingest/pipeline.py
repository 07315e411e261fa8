"""One uploaded file → the store: read, validate, resolve names, categorise, then one all-or-nothing write.

If any row has an error the whole file is refused (nothing is written) unless valid_only is asked
for, in which case the valid rows are stored and the rest reported. Duplicates (see
analytics/store_writes.py) are never stored twice, and re-sending a file adds nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from analytics.errors import IngestError, Problem
from analytics.fieldreports.verification import spreadsheet_status
from analytics import clock
from analytics.ingest.categories import load_synonyms
from analytics.ingest.validate import ValidationResult, validate_table
from analytics.places.names import build_resolver
from analytics.settings import read_settings, Settings
from analytics.store import tables
from analytics.store.queries import has_demo_data
from analytics.store.uploads import (
    UndoResult,
    delete_demo,
    delete_upload,
    list_uploads,
    undo_delete,
)
from analytics.store.writes import CommitResult, commit_records, compute_row_hashes


@dataclass
class IngestReport:
    """The outcome of one upload, as shown to the analyst (counts, problems, notes in Indonesian)."""

    file_name: str
    sha256: str
    sheet: str | None
    kind: str
    rows_read: int
    rows_accepted: int  # rows that passed validation (laporan: indicator values, one row holds several)
    rows_rejected: int  # rows with an error (or skipped, e.g. ACLED rows outside Malinau)
    duplicates: int  # valid rows already stored (or repeated in the file), not stored again
    committed: bool  # True when this upload wrote anything
    upload_id: int | None
    problems: list[Problem] = field(default_factory=list)  # errors
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    inserted: int = 0
    updated: int = 0  # laporan values that replaced an older value

    @property
    def already_stored(self) -> bool:
        """True when the file had valid rows, no errors, and every one of them was already in the store."""
        return not self.committed and not self.problems and self.rows_accepted > 0 \
            and self.duplicates == self.rows_accepted

    def as_dict(self) -> dict:
        """Return the report as plain JSON-ready data."""
        return {
            "file_name": self.file_name, "sha256": self.sha256, "sheet": self.sheet, "kind": self.kind,
            "rows_read": self.rows_read, "rows_accepted": self.rows_accepted, "rows_rejected": self.rows_rejected,
            "duplicates": self.duplicates, "inserted": self.inserted, "updated": self.updated,
            "committed": self.committed, "upload_id": self.upload_id,
            "errors": [_short(p) for p in self.problems], "warnings": [_short(p) for p in self.warnings],
            "notes": list(self.notes),
        }


def _short(problem: Problem) -> dict:
    return {"row": problem.row, "column": problem.column, "value": problem.value, "message": problem.message}


def find_previous_upload(engine: sa.Engine, sha256: str) -> tuple[int, object] | None:
    """Return (id, uploaded_at) of the earliest live upload of the same file contents, if any."""
    u = tables.uploads
    query = (sa.select(u.c.id, u.c.uploaded_at).where(u.c.sha256 == sha256, u.c.deleted_at.is_(None))
             .order_by(u.c.id).limit(1))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return (row[0], row[1]) if row else None


def validate_file(engine: sa.Engine, data: bytes, file_name: str, settings: Settings, *, sheet=None, header_row=None,
                  column_map=None, today: date | None = None):
    """Return (RawTable, ValidationResult) of one file's bytes; IngestError if it cannot be read at all."""
    from analytics.fieldreports.submissions import apply_submission_fields
    from analytics.ingest.filecheck import FileLimits
    from analytics.ingest.isolate import run_isolated
    from analytics.ingest.upload_reader import read_upload

    limits = FileLimits.from_settings(settings)
    # Parsed in a limited worker process: a file that would exhaust memory fails alone (analytics/ingest/isolate.py).
    # A KoboToolbox/ODK export of our own forms is recognised first; everything else is a spreadsheet.
    raw = run_isolated(read_upload, data, file_name, settings, limits, sheet=sheet, header_row=header_row,
                       column_map=column_map, file_name=file_name, memory_mb=limits.memory_mb,
                       timeout_seconds=limits.timeout_seconds)
    # "not in the future" is judged on the office's day (WITA by default), as the phone form's today() does
    today = today or clock.settings_today(settings)
    result = validate_table(raw, build_resolver(engine, settings), load_synonyms(engine), settings, today=today)
    if getattr(raw, "form_kind", None) == "kejadian":
        result = apply_submission_fields(raw, result)
    return raw, result


def ingest_file(engine: sa.Engine, source: Path | bytes, file_name: str, *, user: str, valid_only: bool = False,
                settings: Settings | None = None, sheet: str | None = None, header_row: int | None = None,
                column_map: dict[str, str] | None = None, is_demo: bool = False,
                checked: tuple | None = None) -> IngestReport:
    """Return the report of reading, checking and (if allowed) storing one file; IngestError if unreadable.

    checked: the (RawTable, ValidationResult) the preview already made of these very bytes under the same
    choices (the upload page keys it by the file's sha256), so the file is not read and validated twice.
    """
    from analytics.text_limits import MAX_FILE_NAME_CHARS, clip_text

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    file_name = clip_text(file_name, MAX_FILE_NAME_CHARS)  # the browser sends any name; uploads.file_name is 255
    sha256 = hashlib.sha256(data).hexdigest()
    settings = settings or read_settings(engine)
    if checked is None:
        checked = validate_file(engine, data, file_name, settings, sheet=sheet, header_row=header_row,
                                column_map=column_map)
    raw, result = checked
    report = IngestReport(
        file_name=file_name, sha256=sha256, sheet=raw.sheet, kind=result.kind, rows_read=result.rows_read,
        rows_accepted=len(result.records), rows_rejected=result.rows_rejected, duplicates=0, committed=False,
        upload_id=None, problems=result.errors, warnings=result.warnings, notes=list(raw.notes or []),
    )
    previous = find_previous_upload(engine, sha256)
    if previous:
        from analytics.views.plain_words import wita_time

        report.notes.append(f"Berkas ini sudah pernah diunggah pada {wita_time(previous[1])} "
                            f"sebagai unggahan #{previous[0]}.")
    if not is_demo and has_demo_data(engine):
        report.notes.append("Basis data masih berisi data demo; data demo tampil bersama data ini "
                            "sampai dihapus (halaman Unggah Data → Hapus data contoh).")
    if result.errors and not valid_only:
        report.duplicates = _count_duplicates(engine, result)
        report.notes.append(f"Tidak ada yang disimpan: {len(result.errors)} kesalahan pada {result.rows_rejected} "
                            "baris. Perbaiki berkas lalu unggah lagi, atau pilih 'simpan baris yang valid saja'.")
        return report
    if result.records.empty:
        if result.errors:
            report.notes.append("Tidak ada baris yang valid; tidak ada yang disimpan.")
        return report
    if getattr(raw, "form_kind", None) == "kejadian":
        from analytics.fieldreports.submissions import store_submissions

        return store_submissions(engine, raw, result, report, user=user)
    outcome = commit_records(
        engine, kind=result.kind, records=result.records, file_name=file_name, sha256=sha256, sheet=raw.sheet,
        header_row=raw.header_row, user=user, rows_read=result.rows_read, rows_rejected=result.rows_rejected,
        is_demo=is_demo, source_rows=result.source_rows,
        status=None if is_demo else spreadsheet_status(settings),
    )
    _apply_outcome(report, outcome)
    return report


def _apply_outcome(report: IngestReport, outcome: CommitResult) -> None:
    """Copy a commit's counts into the report and say in words what happened."""
    report.upload_id, report.inserted = outcome.upload_id, outcome.inserted
    report.duplicates, report.updated = outcome.duplicates, outcome.updated
    report.committed = outcome.upload_id is not None
    # A laporan row holds one value per indicator, and values are what is stored and deduplicated.
    unit = "nilai indikator" if report.kind == "laporan" else "baris"
    if report.committed:
        report.notes.append(f"Disimpan sebagai unggahan #{outcome.upload_id}: {outcome.inserted} {unit} baru"
                            + (f" ({outcome.updated} diperbarui)" if outcome.updated else "")
                            + (f", {outcome.duplicates} duplikat dilewati." if outcome.duplicates else "."))
    elif outcome.duplicates:
        report.notes.append(f"Semua {outcome.duplicates} {unit} sudah ada di basis data; tidak ada yang ditambahkan.")


def _count_duplicates(engine: sa.Engine, result: ValidationResult) -> int:
    """Return how many valid rows would be duplicates (for the report of a refused file)."""
    from analytics.store.writes import KIND_TABLES, find_active

    hashes = compute_row_hashes(result.kind, result.records)
    if hashes.empty:
        return 0
    with engine.connect() as conn:
        existing = find_active(conn, KIND_TABLES[result.kind], hashes.drop_duplicates().tolist())
    return int(hashes.duplicated().sum() + hashes.drop_duplicates().isin(list(existing)).sum())


__all__ = [
    "CommitResult", "IngestError", "IngestReport", "UndoResult", "commit_records", "delete_demo", "delete_upload",
    "find_previous_upload", "ingest_file", "list_uploads", "undo_delete", "validate_file",
]
