"""The import pipeline: read -> map -> resolve -> write, with a report.

    report = import_path(store, Path("data/antalya"))
    print(report.render())

All-or-nothing: when any row has an error nothing is written, and
:class:`~graph.errors.ImportFailed` carries the report. A dry run shows what
would be created, updated or left unchanged. Importing the same files twice
changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import DiplomapError, ImportFailed
from graph.stores.base import Store
from graph.stores.changes import WriteResult
from importers.mapping import ORDER, PendingNode, PendingRel, Problem, map_table, sheet_for
from importers.messages import translate
from importers.our_ties import imply_home, is_ours
from importers.readers import Location, ReadError, Table, read_path
from importers.resolve import NAMED_LABELS, Resolver

Progress = Callable[[str, int, int], None]  # (stage, done, total)
#: Problems listed in a report (text and JSON); the rest are counted.
ERRORS_SHOWN = 50


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    tables: dict[str, int] = field(default_factory=dict)  # table source -> rows
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    result: WriteResult | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, dict[str, int]]:
        if self.result is None:
            return {}
        return {"nodes": self.result.counts("node"), "relations": self.result.counts("relation")}

    def changes_by_label(self) -> dict[str, dict[str, int]]:
        out: dict[str, Counter] = {}
        for ch in self.result.changes if self.result else []:
            out.setdefault(ch.label, Counter())[ch.action] += 1
        return {k: dict(v) for k, v in sorted(out.items())}

    def render_errors(self, limit: int = ERRORS_SHOWN, lang: str = "en") -> str:
        """The errors as lines ``file:line:column: what``, at most ``limit`` of them."""
        lines = [f"  {p.location}: {translate(p.message, lang)}" for p in self.errors[:limit]]
        if len(self.errors) > limit:
            more = len(self.errors) - limit
            lines.append(
                f"  ... {more} hata daha" if lang == "tr" else f"  ... and {more} more errors"
            )
        return "\n".join(lines)

    def render(self, lang: str = "en") -> str:
        """The report as text for the CLI, in ``lang`` (``en`` or ``tr``)."""
        tr = lang == "tr"
        head = (
            ("Deneme: " if self.dry_run else "İçe aktarma: ")
            if tr
            else ("Dry run of " if self.dry_run else "Import of ")
        )
        lines = [f"{head}{self.source}"]
        lines += [f"  {n}" for n in self.notes]
        if self.errors:
            lines.append(
                f"{len(self.errors)} hata - hiçbir şey yazılmadı:"
                if tr
                else f"{len(self.errors)} error(s) - nothing was written:"
            )
            lines.append(self.render_errors(lang=lang))
        if self.warnings:
            lines.append(
                f"{len(self.warnings)} uyarı:" if tr else f"{len(self.warnings)} warning(s):"
            )
            lines += [f"  {p.location}: {translate(p.message, lang)}" for p in self.warnings]
        if self.result is not None:
            for kind, c in self.counts().items():
                if tr:
                    word = {"nodes": "varlık", "relations": "bağ"}[kind]
                    verb = " (olacak)" if self.dry_run else ""
                    lines.append(
                        f"  {word}: {c['create']} yeni, {c['update']} değişen, "
                        f"{c['unchanged']} aynı{verb}"
                    )
                else:
                    verb = "would be" if self.dry_run else "were"
                    lines.append(
                        f"  {kind}: {c['create']} created, {c['update']} updated, "
                        f"{c['unchanged']} unchanged ({verb})".replace(" (were)", "")
                    )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "tables": self.tables,
            "notes": self.notes,
            "errors": [
                {"where": str(p.location), "message": p.message} for p in self.errors[:ERRORS_SHOWN]
            ],
            "errors_total": len(self.errors),
            "warnings": [{"where": str(p.location), "message": p.message} for p in self.warnings],
            "counts": self.counts(),
            "by_label": self.changes_by_label(),
            "changes": [
                {
                    "action": c.action,
                    "kind": c.kind,
                    "key": c.key if isinstance(c.key, str) else list(c.key),
                    "label": c.label,
                }
                for c in (self.result.changed if self.result else [])
            ][:1000],
        }


def _home_for(store: Store, tables: list[Table]) -> str | None:
    """The home city for our-ties sheets: marked in this import's cities, else in the store."""
    from graph.home import find_home
    from importers.mapping import parse_bool

    for table in tables:
        if table.kind in ("cities", "sehirler"):
            for row in table.rows:
                try:
                    if row.get("is_home") and parse_bool(row.get("is_home")) and row.get("id"):
                        return row.get("id")
                except DiplomapError:
                    continue
    return find_home(store.to_networkx())


