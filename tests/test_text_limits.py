"""Text from people is bounded: NUL characters give a clear message on any database, long names are clipped."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from analytics.auth import AuthError, authenticate, create_user
from analytics.ingest.pipeline import ingest_file
from analytics.settings import read_settings
from analytics.text_limits import MAX_USERNAME_CHARS, clip_text
from test_ingest import store_snapshot

HEADER = "Tanggal,Kecamatan,Desa,Jenis Kejadian,Uraian\n"
ROW = "11/05/2023,Mentarang,Pulau Sapi,Unjuk rasa,{uraian}\n"


def nul_csv(filler_rows: int) -> bytes:
    """Return a kejadian CSV whose last row's Uraian holds a NUL, after filler_rows good rows."""
    rows = [ROW.format(uraian=f"Warga berkumpul {i}") for i in range(filler_rows)]
    return (HEADER + "".join(rows) + ROW.format(uraian="Teks\x00tersembunyi")).encode()


def test_nul_in_a_cell_rejects_the_row_naming_row_column_and_value(engine):
    """A NUL deep in a CSV is an error on its row and column (shown as ␀); nothing is stored, no SQL error."""
    data = nul_csv(400)  # past the first 8 KB, where the binary-file check looks
    before = store_snapshot(engine)
    report = ingest_file(engine, data, "nul.csv", user="uji")
    assert not report.committed
    nul = [p for p in report.problems if "karakter NUL" in p.message]
    assert [(p.row, p.column, p.value) for p in nul] == [(402, "Uraian", "Teks␀tersembunyi")]
    assert store_snapshot(engine) == before


def test_valid_rows_of_a_nul_file_can_still_be_stored(engine):
    """With 'valid rows only' the 400 good rows are stored and the NUL row is left out."""
    report = ingest_file(engine, nul_csv(400), "nul.csv", user="uji", valid_only=True)
    assert report.committed and report.inserted == 400 and report.rows_rejected == 1


def test_nul_at_the_start_is_refused_as_binary(engine):
    """A NUL in the first 8 KB makes the file 'bukan berkas teks CSV', a message naming the file."""
    from analytics.errors import IngestError

    with pytest.raises(IngestError, match="Berkas 'nul.csv' bukan berkas teks CSV"):
        ingest_file(engine, nul_csv(0), "nul.csv", user="uji")


def test_giant_username_is_clipped_before_the_audit_row(engine):
    """A 5 MB username at the login form is refused and audited as its first 100 characters only."""
    create_user(engine, "kesbang", "kata-sandi-uji-123", "admin")
    giant = "a" * (5 * 1024 * 1024) + "\x00"
    with pytest.raises(AuthError):
        authenticate(engine, giant, "salah", read_settings(engine))
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select username, target from audit_log where action like 'masuk%'")).all()
    assert rows and all(len(u) == MAX_USERNAME_CHARS and len(t or "") <= MAX_USERNAME_CHARS for u, t in rows)


@pytest.mark.parametrize("value, limit, expected", [
    ("abc", 2, "ab"), ("a\x00b", 10, "ab"), (None, 5, ""), ("x" * 1_000_000, 3, "xxx"), (12, 5, "12"),
])
def test_clip_text(value, limit, expected):
    """clip_text removes NULs and cuts to the limit."""
    assert clip_text(value, limit) == expected


def test_very_long_file_name_is_stored_clipped(engine):
    """A 400-character file name is stored as its first 255 characters instead of failing the insert."""
    name = "laporan_" + "x" * 392 + ".csv"
    report = ingest_file(engine, (HEADER + ROW.format(uraian="Warga berkumpul")).encode(), name, user="uji")
    assert report.committed
    with engine.connect() as conn:
        stored = conn.execute(sa.text("select file_name from uploads")).scalar_one()
    assert stored == name[:255]
