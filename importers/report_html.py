"""A report as one HTML document (the source of its PDF): a title page, the contents with
page numbers, numbered sections, tables and charts (inline SVG), and the sources.
Everything taken from the graph is escaped; nothing is fetched from the network.

>>> from graph.plan.report_model import Report
>>> report = Report("monitoring", "en", "Monitoring <report>", "Plan", None, "2025-12-31")
>>> html = to_html(report)
>>> "Monitoring &lt;report&gt;" in html and html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from html import escape
from typing import Any

from graph.plan.report_model import Chart, Paragraph, Report, Section, Table
from graph.plan.report_words import number, word
from importers.report_chart import to_svg

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
        @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #1a1a1a; line-height: 1.4; }
.title-page { page-break-after: always; padding-top: 55mm; }
.title-page h1 { font-size: 26pt; margin: 0 0 4mm 0; color: #1f3f5f; }
.title-page .subtitle { font-size: 15pt; margin-bottom: 16mm; }
.facts th { text-align: left; padding-right: 6mm; font-weight: normal; color: #555; }
.contents { page-break-after: always; }
.contents ol { list-style: none; padding: 0; }
.contents li a { color: #1a1a1a; text-decoration: none; }
.contents li a::after { content: leader('.') target-counter(attr(href), page); }
.contents li.level-2 { margin-left: 8mm; }
h2 { font-size: 15pt; color: #1f3f5f; border-bottom: 1px solid #1f3f5f; margin-top: 9mm; }
h3 { font-size: 12pt; color: #1f3f5f; margin-top: 6mm; }
table.data { border-collapse: collapse; width: 100%; margin: 2mm 0 1mm 0; font-size: 9pt; }
table.data th, table.data td { border: 1px solid #b5b5b5; padding: 1.2mm 1.6mm; vertical-align: top; }
table.data th { background: #e8eef4; text-align: left; }
table.data td.num { text-align: right; }
.caption { font-weight: bold; font-size: 9pt; margin-top: 4mm; }
.note { font-size: 8.5pt; color: #555; }
.empty { font-style: italic; color: #555; }
figure { margin: 3mm 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
.sources li { font-size: 8.5pt; overflow-wrap: anywhere; }
"""


def cell(value: Any, lang: str) -> str:
    """A table cell's value as escaped text (numbers with the marks of ``lang``).

    Parameters
    ----------
    value : text or a number.
    lang : ``tr`` or ``en``.
    """
    if isinstance(value, bool) or value is None:
        return escape(str(value if value is not None else "–"))
    if isinstance(value, int | float):
        return number(float(value), lang, 0 if float(value).is_integer() else 1)
    return escape(str(value))


def _table(table: Table, lang: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{cell(v, lang)}</td>'
            if isinstance(v, int | float) and not isinstance(v, bool)
            else f"<td>{cell(v, lang)}</td>"
            for v in row
        )
        rows.append(f"<tr>{cells}</tr>")
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return (
        f'<p class="caption" id="table-{table.number}">{word("table", lang)} {table.number}: '
        f"{escape(table.caption)}</p>"
        f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + note
    )


def _chart(chart: Chart, lang: str) -> str:
    return (
        f'<figure id="chart-{chart.number}">{to_svg(chart)}'
        f'<figcaption class="caption">{word("chart", lang)} {chart.number}: '
        f"{escape(chart.caption)}</figcaption></figure>"
    )


def section_html(section: Section, lang: str) -> str:
    """One section with its heading and blocks, as HTML.

    Parameters
    ----------
    section : a section of a report.
    lang : ``tr`` or ``en``.
    """
    tag = "h2" if section.level == 1 else "h3"
    out = [f'<{tag} id="s{section.number}">{section.number} {escape(section.title)}</{tag}>']
    for block in section.blocks:
        if isinstance(block, Table):
            out.append(_table(block, lang))
        elif isinstance(block, Chart):
            out.append(_chart(block, lang))
        elif isinstance(block, Paragraph):
            css = ' class="empty"' if block.empty else ""
            out.append(f"<p{css}>{escape(block.text)}</p>")
    return "\n".join(out)


def body_html(report: Report) -> str:
    """The report without the document around it (for a web preview or the PDF).

    Parameters
    ----------
    report : the report.
    """
    lang = report.lang
    facts = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in report.facts
    )
    contents = "".join(
        f'<li class="level-{c["level"]}"><a href="#{"s" + c["number"] if c["number"] else "sources"}">'
        f"{escape(c['number'])} {escape(c['title'])}</a></li>"
        for c in report.contents()
    )
    sources = "".join(f"<li>{escape(s)}</li>" for s in report.sources)
    return "\n".join(
        [
            f'<section class="title-page"><h1>{escape(report.title)}</h1>'
            f'<p class="subtitle">{escape(report.subtitle)}</p>'
            f'<table class="facts">{facts}</table></section>',
            f'<section class="contents"><h2>{word("contents", lang)}</h2><ol>{contents}</ol></section>',
            *(section_html(s, lang) for s in report.sections),
            f'<h2 id="sources">{word("sources", lang)}</h2>',
            f'<ol class="sources">{sources}</ol>'
            if sources
            else f'<p class="empty">{"Kaynak kayıtlı değil." if lang == "tr" else "No source recorded."}</p>',
        ]
    )


def to_html(report: Report) -> str:
    """The whole report as a standalone HTML document.

    Parameters
    ----------
    report : the report.
    """
    return (
        f'<!DOCTYPE html><html lang="{report.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(report.title)} – {escape(report.subtitle)}</title>"
        f"<style>{CSS}</style></head><body>{body_html(report)}</body></html>"
    )


def report_from_dict(data: dict[str, Any]) -> Report:
    """A :class:`Report` back from its JSON form (:meth:`Report.to_dict`), for a preview
    drawn from the same dict a page's JSON twin returns.

    Parameters
    ----------
    data : the report as plain data.
    """
    blocks = {"table": Table, "chart": Chart, "paragraph": Paragraph}
    sections = []
    for item in data.get("sections", []):
        found = []
        for block in item.get("blocks", []):
            fields = {k: v for k, v in block.items() if k != "kind"}
            if block.get("kind") == "chart":
                fields["series"] = [(name, list(values)) for name, values in fields["series"]]
            found.append(blocks[block["kind"]](**fields))
        sections.append(Section(item["number"], item["title"], item.get("level", 1), found))
    keys = ("kind", "lang", "title", "subtitle", "start", "end", "as_of")
    report = Report(**{k: data.get(k) for k in keys})
    report.facts = [(str(k), str(v)) for k, v in data.get("facts", [])]
    report.sections, report.sources = sections, list(data.get("sources", []))
    report.data = dict(data.get("data", {}))
    return report
