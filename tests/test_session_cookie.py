"""The session cookie: signed, one-time hand-over, idle expiry, revocation on logout or account change."""

from itsdangerous import URLSafeTimedSerializer

from ui import session_cookie as sc


def test_login_cookie_opens_the_session_until_idle():
    """A fresh cookie logs the browser back in; after the idle time it no longer does, even if used again."""
    token, code = sc.open_session("uji_analis", "analis", now=1000.0)
    value = sc.claim_code(code, now=1001.0)
    assert value and token not in value  # signed and encoded, not the raw token
    assert sc.resolve(value, 1800, now=1500.0)[1]["username"] == "uji_analis"
    sc.touch(token, now=1500.0)
    assert sc.resolve(value, 1800, now=3200.0)[1] is not None  # 1700 s after the last use
    assert sc.resolve(value, 1800, now=5100.0) == (token, None)  # idle 1900 s: ended
    assert sc.resolve(value, 1800, now=5101.0) == (None, None)  # and gone for good


def test_code_works_once_and_briefly():
    """The one-time code gives the cookie once, within a minute."""
    _, code = sc.open_session("a", "analis", now=0.0)
    assert sc.claim_code(code, now=1.0) is not None
    assert sc.claim_code(code, now=2.0) is None
    _, late = sc.open_session("a", "analis", now=0.0)
    assert sc.claim_code(late, now=120.0) is None


def test_forged_or_revoked_cookie_opens_nothing():
    """A cookie signed with another key, a tampered one, or one whose session was revoked gives no login."""
    token, code = sc.open_session("uji_admin", "admin")
    value = sc.claim_code(code)
    forged = URLSafeTimedSerializer("not-the-secret", salt=sc.SALT).dumps(token)
    assert sc.resolve(forged, 1800) == (None, None)
    assert sc.resolve(value[:-2] + "xx", 1800) == (None, None)
    assert sc.resolve(None, 1800) == (None, None)
    sc.revoke(token)
    assert sc.resolve(value, 1800) == (None, None)


def test_revoke_user_ends_all_their_sessions():
    """Deactivating an account ends each of its sessions, not others'."""
    mine, code_mine = sc.open_session("uji_x", "analis")
    other, code_other = sc.open_session("uji_y", "analis")
    value_mine, value_other = sc.claim_code(code_mine), sc.claim_code(code_other)
    sc.revoke_user("uji_x")
    assert sc.resolve(value_mine, 1800) == (None, None)
    assert sc.resolve(value_other, 1800)[0] == other
