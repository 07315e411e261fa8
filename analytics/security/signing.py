"""The server's backup-signing key: HMAC-SHA256 over a backup's manifest, with a key kept outside the store.

The manifest holds the sha256 of every table file, so one MAC over the manifest covers the whole
backup. The key is a random 32-byte file created on first use with owner-only permissions:
WASPADA_SIGNING_KEY_FILE if set (several app servers on one PostgreSQL share it this way), else
next to the SQLite file, else data/waspada-signing.key. It is never written into a backup, so
someone who can edit a backup file but not read the server's key cannot make a forgery verify.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

import sqlalchemy as sa

from analytics import DATA_DIR

KEY_ENV = "WASPADA_SIGNING_KEY_FILE"
KEY_FILE_NAME = "waspada-signing.key"
ALGORITHM = "HMAC-SHA256"
KEY_BYTES = 32


class SigningKeyError(Exception):
    """The key file exists but cannot be used (unreadable, wrong size); the message says which file."""


def key_path(engine_url: sa.URL | str | None = None) -> Path:
    """Return where this store's signing key lives (env var, next to the SQLite file, or data/)."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    url = sa.make_url(str(engine_url)) if engine_url is not None else None
    if url is not None and url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).resolve().parent / KEY_FILE_NAME
    return DATA_DIR / KEY_FILE_NAME


def load_key(path: Path, *, create: bool) -> bytes | None:
    """Return the key at path; when absent, create it (owner-only) if create, else return None."""
    path = Path(path)
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two processes creating the key at once cannot end up with different keys
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return load_key(path, create=False)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
    data = path.read_bytes()
    if len(data) != KEY_BYTES:
        raise SigningKeyError(f"Kunci tanda tangan '{path}' rusak ({len(data)} bita, seharusnya {KEY_BYTES}).")
    return data


def key_id(key: bytes) -> str:
    """Return a short public fingerprint of the key (says which server signed, reveals nothing)."""
    return hashlib.sha256(b"waspada-key-id" + key).hexdigest()[:16]


def sign(manifest_bytes: bytes, key: bytes) -> bytes:
    """Return the signature document (JSON bytes) for the manifest's exact bytes."""
    mac = hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()
    return json.dumps({"algorithm": ALGORITHM, "key_id": key_id(key), "signed": "manifest.json", "mac": mac},
                      indent=2).encode("utf-8")


def check_signature(manifest_bytes: bytes, signature_bytes: bytes | None, key: bytes | None) -> str:
    """Return 'valid', 'unsigned', 'no_key', 'other_key' or 'invalid' for this manifest and signature."""
    if signature_bytes is None:
        return "unsigned"
    if key is None:
        return "no_key"
    try:
        document = json.loads(signature_bytes.decode("utf-8"))
        mac = str(document["mac"])
        signer = str(document.get("key_id", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return "invalid"
    expected = hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()
    if hmac.compare_digest(mac, expected):
        return "valid"
    return "other_key" if signer and signer != key_id(key) else "invalid"
