"""``diplomap serve`` and ``diplomap demo``: the web explorer from the command line.

``serve`` runs the app over the configured store. ``demo`` is the README's first
command: it imports the Antalya sample (``data/antalya``) into a fresh embedded
store, shows the import summary and serves it, so a new machine needs nothing
else. The store lives in ``DIPLOMAP_DATA_DIR/demo`` when a data folder was given
(``--data-dir`` or the environment) and is emptied first; otherwise in a temporary
folder removed on exit.

Both use werkzeug's threaded server: the explorer is a desk tool for a handful of
colleagues on one machine or a local network (bench/results/web.md measures it
with 20 concurrent clients). Put it behind a production WSGI server (waitress,
gunicorn) for more.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from graph.settings import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "data" / "antalya"


def run(app: Any, host: str, port: int) -> None:
    """Serve ``app`` until interrupted (a module function so tests can replace it)."""
    from werkzeug.serving import run_simple

    # SIGTERM (a service manager, `timeout`) ends like Ctrl+C, so clean-ups run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


def _start(settings: dict[str, Any], host: str, port: int) -> None:
    from web import create_app

    app = create_app(settings)
    click.echo(f"Diplomap on http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        run(app, host, port)
    finally:
        app.extensions["diplomap"].close()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.pass_obj
def serve(obj, host: str, port: int) -> None:
    """Serve the web explorer over the configured store."""
    _start(dict(obj.settings), host, port)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--source", type=click.Path(exists=True, path_type=Path), default=SAMPLE,
              show_default="data/antalya", help="Folder of CSV files or an XLSX workbook to import.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, source: Path) -> None:
    """Import the Antalya sample into a fresh store and serve it."""
    from graph.stores import open_store
    from importers.pipeline import import_path

    given = ctx.find_root().params.get("data_dir")
    base = Path(given) / "demo" if given else Path(tempfile.mkdtemp(prefix="diplomap-demo-"))
    settings = {**ctx.obj.settings, "DIPLOMAP_DATA_DIR": str(base), "DIPLOMAP_BACKEND": "embedded"}
    try:
        if given and base.exists():
            shutil.rmtree(base)
        store = open_store(settings)
        try:
            report = import_path(store, source)
        finally:
            store.close()
        click.echo(report.render())
        click.echo(f"Demo store: {base}")
        _start(settings, host, port)
    finally:
        if not given:
            shutil.rmtree(base, ignore_errors=True)


COMMANDS = [serve, demo]
