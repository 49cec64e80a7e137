"""Backend commands: init-schema, sync."""

from __future__ import annotations

import click


@click.command("init-schema")
@click.pass_obj
def init_schema_cmd(obj) -> None:
    """Apply cypher/schema.cypher to Neo4j (constraints and indexes; safe to repeat)."""
    applied = obj.store("neo4j").init_schema()
    count = len(applied) if isinstance(applied, list | tuple) else applied
    click.echo(f"Schema applied to {obj.settings['NEO4J_URI']} ({count} statements)")


@click.command("sync")
@click.option(
    "--to",
    "direction",
    flag_value="to-neo4j",
    default=True,
    help="Copy the embedded graph into Neo4j (default).",
)
@click.option(
    "--from-neo4j",
    "direction",
    flag_value="from-neo4j",
    help="Copy the Neo4j graph into the embedded store.",
)
@click.option(
    "--mirror", is_flag=True, help="Also delete what the target has and the source has not."
)
@click.option("--dry-run", is_flag=True)
@click.pass_obj
def sync_cmd(obj, direction: str, mirror: bool, dry_run: bool) -> None:
    """Copy the graph between the embedded store and Neo4j, idempotently."""
    from graph.stores.sync import sync

    embedded, neo4j = obj.store("embedded"), obj.store("neo4j")
    source, target = (embedded, neo4j) if direction == "to-neo4j" else (neo4j, embedded)
    result = sync(source, target, mirror=mirror, dry_run=dry_run)
    for kind in ("node", "relation"):
        c = result.counts(kind)
        click.echo(
            f"{kind}s: {c['create']} created, {c['update']} updated, {c['unchanged']} unchanged, "
            f"{c['delete']} deleted" + (" (dry run)" if dry_run else "")
        )


COMMANDS = [init_schema_cmd, sync_cmd]
