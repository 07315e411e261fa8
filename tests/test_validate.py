"""Every bad row is reported with its Excel row, column as written, value and an Indonesian message."""

from datetime import date

import pandas as pd
import pytest

from analytics.ingest.categories import default_synonyms
from analytics.places.gazetteer import load_gazetteer
from analytics.ingest.model import RawTable, TableKind
from analytics.places.names import NameResolver
from analytics.settings import default_settings
from analytics.ingest.validate import validate_table

TODAY = date(2024, 6, 30)
SETTINGS_DEFAULT = default_settings()
HEADERS = {"tanggal": "Tgl Kejadian", "kecamatan": "Kec.", "desa": "Desa/Kel", "jenis": "Jenis Kejadian",
           "korban_meninggal": "MD", "korban_luka": "LL", "lat": "Lintang", "lon": "Bujur", "uraian": "Uraian",
           "kabupaten": "admin2", "periode": "Periode", "indikator": "Indikator", "nilai": "Nilai"}
GOOD = {"tanggal": "12/03/2024", "kecamatan": "Kayan Hulu", "desa": "Long Nawang", "jenis": "Demo",
        "korban_meninggal": "0", "korban_luka": "1"}


@pytest.fixture(scope="module")
def resolver():
    return NameResolver(load_gazetteer())


def make_raw(rows: list[dict], kind=TableKind.KEJADIAN, indicator_columns=None) -> RawTable:
    """Return a RawTable as the loader would: object cells, '' for empty, data starting on Excel row 5."""
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    return RawTable(frame=frame, file_name="uji.xlsx", sheet="Data", sheets=["Data"], header_row=4,
                    row_numbers=list(range(5, 5 + len(frame))),
                    columns={c: HEADERS.get(c, c) for c in frame.columns if c not in (indicator_columns or {})},
                    unmapped=[], kind=kind, indicator_columns=indicator_columns or {})


def run(resolver, rows, **kw):
    return validate_table(make_raw(rows, **kw), resolver, default_synonyms(), SETTINGS_DEFAULT, today=TODAY)


@pytest.mark.parametrize("change, column, message", [
    ({"tanggal": ""}, "Tgl Kejadian", "Tanggal kosong"),
    ({"tanggal": "kemarin"}, "Tgl Kejadian", "tidak dapat dibaca"),
    ({"tanggal": "31/02/2024"}, "Tgl Kejadian", "Februari 2024 hanya sampai tanggal 29"),
    ({"tanggal": "01/07/2024"}, "Tgl Kejadian", "ada di masa depan"),
    ({"tanggal": "31/12/1999"}, "Tgl Kejadian", "sebelum tahun 2000"),
    ({"korban_meninggal": "-1"}, "MD", "bilangan bulat 0 atau lebih, bukan '-1'"),
    ({"korban_luka": "1,5"}, "LL", "bukan '1,5'"),
    ({"korban_luka": "dua"}, "LL", "bukan 'dua'"),
    ({"kecamatan": "Kayan Tengah"}, "Kec.", "Kecamatan 'Kayan Tengah' tidak dikenal di Kabupaten Malinau"),
    ({"kecamatan": "Malinau Kota", "desa": "Long Nawang"}, "Desa/Kel",
     "desa Long Nawang ada di Kecamatan Kayan Hulu, bukan Malinau Kota; maksud Anda Long Nawang (Kec. Kayan Hulu)?"),
    ({"desa": "Long Entah Berantah"}, "Desa/Kel", "Desa 'Long Entah Berantah' tidak dikenal di Kecamatan Kayan Hulu"),
    ({"kecamatan": "", "desa": ""}, "Kec.", "Kecamatan dan desa kosong"),
])
def test_row_errors_name_row_column_value_and_expectation(resolver, change, column, message):
    """A bad cell rejects its row; the problem names Excel row 6, the header as written and the value."""
    result = run(resolver, [GOOD, {**GOOD, **change}])
    assert len(result.records) == 1 and result.rows_rejected == 1
    errors = result.errors
    assert len(errors) == 1
    assert (errors[0].file, errors[0].sheet, errors[0].row, errors[0].column) == ("uji.xlsx", "Data", 6, column)
    assert message in errors[0].message
    assert result.source_rows.tolist() == [5]


