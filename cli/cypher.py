"""``diplomap cypher``: the saved queries of ``cypher/`` and ad-hoc read-only Cypher.

Cypher always runs on Neo4j (``NEO4J_URI``), through :class:`graph.console.run.Console`:
read-only, with the time limit ``DIPLOMAP_QUERY_TIMEOUT`` and the row cap
``DIPLOMAP_ROW_CAP``. A refused or failed query exits with 1 and the reason; a Neo4j
that cannot be reached exits with 3.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click
from rich.console import Console as RichConsole
from rich.table import Table

from graph.console.library import SavedQuery, get_saved, load_library
from graph.console.results import ConsoleResult
from graph.console.run import Console
from graph.errors import StoreUnavailable
from graph.stores.neo4j_errors import START_NEO4J


def _out() -> RichConsole:
    """Rich output: the terminal's width, or unlimited when piped (ids are never wrapped there)."""
    width = None if sys.stdout.isatty() else 100_000
    return RichConsole(highlight=False, soft_wrap=False, width=width)


def _default_text(p) -> str:
    if p.type == "list":
        return ";".join(map(str, p.default)) if p.default else "[]"
    if p.default is None:
        return "null"
    return str(p.default).lower() if p.type == "bool" else str(p.default)


def _table(columns: list[str]) -> Table:
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")  # wrap, never cut an id short
    return table


def _params_text(saved: SavedQuery) -> str:
    return ", ".join(f"{p.name}:{p.type}={_default_text(p)}" for p in saved.params)


# -- rendering values ------------------------------------------------------------------------
def _is_node(v: Any) -> bool:
    return isinstance(v, dict) and set(v) == {"id", "label", "props"}


def _is_rel(v: Any) -> bool:
    return isinstance(v, dict) and set(v) == {"type", "start", "end", "props"}


def _is_path(v: Any) -> bool:
    return isinstance(v, dict) and set(v) == {"nodes", "relationships"}


