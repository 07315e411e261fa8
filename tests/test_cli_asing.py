"""`python -m analytics asing import` stores the foreigners register, and the risk score's paparan reads it."""

import subprocess
import sys

import pandas as pd

from tests.conftest import TESTS_DIR

ROOT = TESTS_DIR.parent
REGISTER = (
    "periode_mulai;periode_akhir;kecamatan;desa;jenis;status_dokumen;jumlah\n"
    "01/05/2024;31/05/2024;Kayan Hulu;Long Nawang;tka;tanpa_dokumen;30\n"
)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def _paparan(url: str, kode: str) -> float:
    result = _run("score", "--db", url, "--as-of", "2024-06-10", "--level", "desa", "--format", "csv")
    table = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype={"kode": str})
    return float(table.loc[table["kode"] == kode, "paparan"].iloc[0])


def test_undocumented_workers_raise_exposure_of_their_desa_only(store_url, tmp_path):
    """30 TKA without documents in Long Nawang raise its paparan; a desa elsewhere is unchanged."""
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    before = {k: _paparan(store_url, k) for k in ("65.02.05.2001", "65.02.02.2002")}
    stored = _run("asing", "import", str(path), "--db", store_url)
    assert stored.returncode == 0 and "1 baris register disimpan" in stored.stdout
    assert _paparan(store_url, "65.02.05.2001") > before["65.02.05.2001"]
    assert _paparan(store_url, "65.02.02.2002") == before["65.02.02.2002"]


def test_bad_register_is_refused_whole(store_url, tmp_path):
    """A negative count is refused with its row, column and value, and nothing is stored."""
    path = tmp_path / "register.csv"
    path.write_text(REGISTER + "01/05/2024;31/05/2024;Kayan Hulu;;wisata;lengkap;-3\n", encoding="utf-8")
    result = _run("asing", "import", str(path), "--db", store_url)
    assert result.returncode == 1
    assert "baris 3" in result.stderr and "jumlah" in result.stderr and "'-3'" in result.stderr
    summary = _run("asing", "ringkasan", "--db", store_url, "--as-of", "2024-06-10")
    assert pd.read_csv(pd.io.common.StringIO(summary.stdout))["jumlah"].sum() == 0
