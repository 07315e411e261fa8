"""The phone forms: XLSForms that pyxform converts with no error and no warning, built from the gazetteer."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pytest
from pyxform.xls2xform import convert

from analytics.fieldreports.form import (
    LABEL_EN,
    LABEL_ID,
    build_form,
    code_value,
    form_sheets,
    form_xlsx_bytes,
)
from analytics.ingest.categories import CATEGORY_LABELS
from analytics.places.gazetteer import load_gazetteer
from analytics.settings import DEFAULT_INDICATORS, default_settings


@pytest.mark.parametrize("kind", ["kejadian", "laporan"])
def test_pyxform_converts_the_form_without_errors_or_warnings(kind):
    """A form downloaded from the product converts in pyxform (as KoboToolbox does) with zero warnings."""
    warnings: list[str] = []
    result = convert(xlsform=form_xlsx_bytes(build_form(kind)), warnings=warnings, file_type=".xlsx")
    assert warnings == []
    assert "<h:title>Waspada Malinau" in result.xform
    assert "jr:constraintMsg" in result.xform


def test_kejadian_form_has_every_place_and_kategori_with_a_cascading_desa():
    """The kejadian form offers the 15 kecamatan, the 109 desa filtered by kecamatan and the 11 kategori."""
    sheets = form_sheets(build_form("kejadian"))
    choices, survey = sheets["choices"], sheets["survey"]
    gaz = load_gazetteer()
    assert (choices["list_name"] == "kecamatan").sum() == len(gaz.kecamatan) == 15
    desa = choices[choices["list_name"] == "desa"]
    assert len(desa) == len(gaz.desa) == 109
    first = gaz.desa.iloc[0]
    row = desa[desa["name"] == code_value(first["kode"])].iloc[0]
    assert row["kecamatan"] == code_value(first["kode_kecamatan"]) and row[LABEL_ID] == first["nama"]
    assert survey.loc[survey["name"] == "desa", "choice_filter"].item() == "kecamatan=${kecamatan}"
    kategori = choices[choices["list_name"] == "kategori"]
    assert set(kategori["name"]) == set(CATEGORY_LABELS) and len(kategori) == 11
    assert set(kategori[LABEL_ID]) == set(CATEGORY_LABELS.values())
    assert (kategori[LABEL_EN] != "").all()


def test_kejadian_form_constraints_refuse_future_dates_and_negative_counts():
    """A phone refuses a future date and a negative MD/LL; geopoint and photo are optional."""
    survey = form_sheets(build_form("kejadian"))["survey"].set_index("name")
    assert survey.at["tanggal", "constraint"] == ". <= today()"
    for name in ("korban_meninggal", "korban_luka"):
        assert survey.at[name, "type"] == "integer" and survey.at[name, "constraint"] == ". >= 0"
    assert survey.at["lokasi", "type"] == "geopoint" and survey.at["lokasi", "required"] == ""
    assert survey.at["foto", "type"] == "image" and survey.at["foto", "required"] == ""
    assert survey.at["peran_pelapor", "required"] == "yes"


def test_laporan_form_asks_every_indicator_from_the_settings():
    """The laporan berkala form has one 0..max integer per configured indicator, labelled as configured."""
    indicators = {"air_bersih": "Konflik air bersih", **DEFAULT_INDICATORS}
    survey = form_sheets(build_form("laporan", default_settings(indicators=indicators, indicator_max=4)))["survey"]
    rows = survey[survey["name"].isin(list(indicators))]
    assert list(rows["name"]) == list(indicators)
    assert (rows["constraint"] == ". >= 0 and . <= 4").all()
    assert rows.set_index("name").at["air_bersih", LABEL_ID] == "Konflik air bersih"


def test_form_command_writes_a_workbook_with_the_three_sheets(tmp_path):
    """`python -m analytics form --output X.xlsx` writes survey, choices and settings sheets."""
    out = tmp_path / "kejadian.xlsx"
    done = subprocess.run([sys.executable, "-m", "analytics", "form", "--output", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in book["survey"][1]]
    assert LABEL_ID in header and LABEL_EN in header


def test_form_command_refuses_a_non_xlsx_output(tmp_path):
    """Asking for a .csv output says in Indonesian that an XLSForm is .xlsx, and writes nothing."""
    out = tmp_path / "form.csv"
    done = subprocess.run([sys.executable, "-m", "analytics", "form", "--output", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and ".xlsx" in done.stderr and not out.exists()
