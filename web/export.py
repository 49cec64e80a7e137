"""Tables to CSV and XLSX, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice ("CSV injection"), so a partner named
``=HYPERLINK("http://evil", "x")`` could act when the file is opened. Every text
cell that starts so is prefixed with a single quote; numbers stay numbers.

>>> neutralise("=1+2"), neutralise("@SUM(A1)"), neutralise("Antalya"), neutralise(-3)
("'=1+2", "'@SUM(A1)", 'Antalya', -3)
>>> neutralise("\\t=cmd"), neutralise("")
("'\\t=cmd", '')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from importers.export import xml_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` with a leading quote when it is text a spreadsheet would run as a formula,
    and without control characters a workbook cannot hold."""
    value = xml_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _rows(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    yield [neutralise(h) for h in header]
    for row in rows:
        yield [neutralise(v) for v in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel reads Turkish letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_rows(header, rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Diplomap") -> bytes:
    """An XLSX workbook with one sheet; every cell is a value, never a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for i, row in enumerate(_rows(header, rows)):
        sheet.append(row)
        if i == 0:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xlsx_sheets(sheets: Iterable[tuple[str, Sequence[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per ``(title, rows)``; every cell is a value, never a
    formula. The first row of a sheet, and every row given as a tuple, is a heading (bold)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append([neutralise(v) for v in row])
            if isinstance(row, tuple) or sheet.max_row == 1:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
