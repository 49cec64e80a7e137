"""Serving the app: werkzeug's threaded server, or gunicorn with several worker processes.

One Python process serves one request at a time per core at best (the GIL), and
an entity page is a few milliseconds of Python. ``diplomap serve`` therefore has
two modes:

- ``--workers 1`` (the default): werkzeug's threaded server in this process, for a
  desk or a small office; runs everywhere, Windows included.
- ``--workers N`` (N > 1): gunicorn, one master and N worker processes (gthread
  workers with :data:`THREADS` threads each), so N cores serve pages at once.
  gunicorn runs on Linux and macOS. Every worker opens the store itself (after the
  fork, never before), builds its own networkx projection, and checks the store's
  version on every request, so an edit made through one worker shows in all.

Either way each process prepares the graph in a background thread at start
(:meth:`web.store.GraphAccess.warm`), so the first visitor does not wait for it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

from flask import Flask

#: Threads per gunicorn worker. Pages are CPU-bound, so threads add little speed of their
#: own, but a slow client then holds one thread, not a whole worker; with 2 workers on 2 cores
#: gthread x 4 served 15-50 % more pages per second than sync workers, both with p95 well under
#: 200 ms (bench/results/web.md).
THREADS = 4
#: Seconds a gunicorn worker may be silent before the master restarts it.
TIMEOUT = 120


def warm_in_background(app: Flask) -> threading.Thread:
    """Start building ``app``'s graph and synergy index in a daemon thread."""
    thread = threading.Thread(
        target=app.extensions["diplomap"].warm, name="diplomap-warm", daemon=True
    )
    thread.start()
    return thread


def serve_threaded(app: Flask, host: str, port: int) -> None:
    """werkzeug's threaded server in this process, until interrupted."""
    from werkzeug.serving import make_server

    # SIGTERM (a service manager, `timeout`) ends like Ctrl+C, so clean-ups run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    warm_in_background(app)
    # make_server, not run_simple: no development-server banner; one line is printed by the
    # caller. Requests are still logged by werkzeug's logger.
    server = make_server(host, port, app, threaded=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def bind_address(host: str, port: int) -> str:
    """gunicorn's ``bind`` for ``host`` and ``port`` (IPv6 addresses in brackets).

    >>> bind_address("127.0.0.1", 5000), bind_address("::", 8000)
    ('127.0.0.1:5000', '[::]:8000')
    """
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve_workers(app: Flask, host: str, port: int, workers: int, threads: int = THREADS) -> None:
    """gunicorn with ``workers`` processes of ``threads`` threads, until SIGINT or SIGTERM.

    The app is built before the workers fork, but opens nothing until a request
    (or the warm-up) needs the store, so no connection crosses a fork.
    """
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError as exc:  # not installed, or Windows (gunicorn needs fcntl)
        from graph.errors import SettingError

        raise SettingError(
            "several workers need gunicorn, which runs on Linux and macOS",
            hint="install it (pip install gunicorn), or serve with --workers 1",
        ) from exc

    options = {
        "bind": bind_address(host, port),
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": TIMEOUT,
        "graceful_timeout": 10,
        "errorlog": "-",
        "loglevel": "warning",
        "post_worker_init": lambda worker: warm_in_background(app),
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    master = os.getpid()
    try:
        Server().run()
    except SystemExit as exc:
        if os.getpid() != master:
            # A worker leaving: it was forked inside this call, so end it here rather than
            # run the clean-ups of the command that started the master (a demo's folder).
            os._exit(exc.code if isinstance(exc.code, int) else 1)
        raise
