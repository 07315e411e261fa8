"""Hostile files and text: refused with an Indonesian message and the store untouched, or stored as inert text."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from analytics import cli
from analytics.store.audit import audit_csv, audit_xlsx, read_audit
from analytics.auth import AuthError, User, authenticate, create_user
from analytics.store.db import open_store
from analytics.errors import IngestError, Problem
from analytics.views.exports import build_export, write_export
from analytics.places.gazetteer import load_gazetteer
from analytics.ingest.pipeline import ingest_file
from analytics.store.queries import read_incidents
from analytics.settings import SETTINGS_BY_NAME, read_settings, write_setting
from analytics.ingest.report import problems_csv, problems_frame, problems_xlsx
from test_ingest import store_snapshot

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
MACRO_MARKER = "waspada_makro_berjalan.txt"
SQL_TEXT = "'); DROP TABLE incidents;--"
FORMULA_CELLS = ["=cmd|' /C calc'!A0", "+62 811 000", "@SUM(1+1)"]


@pytest.mark.parametrize("name, fragments", [
    ("broken_workbook.xlsx", ["Berkas 'broken_workbook.xlsx' bukan berkas Excel yang sah atau rusak", "simpan ulang"]),
    ("lying_zip_bomb.xlsx", ["'lying_zip_bomb.xlsx' ditolak", "'xl/worksheets/sheet1.xml' mengaku berukuran 1,024 byte",
                             "ciri bom zip"]),
])
def test_hostile_files_are_refused_and_store_unchanged(engine, name, fragments):
    """A broken Office file and a zip bomb with a forged directory are refused; every table is unchanged."""
    ingest_file(engine, HOSTILE / "hostile_text.csv", "hostile_text.csv", user="uji")  # a store that is not empty
    before = store_snapshot(engine)
    with pytest.raises(IngestError) as caught:
        ingest_file(engine, HOSTILE / name, name, user="uji")
    for fragment in fragments:
        assert fragment in caught.value.message
    assert store_snapshot(engine) == before


def test_macro_workbook_loads_cells_and_never_runs_the_macro(engine, tmp_path, monkeypatch):
    """An .xlsm with a VBA project stores its 2 rows as cell text; the macro's file is never created."""
    monkeypatch.chdir(tmp_path)  # the macro writes to the current folder if anything ever ran it
    report = ingest_file(engine, HOSTILE / "macro.xlsm", "macro.xlsm", user="uji")
    assert report.committed and report.rows_accepted == 2
    assert sorted(read_incidents(engine)["uraian"]) == ["=1+1", "Makro tidak boleh berjalan"]
    openpyxl.load_workbook(HOSTILE / "macro.xlsm", keep_vba=True).close()  # the other reader on the machine
    assert not (tmp_path / MACRO_MARKER).exists() and not (ROOT / MACRO_MARKER).exists()


def test_lying_bomb_is_caught_by_inflating_not_by_the_directory():
    """The forged directory claims a tiny sheet, so only the streamed inflate (capped) can see the bomb."""
    import zipfile

    from analytics.ingest.filecheck import inflated_size

    data = (HOSTILE / "lying_zip_bomb.xlsx").read_bytes()
    member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    assert member.file_size == 1024 and member.compress_size > member.file_size  # nothing looks inflated
    assert 1024 < inflated_size(data, member, cap=1024) <= 1024 + 256 * 1024  # stopped one chunk past the cap
    assert inflated_size(data, member, cap=10**9) == 64 * 1024 * 1024 + len("<worksheet><sheetData></sheetData></worksheet>")


