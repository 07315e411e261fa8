"""Bahan Rakor: the meeting briefing as a PDF (fpdf2), built on the server with no internet.

The builder is pure: it takes a `BriefingContext` (see analytics/briefing_data.py for how one is
gathered from the store) and returns bytes. Text is set in DejaVu Sans, the font matplotlib ships
inside its wheel, embedded in the PDF so Indonesian text prints the same on every machine.
The PowerPoint version is in analytics/briefing_pptx.py.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from analytics.briefing.model import (
    DEMO_NOTICE,
    PRIORITY_ROWS,
    BriefingContext,
    briefing_title,
    draw_briefing_images,
    format_number,
    period_text,
    public_priority,
    sources_text,
)

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"




def column_weights(rows: list[list[str]]) -> tuple[float, ...]:
    """Return relative column widths from the longest text in each column (long reasons get the room)."""
    longest = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    # A column is never narrower than its heading (plus bold-font slack), nor wider than a sentence.
    return tuple(min(max(n, len(str(rows[0][i])) + 4, 10), 70) for i, n in enumerate(longest))


class _BriefingPDF(FPDF):
    """A4 landscape with the product's header line and, for demo data, a red notice on every page."""

    def __init__(self, context: BriefingContext) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.context = context
        self.add_font("DejaVu", "", str(FONT_REGULAR))
        self.add_font("DejaVu", "B", str(FONT_BOLD))
        self.set_auto_page_break(auto=True, margin=15)

    def header(self) -> None:
        self.set_font("DejaVu", "", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"Waspada Malinau · {briefing_title(self.context)}", new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "B", 10)
        self.set_text_color(40, 40, 40)
        self.cell(0, 6, self.context.scope, new_x="LMARGIN", new_y="NEXT")
        if self.context.is_demo:
            self.set_font("DejaVu", "B", 11)
            self.set_text_color(200, 0, 0)
            self.cell(0, 7, DEMO_NOTICE, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, f"Halaman {self.page_no()}/{{nb}} · Badan Kesbangpol Kabupaten Malinau", align="C")

    def heading(self, text: str) -> None:
        self.set_font("DejaVu", "B", 16)
        self.cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def _write_cover(pdf: _BriefingPDF, context: BriefingContext) -> None:
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 24)
    pdf.cell(0, 14, briefing_title(context), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for line in (period_text(context), sources_text(context)):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.heading("Angka utama")
    if not context.headlines:
        pdf.set_font("DejaVu", "", 12)
        pdf.cell(0, 8, "Belum ada data.", new_x="LMARGIN", new_y="NEXT")
        return
    box_w = (pdf.epw - 6 * (min(len(context.headlines), 4) - 1)) / min(len(context.headlines), 4)
    for index, item in enumerate(context.headlines):
        if index and index % 4 == 0:
            pdf.ln(36)
        x = pdf.l_margin + (index % 4) * (box_w + 6)
        y = pdf.get_y()
        pdf.set_xy(x, y)
        pdf.set_fill_color(240, 244, 248)
        pdf.rect(x, y, box_w, 32, style="F")
        pdf.set_xy(x + 3, y + 2)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(box_w - 6, 5, item.label)
        pdf.set_xy(x + 3, y + 13)
        pdf.set_font("DejaVu", "B", 20)
        pdf.cell(box_w - 6, 10, format_number(item.value))
        if item.note:
            pdf.set_xy(x + 3, y + 24)
            pdf.set_font("DejaVu", "", 8)
            pdf.cell(box_w - 6, 5, item.note)
        pdf.set_xy(x, y)
    pdf.ln(36)


def _write_priority(pdf: _BriefingPDF, context: BriefingContext) -> None:
    pdf.add_page()
    pdf.heading(f"Desa prioritas ({PRIORITY_ROWS} teratas menurut peluang kejadian 30 hari)")
    table = public_priority(context.priority)
    pdf.set_font("DejaVu", "", 10)
    if table.empty:
        pdf.cell(0, 8, "Belum ada skor risiko untuk periode ini.", new_x="LMARGIN", new_y="NEXT")
        return
    rows = [[str(c) for c in table.columns], *table.values.tolist()]
    heading_style = FontFace(emphasis="BOLD", fill_color=(220, 228, 236))
    # Passing rows= draws every row when the context closes.
    with pdf.table(rows=rows, headings_style=heading_style, line_height=6, text_align="LEFT",
                   col_widths=column_weights(rows)):
        pass


def build_briefing_pdf(context: BriefingContext, *, compress: bool = True) -> bytes:
    """Return the Bahan Rakor PDF: cover with headline numbers, map, trend and priority table."""
    pdf = _BriefingPDF(context)
    pdf.set_compression(compress)
    pdf.set_title(briefing_title(context))
    pdf.set_creator("Waspada Malinau")
    map_png, trend_png = draw_briefing_images(context)
    _write_cover(pdf, context)
    pdf.add_page()
    pdf.heading("Peta risiko desa")
    if context.boundary_note:
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 5, context.boundary_note, new_x="LMARGIN", new_y="NEXT")
    # Fit what is left of the page (width and height, aspect kept): a taller image would spill onto a page of its
    # own, a wider one would be cut at the page edges.
    pdf.image(map_png, x=pdf.l_margin, w=pdf.epw, h=pdf.h - pdf.b_margin - pdf.get_y() - 2, keep_aspect_ratio=True)
    pdf.add_page()
    pdf.heading("Tren kejadian per bulan")
    pdf.image(trend_png, w=pdf.epw * 0.9, x="C")
    _write_priority(pdf, context)
    if context.cases is not None:
        from analytics.briefing.penanganan import write_followup_pdf

        write_followup_pdf(pdf, context.cases, FontFace(emphasis="BOLD", fill_color=(220, 228, 236)))
    return bytes(pdf.output())
