"""``diplomap serve`` and ``diplomap demo``: the web explorer from the command line.

``serve`` runs the app over the configured store. ``demo`` is the README's first
command: on its first run (and with ``--fresh``) it imports the Antalya sample
(``data/antalya``) and its peers (``data/peers``) into an embedded store in
``DIPLOMAP_DATA_DIR/demo`` (the user's data folder unless said otherwise), then serves
it and prints one line: where to go and how to sign in. The store is kept, so edits
survive a restart and the CLI sees them.

Every page needs a signed-in user (:mod:`web.auth`). ``demo`` creates the user
``demo`` (role admin) with a random password and prints it; ``serve`` on a store
without accounts says how to make one (``diplomap user add NAME --role admin``).
The demo serves plain http, so it sends the session cookie without ``Secure``
(``DIPLOMAP_SECURE_COOKIES=false``).

Both serve with werkzeug's threaded server by default (one process: a desk tool
for a handful of colleagues). ``--workers N`` serves with gunicorn and N worker
processes instead, so that N cores answer at once (Linux and macOS; see
:mod:`web.serving` and bench/results/web.md, which measures both).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import click

from graph.settings import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "data" / "antalya"
#: The peer municipalities' public ties, imported with the sample (tools/peer_sample.py).
PEERS = PROJECT_ROOT / "data" / "peers"


def run(app: Any, host: str, port: int) -> None:
    """Serve ``app`` with werkzeug until interrupted (a module function so tests can replace it)."""
    from web.serving import serve_threaded

    serve_threaded(app, host, port)


def run_workers(app: Any, host: str, port: int, workers: int) -> None:
    """Serve ``app`` with gunicorn and ``workers`` processes (replaceable in tests too)."""
    from web.serving import serve_workers

    serve_workers(app, host, port, workers)


def _start(
    settings: dict[str, Any], host: str, port: int, workers: int = 1, sign_in: str | None = None
) -> None:
    from web import create_app

    app = create_app(settings)
    many = f", {workers} worker processes" if workers > 1 else ""
    if sign_in:
        click.echo(sign_in)
    else:
        click.echo(f"Diplomap on http://{host}:{port}/{many}  (Ctrl+C to stop)")
    try:
        if workers > 1:
            run_workers(app, host, port, workers)
        else:
            run(app, host, port)
    finally:
        app.extensions["diplomap"].close()


workers_option = click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes. 1: werkzeug's threaded server; more: gunicorn (Linux, macOS), "
    "e.g. one per core.",
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@workers_option
@click.pass_obj
def serve(obj, host: str, port: int, workers: int) -> None:
    """Serve the web explorer over the configured store."""
    from graph.accounts.users import UserStore

    settings = dict(obj.settings)
    if UserStore.from_settings(settings).count() == 0:
        click.echo(
            "No user accounts yet: every page needs a sign-in. Create the first admin with\n"
            "  diplomap user add NAME --role admin\n"
            f"(same DIPLOMAP_DATA_DIR: {settings['DIPLOMAP_DATA_DIR']}), then sign in at "
            f"http://{host}:{port}/login"
        )
    if settings.get("DIPLOMAP_SECURE_COOKIES"):
        click.echo(
            "Session cookies are Secure (HTTPS only); behind plain http set "
            "DIPLOMAP_SECURE_COOKIES=false."
        )
    _start(settings, host, port, workers)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--source",
    type=click.Path(exists=True, path_type=Path),
    default=SAMPLE,
    show_default="data/antalya",
    help="Folder of CSV files or an XLSX workbook to import.",
)
@click.option("--fresh", is_flag=True, help="Start over: empty the demo store and import again.")
@click.option(
    "--no-reference",
    is_flag=True,
    help="Do not load the reference layer of public twinning data on the first run.",
)
@workers_option
@click.pass_context
def demo(
    ctx: click.Context,
    host: str,
    port: int,
    source: Path,
    fresh: bool,
    no_reference: bool,
    workers: int,
) -> None:
    """Serve the demo store (the Antalya sample and its peers İzmir, Konya, Mersin).

    The store lives in the demo folder of the data folder (``DIPLOMAP_DATA_DIR/demo``), so
    edits and uploads survive a restart and the CLI sees the same data; the first run, and
    ``--fresh``, import the sample into it and load the reference layer (public twinning
    data, ``diplomap reference``) unless ``--no-reference``.
    """
    from graph.stores import open_store
    from importers.pipeline import import_path

    base = Path(ctx.obj.settings["DIPLOMAP_DATA_DIR"]) / "demo"
    settings = {
        **ctx.obj.settings,
        "DIPLOMAP_DATA_DIR": str(base),
        "DIPLOMAP_BACKEND": "embedded",
        "DIPLOMAP_SECURE_COOKIES": False,
    }  # the demo serves plain http
    if fresh and base.exists():
        shutil.rmtree(base)
    store = open_store(settings)
    try:
        if not store.counts():
            imported = [import_path(store, source)]
            if source == SAMPLE and PEERS.is_dir():
                imported.append(import_path(store, PEERS))
            counts = store.counts()
            entities = sum(v for k, v in counts.items() if not k.isupper())
            ties = sum(v for k, v in counts.items() if k.isupper())
            what = "the Antalya sample and its peers" if len(imported) > 1 else str(source)
            line = f"Imported {what}: {entities:,} entities, {ties:,} ties"
            if not no_reference:
                from graph.reference.layer import load_reference
                from graph.reference.pack import ATTRIBUTION

                layer = load_reference(store)
                line += (
                    f"; reference layer {layer.version}: {layer.created['City']:,} more cities, "
                    f"{layer.created['Agreement']:,} public twinnings ({ATTRIBUTION['en']})"
                )
            click.echo(line + ".")
    finally:
        store.close()
    password = demo_user(settings)
    _start(
        settings,
        host,
        port,
        workers,
        sign_in=(
            f"Diplomap demo: open http://{host}:{port}/login and sign in as {DEMO_USER} / "
            f"{password}  (Ctrl+C to stop; data in {base}: `diplomap --data-dir {base} stats` "
            "sees it, `diplomap demo --fresh` starts over)"
        ),
    )


DEMO_USER = "demo"


def demo_user(settings: dict[str, Any]) -> str:
    """Create (or reset) the demo's admin ``demo`` with a new random password; return it."""
    import secrets

    from graph.accounts.users import UserStore

    users = UserStore.from_settings(settings)
    password = secrets.token_urlsafe(12)
    if users.find(DEMO_USER) is None:
        users.add(DEMO_USER, password, role="admin")
    else:
        users.set_password(DEMO_USER, password)
        users.set_role(DEMO_USER, "admin")
        users.enable(DEMO_USER)
    return password


COMMANDS = [serve, demo]
