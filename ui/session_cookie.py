"""A login that survives a reload: a signed, HttpOnly, SameSite=Strict session cookie.

The browser keeps only a signed random token (itsdangerous, the Pallets signing library; no hand-made
crypto). What the token means lives here, in the server process: the account, its role and when it was
last used. So every run re-checks the account (deactivated or changed accounts end at once), idle expiry
is honoured from the server's clock, and logging out revokes the token even if the browser kept it.

A Streamlit script cannot set HTTP headers, so the cookie is set by two small routes of serve.py
(st.App): after a login the page loads /api/sesi/pasang?kode=<one-time code> in an invisible frame; the
route answers with Set-Cookie (HttpOnly: page scripts can never read it). Logging out loads /api/sesi/hapus.
On a reload Streamlit hands the cookie to the script (st.context.cookies), which looks the token up.
"""

from __future__ import annotations

import os
import secrets
import threading
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE_NAME = "waspada_sesi"
SET_PATH, CLEAR_PATH = "/api/sesi/pasang", "/api/sesi/hapus"
MAX_AGE_SECONDS = 12 * 3600  # a login lasts a working day at most, however active
CODE_SECONDS = 60  # the one-time code that hands the cookie to the browser
SALT = "waspada-sesi"

_lock = threading.Lock()
_sessions: dict[str, dict] = {}  # token → {"username", "role", "last_seen", "created"}
_codes: dict[str, tuple[str, float]] = {}  # one-time code → (token, valid until)
# WASPADA_SESSION_SECRET keeps cookies valid across workers; else a fresh secret per server start (the token
# registry is per process too, so a restart asks everyone to log in again).
_serializer = URLSafeTimedSerializer(os.environ.get("WASPADA_SESSION_SECRET") or secrets.token_hex(32), salt=SALT)


def open_session(username: str, role: str, now: float | None = None) -> tuple[str, str]:
    """Register a login; return (token, one-time code for the cookie route)."""
    now = time.time() if now is None else now
    token, code = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with _lock:
        _sessions[token] = {"username": username, "role": role, "last_seen": now, "created": now}
        _codes[code] = (token, now + CODE_SECONDS)
    return token, code


def claim_code(code: str, now: float | None = None) -> str | None:
    """Return the signed cookie value for a one-time code (usable once, within a minute), else None."""
    now = time.time() if now is None else now
    with _lock:
        token, until = _codes.pop(code, (None, 0.0))
        if token is None or until < now or token not in _sessions:
            return None
    return _serializer.dumps(token)


def resolve(cookie_value: str | None, idle_seconds: float, now: float | None = None) -> tuple[str | None, dict | None]:
    """Return (token, session) for a cookie still valid (signature, age, idle time); (None, None) otherwise.

    An idle or too old session is revoked here, so it cannot come back.
    """
    if not cookie_value:
        return None, None
    now = time.time() if now is None else now
    try:
        token = _serializer.loads(cookie_value, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # also SignatureExpired
        return None, None
    with _lock:
        session = _sessions.get(token)
        if session is None:
            return None, None
        if now - session["last_seen"] > idle_seconds or now - session["created"] > MAX_AGE_SECONDS:
            _sessions.pop(token, None)
            return token, None
        return token, dict(session)


def touch(token: str | None, now: float | None = None) -> None:
    """Note that the session was used now (idle expiry counts from here)."""
    if token:
        with _lock:
            if token in _sessions:
                _sessions[token]["last_seen"] = time.time() if now is None else now


def revoke(token: str | None) -> None:
    """End a session for good: its cookie opens nothing any more."""
    if token:
        with _lock:
            _sessions.pop(token, None)


def revoke_user(username: str) -> None:
    """End every session of an account (deactivated, role changed, password reset)."""
    with _lock:
        for token in [t for t, s in _sessions.items() if s["username"] == username]:
            _sessions.pop(token, None)
