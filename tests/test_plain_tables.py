"""Tables and metric changes as the room reads them: dates in words, codes by label, no "None", "sama" for no change."""

from datetime import date

import pandas as pd
import pytest

from analytics.views.plain_tables import code_label, metric_delta, number_style, plain_table

LABELS = {"kekerasan": "Perkelahian / penganiayaan / bentrok", "unjuk_rasa": "Unjuk rasa / demo / pemalangan"}


@pytest.mark.parametrize("code, expected", [
    ("kekerasan", "Perkelahian / penganiayaan / bentrok"),
    ("kode_baru", "kode baru"),  # an unknown code still reads as words
    (None, "—"), (float("nan"), "—"),
])
def test_code_label(code, expected):
    """A category code shows its label; an unknown one its words; a missing one a dash, never "None"."""
    assert code_label(code, LABELS) == expected


def test_plain_table_dates_labels_and_missing_text():
    """Datetime columns read "29 Juni 2025", kategori its label, a missing text "—"; numbers stay numbers."""
    frame = pd.DataFrame({
        "tanggal": pd.to_datetime(["2025-06-29", None]),
        "kategori": ["kekerasan", "unjuk_rasa"],
        "status_baru": ["baru", None],
        "tanda": ["", "🔴 LEWAT TENGGAT"],
        "luka": [2, 0],
    })
    shown = plain_table(frame, labels={"kategori": LABELS})
    assert shown["tanggal"].tolist() == ["29 Juni 2025", "—"]
    assert shown["kategori"].tolist() == ["Perkelahian / penganiayaan / bentrok", "Unjuk rasa / demo / pemalangan"]
    assert shown["status_baru"].tolist() == ["baru", "—"]
    assert shown["tanda"].tolist() == ["", "🔴 LEWAT TENGGAT"]  # an empty flag stays empty (not overdue)
    assert shown["luka"].tolist() == [2, 0]
    assert frame["tanggal"].dtype.kind == "M"  # the input is not changed


def test_plain_table_named_date_columns_and_numbers():
    """Date objects in a named column and numbers given a precision are written the Indonesian way."""
    frame = pd.DataFrame({"tanggal": [date(2026, 8, 1)], "nilai": [1234.5]})
    shown = plain_table(frame, "id", dates=("tanggal",), numbers={"nilai": 1})
    assert shown.iloc[0].tolist() == ["1 Agustus 2026", "1.234,5"]
    assert plain_table(frame, "en", dates=("tanggal",)).iloc[0, 0] == "1 August 2026"


def test_plain_table_empty_and_missing_columns():
    """An empty table stays empty; a named column that is not there is ignored."""
    empty = pd.DataFrame({"tanggal": pd.Series(dtype="datetime64[ns]"), "kategori": pd.Series(dtype=object)})
    shown = plain_table(empty, dates=("tidak_ada",), labels={"tidak_ada": LABELS}, numbers={"tidak_ada": 0})
    assert shown.empty and list(shown.columns) == ["tanggal", "kategori"]


@pytest.mark.parametrize("delta, up_is_good, expected", [
    (0, True, {"delta": "sama", "delta_color": "off", "delta_arrow": "off"}),
    (0.0, False, {"delta": "sama", "delta_color": "off", "delta_arrow": "off"}),
    (3, False, {"delta": "naik 3", "delta_color": "red", "delta_arrow": "up"}),  # more kejadian: bad news
    (-31, False, {"delta": "turun 31", "delta_color": "green", "delta_arrow": "down"}),
    (62, True, {"delta": "naik 62", "delta_color": "green", "delta_arrow": "up"}),  # more reports: good news
    (-1250, True, {"delta": "turun 1.250", "delta_color": "red", "delta_arrow": "down"}),
])
def test_metric_delta(delta, up_is_good, expected):
    """A change reads "sama" with no arrow, or "naik/turun N" with its arrow in the colour of its news."""
    assert metric_delta(delta, "id", up_is_good) == expected


def test_metric_delta_english_and_missing():
    """English says "same"; a missing change shows a dash without arrow."""
    assert metric_delta(0, "en")["delta"] == "same"
    assert metric_delta(None) == {"delta": "—", "delta_color": "off", "delta_arrow": "off"}


def test_number_style_formats_display_only():
    """A count of 1200 displays "1.200" while the value stays a number (sorting stays numeric)."""
    frame = pd.DataFrame({"kecamatan": ["Malinau Kota"], "jumlah": [1200], "nilai": [2.5]})
    styled = number_style(frame, ["jumlah", "tidak_ada"])
    html = styled.to_html()
    assert "1.200" in html and "1200" not in html
    assert styled.data["jumlah"].tolist() == [1200]
    assert "2,5" in number_style(frame, ["nilai"], digits=1).to_html()
