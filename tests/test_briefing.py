"""Bahan Rakor: the PDF and the slides carry the title, period, sources, headline numbers, map, trend and
priority table — and never a person's name."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation

from analytics.briefing.data import build_briefing_context, monthly_counts
from analytics.briefing.model import (
    BriefingContext,
    Headline,
    format_number,
    format_tanggal,
)
from analytics.briefing.pdf import build_briefing_pdf
from analytics.briefing.pptx import build_briefing_pptx
from analytics.cli import main
from analytics.store.writes import commit_records
from analytics.views.static_figures import draw_risk_map, draw_trend_chart

pypdf = pytest.importorskip("pypdf")

SECRET_NAMES = ("Bapak Rahasia", "uraian rahasia")


def pdf_text(data: bytes) -> str:
    """Return all text of a PDF (pypdf), pages joined."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def slide_titles(data: bytes) -> list[str]:
    """Return the title of every slide."""
    return [slide.shapes.title.text for slide in Presentation(io.BytesIO(data)).slides]


def slides_text(data: bytes) -> str:
    """Return every text on every slide (text boxes and table cells)."""
    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def hand_context(**changes) -> BriefingContext:
    """A briefing context written by hand: 1.234 kejadian, 2 meninggal, a priority row with a name in 'pihak'."""
    values = dict(
        as_of=date(2026, 6, 2),
        period_start=date(2026, 3, 2),
        period_end=date(2026, 5, 30),
        sources=["kejadian_mei.xlsx", "laporan_mei.csv"],
        is_demo=False,
        headlines=[Headline("Kejadian", 1234, "+5 dari periode sebelumnya"), Headline("Korban meninggal", 2)],
        trend=pd.DataFrame({"bulan": pd.to_datetime(["2026-03-01", "2026-04-01", "2026-05-01"]), "jumlah": [1, 4, 2]}),
        priority=pd.DataFrame({"Peringkat": [1], "Desa": ["Long Loreh"], "Kecamatan": ["Malinau Selatan"],
                               "Skor": [81], "Tingkat": ["Sangat Tinggi"], "pihak": ["Bapak Rahasia"],
                               "uraian": ["uraian rahasia"]}),
        levels=pd.DataFrame({"kode": ["65.02.01.2002"], "tingkat": ["Tinggi"]}),
    )
    values.update(changes)
    return BriefingContext(**values)


@pytest.mark.parametrize(
    "value, expected",
    [(1234, "1.234"), (0, "0"), (12.5, "12,5"), (1234567.25, "1.234.567,2"), ("–", "–"), (3.0, "3")],
)
def test_numbers_are_written_the_indonesian_way(value, expected):
    """Thousands take a dot and decimals a comma, as an Indonesian reader expects."""
    assert format_number(value) == expected


@pytest.mark.parametrize("day, expected", [(date(2026, 6, 2), "2 Juni 2026"), (date(2025, 12, 31), "31 Desember 2025"),
                                            (None, "–")])
def test_dates_are_written_with_indonesian_month_names(day, expected):
    """Dates read '2 Juni 2026'."""
    assert format_tanggal(day) == expected


def test_pdf_has_title_period_sources_numbers_and_table_without_names():
    """The PDF says 'Bahan Rakor — 2 Juni 2026', the period, both file names, 1.234 and the priority desa, no names."""
    data = build_briefing_pdf(hand_context())
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Bahan Rakor — 2 Juni 2026" in text
    assert "Periode data: 2 Maret 2026 s.d. 30 Mei 2026" in text
    assert "2 berkas unggahan (kejadian_mei.xlsx, laporan_mei.csv)" in text
    assert "1.234" in text and "+5 dari periode sebelumnya" in text
    assert "Long Loreh" in text and "Sangat Tinggi" in text
    assert "Peta risiko desa" in text and "Tren kejadian per bulan" in text
    assert "DATA CONTOH" not in text
    for secret in SECRET_NAMES:
        assert secret not in text


def test_pdf_of_demo_data_says_data_contoh_on_every_page():
    """With demo data every page carries 'DATA CONTOH — bukan data sebenarnya'."""
    reader = pypdf.PdfReader(io.BytesIO(build_briefing_pdf(hand_context(is_demo=True))))
    assert all("DATA CONTOH — bukan data sebenarnya" in page.extract_text() for page in reader.pages)


def test_pdf_with_no_data_still_builds_and_says_so():
    """An empty store gives a PDF that says there is no data, not an error."""
    empty = BriefingContext(as_of=date(2026, 6, 2), period_start=None, period_end=None)
    text = pdf_text(build_briefing_pdf(empty))
    assert "Belum ada data." in text
    assert "belum ada berkas yang diunggah" in text
    assert "Belum ada skor risiko untuk periode ini." in text


