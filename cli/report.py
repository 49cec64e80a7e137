"""``diplomap report``: the reports the department writes (issue 13), from the graph.

    diplomap report monitoring --lang tr --from 2025-01-01 --to 2025-06-30 -o izleme.pdf
    diplomap report situation --lang en --format docx -o situation.docx
    diplomap report final --format json -o -        # JSON on standard output

The format follows ``--format``, else the suffix of ``-o``, else PDF; without ``-o`` the
file is written to the current folder under a name made of the report's title and date.
"""

from __future__ import annotations

from pathlib import Path

import click

KINDS = ("situation", "monitoring", "midterm", "final")
FORMATS = ("docx", "pdf", "json")


def choose_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else ``pdf``.

    >>> choose_format(None, "rapor.docx"), choose_format("json", "x.pdf"), choose_format(None, None)
    ('docx', 'json', 'pdf')
    """
    if fmt:
        return fmt
    suffix = Path(output or "").suffix.lstrip(".").lower()
    return suffix if suffix in FORMATS else "pdf"


@click.command("report")
@click.argument("kind", type=click.Choice(KINDS))
@click.option(
    "--lang",
    type=click.Choice(["tr", "en"]),
    help="Language of the report (default: from LANG).",
)
@click.option("--from", "start", help="First day of the period (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--to", "end", help="Last day of the period (default: today, or the plan's end).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="docx, pdf or json.")
@click.option("-o", "--output", help="File to write; '-' writes to standard output.")
@click.option("--home", help="Id of the home city (default: DIPLOMAP_HOME or is_home).")
@click.option("--plan", help="Id of the plan (default: the newest).")
@click.option("--today", help="Make the report as if on this date (YYYY-MM-DD).")
@click.pass_obj
def report_cmd(obj, kind, lang, start, end, fmt, output, home, plan, today) -> None:
    """Write a report: situation analysis, monitoring, mid-term or final evaluation."""
    from graph.plan.reports import build_report
    from importers.messages import language
    from importers.report_files import file_name, render

    lang = language(lang)
    obj.lang = lang  # errors in the report's language
    fmt = choose_format(fmt, output)
    G = obj.store().to_networkx()
    report = build_report(
        G,
        kind,
        lang,
        start,
        end,
        home=home or obj.settings.get("DIPLOMAP_HOME") or None,
        plan=plan,
        today=today,
    )
    body = render(report, fmt)
    if output == "-":
        if fmt == "json":
            click.echo(body.decode("utf-8"))
        else:
            click.get_binary_stream("stdout").write(body)
        return
    path = Path(output or file_name(report, fmt))
    try:
        path.write_bytes(body)
    except OSError as exc:
        word = "yazılamadı" if lang == "tr" else "could not be written"
        raise click.ClickException(f"{path}: {word} ({exc.strerror})") from exc
    tables, charts = len(report.tables()), len(report.charts())
    click.echo(
        f"{path}: {report.title}, {report.start + ' – ' if report.start else ''}{report.end}; "
        + (
            f"{len(report.sections)} bölüm, {tables} tablo, {charts} şekil"
            if lang == "tr"
            else f"{len(report.sections)} sections, {tables} tables, {charts} charts"
        )
    )


COMMANDS = [report_cmd]
