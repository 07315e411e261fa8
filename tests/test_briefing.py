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
                               "Peluang": ["81%"], "Tingkat": ["Sangat Tinggi"], "pihak": ["Bapak Rahasia"],
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
                                  "Tren kejadian per bulan", "Desa prioritas menurut peluang kejadian 30 hari (1)"]
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
    legend = fig.axes[0].artists[0]  # the band legend; the axes' own legend is the key of numbered desa
    assert [t.get_text() for t in legend.get_texts()] == ["Rendah", "Tinggi", "Tanpa skor"]
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
    assert main(["briefing", "--db", store_url, "--as-of", "2026-05-30", "--kecamatan", "65.02.02",
                 "--output", str(pdf)]) == 0
    assert "Cakupan: Kecamatan Malinau Kota" in pdf_text(pdf.read_bytes())
    assert main(["briefing", "--db", store_url, "--output", str(tmp_path / "rakor.docx")]) == 2
    assert "harus berakhiran .pdf atau .pptx" in capsys.readouterr().out


def _ten_priorities() -> pd.DataFrame:
    """Ten priority rows with long reasons, as a busy month produces them."""
    return pd.DataFrame({"Peringkat": range(1, 11), "Desa": [f"Desa {i}" for i in range(1, 11)],
                         "Kecamatan": ["Malinau Selatan"] * 10, "Skor": range(90, 80, -1), "Tingkat": ["Tinggi"] * 10,
                         "Alasan utama": ["4 kejadian bulan ini; biasanya kurang dari 1 per bulan"] * 10})


def _cases() -> pd.DataFrame:
    """Two cases of one agency, one of them overdue."""
    return pd.DataFrame({"status": ["baru", "dalam penanganan"], "instansi": ["Camat", "Camat"],
                         "terlambat": [True, False], "tempat": ["Long Loreh", "Paking"],
                         "jatuh_tempo": pd.to_datetime(["2026-05-01", "2026-07-01"]), "hari_terlambat": [32, 0]})


def test_every_text_on_every_slide_is_at_least_18_points():
    """Read from the back of the room: no text box or table cell on any slide is set below 18 pt."""
    data = build_briefing_pptx(hand_context(is_demo=True, priority=_ten_priorities(), cases=_cases()))
    sizes = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame and shape != slide.shapes.title else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            sizes += [run.font.size.pt for frame in frames for para in frame.paragraphs for run in para.runs]
    assert sizes and min(sizes) >= 18


def test_priority_rows_are_split_over_slides_that_fit():
    """Ten priority desa at 18 pt need two slides of five, each numbered, none cut off."""
    titles = slide_titles(build_briefing_pptx(hand_context(priority=_ten_priorities())))
    assert [t for t in titles if t.startswith("Desa prioritas")] == [
        "Desa prioritas menurut peluang kejadian 30 hari (1–5)", "Desa prioritas menurut peluang kejadian 30 hari (6–10)"]


def test_scope_is_stated_on_every_page_and_slide():
    """Whoever holds one page or sees one slide knows which kecamatan and kategori it covers."""
    context = hand_context(scope="Cakupan: Kecamatan Malinau Kota · kategori: Lahan", cases=_cases())
    pages = pypdf.PdfReader(io.BytesIO(build_briefing_pdf(context))).pages
    assert len(pages) >= 2 and all("Cakupan: Kecamatan Malinau Kota" in page.extract_text() for page in pages)
    for slide in Presentation(io.BytesIO(build_briefing_pptx(context))).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert "Cakupan: Kecamatan Malinau Kota · kategori: Lahan" in texts


def _seed_two_kecamatan(engine) -> None:
    rows = [("2026-04-01", "65.02.01", "65.02.01.2002", "sumber_daya"),
            ("2026-04-02", "65.02.01", "65.02.01.2002", "sumber_daya"), ("2026-04-03", "65.02.01", "65.02.01.2005", "pemilu"),
            ("2026-04-04", "65.02.02", None, "sumber_daya"), ("2026-05-20", "65.02.02", None, "sumber_daya")]
    records = pd.DataFrame([
        {"tanggal": pd.Timestamp(day), "kode_kecamatan": kec, "kode_desa": desa, "jenis": "x", "kategori": kategori,
         "uraian": None, "pihak": None, "korban_meninggal": 0, "korban_luka": 0, "tindak_lanjut": None, "sumber": None,
         "lat": None, "lon": None}
        for day, kec, desa, kategori in rows
    ])
    commit_records(engine, kind="kejadian", records=records, file_name="dua_kecamatan.csv", sha256="c" * 64,
                   sheet=None, header_row=1, user="uji", rows_read=5, rows_rejected=0, is_demo=False)


@pytest.mark.parametrize("kecamatan, kategori, kejadian, scope", [
    ((), (), 5, "Cakupan: seluruh Kabupaten Malinau · semua kategori"),
    (("65.02.01",), (), 3, "Cakupan: Kecamatan Mentarang · semua kategori"),
    (("65.02.01",), ("sumber_daya",), 2, "Cakupan: Kecamatan Mentarang · kategori: Sengketa lahan / sumber daya alam"),
    (("65.02.02",), ("pemilu",), 0, "Cakupan: Kecamatan Malinau Kota · kategori: Pemilu / Pilkades / Pilkada"),
])
def test_briefing_follows_the_screen_filters(sqlite_engine, kecamatan, kategori, kejadian, scope):
    """The briefing counts only the kecamatan and kategori chosen on screen, and says so."""
    _seed_two_kecamatan(sqlite_engine)
    context = build_briefing_context(sqlite_engine, start=date(2026, 3, 1), end=date(2026, 5, 31),
                                     today=date(2026, 6, 2), kecamatan=kecamatan, kategori=kategori)
    assert {h.label: h.value for h in context.headlines}["Kejadian"] == kejadian
    assert context.scope == scope
    assert int(context.trend["jumlah"].sum()) == kejadian
    if kecamatan and not context.priority.empty:
        assert set(context.priority["Kecamatan"]) == {"Mentarang" if kecamatan == ("65.02.01",) else "Malinau Kota"}


