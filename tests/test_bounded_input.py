"""Small hostile files cost bounded memory and time: each is refused with a message naming file, row or cell."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from analytics import cli
from analytics.errors import IngestError
from analytics.ingest.filecheck import FileLimits
from analytics.ingest.isolate import run_isolated
from analytics.ingest.read import read_table
from test_ingest import store_snapshot

ROOT = Path(__file__).resolve().parents[1]
HEADER = "Tanggal,Kecamatan,Desa,Jenis Kejadian,Uraian\n"
ROW = "11/05/2023,Mentarang,Pulau Sapi,Unjuk rasa,Warga berkumpul\n"
GB = 1024 ** 3


def far_cell_xlsx(cell: str) -> bytes:
    """Return a small real .xlsx with a kejadian table in A1:E2 and one value at `cell`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for j, title in enumerate(HEADER.strip().split(","), start=1):
        sheet.cell(1, j, title)
    for j, value in enumerate(ROW.strip().split(","), start=1):
        sheet.cell(2, j, value)
    sheet[cell] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def comma_line_csv(commas: int) -> bytes:
    """Return a CSV whose second line is `commas` commas (about 1 MB for a million)."""
    return (HEADER + "," * commas + "\n" + ROW).encode()


def long_cell_csv(chars: int) -> bytes:
    """Return a CSV whose first data row has an Uraian of `chars` characters."""
    return (HEADER + ROW.replace("Warga berkumpul", "a" * chars) + ROW).encode()


@pytest.mark.parametrize("cell, fragments", [
    ("XFD1048576", ["Lembar 'Data' pada berkas 'jauh.xlsx'", "sampai XFD1048576", "16,384 kolom", "batas 1,000 kolom"]),
    ("XFD2000", ["Lembar 'Data'", "sampai XFD2000", "16,384 kolom"]),
    ("Z300000", ["sampai Z300000", "300,000 baris", "batas 200,000 baris"]),
    ("ALL9000", ["sampai ALL9000", "9,000 baris × 1,000 kolom = 9,000,000 sel", "batas 5,000,000 sel"]),
])
def test_far_away_cell_is_refused_before_the_grid_is_built(cell, fragments):
    """A 5 KB workbook with one value far from the table is refused, naming the sheet and the far cell."""
    data = far_cell_xlsx(cell)
    assert len(data) < 10_000
    with pytest.raises(IngestError) as caught:
        read_table(data, "jauh.xlsx")
    for fragment in fragments:
        assert fragment in caught.value.message
    assert caught.value.problems[0].sheet == "Data"


def test_million_commas_line_is_refused_naming_the_line():
    """A 1 MB CSV whose line 2 is a million commas is refused, naming the line and the column count."""
    with pytest.raises(IngestError) as caught:
        read_table(comma_line_csv(1_000_000), "koma.csv")
    message = caught.value.message
    assert "Baris 2 pada berkas 'koma.csv' berisi 1,000,001 kolom" in message
    assert "batas 1,000 kolom" in message


def test_quoted_commas_do_not_count_as_columns():
    """A cell with 2,000 commas inside quotes is text, not 2,000 columns: the file loads."""
    data = (HEADER + ROW.replace("Warga berkumpul", '"' + "a," * 2000 + '"')).encode()
    raw = read_table(data, "kutip.csv")
    assert raw.frame.loc[0, "uraian"] == "a," * 2000


@pytest.mark.parametrize("chars, fragments", [
    (200_000, ["Baris 2 pada berkas 'panjang.csv' berisi sel yang lebih panjang dari 131,072 karakter"]),
    (40_000, ["Sel pada baris 2, kolom 'Uraian' berkas 'panjang.csv' berisi 40,000 karakter",
              "melebihi batas 32,767 karakter per sel"]),
])
def test_over_long_cell_gives_a_message_not_a_csv_error(chars, fragments):
    """A cell over 32,767 characters (also over csv's own 131,072) is refused naming the row and column."""
    with pytest.raises(IngestError) as caught:
        read_table(long_cell_csv(chars), "panjang.csv")
    for fragment in fragments:
        assert fragment in caught.value.message


def test_over_long_cell_in_a_workbook_names_row_and_column():
    """An .xlsx cell longer than upload_max_cell_chars is refused naming its row, header and sheet."""
    book = openpyxl.load_workbook(io.BytesIO(far_cell_xlsx("A3")))
    book.active["E2"] = "b" * 5_000
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(IngestError) as caught:
        read_table(buffer.getvalue(), "sel.xlsx", limits=FileLimits(max_cell_chars=1_000))
    assert "Sel pada baris 2, kolom 'Uraian' berkas 'sel.xlsx' (lembar 'Data') berisi 5,000 karakter" \
        in caught.value.message
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "Uraian", "b" * 80 + "…")


