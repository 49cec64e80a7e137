"""``diplomap consortium``: two or three consortia for a theme and a funding programme.

Thin over :func:`graph.synergy.consortium.consortia`: it resolves the theme (id or name,
Turkish or English) and the programme (id or name), prints each consortium as a table with
its rule checks, strengths and weaknesses, or JSON, and with ``--output`` writes the XLSX
workbook the web page offers (one sheet per consortium and one with the rules and sources).
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.errors import InvalidData


def _programme_help() -> str:
    from graph.reference.programmes import load

    return "Funding programme: " + ", ".join(sorted(load())) + "."


@click.command("consortium")
@click.option("--theme", required=True, metavar="THEME", help="Theme id or name (TR or EN).")
@click.option("--programme", "programme", required=True, metavar="ID", help=_programme_help())
@click.option(
    "--size",
    type=click.IntRange(3, 8),
    default=5,
    show_default=True,
    help="Partners per consortium, our city (the coordinator) included.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the consortia to this XLSX workbook.",
)
@click.option(
    "--lang",
    type=click.Choice(["tr", "en"]),
    help="Language of the reasons and texts (default: from LANG).",
)
@click.pass_obj
def consortium_cmd(obj, theme, programme, size, fmt, output, lang) -> None:
    """Propose consortia of 3-8 partners for a call: our ties first, then candidates,
    each meeting the programme's partnership rules (with the public source of the rules)."""
    from graph.synergy.consortium import consortia
    from graph.synergy.weights import Weights
    from importers.messages import language

    lang = language(lang)
    obj.lang = lang  # errors in the user's language (cli.main)
    if output is not None and output.suffix.lower() != ".xlsx":
        raise InvalidData(
            f"{output}: the output must be an .xlsx file", hint="give a name ending in .xlsx"
        )
    G = obj.store().to_networkx()
    found = consortia(
        G,
        theme,
        programme,
        size=size,
        weights=Weights.from_settings(obj.settings),
        home=obj.settings.get("DIPLOMAP_HOME") or None,
    )
    data = found.to_dict()
    if output is not None:
        from web.consortium_sheets import workbook

        try:
            output.write_bytes(workbook(data, lang))
        except OSError as exc:
            raise InvalidData(
                f"{output}: cannot write ({exc.strerror})", hint="choose a folder you can write to"
            ) from exc
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(data, lang)
    if output is not None:
        said = "Yazıldı" if lang == "tr" else "Written"
        click.echo(f"{said}: {output}", err=fmt == "json")


def _print(data: dict, lang: str) -> None:
    from web.consortium_sheets import partner_row, word

    tr = lang == "tr"
    out = Console(highlight=False, soft_wrap=False)
    p = data["programme"]
    theme = data["theme"]
    out.print(
        f"{p['name_tr'] if tr else p['name_en']} · "
        f"{(theme.get('name_tr') if tr else None) or theme['name']}"
    )
    for i, c in enumerate(data["consortia"], start=1):
        table = Table(title=f"{word('consortium', lang)} {i}", title_justify="left")
        for col in word("header", lang):
            table.add_column(col, overflow="fold", max_width=36)
        for partner in c["partners"]:
            row = partner_row(partner, lang, p["groups"])
            table.add_row(*[escape(str(v)) for v in row])
        out.print(table)
        for check in c["checks"]:
            mark = "[green]✓[/green]" if check["ok"] else "[red]✗[/red]"
            out.print(f"  {mark} {escape(check['text'][lang])}")
        for key, sign in (("strengths", "+"), ("weaknesses", "-")):
            for text in c[key][lang]:
                out.print(f"  {sign} {text}", markup=False)
        out.print()
    if data["why"]:
        out.print(data["why"][lang], markup=False)
    source = p["source"]
    label = "Kaynak" if tr else "Source"
    out.print(
        f"{label}: {source.get('title', '')} ({source.get('version', '')}) {source.get('url', '')}",
        markup=False,
    )


COMMANDS = [consortium_cmd]