def _where(problem: Problem) -> tuple[str, int, str]:
    """Sort key of a problem: file, line, column."""
    loc = problem.location
    return (loc.file, loc.line or 0, str(loc.column or ""))


def _sort_tables(tables: list[Table]) -> list[Table]:
    def rank(t: Table) -> int:
        spec = sheet_for(t.kind)
        return ORDER.index(spec.name) if spec else len(ORDER)

    return sorted(tables, key=rank)


def import_tables(
    store: Store,
    tables: list[Table],
    source: str,
    *,
    dry_run: bool = False,
    strict: bool = False,
    cutoff: int = 85,
    progress: Progress | None = None,
) -> ImportReport:
    """Import already-read tables into ``store`` (see :func:`import_path`)."""
    report = ImportReport(source, dry_run)
    nodes: list[PendingNode] = []
    rels: list[PendingRel] = []
    broken: set[str] = set()
    if any(is_ours(t) for t in tables):
        home = _home_for(store, tables)
        for table in (t for t in tables if is_ours(t)):
            for loc, message in imply_home(table, home):
                report.problems.append(Problem(loc, message))
    tables = _sort_tables(tables)
    total = sum(len(t.rows) for t in tables)
    done = 0
    for table in tables:
        report.notes.extend(table.notes)
        if table.headers and not table.rows:
            report.problems.append(
                Problem(
                    Location(table.source, table.header_line),
                    "the sheet has a header but no rows: nothing was read from it",
                    severity="warning",
                )
            )
        mapped = map_table(table)
        report.tables[table.source] = mapped.rows
        report.problems.extend(mapped.problems)
        nodes.extend(mapped.nodes)
        rels.extend(mapped.rels)
        broken |= mapped.broken
        done += len(table.rows)
        if progress:
            progress("read", done, total)
    # References are resolved even when some cells are wrong, so that one report holds
    # every problem: bad cells, unknown and ambiguous names, duplicates.
    existing = [n for label in NAMED_LABELS for n in store.nodes(label)]
    resolution = Resolver(existing, cutoff=cutoff, broken=broken).build(nodes, rels)
    report.problems.extend(resolution.problems)
    report.problems.sort(key=_where)
    if progress:
        progress("resolve", total, total)
    if report.errors or (strict and report.warnings):
        what = "error(s)" if report.errors else "possible duplicate(s) (--strict)"
        count = len(report.errors) or len(report.warnings)
        raise ImportFailed(
            f"{count} {what} in {source}; nothing was written",
            report,
            hint="fix the problems listed below and import again",
        )
    report.result = store.apply(resolution.changes, dry_run=dry_run)
    if progress:
        progress("write", total, total)
    return report


def import_path(
    store: Store,
    path: Path | str,
    *,
    dry_run: bool = False,
    strict: bool = False,
    cutoff: int = 85,
    progress: Progress | None = None,
    column_map: dict[str, Any] | None = None,
) -> ImportReport:
    """Import a folder of CSV files, a CSV, an XLSX workbook, or a YAML/JSON file.

    ``column_map`` maps the file's own headers to fields (:mod:`importers.column_map`).
    Raises :class:`ImportFailed` (with ``.report``) when anything is wrong; then
    nothing is written.
    """
    path = Path(path)
    try:
        tables = read_path(path)
    except ReadError as exc:
        report = ImportReport(str(path), dry_run, problems=[Problem(exc.location, exc.detail)])
        raise ImportFailed(f"cannot read {path}", report, hint=exc.hint) from exc
    if column_map is not None:
        from importers.column_map import apply_map

        apply_map(tables, column_map)
    return import_tables(
        store, tables, str(path), dry_run=dry_run, strict=strict, cutoff=cutoff, progress=progress
    )