@pytest.mark.parametrize("high_names", [("Long Bisai", "Paking"), ("Belayan", "Malinau Hulu", "Batu Lidung")])
def test_printed_map_names_every_kecamatan_and_the_high_desa_without_overlap(shared_boundaries, high_names):
    """The printed map names all 15 kecamatan and numbers the Tinggi desa (key beside it), in the screen's colours;
    nothing written overlaps anything else, also with three Tinggi desa in the crowded north-east."""
    import geopandas as gpd

    from analytics.places.gazetteer import load_gazetteer
    from analytics.views.colours import BAND_COLORS

    shapes = gpd.read_file(shared_boundaries / "malinau_desa.geojson")[["kode", "geometry"]]
    gazetteer = load_gazetteer()
    code_of = dict(zip(gazetteer.desa["nama"], gazetteer.desa["kode"]))
    high = {code_of[name]: 90.0 - 10 * i for i, name in enumerate(high_names)}
    levels = pd.DataFrame({"kode": shapes["kode"], "tingkat": ["Tinggi" if k in high else "Rendah" for k in shapes["kode"]],
                           "skor": [high.get(k, 5.0) for k in shapes["kode"]]})
    fig = draw_risk_map(levels, shapes)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.texts]
    assert set(gazetteer.kecamatan["nama"]) <= set(names)
    assert set(names) - set(gazetteer.kecamatan["nama"]) == {str(i + 1) for i in range(len(high_names))}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"{i + 1}  {n}" for i, n in enumerate(high_names)]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer=renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    from matplotlib.colors import to_hex

    fills = {to_hex(c) for c in ax.collections[0].get_facecolor()}
    assert {BAND_COLORS["Tinggi"].lower(), BAND_COLORS["Rendah"].lower()} <= fills


def test_schematic_printed_map_names_kecamatan_off_the_tiles_and_numbers_the_high_desa():
    """Without a boundary file: 15 kecamatan names that cover no tile and no other name; the Tinggi desa of the
    filtered kecamatan numbered on their tiles (highest skor first) with a key naming them, as on the screen."""
    from matplotlib.transforms import Bbox

    from analytics.places.gazetteer import load_gazetteer
    from analytics.places.schematic import schematic_places

    tiles = schematic_places("desa")
    gazetteer = load_gazetteer()
    high = {"65.02.02.2001": 70.0, "65.02.02.2004": 90.0, "65.02.01.2002": 95.0}  # two in Malinau Kota, one not
    levels = pd.DataFrame({"kode": tiles["kode"], "tingkat": ["Tinggi" if k in high else "Rendah" for k in tiles["kode"]],
                           "skor": [high.get(k, 10.0) for k in tiles["kode"]]})
    fig = draw_risk_map(levels, tiles, kecamatan=("65.02.02",))
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    names = {t.get_text().replace("\n", " "): t.get_window_extent(renderer=renderer) for t in ax.texts
             if not t.get_text().isdigit()}
    assert set(names) == set(gazetteer.kecamatan["nama"])
    tile_boxes = [Bbox(ax.transData.transform([(g.bounds[0], g.bounds[1]), (g.bounds[2], g.bounds[3])]))
                  for g in tiles.geometry]
    boxes = list(names.values())
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert not any(name.overlaps(tile) for name in boxes for tile in tile_boxes)
    numbers = {t.get_text(): t.get_position() for t in ax.texts if t.get_text().isdigit()}
    centre = dict(zip(tiles["kode"], zip(tiles["centroid_lon"], tiles["centroid_lat"])))
    assert numbers == {"1": pytest.approx(centre["65.02.02.2004"]), "2": pytest.approx(centre["65.02.02.2001"])}
    desa = dict(zip(gazetteer.desa["kode"], gazetteer.desa["nama"]))
    key = [t.get_text() for t in ax.get_legend().get_texts()]
    assert key == [f"1  {desa['65.02.02.2004']}", f"2  {desa['65.02.02.2001']}"]


def test_printed_map_fits_the_page_width_and_height():
    """The map image of the PDF lies inside the page's margins (a wide map was cut at both edges)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    from analytics.places.schematic import schematic_places

    tiles = schematic_places("desa")
    levels = pd.DataFrame({"kode": tiles["kode"], "tingkat": "Rendah", "skor": 10.0})
    reader = PdfReader(io.BytesIO(build_briefing_pdf(hand_context(levels=levels, boundaries=tiles), compress=False)))
    page = reader.pages[1]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    placed = [ops for ops, op in ContentStream(page.get_contents(), reader).operations if op == b"cm"]
    images = [[float(v) for v in m] for m in placed if float(m[0]) > 100]  # the map: scaled to hundreds of points
    assert images, "no image placed on the map page"
    for a, _, _, d, x, y in images:
        assert x >= 10 and x + a <= width - 10 and y >= 10 and y + d <= height - 10