def big_csv(path: Path) -> Path:
    """Write a 1.5 MB kejadian CSV (valid rows) and return its path."""
    row = "12/03/2024,Kayan Hulu,Long Nawang,Demo,0,1,baris panjang untuk ukuran\n"
    path.write_text("Tanggal,Kecamatan,Desa,Jenis Kejadian,Korban MD,Korban LL,Uraian\n"
                    + row * (int(1.5 * 1024 * 1024) // len(row) + 1), encoding="utf-8")
    return path


def test_over_limit_file_refused_by_cli(engine, tmp_path, capsys):
    """With upload_max_mb = 1 the CLI refuses a 1.5 MB file (exit 2) naming the setting; nothing is stored."""
    write_setting(engine, "upload_max_mb", 1, user="uji")
    before = store_snapshot(engine)
    path = big_csv(tmp_path / "besar.csv")
    code = cli.main(["ingest", str(path), "--db", engine.url.render_as_string(hide_password=False)])
    assert code == 2
    assert "berukuran 1.5 MB, melebihi batas 1 MB (pengaturan upload_max_mb)" in capsys.readouterr().err
    assert store_snapshot(engine) == before


def test_streamlit_upload_cap_matches_the_setting_default():
    """.streamlit/config.toml server.maxUploadSize equals upload_max_mb's default (25 MB)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == SETTINGS_BY_NAME["upload_max_mb"].default == 25


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    """A SQLite store the app opens, with the hostile text stored and an analis account; returns its engine."""
    url = f"sqlite:///{(tmp_path / 'hostile.db').as_posix()}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = open_store(url)
    create_user(engine, "uji_analis", "kata-sandi-uji-1", "analis")
    assert ingest_file(engine, HOSTILE / "hostile_text.csv", "hostile_text.csv", user="uji").committed
    yield engine
    engine.dispose()


def app_as_analis(query: dict | None = None) -> AppTest:
    """Return an AppTest of app.py logged in as analis, run once with the given URL parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user"] = User("uji_analis", "analis")
    at.query_params.update(query or {})
    return at.run()


def test_over_limit_file_refused_by_upload_page(app_store):
    """On Unggah Data a 1.5 MB file under a 1 MB limit shows the size and the limit; nothing is stored."""
    write_setting(app_store, "upload_max_mb", 1, user="uji")
    before = store_snapshot(app_store)
    at = app_as_analis()
    at.switch_page("pages/unggah.py").run()
    data = big_csv(Path(str(app_store.url.database)).with_name("besar.csv")).read_bytes()
    at.file_uploader[0].set_value(("besar.csv", data, "text/csv")).run()
    assert not at.exception
    assert any("berukuran 1.5 MB, melebihi batas 1 MB" in e.value for e in at.error)
    assert store_snapshot(app_store) == before


def test_html_and_script_show_as_plain_text(app_store):
    """On Profil the <script> and <img onerror> cells appear verbatim in the table and never as markup."""
    kode = load_gazetteer().desa.set_index("nama").loc["Long Nawang", "kode"]
    at = app_as_analis({"dari": "2024-03-01", "sampai": "2024-03-31"})
    at.switch_page("pages/profil.py").run()
    at.selectbox(key="profil_place_desa").set_value(kode).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["tindak_lanjut"].tolist() == ["<img src=x onerror=alert(1)>"]
    assert table["uraian"].tolist() == [SQL_TEXT]
    markup = [m for m in at.markdown if m.proto.allow_html]
    assert all("<img" not in m.value and "<script" not in m.value for m in markup)
    assert all("onerror" not in m.value for m in at.markdown)


def test_sql_text_is_stored_verbatim_and_tables_survive(engine):
    """'); DROP TABLE incidents;-- is stored as text through bound parameters; every table is still there."""
    names = set(sa.inspect(engine).get_table_names())
    ingest_file(engine, HOSTILE / "hostile_text.csv", "hostile_text.csv", user="uji")
    with pytest.raises(AuthError):
        authenticate(engine, SQL_TEXT, SQL_TEXT, read_settings(engine))
    assert set(sa.inspect(engine).get_table_names()) == names
    stored = read_incidents(engine)
    assert len(stored) == 2 and SQL_TEXT in stored["uraian"].tolist()
    assert stored["uraian"].tolist().count("<script>alert('xss')</script> <b>tebal</b>") == 1
    assert read_audit(engine)["pengguna"].tolist()[0] == SQL_TEXT


def neutral(value: str) -> str:
    """Return the text as a safe export must write it (a leading apostrophe)."""
    return "'" + value


def test_incident_export_neutralises_formulas_and_keeps_numbers(engine, tmp_path):
    """CSV and Excel exports of the store write '=cmd…, '+62…, '@SUM… as text and casualty counts as numbers."""
    ingest_file(engine, HOSTILE / "hostile_text.csv", "hostile_text.csv", user="uji")
    frame = build_export(engine)
    with open(write_export(frame, tmp_path / "k.csv", "csv"), encoding="utf-8-sig", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    assert {neutral(v) for v in FORMULA_CELLS} <= cells and not set(FORMULA_CELLS) & cells
    book = pd.read_excel(write_export(frame, tmp_path / "k.xlsx", "xlsx"), engine="openpyxl")
    assert sorted(book["sumber"]) == sorted([neutral("=cmd|' /C calc'!A0"), neutral("@SUM(1+1)")])
    assert book["tindak_lanjut"].tolist().count(neutral("+62 811 000")) == 1
    assert book["uraian"].tolist().count(SQL_TEXT) == 1  # starts with ' already: not a formula, left alone
    assert sorted(book["korban_luka"].tolist()) == [0, 1] and book["korban_luka"].dtype.kind == "i"
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "k.xlsx").active.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)  # no formula cell at all


def test_problem_report_and_audit_exports_neutralise_every_prefix(engine):
    """The problems download and the audit export write = + - @ cells with an apostrophe; numbers stay numbers."""
    values = ["=1+1", "+1", "-1+1", "@A1"]
    frame = problems_frame([Problem("x.csv", None, i + 2, "Desa", v, "tidak dikenal") for i, v in enumerate(values)])
    assert [neutral(v) for v in values] == [r[3] for r in csv.reader(io.StringIO(problems_csv(frame).decode("utf-8-sig")))][1:]
    book = pd.read_excel(io.BytesIO(problems_xlsx(frame)), engine="openpyxl")
    assert book["Nilai"].tolist() == [neutral(v) for v in values] and book["Baris"].tolist() == [2, 3, 4, 5]
    for name in values:
        with pytest.raises(AuthError):
            authenticate(engine, name, "salah-salah-salah", read_settings(engine))
    entries = read_audit(engine)
    text = audit_csv(entries).decode("utf-8-sig")
    assert all(f",{neutral(v)}," in text for v in values)
    audit_book = pd.read_excel(io.BytesIO(audit_xlsx(entries)), engine="openpyxl")
    assert sorted(audit_book["Pengguna"]) == sorted(neutral(v) for v in values)
