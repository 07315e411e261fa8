"""Register orang asing / TKA: all-or-nothing ingest, summary per kecamatan, redaction, and the paparan input."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.errors import IngestError
from analytics.asing.register import (exposure_equivalents, foreigners_summary, ingest_foreigners, read_foreigners,
                                  read_foreigners_file, redact_foreigners)
from analytics.settings import default_settings

HEADER = ["Periode Mulai", "Periode Akhir", "Kecamatan", "Desa", "Jenis", "Status Dokumen", "Jumlah", "Nama", "Paspor"]
ROWS = [
    ["01/05/2024", "31/05/2024", "Mentarang", "", "tka", "lengkap", "12", "", ""],
    ["01/05/2024", "31/05/2024", "65.02.01", "Long Bisai", "tka", "tanpa dokumen", "1", "Li Wei", "E1234567"],
    ["01/05/2024", "31/05/2024", "Malinau Kota", "", "wisata", "lengkap", "30", "", ""],
    ["01/05/2024", "31/05/2024", "Malinau Kota", "", "lembaga asing", "tidak lengkap", "2", "", ""],
]


def _frame(rows=ROWS):
    return pd.DataFrame(rows, columns=HEADER)


def test_ingest_then_summary_per_kecamatan(engine):
    """Four rows are stored; on 10 June Mentarang shows 13 TKA (1 tanpa dokumen) and Malinau Kota 32 people."""
    assert ingest_foreigners(engine, _frame(), file_name="wna_mei.xlsx", user="ana") == 4
    summary = foreigners_summary(engine, date(2024, 6, 10), window_days=90).set_index("kode")
    assert len(summary) == 15
    assert (summary.loc["65.02.01", "tka"], summary.loc["65.02.01", "tanpa_dokumen"], summary.loc["65.02.01", "jumlah"]) == (13, 1, 13)
    assert (summary.loc["65.02.02", "wisata"], summary.loc["65.02.02", "lembaga_asing"], summary.loc["65.02.02", "jumlah"]) == (30, 2, 32)
    # Before the period ends nothing counts; 91 days after 31 May it has left the 90-day window.
    assert foreigners_summary(engine, date(2024, 5, 31), 90)["jumlah"].sum() == 0
    assert foreigners_summary(engine, date(2024, 8, 30), 90)["jumlah"].sum() == 0
    assert foreigners_summary(engine, date(2024, 8, 29), 90)["jumlah"].sum() == 45  # 12 + 1 + 30 + 2


def test_personal_details_only_on_request(engine):
    """Names and passport numbers are stored but shown only to analis/admin (personal=True)."""
    ingest_foreigners(engine, _frame(), file_name="wna.csv", user="ana")
    public = read_foreigners(engine)
    assert "nama" not in public and "paspor" not in public
    personal = read_foreigners(engine, personal=True)
    assert personal.loc[personal["kode_desa"] == "65.02.01.2002", "paspor"].tolist() == ["E1234567"]
    assert "Li Wei" not in redact_foreigners(personal).to_csv()


@pytest.mark.parametrize(
    "row, column, message",
    [
        (["01/05/2024", "31/05/2024", "Atlantis", "", "tka", "lengkap", "1", "", ""], "Kecamatan", "tidak dikenal"),
        (["01/05/2024", "31/05/2024", "Mentarang", "", "pengungsi", "lengkap", "1", "", ""], "Jenis", "Jenis harus"),
        (["01/05/2024", "31/05/2024", "Mentarang", "", "tka", "hilang", "1", "", ""], "Status Dokumen", "Status dokumen"),
        (["01/05/2024", "31/05/2024", "Mentarang", "", "tka", "lengkap", "dua", "", ""], "Jumlah", "bilangan bulat"),
        (["01/05/2024", "31/05/2024", "Mentarang", "", "tka", "lengkap", "0", "", ""], "Jumlah", "bilangan bulat"),
        (["kemarin", "31/05/2024", "Mentarang", "", "tka", "lengkap", "1", "", ""], "Periode Mulai", "Tanggal"),
        (["01/06/2024", "31/05/2024", "Mentarang", "", "tka", "lengkap", "1", "", ""], "Periode Akhir", "sebelum"),
    ],
)
def test_one_bad_row_refuses_the_file(engine, row, column, message):
    """A bad value is named by row (as in Excel, header = row 1), column and value, and nothing is stored."""
    with pytest.raises(IngestError) as caught:
        ingest_foreigners(engine, _frame(ROWS[:2] + [row]), file_name="wna.xlsx", user="ana")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, column) and message in problem.message
    assert read_foreigners(engine).empty


def test_missing_columns_and_empty_file(engine):
    """A file without 'jumlah' names the missing column; a header with no rows is refused."""
    with pytest.raises(IngestError, match="jumlah"):
        ingest_foreigners(engine, _frame().drop(columns="Jumlah"), file_name="wna.csv", user="ana")
    with pytest.raises(IngestError, match="tidak berisi"):
        ingest_foreigners(engine, _frame([]), file_name="wna.csv", user="ana")


def test_csv_file_reads_with_template_headers(tmp_path):
    """A ;-separated CSV with a BOM reads into the template column names, codes kept as text."""
    path = tmp_path / "wna.csv"
    path.write_text("\ufeff" + ";".join(HEADER) + "\n" + ";".join(ROWS[1]) + "\n", encoding="utf-8")
    frame = read_foreigners_file(path)
    assert list(frame.columns)[:3] == ["periode_mulai", "periode_akhir", "kecamatan"]
    assert frame["kecamatan"].iloc[0] == "65.02.01"


def test_exposure_equivalents_for_the_risk_score():
    """Undocumented people count jumlah/10 kejadian in their desa, or in every desa of their kecamatan."""
    places = pd.DataFrame({"kode": ["65.02.01.2002", "65.02.01.2005", "65.02.02.1001"],
                           "kode_kecamatan": ["65.02.01", "65.02.01", "65.02.02"]})
    register = pd.DataFrame({
        "periode_akhir": pd.to_datetime(["2024-05-31", "2024-05-31", "2024-05-31"]),
        "kode_kecamatan": ["65.02.01", "65.02.01", "65.02.02"],
        "kode_desa": ["65.02.01.2002", None, None],
        "dokumen": ["tanpa_dokumen", "tidak_lengkap", "lengkap"],
        "jumlah": [5, 20, 100],
    })
    settings = default_settings(risk_exposure_days=365, foreigners_per_event=10)
    got = exposure_equivalents(register, places, np.array(["2024-05-31", "2024-06-01"], dtype="datetime64[D]"), settings)
    # On 31 May the period has not ended before the evaluation day: nothing. On 1 June: Long Bisai 5/10 + 20/10
    # = 2.5, Pulau Sapi 20/10 = 2.0 (kecamatan row), Malinau Kota 0 (documented people do not count).
    np.testing.assert_allclose(got, [[0.0, 2.5], [0.0, 2.0], [0.0, 0.0]])


def test_register_raises_paparan_and_nothing_else():
    """Passing the register to score_desa raises only the paparan of the desa concerned; without it scores are unchanged."""
    from analytics.risk.elections import calendar_from_settings
    from analytics.risk.score import score_desa
    from analytics.ingest.schemas import INCIDENT_COLUMNS, REPORT_COLUMNS

    settings = default_settings()
    incidents = pd.DataFrame(columns=INCIDENT_COLUMNS).astype({"tanggal": "datetime64[ns]", "korban_meninggal": int,
                                                                "korban_luka": int})
    reports = pd.DataFrame(columns=REPORT_COLUMNS)
    register = pd.DataFrame({"periode_akhir": pd.to_datetime(["2024-05-31"]), "kode_kecamatan": ["65.02.01"],
                             "kode_desa": ["65.02.01.2002"], "dokumen": ["tanpa_dokumen"], "jumlah": [20]})
    args = (incidents, reports, calendar_from_settings(settings), settings, date(2024, 6, 10))
    plain = score_desa(*args).set_index("kode")
    assert plain.equals(score_desa(*args, foreigners=None).set_index("kode"))
    with_register = score_desa(*args, foreigners=register).set_index("kode")
    # 20 people / 10 = 2 kejadian equivalents: the count half is ½·(1 − 2^(−2/2)) = 0.25 → +25 points of paparan.
    delta = with_register["paparan"] - plain["paparan"]
    assert delta.loc["65.02.01.2002"] == pytest.approx(25.0, abs=0.1)
    assert (delta.drop("65.02.01.2002") == 0).all()
