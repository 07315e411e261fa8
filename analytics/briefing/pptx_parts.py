"""Small python-pptx building blocks shared by the briefing's slides."""

from __future__ import annotations

import pandas as pd
from pptx.util import Inches, Pt


def add_text(slide, text: str, left, top, width, height, size: int, *, bold: bool = False, colour=None) -> None:
    """Add a wrapped text box with one run of the given size (points)."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def add_table(slide, table: pd.DataFrame, top, row_height, font_size: int):
    """Add table (header row + one row per record, as text) across the slide; return its bottom edge."""
    shape = slide.shapes.add_table(len(table) + 1, len(table.columns), Inches(0.5), top, Inches(12.3),
                                   row_height * (len(table) + 1))
    for col, name in enumerate(table.columns):
        shape.table.cell(0, col).text = str(name)
    for row, values in enumerate(table.itertuples(index=False), start=1):
        for col, value in enumerate(values):
            cell = shape.table.cell(row, col)
            cell.text = str(value)
            cell.text_frame.paragraphs[0].runs[0].font.size = Pt(font_size)
    return top + row_height * (len(table) + 1)