@pytest.mark.parametrize("written, expected", [
    ("-", 0), ("", 0), ("nihil", 0), ("Nihil", 0), ("TIDAK ADA", 0), (" tidak ada ", 0), ("–", 0),
    ("0", 0), ("2", 2), ("3,0", 3),
])
def test_no_casualty_words_count_as_zero(resolver, written, expected):
    """'-', an empty cell, 'nihil' or 'tidak ada' in KORBAN MD / LL are stored as 0 casualties, without error."""
    result = run(resolver, [{**GOOD, "korban_meninggal": written, "korban_luka": written}])
    assert result.errors == []
    assert result.records[["korban_meninggal", "korban_luka"]].iloc[0].tolist() == [expected, expected]


@pytest.mark.parametrize("written", ["ada", "--", "nihil?", "tdk ada", "1 orang"])
def test_other_casualty_text_is_an_error_naming_row_column_value(resolver, written):
    """Any other text in KORBAN MD is an error naming Excel row 5, the column 'MD' and the value."""
    result = run(resolver, [{**GOOD, "korban_meninggal": written}])
    [error] = result.errors
    assert (error.row, error.column, error.value) == (5, "MD", written)
    assert error.message == f"Jumlah korban meninggal harus bilangan bulat 0 atau lebih, bukan '{written}'"


def test_misspelt_names_are_accepted_with_a_warning(resolver):
    """'Long Nawng' is read as Long Nawang and the analyst is told so."""
    result = run(resolver, [{**GOOD, "desa": "Long Nawng"}, {**GOOD, "kecamatan": "", "desa": "Lung Kebinu"}])
    assert result.errors == []
    assert result.records["kode_desa"].tolist() == ["65.02.05.2001", "65.02.12.2002"]
    assert result.records["kode_kecamatan"].tolist() == ["65.02.05", "65.02.12"]  # taken from the desa
    assert any("'Long Nawng' dibaca sebagai Long Nawang" in w.message and w.row == 5 for w in result.warnings)


def test_kecamatan_without_desa_is_a_kecamatan_level_incident(resolver):
    """A row with a kecamatan and no desa is kept at kecamatan level."""
    result = run(resolver, [{**GOOD, "kecamatan": "KEC. MALINAU KOTA", "desa": ""}])
    assert result.errors == []
    assert result.records.iloc[0]["kode_kecamatan"] == "65.02.02"
    assert pd.isna(result.records.iloc[0]["kode_desa"])


def test_coordinates_outside_malinau_are_dropped_with_a_warning(resolver):
    """Coordinates outside Malinau (here Jakarta) are dropped, the incident is kept."""
    result = run(resolver, [{**GOOD, "lat": "-6.2", "lon": "106.8"}, {**GOOD, "lat": "3,58", "lon": "116,65"}])
    assert result.errors == [] and len(result.records) == 2
    assert pd.isna(result.records.iloc[0]["lat"]) and result.records.iloc[1]["lat"] == pytest.approx(3.58)
    assert [w.row for w in result.warnings if "Koordinat" in w.message] == [5]


def test_unmapped_kinds_give_one_warning_listing_them(resolver):
    """Kinds that match no synonym are kept as 'lainnya' with one warning listing each distinct kind."""
    result = run(resolver, [{**GOOD, "jenis": "Kebakaran"}, {**GOOD, "jenis": "Banjir"}, {**GOOD, "jenis": "Banjir"}])
    assert result.records["kategori"].tolist() == ["lainnya"] * 3
    [warning] = [w for w in result.warnings if "lainnya" in w.message]
    assert "Banjir, Kebakaran" in warning.message and warning.row is None


