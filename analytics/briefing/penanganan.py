"""The 'Tindak lanjut' section of the Bahan Rakor (PDF page and PowerPoint slide): counts only, no free text.

It shows cases by agency and status, then the overdue cases by place and agency — never a case's
judul, uraian, action text or who acted (the briefing is projected and handed out).
"""

from __future__ import annotations

import pandas as pd
from pptx.util import Inches

from analytics.briefing.pptx_parts import add_table, add_text
from analytics.penanganan.listing import overdue_by_place, status_by_agency
from analytics.penanganan.rules import STATUSES

SECTION_TITLE = "Tindak lanjut"
NO_CASES = "Belum ada tindak lanjut yang dicatat."
NO_OVERDUE = "Tidak ada tindak lanjut yang lewat tenggat."
OVERDUE_ROWS = 12


def followup_tables(cases: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (agency × status counts, overdue cases by place) as text tables with Indonesian headings."""
    counts = status_by_agency(cases)
    counts.columns = ["Instansi", *[s.capitalize() for s in STATUSES], "Lewat tenggat", "Jumlah"]
    overdue = overdue_by_place(cases).head(OVERDUE_ROWS)
    overdue = pd.DataFrame({
        "Wilayah": overdue["tempat"].astype(str),
        "Instansi": overdue["instansi"].astype(str),
        "Jatuh tempo": pd.to_datetime(overdue["jatuh_tempo"]).dt.strftime("%d/%m/%Y"),
        "Hari terlambat": overdue["hari_terlambat"].astype(int).astype(str),
        "Status": overdue["status"].astype(str),
    })
    return counts.astype(str), overdue


def overdue_line(cases: pd.DataFrame) -> str:
    """Return one sentence with the number of overdue cases out of the open ones."""
    late = int(cases["terlambat"].sum()) if len(cases) else 0
    active = int(cases["status"].isin(STATUSES[:2]).sum()) if len(cases) else 0
    return f"{late} dari {active} tindak lanjut aktif lewat tenggat."


def write_followup_pdf(pdf, cases: pd.DataFrame, heading_style) -> None:
    """Add the 'Tindak lanjut' page to an fpdf2 document (the briefing's own class, fonts already added)."""
    pdf.add_page()
    pdf.heading(SECTION_TITLE)
    pdf.set_font("DejaVu", "", 11)
    if cases.empty:
        pdf.cell(0, 8, NO_CASES, new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_font("DejaVu", "B", 12)
    if cases["terlambat"].any():  # overdue cases stand out: the line is red
        pdf.set_text_color(200, 0, 0)
    pdf.cell(0, 8, overdue_line(cases), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 10)
    counts, overdue = followup_tables(cases)
    for table in (counts, overdue):
        pdf.ln(3)
        if table.empty:
            pdf.cell(0, 8, NO_OVERDUE, new_x="LMARGIN", new_y="NEXT")
            continue
        rows = [list(table.columns), *table.values.tolist()]
        with pdf.table(rows=rows, headings_style=heading_style, line_height=6, text_align="LEFT"):
            pass


def add_followup_slide(slide, cases: pd.DataFrame) -> None:
    """Fill a python-pptx slide with the overdue line and the agency × status and overdue tables."""
    if cases.empty:
        add_text(slide, NO_CASES, Inches(0.6), Inches(2), Inches(12), Inches(1), 20)
        return
    add_text(slide, overdue_line(cases), Inches(0.5), Inches(1.3), Inches(12), Inches(0.5), 18, bold=True)
    counts, overdue = followup_tables(cases)
    top = Inches(1.9)
    for table in (counts.head(8), overdue.head(6)):
        if table.empty:
            add_text(slide, NO_OVERDUE, Inches(0.5), top, Inches(12), Inches(0.4), 14)
            continue
        top = add_table(slide, table, top, Inches(0.3), 11) + Inches(0.3)