PEAK_SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from memory_peak import peak_bytes
    from analytics.errors import IngestError
    from analytics.ingest.read import read_table
    import test_bounded_input as t
    data = {make}
    try:
        read_table(data, {name!r})
        print("LOADED")
    except IngestError as error:
        print("REFUSED", error.message[:60])
    print("PEAK", peak_bytes())
""")


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read from POSIX/Linux process data")
@pytest.mark.parametrize("name, make", [
    ("jauh.xlsx", "t.far_cell_xlsx('XFD1048576')"),
    ("jauh2000.xlsx", "t.far_cell_xlsx('XFD2000')"),
    ("koma.csv", "t.comma_line_csv(1_000_000)"),
    ("panjang.csv", "t.long_cell_csv(300_000)"),
])
def test_hostile_files_peak_memory_stays_under_1_gb(name, make):
    """Reading each hostile file, in a fresh process, peaks under 1 GB and ends in a refusal, not a crash."""
    script = PEAK_SCRIPT.format(root=str(ROOT), tests=str(ROOT / "tests"), make=make, name=name)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert "REFUSED" in lines, done.stdout
    assert int(lines["PEAK"]) < GB


def allocate(gigabytes: int) -> int:
    """Return the length of a buffer of the given size (used to exhaust the worker's memory)."""
    return len(bytearray(gigabytes * GB))


def abort_reader() -> None:
    """Die the way a native reader dies when an allocation fails (SIGABRT)."""
    os.abort()


@pytest.fixture(params=["fork", "forkserver"])
def start_method(request, monkeypatch):
    """Run the worker as a one-shot command does (one thread: fork) or as the dashboard does (other threads
    alive: the forkserver); yield the start method the worker will use."""
    import threading

    from analytics.ingest import isolate

    if request.param == "fork":
        if sys.platform == "win32":
            pytest.skip("Windows has no fork")
        # earlier tests in this process may have left threads running; a command-line process has none
        monkeypatch.setattr(isolate.threading, "active_count", lambda: 1)
        assert isolate._process_class() is not isolate.WORKER_PROCESS
        yield "fork"
        return
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()  # a second thread, as under Streamlit
    try:
        assert isolate._process_class() is isolate.WORKER_PROCESS
        yield "forkserver"
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("func, args", [(allocate, (4,)), (abort_reader, ())])
def test_worker_turns_exhausted_memory_into_a_refusal(func, args, start_method):
    """A parse that runs out of memory (or aborts) refuses that file only; the server process carries on."""
    with pytest.raises(IngestError, match="'besar.xlsx' tidak dapat dibaca: membacanya memerlukan lebih dari 256 MB"):
        run_isolated(func, *args, file_name="besar.xlsx", memory_mb=256, timeout_seconds=60)
    assert run_isolated(len, "masih hidup", file_name="x", memory_mb=256, timeout_seconds=60) == 11


def test_worker_passes_the_readers_refusal_with_its_problems():
    """An IngestError raised inside the worker reaches the page unchanged, with its problem rows."""
    with pytest.raises(IngestError) as caught:
        run_isolated(read_table, comma_line_csv(5_000), "koma.csv", file_name="koma.csv", memory_mb=512,
                     timeout_seconds=60, limits=FileLimits())
    assert "Baris 2 pada berkas 'koma.csv' berisi 5,001 kolom" in caught.value.message
    assert caught.value.problems[0].file == "koma.csv"


def test_cli_refuses_far_cell_workbook_and_stores_nothing(engine, tmp_path, capsys):
    """`python -m analytics ingest` on the XFD1048576 workbook exits 2 with the sheet and cell; store unchanged."""
    path = tmp_path / "jauh.xlsx"
    path.write_bytes(far_cell_xlsx("XFD1048576"))
    before = store_snapshot(engine)
    code = cli.main(["ingest", str(path), "--db", engine.url.render_as_string(hide_password=False)])
    assert code == 2
    assert "sampai XFD1048576" in capsys.readouterr().err
    assert store_snapshot(engine) == before


def test_without_a_worker_the_parse_still_runs_bounded(monkeypatch):
    """Where no child process can start, the file is still read (in process) and hostile files still refused."""
    from analytics.ingest import isolate

    def no_fork(self):
        raise OSError("fork not permitted")

    # every start method (forkserver for the dashboard, fork for a one-shot command) shares this start()
    monkeypatch.setattr(isolate.multiprocessing.process.BaseProcess, "start", no_fork)
    assert run_isolated(len, "abc", file_name="x", memory_mb=256, timeout_seconds=60) == 3
    with pytest.raises(IngestError, match="sampai XFD1048576"):
        run_isolated(read_table, far_cell_xlsx("XFD1048576"), "jauh.xlsx", file_name="jauh.xlsx", memory_mb=256,
                     timeout_seconds=60)
