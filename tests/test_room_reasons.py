"""Plain reasons for the room: counts and the usual rate, category labels, no statistics words."""

import pandas as pd

from analytics.views.room_reasons import plain_reason, plain_reasons


def test_reason_reads_like_the_room_speaks():
    """4 kejadian against a baseline of 2 in 180 days reads '...; biasanya kurang dari 1 per bulan'."""
    text = plain_reason(4, 2, 180, 30, "sumber_daya")
    assert text.startswith("4 kejadian dalam sebulan terakhir")
    assert text.endswith("biasanya kurang dari 1 per bulan")
    for word in ("×", "rata-rata", "waktu paruh", "poin", "sumber_daya", "None"):
        assert word not in text


def test_reason_without_baseline_or_incidents():
    """No baseline says so; no kejadian says 'tidak ada kejadian'."""
    assert plain_reason(0, None, None, 30) == "tidak ada kejadian dalam sebulan terakhir; belum ada data pembanding"


def test_reasons_name_the_commonest_category_by_label():
    """The commonest kategori of the window is named by its label."""
    incidents = pd.DataFrame({"tanggal": pd.to_datetime(["2025-06-20", "2025-06-21", "2025-06-22", "2024-01-01"]),
                              "kode_desa": ["A", "A", "A", "A"],
                              "kategori": ["pemilu", "pemilu", "lainnya", "pemilu"]})
    rows = pd.DataFrame({"kode": ["A"], "kejadian_baru": [3], "kejadian_dasar": [12], "hari_dasar": [180]})
    (reason,) = plain_reasons(rows, incidents, "2025-07-01", 30)
    assert reason.startswith("3 kejadian dalam sebulan terakhir (terbanyak ")
    assert "pemilu;" not in reason and "biasanya sekitar 2 per bulan" in reason


def test_reason_in_english_for_an_english_reader():
    """An English reader gets the same facts in English: count, window, commonest kind and the usual rate."""
    text = plain_reason(4, 12, 180, 30, "sumber_daya", lang="en")
    assert text == "4 incidents in the last month (mostly land / natural resource dispute); usually about 2 a month"
    assert plain_reason(0, None, None, 14, lang="en") == "no incidents in the last 14 days; nothing to compare with yet"
    assert plain_reason(1, None, None, 30, lang="en").startswith("1 incident in the last month")  # never "1 incidents"
