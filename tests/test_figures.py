"""Chart builders: traces per group, election stages shaded and vote days marked, empty data says so."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.risk.elections import election_bands, parse_calendar
from analytics.views.figures import (comparison_figure, empty_figure, facet_figure, projector_figure, score_figure,
                               trend_figure)

CALENDAR = parse_calendar({
    "pemilihan": [
        {"id": "pilkades_uji", "nama": "Pilkades Uji", "jenis": "pilkades", "putaran": [
            {"nama": "Tahap 1", "desa": "semua", "tahapan": [
                {"tahap": "kampanye", "mulai": "2026-03-01", "selesai": "2026-03-10"},
                {"tahap": "masa tenang", "mulai": "2026-03-11", "selesai": "2026-03-13"},
                {"tahap": "pemungutan suara", "mulai": "2026-03-14", "selesai": "2026-03-14"},
            ]},
        ]},
        {"id": "lama", "nama": "Pemilu Lama", "jenis": "pemilu", "putaran": [
            {"nama": "Serentak", "desa": "semua", "tahapan": [
                {"tahap": "pemungutan suara", "mulai": "2019-04-17", "selesai": "2019-04-17"},
            ]},
        ]},
    ]
})
BANDS = election_bands(CALENDAR)


def counts(rows):
    """Build a count_incidents-shaped table from (periode, kelompok, jumlah) tuples."""
    return pd.DataFrame(rows, columns=["periode", "kelompok", "jumlah"]).assign(periode=lambda f: pd.to_datetime(f["periode"]))


FEB_APR = counts([(f"2026-{m:02d}-01", k, n) for m in (2, 3, 4) for k, n in (("pemilu", m), ("kekerasan", 1))])


def test_one_line_per_group_with_labels():
    """Two kategori give two lines, named by their labels."""
    fig = trend_figure(FEB_APR, labels={"pemilu": "Pemilu", "kekerasan": "Perkelahian"})
    assert [t.name for t in fig.data] == ["Perkelahian", "Pemilu"]
    assert list(fig.data[1].y) == [2, 3, 4]


def test_stages_shaded_and_vote_day_marked_inside_the_span_only():
    """Feb–Apr 2026 shows 2 shaded stages (kampanye, masa tenang) and 1 vote line; the 2019 vote is left out."""
    fig = trend_figure(FEB_APR, BANDS)
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(rects) == 2 and len(lines) == 1
    assert pd.Timestamp(lines[0].x0) == pd.Timestamp("2026-03-14")
    assert [a.text for a in fig.layout.annotations] == ["Pilkades Uji"]


def test_previous_period_drawn_as_dotted_total():
    """The span before is one dotted total line shifted onto this span."""
    before = counts([("2025-11-01", "pemilu", 5), ("2025-12-01", "pemilu", 1), ("2026-01-01", "kekerasan", 2)])
    fig = trend_figure(FEB_APR, previous=before, labels={"_sebelum": "Sebelumnya"})
    last = fig.data[-1]
    assert last.name == "Sebelumnya" and last.line.dash == "dot"
    assert list(last.y) == [5, 1, 2]
    assert pd.Timestamp(last.x[0]) == pd.Timestamp("2026-02-01")


@pytest.mark.parametrize("builder", [
    lambda: trend_figure(counts([])),
    lambda: trend_figure(counts([("2026-01-01", "pemilu", 0)])),
    lambda: facet_figure(counts([])),
    lambda: comparison_figure(pd.Series(dtype=int), pd.Series(dtype=int)),
    lambda: score_figure(pd.DataFrame(columns=["tanggal", "skor"]), ["intensitas"]),
])
def test_empty_data_gives_an_empty_state_figure(builder):
    """No kejadian: no traces, one centred message instead of empty axes."""
    fig = builder()
    assert len(fig.data) == 0
    assert len(fig.layout.annotations) == 1 and fig.layout.annotations[0].text


def test_facets_one_panel_per_group_with_marks_in_each():
    """Four kecamatan give four panels titled by name, the vote line drawn in every panel."""
    rows = [(f"2026-{m:02d}-01", k, 1) for m in (2, 3, 4) for k in ("65.02.01", "65.02.02", "65.02.03", "65.02.04")]
    fig = facet_figure(counts(rows), BANDS, labels={"65.02.01": "Mentarang"}, columns=3)
    assert len(fig.data) == 4
    assert fig.layout.annotations[0].text == "Mentarang"
    assert len([s for s in fig.layout.shapes if s.type == "line"]) == 4


def test_comparison_bars_now_and_before():
    """Grouped bars: previous period grey first, this period second, one bar per kategori."""
    fig = comparison_figure(pd.Series({"pemilu": 3}), pd.Series({"kekerasan": 2}), labels={"pemilu": "Pemilu"})
    assert [t.name for t in fig.data] == ["Periode sebelumnya", "Periode ini"]
    assert list(fig.data[1].x) == [0, 3] and list(fig.data[0].x) == [2, 0]
    assert list(fig.data[1].y) == ["kekerasan", "Pemilu"]


def test_score_figure_components_and_thresholds():
    """The score is the last, thickest line; missing components are skipped; thresholds are dotted lines."""
    series = pd.DataFrame({"tanggal": pd.to_datetime(["2026-01-05", "2026-01-12"]), "skor": [20.0, 55.0],
                           "intensitas": [10.0, 60.0], "lonjakan": [None, 40.0]})
    fig = score_figure(series, ["intensitas", "lonjakan", "laporan"], thresholds={"Sedang": 25, "Tinggi": 50})
    assert [t.name for t in fig.data] == ["intensitas", "lonjakan", "Skor"]
    assert fig.data[-1].line.width == 4
    assert len(fig.layout.shapes) == 2


def test_projector_figure_uses_large_type():
    """Mode Rapat charts use 24 px type and thick lines."""
    fig = projector_figure(trend_figure(FEB_APR))
    assert fig.layout.font.size == 24 and fig.data[0].line.width == 4


def test_empty_figure_message():
    """empty_figure shows the message and hides both axes."""
    fig = empty_figure("Tidak ada data")
    assert fig.layout.annotations[0].text == "Tidak ada data" and fig.layout.xaxis.visible is False