def cell(v: Any) -> str:
    """One value as text for a table or a CSV cell (lists of plain values joined with ``;``)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if _is_node(v):
        name = v["props"].get("name")
        return f"({v['label']} {v['id']}{' ' + repr(name) if name else ''})"
    if _is_rel(v):
        return f"[{v['start']} -{v['type']}-> {v['end']}]"
    if _is_path(v):
        return " - ".join(n["id"] for n in v["nodes"])
    if isinstance(v, list) and all(not isinstance(x, dict | list) for x in v):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, list) and all(_is_node(x) or _is_rel(x) or _is_path(x) for x in v):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def render(result: ConsoleResult, fmt: str, meta: dict[str, Any]) -> None:
    if fmt == "json":
        click.echo(json.dumps({**meta, **result.to_dict()}, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell(v) for v in row] for row in result.rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        table = _table(result.columns)
        for row in result.rows:
            table.add_row(*(cell(v) for v in row))
        _out().print(table)
    more = f", truncated at DIPLOMAP_ROW_CAP={result.row_cap}" if result.truncated else ""
    rows = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    footer = f"{rows}{more} ({result.elapsed_ms:g} ms)"
    for notice in result.notices:
        click.echo(f"notice: {notice}", err=True)
    # keep CSV on stdout clean for pipes; the table gets its footer beside it
    click.echo(footer, err=fmt == "csv")


def _parse_param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--param")
    return key.strip(), value


def _guess(value: str) -> Any:
    """An ad-hoc parameter: JSON when it parses (5, true, ["a"], "x"), else the text itself."""
    try:
        return json.loads(value)
    except ValueError:
        return value


# -- commands ------------------------------------------------------------------------------
@click.group("cypher")
def cypher() -> None:
    """Saved and ad-hoc Cypher queries, read-only, on Neo4j."""


@cypher.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def list_cmd(fmt: str) -> None:
    """List the saved queries of cypher/."""
    library = load_library()
    if fmt == "json":
        click.echo(
            json.dumps([q.to_dict() for q in library.values()], ensure_ascii=False, indent=2)
        )
        return
    table = _table(["name", "title", "title (TR)", "parameters"])
    for q in library.values():
        table.add_row(q.name, q.title, q.title_tr, _params_text(q))
    _out().print(table)
    click.echo(f"{len(library)} saved queries; `diplomap cypher show NAME` prints one")


@cypher.command("show")
@click.argument("name")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show_cmd(name: str, fmt: str) -> None:
    """Print one saved query: its header and its Cypher."""
    q = get_saved(name)
    if fmt == "json":
        click.echo(json.dumps(q.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{q.name}: {q.title}")
    click.echo(f"TR: {q.title_tr}")
    click.echo(q.description)
    if q.params:
        click.echo("parameters (--param NAME=VALUE):")
        for p in q.params:
            click.echo(f"  {p.name:<18} {p.type:<7} default {_default_text(p)}")
    click.echo("")
    click.echo(q.query)


@cypher.command("run")
@click.argument("name", required=False)
@click.option(
    "-e",
    "--execute",
    "text",
    metavar="CYPHER",
    help="Run this ad-hoc query instead of a saved one.",
)
@click.option(
    "-p",
    "--param",
    "raw_params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter (repeatable). Saved queries coerce it to the declared type; "
    'for -e a value that parses as JSON (5, true, ["a"]) is used as such.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.001), help="Seconds (default DIPLOMAP_QUERY_TIMEOUT)."
)
@click.option("--row-cap", type=click.IntRange(min=1), help="Most rows (default DIPLOMAP_ROW_CAP).")
@click.pass_context
def run_cmd(
    ctx: click.Context,
    name: str | None,
    text: str | None,
    raw_params: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    row_cap: int | None,
) -> None:
    """Run the saved query NAME, or an ad-hoc query with -e, read-only on Neo4j."""
    if bool(name) == bool(text):
        raise click.UsageError("give either a saved query NAME or -e CYPHER (one of the two)")
    pairs = [_parse_param(p) for p in raw_params]
    saved = get_saved(name) if name else None
    console = _console(ctx)
    if saved is not None:
        params = console.bind(saved, dict(pairs))
        query = saved.query
    else:
        params, query = {k: _guess(v) for k, v in pairs}, text
    try:
        result = console.run(query, params, timeout=timeout, row_cap=row_cap)
    except StoreUnavailable as exc:
        raise _unreachable(ctx, exc) from exc
    render(result, fmt, {"query": saved.name if saved else None, "params": params})
    if result.truncated:  # a partial result never looks like a full success
        click.echo(
            f"incomplete: more than {result.row_cap} rows; raise --row-cap or narrow the query",
            err=True,
        )
        ctx.exit(EXIT_TRUNCATED)


#: Exit code of ``cypher run`` when the row cap cut the result short (1: an error, such as
#: a time-out; 2: wrong usage; 3: Neo4j unreachable).
EXIT_TRUNCATED = 4


def _console(ctx: click.Context) -> Console:
    from graph.stores import open_store

    settings = ctx.obj.settings
    store = open_store(settings, "neo4j")
    ctx.call_on_close(store.close)
    if settings["DIPLOMAP_BACKEND"] != "neo4j":
        click.echo(
            f"note: DIPLOMAP_BACKEND is {settings['DIPLOMAP_BACKEND']}; Cypher runs on Neo4j at "
            f"{settings['NEO4J_URI']}",
            err=True,
        )
    return Console.for_store(store, settings)


def _unreachable(ctx: click.Context, exc: StoreUnavailable) -> StoreUnavailable:
    settings = ctx.obj.settings
    if settings["DIPLOMAP_BACKEND"] == "neo4j":
        return exc
    return StoreUnavailable(
        f"Cypher queries need Neo4j, and none answers at {settings['NEO4J_URI']} "
        f"(DIPLOMAP_BACKEND is {settings['DIPLOMAP_BACKEND']})",
        hint=START_NEO4J,
    )


COMMANDS = [cypher]
