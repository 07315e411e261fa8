"""One audit entry per file that leaves the store: CLI exports, briefings, page downloads, backups."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from analytics.store import tables

# What was exported → the audit action code (labels in analytics/audit.py).
EXPORT_ACTIONS = {
    "kejadian": "ekspor_data",
    "briefing": "unduh_bahan_rakor",
    "log_audit": "ekspor_log_audit",
    "masalah_unggahan": "unduh_masalah_unggahan",
    "templat": "unduh_templat",
}


def record_export(engine: sa.Engine, user: str, what: str, file_name: str, detail: dict[str, Any] | None = None) -> None:
    """Append one audit entry saying user took file_name out of the store (no data changes, caches stay)."""
    with engine.begin() as conn:
        tables.record_audit(conn, user, EXPORT_ACTIONS.get(what, f"ekspor_{what}"), file_name,
                            detail or {}, bump_version=False)
