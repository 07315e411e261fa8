"""Named exceptions for bad input; their messages are for the user, in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an uploaded file: where it is (as the user sees it in Excel) and what was expected."""

    file: str
    sheet: str | None
    row: int | None  # row number as shown in Excel / a text editor (1-based), None for the whole file
    column: str | None  # the column header as written in the file
    value: str | None
    message: str  # Bahasa Indonesia
    severity: str = "error"  # error | warning

    def as_dict(self) -> dict:
        """Return the problem as a plain dict (for JSON and tables)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "severity": self.severity,
        }


class IngestError(Exception):
    """A file that cannot be read as a table at all; carries the problems found."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __reduce__(self):
        # keeps the problems when the error crosses from the parsing worker (analytics.ingest.isolate) to the server
        return (self.__class__, (self.message, self.problems))
