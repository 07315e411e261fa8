"""Optional pull of submissions from a KoboToolbox server (REST API v2), for an office that has a connection.

GET {server}/api/v2/assets/{uid}/data/?format=json, page by page through `next`, with the token from
an environment variable (never a command-line argument, which other users of the machine can read).
Incremental: only submissions with `_submission_time` after the last one pulled for this asset (kept
in the audit entry of the previous pull); `full=True` pulls everything again, which is how edits made
on the server arrive (stored submissions are matched by `_uuid`, so nothing is doubled). Transient
failures (connection errors, 429, 5xx) are retried with exponential backoff. The pulled records go
through exactly the same ingest as an uploaded export. Nothing else in the product needs this.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd
import requests
import sqlalchemy as sa
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from analytics.store import tables

PULL_ACTION = "tarik_kobo"
PAGE_SIZE = 1000
TIMEOUT_S = 60


class KoboPullError(Exception):
    """A pull that could not be done; the message says why, in Indonesian."""


@dataclass(frozen=True)
class PullResult:
    """The records fetched and the newest _submission_time among them (None when nothing came)."""

    records: list[dict]
    newest: str | None
    pages: int


def make_session(token: str, retries: int = 4, backoff: float = 1.0) -> requests.Session:
    """Return a session sending the Kobo token and retrying GETs on connection errors, 429 and 5xx."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Token {token}", "Accept": "application/json"})
    retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def data_url(server: str, asset: str, since: str | None, page_size: int = PAGE_SIZE) -> str:
    """Return the first page's URL: JSON, oldest first, only submissions after `since` when given."""
    url = f"{server.rstrip('/')}/api/v2/assets/{quote(asset, safe='')}/data/?format=json&limit={int(page_size)}"
    url += "&sort=" + quote(json.dumps({"_submission_time": 1}, separators=(",", ":")))
    if since:
        url += "&query=" + quote(json.dumps({"_submission_time": {"$gt": since}}, separators=(",", ":")))
    return url


def fetch_submissions(session: requests.Session, url: str) -> PullResult:
    """Return every record from url on, following `next` links page by page."""
    records: list[dict] = []
    pages = 0
    while url:
        try:
            answer = session.get(url, timeout=TIMEOUT_S)
        except requests.RequestException as error:
            raise KoboPullError(f"Server KoboToolbox tidak dapat dihubungi setelah beberapa percobaan ({error}).") \
                from None
        if answer.status_code in (401, 403):
            raise KoboPullError("Token KoboToolbox ditolak server (HTTP "
                                f"{answer.status_code}). Periksa token dan hak akses akun pada formulir ini.")
        if answer.status_code == 404:
            raise KoboPullError("Formulir (asset) tidak ditemukan di server KoboToolbox (HTTP 404). Periksa UID-nya.")
        if answer.status_code >= 400:
            raise KoboPullError(f"Server KoboToolbox menjawab HTTP {answer.status_code} setelah beberapa percobaan.")
        try:
            body = answer.json()
        except ValueError:
            raise KoboPullError("Jawaban server KoboToolbox bukan JSON; periksa alamat server (--server).") from None
        records.extend(body.get("results", []))
        pages += 1
        url = body.get("next")
    times = [r.get("_submission_time") for r in records if r.get("_submission_time")]
    return PullResult(records, max(times) if times else None, pages)


def records_to_csv(records: list[dict]) -> bytes:
    """Return the records as a Kobo-style CSV export (XML values, group paths joined by '/')."""
    def cell(value: object) -> object:
        # lists and dicts (_attachments, _geolocation, _validation_status …) are meta the ingest ignores
        return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value

    frame = pd.DataFrame([{key: cell(value) for key, value in record.items()} for record in records])
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def last_pulled(engine: sa.Engine, server: str, asset: str) -> str | None:
    """Return the newest _submission_time pulled before from this server and asset (None: never)."""
    log = tables.audit_log
    query = (sa.select(log.c.detail).where(log.c.action == PULL_ACTION, log.c.target == f"kobo:{asset}")
             .order_by(log.c.id.desc()))
    with engine.connect() as conn:
        for (detail,) in conn.execute(query):
            data = json.loads(detail or "{}")
            if data.get("server") == server.rstrip("/") and data.get("newest"):
                return str(data["newest"])
    return None


def record_pull(engine: sa.Engine, user: str, server: str, asset: str, result: PullResult, report) -> None:
    """Audit one pull (server, asset, newest _submission_time, counts); the next pull starts after newest."""
    newest = result.newest or last_pulled(engine, server, asset)
    with engine.begin() as conn:
        tables.record_audit(conn, user, PULL_ACTION, f"kobo:{asset}", {
            "server": server.rstrip("/"), "newest": newest, "records": len(result.records), "pages": result.pages,
            "inserted": getattr(report, "inserted", 0), "updated": getattr(report, "updated", 0),
        }, bump_version=False)
