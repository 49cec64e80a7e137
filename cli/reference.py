"""``diplomap reference load|status|unload``: the shipped public twinning data in a store."""

from __future__ import annotations

import json
from pathlib import Path

import click

BACKEND = click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    help="Store to use (default: configured).",
)
FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")


@click.group("reference")
def reference() -> None:
    """The reference layer: public twinning pairs (Wikipedia CC BY-SA 4.0, Wikidata CC0).

    Reference records are marked (property ``reference``) and never overwrite the
    department's own records; reference cities that are one of ours are linked to it.
    """


def _counts(counter) -> str:
    return ", ".join(f"{n:,} {label}" for label, n in sorted(counter.items())) or "nothing"


@reference.command("load")
@click.option(
    "--pack",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A pack file (default: the one shipped with Diplomap).",
)
@BACKEND
@FORMAT
@click.pass_obj
def load_cmd(obj, pack: Path | None, backend: str | None, fmt: str) -> None:
    """Load the reference pack (again: changes nothing; a new pack replaces the old one)."""
    from graph.reference.layer import load_reference
    from graph.reference.pack import ATTRIBUTION, read_pack

    report = load_reference(obj.store(backend), read_pack(pack))
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "version": report.version,
                    "created": dict(report.created),
                    "deleted": dict(report.deleted),
                    "unchanged": report.unchanged,
                    "resolved": [list(r) for r in report.resolved],
                    "already_recorded_pairs": report.skipped_pairs,
                    "kept": report.kept,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"Reference pack {report.version}: created {_counts(report.created)}")
    if report.deleted:
        click.echo(f"  removed from an older pack: {_counts(report.deleted)}")
    click.echo(f"  unchanged: {report.unchanged:,} records")
    click.echo(
        f"  {len(report.resolved):,} reference cities are cities of ours under another name"
        + (
            ": " + ", ".join(f"{a} = {b}" for a, b in report.resolved[:8])
            if report.resolved
            else ""
        )
    )
    click.echo(f"  {report.skipped_pairs:,} pairs we already record were left out")
    click.echo(ATTRIBUTION["en"])


@reference.command("status")
@BACKEND
@FORMAT
@click.pass_obj
def status_cmd(obj, backend: str | None, fmt: str) -> None:
    """Whether the reference layer is loaded, which version, and how much of it."""
    from graph.reference.layer import status
    from graph.reference.pack import PACK_VERSION

    found = status(obj.store(backend))
    if fmt == "json":
        click.echo(json.dumps({**found.__dict__, "shipped": PACK_VERSION, "loaded": found.loaded}))
        return
    if not found.loaded:
        click.echo(f"No reference layer (shipped pack: {PACK_VERSION}; `diplomap reference load`).")
        return
    click.echo(
        f"Reference layer {', '.join(found.versions)} (shipped: {PACK_VERSION}): "
        f"{found.cities:,} cities, {found.agreements:,} agreements, "
        f"{found.countries:,} countries, {found.ties:,} ties"
    )


@reference.command("unload")
@BACKEND
@click.pass_obj
def unload_cmd(obj, backend: str | None) -> None:
    """Remove the reference layer; the department's own records stay as they are."""
    from graph.reference.layer import unload_reference

    report = unload_reference(obj.store(backend))
    click.echo(f"Removed {_counts(report.deleted)}")
    if report.kept:
        click.echo(
            f"  kept {report.kept:,} reference records that records of ours are tied to "
            "(remove those ties first to remove them)"
        )


COMMANDS = [reference]
