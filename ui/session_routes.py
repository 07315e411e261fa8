"""The two HTTP routes that set and clear the session cookie (mounted by serve.py through st.App)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ui.session_cookie import CLEAR_PATH, COOKIE_NAME, MAX_AGE_SECONDS, SET_PATH, claim_code


def _cookie_flags(request: Request) -> dict:
    # Secure whenever the dashboard is served over HTTPS; the meeting-room PC may use plain http://localhost.
    return {"httponly": True, "samesite": "strict", "path": "/", "secure": request.url.scheme == "https"}


async def set_cookie(request: Request) -> Response:
    """Answer a one-time code with the signed session cookie (204), or 403 for a wrong or used code."""
    value = claim_code(request.query_params.get("kode", ""))
    if value is None:
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(COOKIE_NAME, value, max_age=MAX_AGE_SECONDS, **_cookie_flags(request))
    return response


async def clear_cookie(request: Request) -> Response:
    """Remove the session cookie from the browser (the session itself is already revoked)."""
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(COOKIE_NAME, **_cookie_flags(request))
    return response


ROUTES = [Route(SET_PATH, set_cookie, methods=["GET"]), Route(CLEAR_PATH, clear_cookie, methods=["GET"])]
