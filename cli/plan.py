"""``diplomap plan``: the internationalisation action plan from the command line (issue 13).

    diplomap plan show                      # stages, where the plan stands, what is missing
    diplomap plan activities --late         # activities against the timeline
    diplomap plan needs --lang tr           # activities and themes without a partner, and
                                            # who could help (candidates, networks,
                                            # local stakeholders, funding)
    diplomap plan indicators --format json  # indicators: latest figure against the target

Each subcommand reads the same library functions as the plan pages (``graph.plan``) and
prints a table (rich) or JSON.
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from cli.synergy import format_option

_STAGE_STATUS = {
    "not_started": ("not started", "başlamadı"),
    "in_progress": ("in progress", "sürüyor"),
    "done": ("done", "tamamlandı"),
}
_MISSING = {
    "stages": ("no stages recorded", "aşama kaydı yok"),
    "committees": ("no committees recorded", "komite kaydı yok"),
    "themes": ("no plan themes recorded", "plan teması kaydı yok"),
    "activities": ("no activities recorded", "faaliyet kaydı yok"),
    "indicators": ("no indicators recorded", "gösterge kaydı yok"),
    "stage_status": ("no stage has a status", "hiçbir aşamanın durumu kayıtlı değil"),
    "targets": ("no indicator has a target", "hiçbir göstergenin hedefi yok"),
}


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _name(item: Any, lang: str) -> str:
    """The name of a view or a ``{name, name_tr}`` dict in ``lang``."""
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
    return str((get("name_tr") if lang == "tr" else None) or get("name") or get("id"))


def _view(obj: Any, plan: str | None, today: str | None):
    from graph.home import find_home
    from graph.plan.view import plan_view

    G = obj.store().to_networkx()
    home = find_home(G, obj.settings.get("DIPLOMAP_HOME") or None)
    return G, home, plan_view(G, plan, today, home)


def _common(command):
    for option in (
        click.option("--plan", help="Id of the plan (default: the newest)."),
        click.option("--today", help="Judge the plan as if on this date (YYYY-MM-DD)."),
        click.option(
            "--lang", type=click.Choice(["tr", "en"]), help="Language (default: from LANG)."
        ),
    ):
        command = option(command)
    return command


@click.group("plan")
def plan_group() -> None:
    """The internationalisation action plan: stages, activities, partner needs, indicators."""


@plan_group.command("show")
@_common
@format_option(("table", "json"))
@click.pass_obj
def show_cmd(obj, plan, today, lang, fmt) -> None:
    """Where the plan stands: its stages, activity counts against the timeline, gaps."""
    from graph.plan.monitoring import judge
    from graph.plan.report_words import word
    from importers.messages import language

    lang = language(lang)
    tr = lang == "tr"
    _, _, view = _view(obj, plan, today)
    states: dict[str, int] = {}
    for activity in view.activities:
        states[judge(activity)] = states.get(judge(activity), 0) + 1
    if fmt == "json":
        data = view.to_dict()
        data["states"] = states
        _echo_json(data)
        return
    out = Console(highlight=False, soft_wrap=False)
    title = _name({"name": view.props.get("name"), "name_tr": view.props.get("name_tr")}, lang)
    out.print(f"[bold]{title}[/bold] ({view.first_year}–{view.last_year})")
    if view.props.get("council_decision"):
        out.print(
            ("Meclis kararı: " if tr else "Council decision: ") + view.props["council_decision"]
        )
    table = Table(title="Aşamalar" if tr else "Stages")
    for col in ("#", "aşama", "durum") if tr else ("#", "stage", "status"):
        table.add_column(col, overflow="fold")
    for stage in view.stages:
        status = _STAGE_STATUS.get(str(stage.get("status")), ("—", "—"))[tr]
        current = " ◀" if stage["id"] == view.current_stage else ""
        table.add_row(str(stage.get("order", "")), _name(stage, lang) + current, status)
    out.print(table)
    counts = ", ".join(f"{word(k, lang)}: {n}" for k, n in sorted(states.items()))
    out.print(
        (
            f"Faaliyetler ({len(view.activities)}): "
            if tr
            else f"Activities ({len(view.activities)}): "
        )
        + (counts or "—")
    )
    off = sum(1 for i in view.indicators if i.off_track)
    out.print(
        f"Göstergeler: {len(view.indicators)}, hedefin gerisinde: {off}"
        if tr
        else f"Indicators: {len(view.indicators)}, off track: {off}"
    )
    for part in view.missing:
        out.print(("Eksik: " if tr else "Missing: ") + _MISSING.get(part, (part, part))[tr])


@plan_group.command("activities")
@_common
@click.option("--late", is_flag=True, help="Only activities late against the timeline.")
@click.option("--year", type=int, help="Only the activities of this annual action plan.")
@format_option(("table", "json"))
@click.pass_obj
def activities_cmd(obj, plan, today, lang, late, year, fmt) -> None:
    """The plan's activities against the timeline, with their themes and partners."""
    from graph.plan.monitoring import judge
    from graph.plan.report_words import word
    from importers.messages import language

    lang = language(lang)
    tr = lang == "tr"
    _, _, view = _view(obj, plan, today)
    rows = [
        a
        for a in view.activities
        if (not late or judge(a) == "late") and (year is None or a.year == year)
    ]
    if fmt == "json":
        _echo_json([a.to_dict() | {"judged": judge(a)} for a in rows])
        return
    if not rows:
        click.echo("Bu ölçütlere uyan faaliyet yok." if tr else "No activity matches.")
        return
    table = Table(title="Faaliyetler" if tr else "Activities")
    heads = ("faaliyet", "yıl", "durum", "temalar", "ortaklar")
    for col in heads if tr else ("activity", "year", "state", "themes", "partners"):
        table.add_column(col, overflow="fold")
    for a in rows:
        table.add_row(
            _name(a, lang),
            str(a.year or ""),
            word(judge(a), lang),
            ", ".join(_name(t, lang) for t in a.themes),
            ", ".join(_name(p, lang) for p in a.partners) or "—",
        )
    Console(highlight=False, soft_wrap=False).print(table)


