"""Synergy commands: suggest, gaps, dormant, peers, path, evaluate.

Each command parses its options, resolves names to ids (Turkish-aware folding;
an ambiguous name is an error that lists the candidates), calls one library
function and prints a table (rich), JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from graph.errors import InvalidData
from graph.reference.countries import country_code

FOCUS_LABELS = ("City", "Organization", "Theme", "Project")
PATH_LABELS = ("City", "Organization", "Network", "Agreement", "Project", "Event")


def _out() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _graph(obj: Any):
    return obj.store().to_networkx()


def _home(obj: Any) -> str | None:
    return obj.settings.get("DIPLOMAP_HOME") or None


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _resolve(G, text: str | None, labels) -> str | None:
    from graph.synergy.focus import resolve

    return resolve(G, text, labels) if text else None


def format_option(choices=("table", "json", "csv")):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help="Output format.",
    )


# -- suggest --------------------------------------------------------------------------------
@click.command("suggest")
@click.option(
    "--for",
    "focus",
    metavar="ID_OR_NAME",
    help="A city, organisation, theme or project (default: the home city).",
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="THEME",
    help="Only candidates that work on this theme (id or name). Repeatable.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["city", "network", "organization"], case_sensitive=False),
    help="Kinds of candidates (default: all three). Repeatable.",
)
@click.option(
    "--eligible",
    multiple=True,
    type=click.Choice(["eu", "ipa", "next-med"]),
    help="Only candidates from countries in this programme. Repeatable.",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CODE_OR_NAME",
    help="Only candidates in this country (ISO2 or a name). Repeatable.",
)
@click.option(
    "--region", "regions", multiple=True, help="Only candidates in this region. Repeatable."
)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option(
    "--revive", "revive_", is_flag=True, help="List dormant or expired ties to revive instead."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "tr"]),
    default="en",
    show_default=True,
    help="Language of the reasons.",
)
@format_option()
@click.pass_obj
def suggest_cmd(
    obj, focus, themes, kinds, eligible, countries, regions, limit, revive_, lang, fmt
) -> None:
    """Rank partner candidates for the home city, a city, a theme or a project, with reasons."""
    from graph.synergy.ranking import revive, suggest
    from graph.synergy.weights import Weights

    G = _graph(obj)
    focus_id = _resolve(G, focus, FOCUS_LABELS)
    labels = tuple(k.capitalize() for k in kinds) or ("City", "Network", "Organization")
    codes = []
    for c in countries:
        code = country_code(c)
        if code is None:
            raise InvalidData(
                f"{c!r} is not a country",
                hint="give an ISO2 code (DE) or a name (Germany, Almanya)",
            )
        codes.append(code)
    weights = Weights.from_settings(obj.settings)
    if revive_:
        found = revive(G, focus_id, limit=limit, kinds=labels, weights=weights, home=_home(obj))
    else:
        found = suggest(
            G,
            focus_id,
            limit=limit,
            kinds=labels,
            themes=[_resolve(G, t, ["Theme"]) for t in themes] or None,
            countries=codes or None,
            regions=list(regions) or None,
            eligible=list(eligible) or None,
            weights=weights,
            home=_home(obj),
        )
    if fmt == "json":
        _json([s.to_dict() for s in found])
    elif fmt == "csv":
        buf = io.StringIO()
        parts = list(Weights.PARTS)
        writer = csv.writer(buf)
        writer.writerow(
            ["rank", "id", "label", "name", "name_tr", "country", "score", *parts, "reasons"]
        )
        for i, s in enumerate(found, 1):
            values = {p.name: round(p.value, 4) for p in s.parts}
            writer.writerow(
                [
                    i,
                    s.id,
                    s.label,
                    s.name,
                    s.name_tr or "",
                    s.country or "",
                    round(s.score, 4),
                    *[values.get(p, "") for p in parts],
                    " | ".join(s.reasons[lang]),
                ]
            )
        click.echo(buf.getvalue(), nl=False)
    else:
        if not found:
            click.echo("No candidates." if lang == "en" else "Aday yok.")
            _shortfall(found, lang)
            return
        table = Table(title="Ties to revive" if revive_ else "Suggestions")
        for col in ("#", "name", "kind", "country", "score"):
            table.add_column(col, overflow="fold", max_width=28)
        table.add_column("why", overflow="fold", ratio=1, min_width=30)
        for i, s in enumerate(found, 1):
            table.add_row(
                str(i),
                (s.name_tr if lang == "tr" and s.name_tr else s.name),
                s.label,
                s.country or "",
                f"{s.score:.3f}",
                "\n".join(s.reasons[lang]),
            )
        _out().print(table)
    _shortfall(found, lang, err=fmt != "table")


def _shortfall(found, lang: str, err: bool = False) -> None:
    """Say why there are fewer suggestions than asked for (on stderr beside JSON and CSV)."""
    shortfall = getattr(found, "shortfall", None)
    if shortfall is not None:
        click.echo(shortfall.sentence[lang], err=err)


# -- gaps -----------------------------------------------------------------------------------
@click.command("gaps")
@click.option("--home", help="Id or name of the home city (default: DIPLOMAP_HOME or is_home).")
@click.option(
    "--limit", type=click.IntRange(1), default=5, show_default=True, help="Candidates per gap."
)
@click.option(
    "--lang",
    type=click.Choice(["tr", "en"]),
    help="Language of the theme names (default: from LANG).",
)
@format_option(("table", "json"))
@click.pass_obj
def gaps_cmd(obj, home, limit, lang, fmt) -> None:
    """Priority themes with no live partner yet, and who could fill each."""
    from graph.synergy.gaps import gaps
    from graph.synergy.weights import Weights
    from importers.messages import language

    lang = language(lang)

    G = _graph(obj)
    found = gaps(
        G,
        _resolve(G, home, ["City"]) or _home(obj),
        limit=limit,
        weights=Weights.from_settings(obj.settings),
    )
    if fmt == "json":
        _json([g.to_dict() for g in found])
        return
    tr = lang == "tr"
    if not found:
        click.echo(
            "Her öncelikli temanın etkin bir ortağı var."
            if tr
            else "Every priority theme has a live partner."
        )
        return
    table = Table(title="Boşluklar" if tr else "Gaps")
    heads = ("tema", "bu temadaki ağlarımız", "adaylar") if tr else None
    for col in heads or ("theme", "our networks on it", "candidates"):
        table.add_column(col, overflow="fold")
    for g in found:
        table.add_row(
            (g.name_tr or g.name) if tr else g.name,
            ", ".join(n["name"] for n in g.networks),
            "\n".join(f"{c.name} ({c.score:.2f})" for c in g.candidates),
        )
    _out().print(table)


# -- dormant --------------------------------------------------------------------------------
@click.command("dormant")
@click.option(
    "--months",
    type=click.IntRange(1),
    default=None,
    help="Months without recorded activity (default: DIPLOMAP_DORMANT_MONTHS).",
)
@click.option("--today", help="Measure from this date (YYYY-MM-DD) instead of today.")
@format_option()
@click.pass_obj
def dormant_cmd(obj, months, today, fmt) -> None:
    """Agreements with no recorded activity for N months, oldest first; undated ones last."""
    from graph.analysis.dormant import dormant

    months = months or obj.settings.get("DIPLOMAP_DORMANT_MONTHS") or 24
    found = dormant(_graph(obj), months=months, today=today, home=_home(obj))
    if fmt == "json":
        _json([t.to_dict() for t in found])
        return
    rows = [
        [
            t.id,
            t.name,
            t.status or "",
            t.last_activity or "unknown",
            "" if t.months is None else str(t.months),
            t.reason,
        ]
        for t in found
    ]
    header = ["id", "agreement", "status", "last activity", "months", "reason"]
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows([header, *rows])
        click.echo(buf.getvalue(), nl=False)
        return
    if not found:
        click.echo(f"No agreement has been quiet for {months} months.")
        return
    table = Table(title=f"Dormant agreements (no activity for {months} months)")
    for col in header[1:]:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row[1:])
    _out().print(table)


# -- peers ----------------------------------------------------------------------------------
@click.command("peers")
@click.option("--home", help="Id or name of the home city.")
@click.option(
    "--peer",
    "peers",
    multiple=True,
    help="A peer city (id or name). Repeatable; "
    "default: cities of the home country in networks, and cities met at events.",
)
@format_option(("table", "json"))
@click.pass_obj
def peers_cmd(obj, home, peers, fmt) -> None:
    """Networks that peer municipalities belong to and home does not."""
    from graph.analysis.peers import peer_networks

    G = _graph(obj)
    found = peer_networks(
        G,
        _resolve(G, home, ["City"]) or _home(obj),
        [_resolve(G, p, ["City"]) for p in peers] or None,
    )
    if fmt == "json":
        _json([p.to_dict() for p in found])
        return
    if not found:
        click.echo("No network of a peer is missing.")
        return
    table = Table(title="Networks of peers")
    for col in ("network", "score", "peers", "shared themes"):
        table.add_column(col, overflow="fold")
    for p in found:
        table.add_row(
            p.name,
            f"{p.score:.2f}",
            ", ".join(x["name"] for x in p.peers[:8]) + (", …" if len(p.peers) > 8 else ""),
            ", ".join(t["name"] for t in p.shared_themes),
        )
    _out().print(table)


# -- path -----------------------------------------------------------------------------------
@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option(
    "-k", "k", type=click.IntRange(1), default=3, show_default=True, help="Number of paths."
)
@click.option("--lang", type=click.Choice(["en", "tr"]), default="en", show_default=True)
@format_option(("table", "json"))
@click.pass_obj
def path_cmd(obj, a, b, k, lang, fmt) -> None:
    """How A is connected to B: the k shortest paths, each explained."""
    from graph.analysis.paths import shortest_paths

    G = _graph(obj)
    found = shortest_paths(G, _resolve(G, a, PATH_LABELS), _resolve(G, b, PATH_LABELS), k=k)
    if fmt == "json":
        _json([p.to_dict() for p in found])
        return
    if not found:
        click.echo("No path." if lang == "en" else "Yol yok.")
        return
    for i, p in enumerate(found, 1):
        click.echo(f"{i}. ({p.hops} hops) " + " - ".join(n["name"] for n in p.nodes))
        click.echo(f"   {p.sentence[lang]}")


# -- evaluate -------------------------------------------------------------------------------
@click.command("evaluate")
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    type=click.Choice(["twin-towns", "wikidata"]),
    help="Data set(s) of twinning ties (default: both). Repeatable.",
)
@click.option(
    "--seed",
    "seeds",
    multiple=True,
    type=int,
    help="Seed(s) of the split (default: 0). Repeatable.",
)
@click.option(
    "--holdout",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.1,
    show_default=True,
    help="Share of ties hidden.",
)
@click.option(
    "--hops",
    type=click.IntRange(2, 4),
    default=None,
    help="Candidates: non-partners within this many steps (default: every city).",
)
@click.option(
    "--fit/--no-fit",
    default=True,
    show_default=True,
    help="Fit Diplomap's weights on each split's training ties first (never on hidden ones).",
)
@click.option(
    "--limit-cities",
    type=click.IntRange(1),
    default=None,
    help="Evaluate a seeded sample of this many query cities.",
)
@click.option("--no-etmun", is_flag=True, help="Do not add the ETMUN network memberships.")
@click.option(
    "--method",
    "methods",
    multiple=True,
    type=click.Choice(
        ["diplomap", "adamic_adar", "resource_allocation", "jaccard", "preferential_attachment"]
    ),
    help="Methods to run (default: all). Repeatable.",
)
@click.option(
    "--weight",
    "weights",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Diplomap weight, e.g. geography=0. Repeatable.",
)
@format_option(("table", "json", "markdown"))
@click.pass_obj
def evaluate_cmd(
    obj, datasets, seeds, holdout, hops, fit, limit_cities, no_etmun, methods, weights, fmt
) -> None:
    """Hide known twinning ties and compare Diplomap's ranking with networkx link predictors."""
    from graph.synergy.evaluate import METHODS, evaluate, markdown
    from graph.synergy.weights import Weights
    from importers.evaluation import dataset_graph

    overrides = {}
    for item in weights:
        name, _, value = item.partition("=")
        try:
            overrides[name.strip()] = float(value)
        except ValueError as exc:
            raise InvalidData(
                f"--weight {item!r} is not NAME=NUMBER", hint="e.g. --weight geography=0"
            ) from exc
    w = Weights.from_dict({**Weights.from_settings(obj.settings).to_dict(), **overrides})
    results = []
    for name in datasets or ("twin-towns", "wikidata"):
        G = dataset_graph(name, obj.settings, with_etmun=not no_etmun)
        for seed in seeds or (0,):
            results.append(
                evaluate(
                    G,
                    seed=seed,
                    holdout=holdout,
                    hops=hops,
                    limit_cities=limit_cities,
                    weights=w,
                    methods=tuple(methods) or METHODS,
                    dataset=name,
                    with_etmun=not no_etmun,
                    fit=fit,
                )
            )
    if fmt == "json":
        _json([e.to_dict() for e in results])
    elif fmt == "markdown":
        click.echo(markdown(results))
    else:
        for e in results:
            table = Table(
                title=f"{e.dataset}{' + etmun' if e.with_etmun else ''}, seed {e.seed}: "
                f"{e.queries} cities, {e.hidden} hidden ties, coverage {e.coverage:.1%}"
                f"{', weights fitted on the training ties' if e.fitted else ''}"
            )
            for col in ("method", "P@10 [95% CI]", "R@50 [95% CI]", "MRR [95% CI]", "seconds"):
                table.add_column(col)
            best = max(m.mrr for m in e.methods)
            for m in e.methods:
                style = "bold" if m.mrr == best else None
                table.add_row(
                    m.method,
                    *(
                        f"{getattr(m, k):.4f} [{m.ci[k][0]:.4f}, {m.ci[k][1]:.4f}]"
                        for k in ("precision_at_10", "recall_at_50", "mrr")
                    ),
                    f"{m.seconds:.1f}",
                    style=style,
                )
            _out().print(table)


COMMANDS = [suggest_cmd, gaps_cmd, dormant_cmd, peers_cmd, path_cmd, evaluate_cmd]