def test_pptx_has_the_five_slides_and_no_names():
    """The slides are title, Angka utama, Peta, Tren, Desa prioritas; the numbers show and names do not."""
    data = build_briefing_pptx(hand_context(is_demo=True))
    assert slide_titles(data) == ["Bahan Rakor — 2 Juni 2026", "Angka utama", "Peta risiko desa",
                                  "Tren kejadian per bulan", "Desa prioritas (10 teratas menurut skor risiko)"]
    text = slides_text(data)
    assert "1.234" in text and "Long Loreh" in text and "DATA CONTOH" in text
    for secret in SECRET_NAMES:
        assert secret not in text


def test_static_figures_draw_with_and_without_data(shared_boundaries):
    """The map colours the desa of a real boundary file; empty inputs draw a message instead of failing."""
    import geopandas as gpd

    shapes = gpd.read_file(shared_boundaries / "malinau_desa.geojson")[["kode", "geometry"]]
    levels = pd.DataFrame({"kode": shapes["kode"].iloc[:2], "tingkat": ["Tinggi", "Rendah"]})
    fig = draw_risk_map(levels, shapes)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Rendah", "Tinggi", "Tanpa skor"]
    assert "belum tersedia" in draw_risk_map(levels, None).axes[0].texts[0].get_text()
    assert "Belum ada kejadian" in draw_trend_chart(pd.DataFrame(columns=["bulan", "jumlah"])).axes[0].texts[0].get_text()


def test_monthly_counts_keep_empty_months():
    """Three kejadian in March and May give 12 months with 2, 0 (April) and 1 at the end."""
    incidents = pd.DataFrame({"tanggal": pd.to_datetime(["2026-03-01", "2026-03-31", "2026-05-30", "2026-06-01"])})
    counts = monthly_counts(incidents, date(2026, 5, 30))
    assert len(counts) == 12
    assert counts["jumlah"].tail(3).tolist() == [2, 0, 1]
    assert counts["bulan"].iloc[-1] == pd.Timestamp("2026-05-01")


def _seed(engine) -> None:
    rows = [("2026-01-15", "65.02.01.2002", 0, 3), ("2026-03-10", "65.02.01.2002", 1, 2),
            ("2026-04-20", "65.02.01.2005", 0, 1), ("2026-05-30", None, 0, 0)]
    records = pd.DataFrame([
        {"tanggal": pd.Timestamp(day), "kode_kecamatan": "65.02.01", "kode_desa": desa, "jenis": "x",
         "kategori": "kekerasan", "uraian": f"uraian rahasia {i}", "pihak": "Bapak Rahasia", "korban_meninggal": dead,
         "korban_luka": hurt, "tindak_lanjut": None, "sumber": None, "lat": None, "lon": None}
        for i, (day, desa, dead, hurt) in enumerate(rows)
    ])
    commit_records(engine, kind="kejadian", records=records, file_name="uji_rakor.xlsx", sha256="b" * 64, sheet=None,
                   header_row=1, user="uji", rows_read=4, rows_rejected=0, is_demo=False)


def test_context_from_store_matches_the_hand_counts(sqlite_engine):
    """Last 90 days to 30/05/2026: 3 kejadian (1 before), 1 meninggal, 3 luka; source uji_rakor.xlsx."""
    _seed(sqlite_engine)
    context = build_briefing_context(sqlite_engine, today=date(2026, 6, 2))
    assert (context.period_start, context.period_end) == (date(2026, 3, 2), date(2026, 5, 30))
    values = {h.label: h.value for h in context.headlines}
    assert values["Kejadian"] == 3 and values["Korban meninggal"] == 1 and values["Korban luka"] == 3
    assert context.sources == ["uji_rakor.xlsx"]
    assert context.boundary_note.startswith("Peta skematis")
    assert "pihak" not in context.priority.columns and "uraian" not in context.priority.columns


def test_cli_writes_pdf_and_pptx_and_refuses_other_names(tmp_path, store_url, capsys):
    """`python -m analytics briefing --output x.pdf` writes a PDF; .pptx slides; .docx is refused with code 2."""
    from analytics.store.db import open_store

    engine = open_store(store_url)
    _seed(engine)
    engine.dispose()
    pdf, pptx = tmp_path / "rakor.pdf", tmp_path / "rakor.pptx"
    assert main(["briefing", "--db", store_url, "--as-of", "2026-05-30", "--output", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf.read_bytes())
    assert "Bahan Rakor — 30 Mei 2026" in text and "2 Maret 2026 s.d. 30 Mei 2026" in text
    assert "Bapak Rahasia" not in text
    assert main(["briefing", "--db", store_url, "--output", str(pptx)]) == 0
    assert slide_titles(pptx.read_bytes())[1] == "Angka utama"
    assert main(["briefing", "--db", store_url, "--output", str(tmp_path / "rakor.docx")]) == 2
    assert "harus berakhiran .pdf atau .pptx" in capsys.readouterr().out
