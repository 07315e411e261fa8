"""Tindak lanjut tables (analytics/figures_penanganan.py) and the briefing's Tindak lanjut section: counts, no text."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation

from analytics.briefing.model import BriefingContext
from analytics.briefing.pdf import build_briefing_pdf
from analytics.briefing.penanganan import followup_tables, overdue_line
from analytics.briefing.pptx import build_briefing_pptx
from analytics.penanganan.listing import (
    alerts_without_case,
    compliance_totals,
    late_places,
    overdue_by_place,
    overdue_flag,
    public_actions,
    public_cases,
    status_by_agency,
    status_counts,
)

pypdf = pytest.importorskip("pypdf")


def hand_cases() -> pd.DataFrame:
    """Three cases: #1 Polres overdue 10 days, #2 Camat new on time, #3 Polres closed; #1 has a name in its text."""
    return pd.DataFrame({
        "id": [1, 2, 3],
        "judul": ["Mediasi Pak Rahasia", "Dialog", "Patroli"],
        "judul_umum": ["Kekerasan — Pulau Sapi", "Unjuk rasa — Kec. Malinau Kota", "Pemilu — Long Bisai"],
        "uraian": ["Pak Rahasia menolak", None, None],
        "kode": ["65.02.01.2005", "65.02.02", "65.02.01.2002"],
        "tempat": ["Pulau Sapi, Kec. Mentarang", "Kec. Malinau Kota", "Long Bisai, Kec. Mentarang"],
        "instansi": ["Polres Malinau", "Camat", "Polres Malinau"],
        "status": ["dalam penanganan", "baru", "selesai"],
        "jatuh_tempo": pd.to_datetime(["2026-05-01", "2026-06-30", "2026-04-01"]),
        "terlambat": [True, False, False],
        "hari_terlambat": [10, 0, 0],
        "created_by": ["analis_budi", "analis_budi", "analis_budi"],
    })


EMPTY = hand_cases().iloc[0:0]


@pytest.mark.parametrize("frame, expected", [
    (hand_cases(), ["🔴 LEWAT TENGGAT 10 hari", "", ""]),
    (EMPTY, []),
])
def test_overdue_flag(frame, expected):
    """Only the overdue case carries the red flag with its days late."""
    assert overdue_flag(frame).tolist() == expected


def test_status_by_agency_counts_and_puts_overdue_agencies_first():
    """Polres: 1 dalam penanganan + 1 selesai, 1 overdue (first); Camat: 1 baru."""
    table = status_by_agency(hand_cases())
    assert table["instansi"].tolist() == ["Polres Malinau", "Camat"]
    assert table.iloc[0][["baru", "dalam penanganan", "selesai", "dipantau", "lewat tenggat", "jumlah"]].tolist() == \
        [0, 1, 1, 0, 1, 2]
    assert status_by_agency(EMPTY).empty


def test_status_counts():
    """One case per status baru/dalam penanganan/selesai, none dipantau, 1 overdue of 3."""
    assert status_counts(hand_cases()) == {"baru": 1, "dalam penanganan": 1, "selesai": 1, "dipantau": 0,
                                           "lewat tenggat": 1, "jumlah": 3}
    assert status_counts(EMPTY)["jumlah"] == 0


def test_overdue_by_place_and_public_views_drop_text_and_names():
    """Overdue table lists Pulau Sapi only; the public views keep no judul, uraian, creator, pelaku."""
    assert overdue_by_place(hand_cases())["tempat"].tolist() == ["Pulau Sapi, Kec. Mentarang"]
    public = public_cases(hand_cases())
    assert not {"judul", "uraian", "created_by"} & set(public.columns)
    actions = pd.DataFrame({"tanggal": [date(2026, 5, 2)], "jenis": ["tindakan"], "pelaku": ["Bripka X"],
                            "uraian": ["x"], "status_baru": [None]})
    assert list(public_actions(actions).columns) == ["tanggal", "jenis", "status_baru"]


def test_alerts_without_case_skip_places_with_an_open_case():
    """Of three Tinggi+ desa, Pulau Sapi has an open case; Long Bisai's case is closed so it is offered again."""
    scores = pd.DataFrame({"kode": ["65.02.01.2005", "65.02.01.2002", "65.02.02.2001", "65.02.03.2001"],
                           "tingkat": ["Tinggi", "Sangat Tinggi", "Tinggi", "Sedang"], "skor": [55.0, 80.0, 60.0, 30.0]})
    names = {"65.02.01.2002": "Long Bisai", "65.02.02.2001": "Desa B"}
    out = alerts_without_case(scores, hand_cases(), names)
    assert out["nama"].tolist() == ["Long Bisai", "Desa B"]
    assert alerts_without_case(scores.iloc[0:0], hand_cases(), names).empty


def test_compliance_helpers():
    """2 received + 1 late of 4 expected; the late place is named once."""
    summary = pd.DataFrame({"diharapkan": [2, 2], "diterima": [1, 1], "terlambat": [1, 0]})
    assert compliance_totals(summary) == {"diterima": 2, "terlambat": 1, "diharapkan": 4}
    table = pd.DataFrame({"nama": ["Mentarang", "Mentarang", "Pujungan"], "status": ["terlambat"] * 2 + ["diterima"]})
    assert late_places(table) == ["Mentarang"]
    assert late_places(table.iloc[0:0]) == [] and compliance_totals(summary.iloc[0:0])["diharapkan"] == 0


def test_followup_tables_and_line():
    """The briefing's tables: Indonesian headings, overdue row with its date and days; '1 dari 2 … lewat tenggat'."""
    counts, overdue = followup_tables(hand_cases())
    assert list(counts.columns) == ["Instansi", "Baru", "Dalam penanganan", "Selesai", "Dipantau", "Lewat tenggat",
                                    "Jumlah"]
    assert overdue.values.tolist() == [["Pulau Sapi, Kec. Mentarang", "Polres Malinau", "01/05/2026", "10",
                                        "dalam penanganan"]]
    assert overdue_line(hand_cases()) == "1 dari 2 tindak lanjut aktif lewat tenggat."


def context(cases) -> BriefingContext:
    """A minimal briefing context with the given cases."""
    return BriefingContext(as_of=date(2026, 6, 2), period_start=date(2026, 3, 2), period_end=date(2026, 5, 30),
                           cases=cases)


@pytest.mark.parametrize("cases, expected", [
    (hand_cases(), "1 dari 2 tindak lanjut aktif lewat tenggat."),
    (EMPTY, "Belum ada tindak lanjut yang dicatat."),
])
def test_briefing_has_a_tindak_lanjut_section_without_names(cases, expected):
    """PDF and slides get a 'Tindak lanjut' part with counts and overdue places, never a name or free text."""
    pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(build_briefing_pdf(context(cases)))).pages)
    assert "Tindak lanjut" in pdf and expected in pdf and "Rahasia" not in pdf and "analis_budi" not in pdf
    slides = Presentation(io.BytesIO(build_briefing_pptx(context(cases)))).slides
    last = slides[len(slides) - 1]
    assert last.shapes.title.text == "Tindak lanjut"
    text = "\n".join(s.text_frame.text for s in last.shapes if s.has_text_frame)
    text += "\n".join(c.text for s in last.shapes if s.has_table for r in s.table.rows for c in r.cells)
    assert expected in text and "Rahasia" not in text