@plan_group.command("needs")
@_common
@click.option(
    "--limit", type=click.IntRange(1), default=5, show_default=True, help="Candidates per need."
)
@format_option(("table", "json"))
@click.pass_obj
def needs_cmd(obj, plan, today, lang, limit, fmt) -> None:
    """Activities and plan themes without a partner, and who and what could help."""
    from graph.plan.needs import partner_needs
    from importers.messages import language

    lang = language(lang)
    tr = lang == "tr"
    G, home, view = _view(obj, plan, today)
    found = partner_needs(G, view.id, home=home, today=today, limit=limit)
    if fmt == "json":
        _echo_json([n.to_dict() for n in found])
        return
    if not found:
        click.echo(
            "Her faaliyetin ve plan temasının bir ortağı var."
            if tr
            else "Every activity and plan theme has a partner."
        )
        return
    table = Table(title="Ortağı olmayanlar" if tr else "Without a partner")
    heads = ("faaliyet / tema", "aday ortaklar", "ağlar", "yerel paydaşlar", "fonlar")
    for col in (
        heads if tr else ("activity / theme", "candidates", "networks", "stakeholders", "funding")
    ):
        table.add_column(col, overflow="fold")
    none = "bulunamadı" if tr else "none found"
    for need in found:
        kind = ("faaliyet" if need.kind == "activity" else "tema") if tr else need.kind
        table.add_row(
            f"{_name(need, lang)} ({kind})",
            "\n".join(_name(c, lang) for c in need.candidates) or none,
            "\n".join(_name(n, lang) for n in need.networks[:limit]) or none,
            "\n".join(_name(s, lang) for s in need.stakeholders) or none,
            "\n".join(_name(f, lang) for f in need.funding) or none,
        )
    Console(highlight=False, soft_wrap=False).print(table)


@plan_group.command("indicators")
@_common
@format_option(("table", "json"))
@click.pass_obj
def indicators_cmd(obj, plan, today, lang, fmt) -> None:
    """The plan's indicators: latest figure, this year's target, on or off track."""
    from importers.messages import language

    lang = language(lang)
    tr = lang == "tr"
    _, _, view = _view(obj, plan, today)
    if fmt == "json":
        _echo_json([i.to_dict() for i in view.indicators])
        return
    if not view.indicators:
        click.echo(
            "Planın göstergesi yok: plan göstergeleri sayfasını doldurun."
            if tr
            else "The plan has no indicators: fill in the plan indicators sheet."
        )
        return
    year = int(view.as_of[:4])
    table = Table(title="Göstergeler" if tr else "Indicators")
    heads = ("gösterge", "son değer", f"{year} hedefi", "durum")
    for col in heads if tr else ("indicator", "latest", f"target {year}", "state"):
        table.add_column(col, overflow="fold")
    for i in view.indicators:
        target = next((y.get("target") for y in i.years if y.get("year") == year), None)
        if i.off_track:
            state = "hedefin gerisinde" if tr else "off track"
        elif target is None:
            state = "hedef kayıtlı değil" if tr else "no target recorded"
        else:
            state = "yolunda" if tr else "on track"
        table.add_row(
            _name(i, lang),
            "—" if i.current is None else f"{i.current:g}",
            "—" if target is None else f"{target:g}",
            state,
        )
    Console(highlight=False, soft_wrap=False).print(table)


COMMANDS = [plan_group]
