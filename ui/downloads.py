"""Download buttons that leave a trace: each click on one adds an audit entry (who, which file)."""

from __future__ import annotations

from typing import Any

from analytics.store.export_audit import record_export
from ui import auth, cache


def _record(what: str, file_name: str) -> None:
    user = auth.current_user()
    record_export(cache.engine(), user.username if user else "-", what, file_name)


def audited_download(container: Any, label: str, data: Any, file_name: str, what: str, **options: Any) -> bool:
    """Draw container.download_button(label, data, file_name, **options) whose click is audited as `what`."""
    # A callback (not on_click="ignore"): Streamlit runs it on the click, before the rerun it triggers.
    return container.download_button(label, data, file_name=file_name, on_click=_record, args=(what, file_name),
                                     **options)
