"""Explanations: sentences with the real numbers, ordered by contribution, missing data said aloud."""

from __future__ import annotations

import pandas as pd

from analytics.risk.elections import parse_calendar
from analytics.risk.explain import explain_place, reason_line, reason_lines
from analytics.risk.score import score_desa
from tests.test_risk import A, AS_OF, C, NO_REPORTS, SETTINGS_DEFAULT, kejadian

CALENDAR = parse_calendar({"pemilihan": [{"id": "pk", "nama": "Pilkades uji", "jenis": "pilkades", "putaran": [
    {"nama": "Tahap 1", "desa": [A], "tahapan": [
        {"tahap": "kampanye", "mulai": "2024-06-01", "selesai": "2024-06-07"},
        {"tahap": "pemungutan suara", "mulai": "2024-06-10", "selesai": "2024-06-10"}]}]}]})
INCIDENTS = kejadian((400, C, "65.02.03", 0, 0, "lainnya"), (3, A, "65.02.01", 0, 1, "pemilu"),
                     (8, A, "65.02.01", 0, 0, "pemilu"), (15, A, "65.02.01", 0, 0, "unjuk_rasa"))


def test_sentences_carry_the_numbers_in_order_of_contribution():
    """A desa with 3 kejadian after a quiet half-year, 9 days before its Pilkades: counts, days, missing report."""
    sentences = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, A, AS_OF)
    text = "\n".join(sentences)
    assert "3 kejadian dalam 30 hari terakhir (2 pemilu / pilkades / pilkada, 1 unjuk rasa" in text
    assert "0 korban meninggal dan 1 luka" in text
    assert "padahal tidak ada kejadian dalam 5,9 bulan sebelumnya" in text  # 180 days / 30.4
    assert "Tahap kampanye Pilkades uji; 9 hari menjelang pemungutan suara" in text  # 10 June − 1 June
    assert sentences[-1].startswith("Komponen laporan kosong") and "kelengkapan 80%" in sentences[-1]
    points = [float(s.rsplit("+", 1)[1].split(" ")[0].replace(",", ".")) for s in sentences[:-1]]
    assert points == sorted(points, reverse=True)


def test_reason_line_is_the_top_sentence_without_points():
    """The priority table shows the largest contribution as one plain line."""
    scores = score_desa(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    row = scores.set_index("kode", drop=False).loc[A]
    line = reason_line(row, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    assert line.startswith("3 kejadian dalam 30 hari terakhir") and "poin)" not in line
    lines = reason_lines(scores, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    assert len(lines) == 109 and lines[A] == line


def test_quiet_desa_says_nothing_stands_out():
    """A desa without kejadian, election or border exposure gets a plain 'nothing stands out'."""
    scores = score_desa(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF).set_index("kode", drop=False)
    row = scores.loc["65.02.01.2005"]
    assert reason_line(row, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF) == "Tidak ada faktor risiko yang menonjol."


def test_border_desa_reports_distance_when_known():
    """With a boundary file loaded, paparan states the desa's km to the border."""
    border = pd.Series({C: 4.0})
    sentences = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, C, AS_OF, border_km=border)
    assert any(s.startswith("4 km dari batas negara") for s in sentences)