@pytest.mark.parametrize("missing", ["tanggal", "kecamatan"])
def test_missing_required_column_is_a_file_error(resolver, missing):
    """Without a date or place column the whole file is refused, naming the missing column."""
    rows = [{k: v for k, v in GOOD.items() if k not in (missing, "desa")}]
    result = run(resolver, rows)
    assert result.records.empty and result.rows_rejected == 1
    assert result.errors[0].row is None and "tidak ditemukan" in result.errors[0].message


def test_empty_table_gives_no_records_and_no_errors(resolver):
    """A table with headers but no rows yields nothing and no errors."""
    raw = make_raw([GOOD])
    raw.frame, raw.row_numbers = raw.frame.iloc[0:0], []
    result = validate_table(raw, resolver, default_synonyms(), SETTINGS_DEFAULT, today=TODAY)
    assert result.records.empty and result.problems == [] and result.rows_read == 0


def test_formula_and_sql_text_is_kept_verbatim(resolver):
    """Text that looks like a formula, HTML or SQL is stored exactly as written."""
    text = "=1+1; <script>x</script>'; DROP TABLE incidents;--"
    result = run(resolver, [{**GOOD, "uraian": text}])
    assert result.records.iloc[0]["uraian"] == text


def test_acled_rows_outside_malinau_are_skipped(resolver):
    """ACLED rows of other kabupaten are skipped (warning), Malinau rows are kept with their event_type."""
    rows = [{"tanggal": "2024-03-01", "kabupaten": "Malinau", "kecamatan": "Malinau Kota", "desa": "Malinau",
             "jenis": "Protests", "uraian": "Protest over land compensation"},
            {"tanggal": "2024-03-02", "kabupaten": "Nunukan", "kecamatan": "Sebatik", "desa": "",
             "jenis": "Riots", "uraian": ""}]
    result = run(resolver, rows, kind=TableKind.ACLED)
    assert result.errors == [] and len(result.records) == 1 and result.rows_rejected == 1
    assert result.records.iloc[0]["kategori"] == "sumber_daya"
    assert any(w.row == 6 and "di luar Kabupaten Malinau" in w.message for w in result.warnings)


def test_laporan_long_values_and_indicators_are_checked(resolver):
    """Laporan values outside 0..3 and unknown indicators are rejected with the row and value."""
    base = {"periode": "Maret 2024", "kecamatan": "Mentarang", "desa": "Long Bisai"}
    rows = [{**base, "indikator": "sengketa_lahan", "nilai": "2"},
            {**base, "indikator": "Unjuk rasa / protes", "nilai": "4"},
            {**base, "indikator": "gempa", "nilai": "1"},
            {**base, "desa": "", "indikator": "hoaks", "nilai": "0"}]
    result = run(resolver, rows, kind=TableKind.LAPORAN)
    assert [(e.row, e.column) for e in result.errors] == [(6, "Nilai"), (7, "Indikator")]
    assert "0 sampai 3, bukan '4'" in result.errors[0].message
    assert result.records["level"].tolist() == ["desa", "kecamatan"]
    assert result.records["periode_mulai"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-01"] * 2
    assert result.records["periode_akhir"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-31"] * 2


def test_laporan_wide_columns_become_long_rows(resolver):
    """A wide laporan row with two indicator columns gives two stored values (empty cells skipped)."""
    rows = [{"periode": "2024-04", "kecamatan": "Mentarang", "desa": "Paking", "sengketa_lahan": "3", "hoaks": "",
             "unjuk_rasa": "1"}]
    result = run(resolver, rows, kind=TableKind.LAPORAN,
                 indicator_columns={"sengketa_lahan": "Lahan", "hoaks": "Hoaks", "unjuk_rasa": "Demo"})
    assert result.errors == []
    assert sorted(zip(result.records["indikator"], result.records["nilai"])) == [("sengketa_lahan", 3.0),
                                                                                ("unjuk_rasa", 1.0)]
    assert result.source_rows.tolist() == [5, 5]
