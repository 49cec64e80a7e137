"""The ``diplomap`` command: thin Click commands over library functions.

Each area keeps its commands in a module of its own (``cli/data.py``,
``cli/synergy.py``...), registered here. Every :class:`~graph.errors.DiplomapError`
becomes a message and a non-zero exit code, never a traceback.

Exit codes: 0 success; 1 a Diplomap error (bad input, refused or timed-out query...);
2 wrong usage (Click's own); 3 a backend that cannot be reached;
4 an incomplete result (`cypher run` cut short by the row cap).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from graph import settings as settings_mod
from graph.errors import DiplomapError, StoreUnavailable

COMMAND_MODULES = (
    "cli.data",
    "cli.backend",
    "cli.synergy",
    "cli.web",
    "cli.cypher",
    "cli.users",
    "cli.reference",
    "cli.report",
    "cli.plan",
    "cli.consortium",
)


class Context:
    """What every command gets: the settings and a lazily opened store."""

    def __init__(self, overrides: dict[str, Any]):
        self.settings = settings_mod.load(**{k: v for k, v in overrides.items() if v is not None})
        self._stores: dict[str, Any] = {}

    def store(self, backend: str | None = None):
        """The store of ``backend`` (default: the configured one), opened once, closed at exit."""
        from graph.stores import open_store

        backend = backend or self.settings["DIPLOMAP_BACKEND"]
        if backend not in self._stores:
            self._stores[backend] = open_store(self.settings, backend)
        return self._stores[backend]

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()


class DiplomapGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplomapError as exc:
            from importers.messages import translate

            lang = getattr(ctx.obj, "lang", None) or "en"
            word = "Hata" if lang == "tr" else "Error"
            click.secho(f"{word}: {translate(exc.message, lang)}", fg="red", err=True)
            if exc.hint:
                click.echo(f"  -> {translate(exc.hint, lang)}", err=True)
            report = getattr(exc, "report", None)
            if report is not None and hasattr(report, "render_errors"):
                click.echo(report.render_errors(lang=lang), err=True)
            ctx.exit(3 if isinstance(exc, StoreUnavailable) else 1)


@click.group(cls=DiplomapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", envvar="DIPLOMAP_DATA_DIR", help="Folder of the embedded store.")
@click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    envvar="DIPLOMAP_BACKEND",
    help="Store backend (default: embedded).",
)
@click.version_option(package_name="diplomap")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, backend: str | None) -> None:
    """Diplomap: see and grow a city's partner network."""
    obj = Context({"DIPLOMAP_DATA_DIR": data_dir, "DIPLOMAP_BACKEND": backend})
    ctx.obj = obj
    ctx.call_on_close(obj.close)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # area not built yet
            raise
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="diplomap")
    except DiplomapError as exc:  # raised while loading settings
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
