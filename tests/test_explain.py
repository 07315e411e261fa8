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
    """A desa with 3 kejadian after a quiet half-year, 9 days before its Pilkades: forecast first, then the facts."""
    sentences = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, A, AS_OF)
    text = "\n".join(sentences)
    assert sentences[0].startswith("Perkiraan ") and " kejadian dalam 30 hari: " in sentences[0]
    assert "→ peluang " in sentences[0] and "poin" not in text
    assert "3 kejadian dalam 30 hari terakhir (2 pemilu / pilkades / pilkada, 1 unjuk rasa" in text
    assert "0 korban meninggal dan 1 luka" in text
    assert "padahal tidak ada kejadian dalam 5,9 bulan sebelumnya" in text  # 180 days / 30.4
    assert "Tahap kampanye Pilkades uji; 9 hari menjelang pemungutan suara" in text  # 10 June − 1 June
    assert sentences[-1].startswith("Komponen laporan kosong") and "kelengkapan indikator 80%" in sentences[-1]
    # The indicator sentences follow in order of weighted value: intensitas (0.45) before pemilihan (0.05 × 88.9).
    assert text.index("(intensitas") < text.index("(pemilihan")


def test_forecast_sentence_adds_up_its_parts_in_kejadian():
    """The first sentence's parts (one decimal) add up to the perkiraan, and the % is the peluang."""
    scores = score_desa(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF).set_index("kode", drop=False)
    row = scores.loc[A]
    sentence = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, A, AS_OF)[0]
    head, tail = sentence.split(": ", 1)
    terms, chance = tail.rstrip(".").split(" → ")
    parts = [float(term.split(" ")[0].replace(",", ".")) for term in terms.split(" + ")]
    assert head == f"Perkiraan {row['perkiraan']:.1f}".replace(".", ",") + " kejadian dalam 30 hari"
    assert abs(sum(parts) - row["perkiraan"]) <= 0.05 * len(parts) + 1e-9
    assert chance == f"peluang {100 * row['peluang']:.0f}%"


def test_reason_line_is_the_forecast_with_its_largest_parts():
    """The priority table shows the forecast in kejadian with at most three parts, the same for reason_lines."""
    scores = score_desa(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    row = scores.set_index("kode", drop=False).loc[A]
    line = reason_line(row, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    assert line.startswith("Perkiraan ") and "poin" not in line
    assert len(line.split(": ", 1)[1].split(" → ")[0].split(" + ")) <= 4  # three parts and at most 'lainnya'
    lines = reason_lines(scores, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    assert len(lines) == 109 and lines[A] == line


def test_quiet_desa_is_explained_by_the_kabupaten_base_rate():
    """A desa without kejadian gets a small forecast made of the kabupaten base and its kecamatan only."""
    scores = score_desa(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF).set_index("kode", drop=False)
    row = scores.loc["65.02.04.2001"]  # Kayan Hilir: no kejadian in its kecamatan either
    line = reason_line(row, INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, AS_OF)
    assert "riwayat desa" not in line and "dua minggu" not in line
    assert row["peluang"] < scores.loc[A, "peluang"]


def test_border_desa_reports_distance_when_known():
    """With a boundary file loaded, paparan states the desa's km to the border."""
    border = pd.Series({C: 4.0})
    sentences = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, C, AS_OF, border_km=border)
    assert any(s.startswith("4 km dari batas negara") for s in sentences)


def test_sentences_in_english_carry_the_same_numbers():
    """An English reader gets every sentence in English with English decimals, the numbers unchanged."""
    indonesian = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, A, AS_OF)
    english = explain_place(INCIDENTS, NO_REPORTS, CALENDAR, SETTINGS_DEFAULT, A, AS_OF, lang="en")
    assert len(english) == len(indonesian)
    assert english[0].startswith("Expected ") and " incidents in 30 days: " in english[0] and "→ chance " in english[0]
    assert english[0].split("→ chance ")[1] == indonesian[0].split("→ peluang ")[1]  # the same percentage
    text = "\n".join(english)
    assert "3 incidents in the last 30 days (2 elections (Pilkades / Pemilu / Pilkada), 1 protest" in text
    assert "after none in the 5.9 months before" in text and "9 days before the vote" in text
    assert english[-1].startswith("Component laporan is empty") and "indicator completeness 80%" in english[-1]
    for word in ("kejadian dalam", "peluang", "hari terakhir", "padahal", "Komponen", "menjelang"):
        assert word not in text
