"""Safe defaults for the office network: local-only plain HTTP, HTTPS with our certificate, no outside links."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

from cryptography import x509

from analytics.cli import main
from analytics.security.tls import write_self_signed

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_config_hides_outside_links_and_raw_table_downloads():
    """Error boxes carry no Google/ChatGPT links, tables have no raw CSV download, plain HTTP listens on 127.0.0.1."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorLinks"] is False
    assert config["client"]["disableDataExport"] is True
    assert config["client"]["showErrorDetails"] == "type"
    assert config["server"]["address"] == "127.0.0.1"


def test_tls_command_writes_a_certificate_for_the_names_given(tmp_path, capsys):
    """`python -m analytics tls --name ...` writes a certificate for those names and an owner-only key."""
    assert main(["tls", "--dir", str(tmp_path), "--name", "waspada.malinau.local", "--name", "192.168.10.5"]) == 0
    out = capsys.readouterr().out
    assert "--server.sslCertFile" in out and "https://" in out
    cert = x509.load_pem_x509_certificate((tmp_path / "waspada.crt").read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "waspada.malinau.local" in names.get_values_for_type(x509.DNSName)
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["192.168.10.5"]
    if os.name == "posix":
        assert (tmp_path / "waspada.key").stat().st_mode & 0o077 == 0


def test_dashboard_serves_https_with_the_generated_certificate(tmp_path):
    """Streamlit started with the generated certificate answers over HTTPS, and a client trusting it connects."""
    paths = write_self_signed(tmp_path / "tls", ["localhost", "127.0.0.1"])
    port = 18_000 + os.getpid() % 2000
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{(tmp_path / 'store.db').as_posix()}"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
               str(port), "--server.sslCertFile", str(paths.cert), "--server.sslKeyFile", str(paths.key)]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(paths.cert))
    try:
        deadline, status = time.time() + 60, None
        while time.time() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"https://localhost:{port}/_stcore/health", context=context,
                                            timeout=2) as answer:
                    status = answer.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
