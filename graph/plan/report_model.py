"""A report as plain data: a title page, numbered sections with paragraphs, numbered tables
and charts, and sources. Built once by :mod:`graph.plan.reports` and rendered three ways
(DOCX, PDF, JSON) by ``importers.report_files``, so that every format says the same.

>>> report = Report("monitoring", "en", "Monitoring report", "Plan", "2025-01-01", "2025-12-31")
>>> section = report.section("Activities")
>>> table = report.table(section, "Activities by status", ["Status", "Count"], [["done", 2]])
>>> chart = report.chart(section, "Activities by status", ["done"], [("Count", [2.0])])
>>> (section.number, table.number, chart.number), [c["title"] for c in report.contents()]
(('1', 1, 1), ['Activities', 'Sources'])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Table:
    """A numbered table: caption, column headings and rows of cell values (text or numbers)."""

    number: int
    caption: str
    columns: list[str]
    rows: list[list[Any]]
    note: str | None = None

    kind: str = "table"


@dataclass
class Chart:
    """A numbered bar chart: one bar group per label, one bar per series (name, values)."""

    number: int
    caption: str
    labels: list[str]
    series: list[tuple[str, list[float | None]]]
    unit: str = ""

    kind: str = "chart"


@dataclass
class Paragraph:
    """A paragraph of text; ``empty`` marks a statement that a part holds nothing."""

    text: str
    empty: bool = False

    kind: str = "paragraph"


Block = Table | Chart | Paragraph


@dataclass
class Section:
    """A numbered section (``1``, ``2.3``) with a title and its blocks in order."""

    number: str
    title: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)

    def say(self, text: str, empty: bool = False) -> Paragraph:
        """Add a paragraph to this section and return it.

        Parameters
        ----------
        text : the paragraph.
        empty : True when the paragraph says that this part holds nothing.
        """
        found = Paragraph(text, empty)
        self.blocks.append(found)
        return found


@dataclass
class Report:
    """A whole report: what it is, its title page, sections and sources."""

    kind: str
    lang: str
    title: str
    subtitle: str
    start: str | None
    end: str | None
    as_of: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    _tables: int = 0
    _charts: int = 0

    def section(self, title: str, parent: Section | None = None) -> Section:
        """Open a new section (a subsection of ``parent`` when given) and return it.

        Parameters
        ----------
        title : the heading.
        parent : the enclosing top-level section, or None for a top-level section.
        """
        tops = [s for s in self.sections if s.level == 1]
        if parent is None:
            found = Section(str(len(tops) + 1), title, 1)
        else:
            subs = [s for s in self.sections if s.number.startswith(parent.number + ".")]
            found = Section(f"{parent.number}.{len(subs) + 1}", title, 2)
        self.sections.append(found)
        return found

    def table(
        self,
        section: Section,
        caption: str,
        columns: list[str],
        rows: list[list[Any]],
        note: str | None = None,
    ) -> Table:
        """Add the next numbered table to ``section`` and return it.

        Parameters
        ----------
        section : the section it belongs to.
        caption : what the table shows.
        columns : the column headings.
        rows : the rows, each a list of cell values as long as ``columns``.
        note : a line under the table (how figures were counted), or None.
        """
        self._tables += 1
        found = Table(self._tables, caption, columns, rows, note)
        section.blocks.append(found)
        return found

    def chart(
        self,
        section: Section,
        caption: str,
        labels: list[str],
        series: list[tuple[str, list[float | None]]],
        unit: str = "",
    ) -> Chart:
        """Add the next numbered bar chart to ``section`` and return it.

        Parameters
        ----------
        section : the section it belongs to.
        caption : what the chart shows.
        labels : one label per bar group.
        series : (name, one value per label) for each bar of a group; None draws no bar.
        unit : the unit of the values ("" for counts).
        """
        self._charts += 1
        found = Chart(self._charts, caption, labels, series, unit)
        section.blocks.append(found)
        return found

    def contents(self) -> list[dict[str, Any]]:
        """The contents list: number, title and level of every section, in order, and the
        sources last (without a number)."""
        from graph.plan.report_words import word

        found = [{"number": s.number, "title": s.title, "level": s.level} for s in self.sections]
        return [*found, {"number": "", "title": word("sources", self.lang), "level": 1}]

    def tables(self) -> list[Table]:
        """Every table of the report, in number order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        """Every chart of the report, in number order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def to_dict(self) -> dict[str, Any]:
        """This Report as plain data (the JSON format of a report)."""
        out = asdict(self)
        for private in ("_tables", "_charts"):
            out.pop(private)
        out["contents"] = self.contents()
        return out
