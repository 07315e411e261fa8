"""A self-signed TLS certificate for the office network, so passwords never cross the LAN in clear.

Streamlit serves HTTPS itself with `server.sslCertFile`/`server.sslKeyFile`. When the Pemkab has no
certificate of its own, `python -m analytics tls` makes one here (ECDSA P-256, valid 825 days, for the
server's names and addresses) with the `cryptography` library; browsers then show a one-time warning
unless the certificate is installed as trusted on the office computers.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from analytics import DATA_DIR

TLS_DIR = DATA_DIR / "tls"
VALID_DAYS = 825  # the longest validity browsers accept for a server certificate


@dataclass(frozen=True)
class CertificatePaths:
    """Where the certificate and its private key were written, and its SHA-256 fingerprint."""

    cert: Path
    key: Path
    fingerprint: str


def default_names() -> list[str]:
    """Return this machine's host name, 'localhost' and its LAN addresses (what users may type)."""
    names = {"localhost", "127.0.0.1", socket.gethostname()}
    try:
        names.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    return sorted(names)


def _alt_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def write_self_signed(folder: Path, names: list[str], now: datetime | None = None) -> CertificatePaths:
    """Write waspada.crt and waspada.key (owner-only) for names into folder; return their paths."""
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0][:64]),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Waspada Malinau")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([_alt_name(n) for n in names]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    key_path, cert_path = folder / "waspada.key", folder / "waspada.crt"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return CertificatePaths(cert_path, key_path, cert.fingerprint(hashes.SHA256()).hex(":").upper())
