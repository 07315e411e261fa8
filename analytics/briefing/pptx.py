"""Bahan Rakor as PowerPoint slides (python-pptx), for meetings that project from PowerPoint.

Same content as the PDF (analytics/briefing.py): title, headline numbers, map, trend, priority
table; the demo notice sits on every slide when the data is demo data.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

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
from analytics.briefing.pptx_parts import add_table
from analytics.briefing.pptx_parts import add_text as _add_text

SLIDE_WIDTH = Inches(13.333)  # 16:9, what meeting-room projectors show
SLIDE_HEIGHT = Inches(7.5)
TITLE_ONLY = 5  # index of "Title Only" in python-pptx's default template
RED = RGBColor(0xC8, 0x00, 0x00)


def _add_slide(prs: Presentation, context: BriefingContext, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = title
    if context.is_demo:
        _add_text(slide, DEMO_NOTICE, Inches(0.5), Inches(6.9), Inches(12), Inches(0.4), 14, bold=True, colour=RED)
    return slide


def _add_picture(slide, png: bytes, top, max_width, max_height) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(png), 0, top)
    scale = min(max_width / picture.width, max_height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = Emu(int((SLIDE_WIDTH - picture.width) / 2))


def build_briefing_pptx(context: BriefingContext) -> bytes:
    """Return the Bahan Rakor slides: title, headline numbers, map, trend and priority table."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    map_png, trend_png = draw_briefing_images(context)

    slide = _add_slide(prs, context, briefing_title(context))
    _add_text(slide, period_text(context), Inches(0.6), Inches(2.0), Inches(12), Inches(0.6), 20)
    _add_text(slide, sources_text(context), Inches(0.6), Inches(2.8), Inches(12), Inches(1.5), 14)
    _add_text(slide, "Waspada Malinau · Badan Kesbangpol Kabupaten Malinau",
              Inches(0.6), Inches(5.8), Inches(12), Inches(0.5), 14)

    slide = _add_slide(prs, context, "Angka utama")
    if not context.headlines:
        _add_text(slide, "Belum ada data.", Inches(0.6), Inches(2), Inches(12), Inches(1), 24)
    per_row = 4
    box_w = Inches(3.0)
    for index, item in enumerate(context.headlines):
        left = Inches(0.5) + (index % per_row) * Inches(3.15)
        top = Inches(1.8) + (index // per_row) * Inches(2.4)
        _add_text(slide, item.label, left, top, box_w, Inches(0.8), 16)
        _add_text(slide, format_number(item.value), left, top + Inches(0.8), box_w, Inches(0.9), 40, bold=True)
        if item.note:
            _add_text(slide, item.note, left, top + Inches(1.7), box_w, Inches(0.5), 12)

    slide = _add_slide(prs, context, "Peta risiko desa")
    if context.boundary_note:
        _add_text(slide, context.boundary_note, Inches(0.6), Inches(1.2), Inches(12), Inches(0.4), 12)
    _add_picture(slide, map_png, Inches(1.6), Inches(12), Inches(5.2))

    slide = _add_slide(prs, context, "Tren kejadian per bulan")
    _add_picture(slide, trend_png, Inches(1.6), Inches(12.3), Inches(5.2))

    slide = _add_slide(prs, context, f"Desa prioritas ({PRIORITY_ROWS} teratas menurut skor risiko)")
    table = public_priority(context.priority)
    if table.empty:
        _add_text(slide, "Belum ada skor risiko untuk periode ini.", Inches(0.6), Inches(2), Inches(12), Inches(1), 20)
    else:
        add_table(slide, table, Inches(1.5), Inches(0.4), 12)

    if context.cases is not None:
        from analytics.briefing.penanganan import SECTION_TITLE, add_followup_slide

        add_followup_slide(_add_slide(prs, context, SECTION_TITLE), context.cases)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()

