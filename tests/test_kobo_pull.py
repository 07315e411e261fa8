"""`kobo pull` against a local fake KoboToolbox server (pytest-httpserver): paging, token, incremental, retries.

No network: the server runs on 127.0.0.1 inside the test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from werkzeug import Response

from analytics.store.db import open_store
from analytics.store.queries import read_incidents
from kobo_exports import BASE, LATER_SUBMISSIONS, export_frame

pytest.importorskip("pytest_httpserver")

ASSET = "aBcD1234"
PATH = f"/api/v2/assets/{ASSET}/data/"
TOKEN = "rahasia-token-uji"


def api_records(submissions) -> list[dict]:
    """Return the submissions as Kobo's JSON API returns them (group paths joined by '/', XML values)."""
    frame = export_frame(submissions, values="xml", groups="/")
    records = []
    for row in frame.to_dict(orient="records"):
        record = {k: v for k, v in row.items() if not k.endswith(("_latitude", "_longitude", "_altitude",
                                                                    "_precision")) and v != ""}
        record["_geolocation"] = [None, None]
        record["_attachments"] = []
        records.append(record)
    return records


def run_pull(db: str, server: str, *extra: str, token: str | None = TOKEN) -> subprocess.CompletedProcess:
    """Run `python -m analytics kobo pull` with the token in KOBO_TOKEN (or none)."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "KOBO_TOKEN"}
    if token:
        env["KOBO_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "analytics", "kobo", "pull", "--server", server, "--asset", ASSET,
                           "--db", db, "--json", *extra], capture_output=True, text=True, timeout=180, env=env)


def check_token(request) -> None:
    """Fail the request (as Kobo does) without the right token header."""
    assert request.headers.get("Authorization") == f"Token {TOKEN}"


@pytest.fixture
def db(tmp_path) -> str:
    """URL of an empty store."""
    url = f"sqlite:///{(tmp_path / 's.db').as_posix()}"
    open_store(url).dispose()
    return url


def test_pull_follows_pages_and_stores_waiting_submissions(httpserver, db):
    """Two pages (next link) of three submissions are stored, waiting; the token went in the header."""
    records = api_records(BASE)
    second = httpserver.url_for(PATH) + "?format=json&page=2"

    def first_page(request):
        check_token(request)
        assert "query" not in request.args  # the first pull takes everything
        return Response(json.dumps({"count": 3, "next": second, "results": records[:2]}),
                        content_type="application/json")

    def second_page(request):
        check_token(request)
        return Response(json.dumps({"count": 3, "next": None, "results": records[2:]}),
                        content_type="application/json")

    httpserver.expect_ordered_request(PATH, query_string={"format": "json", "limit": "1000",
                                                          "sort": '{"_submission_time":1}'}).respond_with_handler(first_page)
    httpserver.expect_ordered_request(PATH, query_string="format=json&page=2").respond_with_handler(second_page)
    done = run_pull(db, httpserver.url_for("/"))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["pulled"], report["inserted"]) == (3, 3)
    engine = open_store(db)
    assert read_incidents(engine, statuses=None)["status"].tolist() == ["menunggu"] * 3
    engine.dispose()


def test_second_pull_asks_only_for_newer_submissions(httpserver, db):
    """The next pull sends _submission_time > the newest already pulled, and stores only what is new."""
    first, later = api_records(BASE), api_records(LATER_SUBMISSIONS)
    httpserver.expect_ordered_request(PATH).respond_with_json({"next": None, "results": first})
    seen = {}

    def newer(request):
        seen["query"] = json.loads(request.args["query"])
        return Response(json.dumps({"next": None, "results": later}), content_type="application/json")

    httpserver.expect_ordered_request(PATH).respond_with_handler(newer)
    assert run_pull(db, httpserver.url_for("/")).returncode == 0
    done = run_pull(db, httpserver.url_for("/"))
    assert done.returncode == 0, done.stderr
    assert seen["query"] == {"_submission_time": {"$gt": max(r["_submission_time"] for r in first)}}
    report = json.loads(done.stdout)
    assert report["inserted"] == len(later) and not any("tidak ada dalam ekspor" in n for n in report["notes"])


def test_pull_retries_a_busy_server(httpserver, db):
    """A 503 answer is retried and the pull still succeeds."""
    httpserver.expect_ordered_request(PATH).respond_with_data("sibuk", status=503)
    httpserver.expect_ordered_request(PATH).respond_with_json({"next": None, "results": api_records(BASE[:1])})
    done = run_pull(db, httpserver.url_for("/"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inserted"] == 1


def test_refused_token_and_missing_token_are_explained(httpserver, db):
    """A 401 says the token was refused; no KOBO_TOKEN says where to get one; both exit 2, store untouched."""
    httpserver.expect_request(PATH).respond_with_data("no", status=401)
    done = run_pull(db, httpserver.url_for("/"))
    assert done.returncode == 2 and "Token KoboToolbox ditolak" in done.stderr
    done = run_pull(db, httpserver.url_for("/"), token=None)
    assert done.returncode == 2 and "KOBO_TOKEN" in done.stderr
    engine = open_store(db)
    assert read_incidents(engine, statuses=None).empty
    engine.dispose()
