"""A report as a Word document (python-docx): the same title page, contents, numbered
sections, tables, charts (PNG drawn from the same layout as the SVG) and sources as the
PDF, with Word's own heading styles so that the navigation pane and a table of contents
field work on it."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from graph.plan.report_model import Chart, Paragraph, Report, Table
from graph.plan.report_words import number, word
from importers.report_chart import to_png

GREY = RGBColor(0x55, 0x55, 0x55)


def _text(value: object, lang: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(float(value), lang, 0 if float(value).is_integer() else 1)
    return "–" if value is None else str(value)


def _caption(doc, text: str) -> None:
    para = doc.add_paragraph(style="Caption")
    para.add_run(text)


def _table(doc, table: Table, lang: str) -> None:
    _caption(doc, f"{word('table', lang)} {table.number}: {table.caption}")
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _text(value, lang)
    for row in grid.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(8.5)
    if table.note:
        note = doc.add_paragraph().add_run(table.note)
        note.font.size, note.font.color.rgb = Pt(8), GREY


def _chart(doc, chart: Chart, lang: str) -> None:
    doc.add_picture(io.BytesIO(to_png(chart)), width=Cm(16))
    _caption(doc, f"{word('chart', lang)} {chart.number}: {chart.caption}")


def to_docx(report: Report) -> bytes:
    """``report`` as the bytes of a .docx file.

    Parameters
    ----------
    report : the report.
    """
    lang = report.lang
    doc = Document()
    doc.core_properties.title = f"{report.title} – {report.subtitle}"
    doc.core_properties.language = "tr-TR" if lang == "tr" else "en-GB"
    doc.core_properties.author = "Diplomap"
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Sans", Pt(10)
    for _ in range(6):
        doc.add_paragraph()
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subtitle).runs[0].font.size = Pt(15)
    facts = doc.add_table(rows=0, cols=2)
    for key, value in report.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = key, str(value)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(word("contents", lang), level=1)
    for entry in report.contents():
        para = doc.add_paragraph(f"{entry['number']} {entry['title']}".strip())
        para.paragraph_format.left_indent = Cm(0.8 * (entry["level"] - 1))
        para.paragraph_format.space_after = Pt(2)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in report.sections:
        doc.add_heading(f"{section.number} {section.title}", level=section.level)
        for block in section.blocks:
            if isinstance(block, Table):
                _table(doc, block, lang)
            elif isinstance(block, Chart):
                _chart(doc, block, lang)
            elif isinstance(block, Paragraph):
                run = doc.add_paragraph().add_run(block.text)
                run.italic = block.empty
    doc.add_heading(word("sources", lang), level=1)
    for source in report.sources:
        doc.add_paragraph(source, style="List Number")
    if not report.sources:
        doc.add_paragraph("Kaynak kayıtlı değil." if lang == "tr" else "No source recorded.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
