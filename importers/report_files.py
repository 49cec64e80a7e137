"""A report in its three formats from one :class:`~graph.plan.report_model.Report`:
DOCX (:mod:`importers.report_docx`), PDF (WeasyPrint from :mod:`importers.report_html`,
with every network fetch refused) and JSON (the report's own data).

>>> from graph.plan.report_model import Report
>>> report = Report("situation", "tr", "Durum tespiti", "Plan", None, "2025-12-31")
>>> render(report, "pdf")[:5], file_name(report, "docx")
(b'%PDF-', 'diplomap-durum-tespiti-2025-12-31.docx')
"""

from __future__ import annotations

import json
import logging

from graph.errors import InvalidData
from graph.ids import slugify
from graph.plan.report_model import Report
from importers.report_html import to_html

#: Format -> MIME type.
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"reports fetch nothing: {url}")


def to_pdf(report: Report) -> bytes:
    """``report`` as PDF bytes, drawn by WeasyPrint from :func:`importers.report_html.to_html`.

    Parameters
    ----------
    report : the report.
    """
    from weasyprint import HTML

    # WeasyPrint logs every font and CSS detail at INFO/WARNING; a report is not the place.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=to_html(report), url_fetcher=_no_fetch).write_pdf()


def to_json(report: Report) -> bytes:
    """``report`` as UTF-8 JSON (:meth:`Report.to_dict`).

    Parameters
    ----------
    report : the report.
    """
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


def render(report: Report, fmt: str) -> bytes:
    """``report`` in the format ``fmt`` (``docx``, ``pdf`` or ``json``).

    Parameters
    ----------
    report : the report.
    fmt : a key of :data:`FORMATS`.
    """
    if fmt == "docx":
        from importers.report_docx import to_docx

        return to_docx(report)
    if fmt == "pdf":
        return to_pdf(report)
    if fmt == "json":
        return to_json(report)
    raise InvalidData(f"unknown report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")


def file_name(report: Report, fmt: str) -> str:
    """A file name for ``report`` in ``fmt``: its title and last day, in plain letters.

    Parameters
    ----------
    report : the report.
    fmt : a key of :data:`FORMATS`.
    """
    return f"diplomap-{slugify(report.title)}-{report.end}.{fmt}"
