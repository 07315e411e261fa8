"""The one function a parsing worker runs for an upload: a KoboToolbox/ODK export of our forms, else a spreadsheet.

Both readers run in the same child process (analytics/ingest/isolate.py), so an upload costs one worker,
not one per reader tried.
"""

from __future__ import annotations

from analytics.fieldreports.kobo_read import read_kobo_export
from analytics.ingest.filecheck import FileLimits
from analytics.ingest.model import RawTable
from analytics.ingest.read import read_table
from analytics.settings import Settings


def read_upload(data: bytes, file_name: str, settings: Settings, limits: FileLimits, *, sheet: str | None = None,
                header_row: int | None = None, column_map: dict[str, str] | None = None) -> RawTable:
    """Return the file as a RawTable: recognised as one of our phone forms first (unless columns are mapped by hand)."""
    raw = read_kobo_export(data, file_name, settings, limits) if column_map is None else None
    if raw is None:
        raw = read_table(data, file_name, sheet=sheet, header_row=header_row, column_map=column_map,
                         indicators=settings.indicators, limits=limits)
    return raw
