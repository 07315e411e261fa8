"""`python -m analytics ingest/export/template` as an analyst runs them: JSON out, clear exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics.store.db import open_store
from analytics.settings import write_setting

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"


def test_ingest_json_then_reupload(db):
    """A good file prints one JSON object and exits 0; sending it again adds nothing and still exits 0."""
    path = DATA / "kejadian" / "utf8_bom.csv"
    first = run_cli("ingest", str(path), "--db", db, "--json", "--user", "analis1")
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)
    assert (out["rows_read"], out["rows_accepted"], out["rows_rejected"], out["duplicates"], out["committed"]) \
        == (5, 5, 0, 0, True)
    assert out["errors"] == [] and isinstance(out["warnings"], list)
    again = json.loads(run_cli("ingest", str(path), "--db", db, "--json").stdout)
    assert (again["committed"], again["duplicates"]) == (False, 5)


def test_ingest_with_errors_exits_1_and_lists_them(db):
    """A file with a bad row writes nothing, exits 1 and lists row, column, value and message."""
    result = run_cli("ingest", str(DATA / "broken" / "negative_counts.csv"), "--db", db, "--json")
    assert result.returncode == 1
    out = json.loads(result.stdout)
    assert out["committed"] is False
    assert out["errors"][0] == {"row": 3, "column": "Meninggal", "value": "-1",
                                "message": "Jumlah korban meninggal harus bilangan bulat 0 atau lebih, bukan '-1'"}


def test_ingest_valid_only_exits_0(db):
    """With --valid-only the good row is stored and the command succeeds."""
    out = run_cli("ingest", str(DATA / "broken" / "negative_counts.csv"), "--db", db, "--json", "--valid-only")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert (data["committed"], data["rows_accepted"], data["rows_rejected"]) == (True, 1, 1)


@pytest.mark.parametrize("name", ["random_bytes.xlsx", "empty.csv", "does_not_exist.csv"])
def test_unreadable_file_exits_2_without_traceback(db, name):
    """An unreadable or missing file exits 2 with an Indonesian message and no traceback."""
    result = run_cli("ingest", str(DATA / "broken" / name), "--db", db, "--json")
    assert result.returncode == 2
    assert result.stderr.startswith("Gagal: ") and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_upload_max_mb_is_enforced(db, tmp_path):
    """A file over the configured upload_max_mb is refused by the command line too."""
    engine = open_store(db)
    write_setting(engine, "upload_max_mb", 1, "admin")
    engine.dispose()
    big = tmp_path / "besar.csv"
    big.write_bytes((DATA / "kejadian" / "utf8_bom.csv").read_bytes() + b"#" * (1024 * 1024 + 10))
    result = run_cli("ingest", str(big), "--db", db, "--json")
    assert result.returncode == 2 and "melebihi batas 1 MB" in result.stderr


def test_export_neutralises_formulas(db, tmp_path):
    """Exported text that Excel would run as a formula starts with an apostrophe; counts stay numbers."""
    run_cli("ingest", str(DATA / "broken" / "formulas_html.csv"), "--db", db)
    out = tmp_path / "kejadian.xlsx"
    result = run_cli("export", "--db", db, "--format", "xlsx", "--output", str(out))
    assert result.returncode == 0 and "2 kejadian diekspor" in result.stdout
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    jenis = [r[header.index("jenis")] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in jenis
    assert all(isinstance(r[header.index("korban_meninggal")], int) for r in rows[1:])


def test_template_command_writes_both_templates(tmp_path):
    """`template` writes the kejadian and laporan templates, each with a Petunjuk sheet and drop-downs."""
    result = run_cli("template", "--output", str(tmp_path))
    assert result.returncode == 0
    for name in ("templat_kejadian.xlsx", "templat_laporan_berkala.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        assert "Petunjuk" in book.sheetnames
        assert len(book.worksheets[0].data_validations.dataValidation) >= 3
