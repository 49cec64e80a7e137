"""Data commands: import, import-dataset, stats, export, template."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.errors import ImportFailed

err = Console(stderr=True)


@contextmanager
def progress_bar(enabled: bool = True):
    """A rich progress bar on stderr; yields a callback (stage, done, total)."""
    if not enabled or not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--strict", is_flag=True, help="Treat possible duplicates as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--backend", type=click.Choice(["embedded", "neo4j"]), help="Store to import into.")
@click.option(
    "--lang",
    type=click.Choice(["tr", "en"]),
    help="Language of the report and the messages (default: from LANG).",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(path_type=Path),
    help='A JSON column mapping: {"sheet": "cities", "columns": {"Belediye": "name"}}.',
)
@click.pass_obj
def import_cmd(
    obj,
    path: Path,
    dry_run: bool,
    strict: bool,
    fmt: str,
    backend: str | None,
    lang: str | None,
    map_file: Path | None,
) -> None:
    """Import a folder of CSV files, an XLSX workbook, or a YAML/JSON file.

    Nothing is written when any row has an error; importing twice changes nothing.
    """
    from importers.column_map import load_map
    from importers.messages import language, translate
    from importers.pipeline import import_path

    obj.lang = language(lang)
    column_map = load_map(map_file) if map_file is not None else None
    store = obj.store(backend)
    try:
        with progress_bar(fmt == "text") as update:
            report = import_path(
                store,
                path,
                dry_run=dry_run,
                strict=strict,
                cutoff=obj.settings["DIPLOMAP_FUZZY_CUTOFF"],
                progress=update,
                column_map=column_map,
            )
    except ImportFailed as exc:
        if fmt == "json" and exc.report is not None:
            click.echo(json.dumps(exc.report.to_dict(), ensure_ascii=False, indent=2))
            raise SystemExit(1) from exc
        if exc.report is not None and exc.report.warnings:
            word = "uyarı" if obj.lang == "tr" else "warning"
            for w in exc.report.warnings:
                click.echo(f"  {word}: {w.location}: {translate(w.message, obj.lang)}", err=True)
        raise
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(report.render(obj.lang))
    if dry_run:
        for label, counts in report.changes_by_label().items():
            click.echo(f"    {label}: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())))


@click.command("import-dataset")
@click.argument("name", type=click.Choice(["twin-towns", "wikidata", "etmun"]))
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--dry-run", is_flag=True)
@click.option("--backend", type=click.Choice(["embedded", "neo4j"]))
@click.pass_obj
def import_dataset_cmd(
    obj, name: str, path: Path | None, dry_run: bool, backend: str | None
) -> None:
    """Import a public data set (default path: DIPLOMAP_DATASETS_DIR)."""
    from importers.datasets import dataset_changeset, dataset_path

    path = path or dataset_path(name, obj.settings)
    store = obj.store(backend)
    with progress_bar() as update:

        def advance(n: int) -> None:
            if update:
                advance.done += n  # type: ignore[attr-defined]
                update("read", advance.done, advance.done)  # type: ignore[attr-defined]

        advance.done = 0  # type: ignore[attr-defined]
        # store=: entities already in the store only gain missing properties (curated data wins)
        changes, report = dataset_changeset(
            name,
            path,
            progress=advance,
            store=store,
            fuzzy_cutoff=obj.settings["DIPLOMAP_FUZZY_CUTOFF"],
        )
    click.echo(report.render())
    result = store.apply(changes, dry_run=dry_run)
    for kind in ("node", "relation"):
        c = result.counts(kind)
        click.echo(
            f"  {kind}s: {c['create']} created, {c['update']} updated, {c['unchanged']} unchanged"
            + (" (dry run)" if dry_run else "")
        )


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def stats_cmd(obj, fmt: str) -> None:
    """Count entities by kind and ties by type."""
    store = obj.store()
    counts = store.counts()
    if fmt == "json":
        click.echo(json.dumps({"backend": store.backend, "counts": counts}, indent=2))
        return
    table = Table(title=f"Diplomap ({store.backend})")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for key in sorted(counts, key=lambda k: (k.isupper(), k)):
        table.add_row(key, str(counts[key]))
    Console().print(table)


@click.command("check")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def check_cmd(obj, fmt: str) -> None:
    """Check the store against the model and the audit log against the store (exit 1 on a problem)."""
    from graph.audit.consistency import check
    from graph.audit.log import AuditLog

    store = obj.store()
    problems = check(store, AuditLog.from_settings(obj.settings))
    if fmt == "json":
        click.echo(json.dumps({"backend": store.backend, "problems": problems}, indent=2))
    elif problems:
        for problem in problems:
            click.echo(problem)
        click.secho(f"{len(problems)} problem(s) found", fg="red", err=True)
    else:
        click.echo(f"No problems found ({store.backend} store and its audit log).")
    if problems:
        raise SystemExit(1)


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "json", "csv", "xlsx"]), required=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File (graphml, json, xlsx) or folder (csv); default: stdout for json.",
)
@click.option("--label", "labels", multiple=True, help="Only these kinds (repeatable).")
@click.pass_obj
def export_cmd(obj, fmt: str, output: Path | None, labels: tuple[str, ...]) -> None:
    """Export the graph; CSV and XLSX use the import format, safe against formula injection."""
    from importers.export import export_graph

    written = export_graph(obj.store(), fmt, output, labels=set(labels) or None)
    if written:
        click.echo(f"Wrote {written}", err=True)


@click.command("template")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("diplomap-template.xlsx"),
    show_default=True,
)
@click.option(
    "--lang",
    type=click.Choice(["en", "tr"]),
    default="en",
    show_default=True,
    help="Language of the sheet names and column headers (tr: Şehirler, Ülke, İmza tarihi...).",
)
def template_cmd(output: Path, lang: str) -> None:
    """Write an Excel workbook to fill in: a sheet per kind, README in Turkish and English."""
    from importers.template import write_template

    write_template(output, lang)
    click.echo(f"Wrote {output}")


COMMANDS = [import_cmd, import_dataset_cmd, stats_cmd, check_cmd, export_cmd, template_cmd]
