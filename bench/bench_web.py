"""Web benchmarks: explorer time-to-interactive in Chromium, and entity pages under load.

    .venv/bin/python bench/bench_web.py                 # both, on the twin-towns data set
    .venv/bin/python bench/bench_web.py --only explorer --runs 5
    .venv/bin/python bench/bench_web.py --only entities --clients 20 --requests 20
    .venv/bin/python bench/bench_web.py --servers werkzeug --workers 2

The twin-towns data set (DIPLOMAP_DATASETS_DIR) is imported once into an embedded
store in a temporary folder. The app is served the way users serve it, by
``diplomap serve`` in a separate process on 127.0.0.1 (loopback only): with one
process (werkzeug's threaded server, ``--workers 1``) and with gunicorn
(``--workers N``); requests are bounded in number.

(a) Explorer: a 500-entity view (``/explore?focus=&limit=500``) is opened in
    Chromium; the time is ``performance.now()`` when the page is interactive with
    its labels placed (``window.diplomapLabelledAt``: first frame drawn with
    server-side positions, or physics stabilised, then the collision-free labels),
    i.e. from navigation start. Three views side by side: the default (agreements as
    links, sized by PageRank, labels placed), the old default (agreements as
    entities, ``agreements=nodes``) and client-side physics (``layout=physics``).
    The first server-layout load computes the layout; later loads reuse it. Served
    by the last server of ``--servers``.
(b) Entity pages, for each server: N concurrent clients each fetch R entity pages
    (HTML) of cities with ties; p50/p95/max latency and throughput, beside a single
    client as the baseline. Pages are kept per store version once built, so two
    draws are measured: *revisits* (random pages of a 300-city sample, most of them
    already seen, as staff browse) and *first visits* (cities never requested
    before, so every page is built from the graph).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEW = "/explore?focus=&limit=500&kind=City,Agreement"
USER, PASSWORD = "bench", "bench-password-1"  # a viewer, made in the temporary data folder
COOKIE = ""  # the signed-in session, set by sign_in()


def load_twin_towns(data_dir: Path) -> dict[str, int]:
    from graph import settings
    from graph.stores.embedded import EmbeddedStore
    from importers.datasets import dataset_changeset, dataset_path

    changes, _report = dataset_changeset("twin-towns", dataset_path("twin-towns", settings.load()))
    with EmbeddedStore(data_dir / "graph.sqlite") as store:
        store.apply(changes)
        return store.counts()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen, int]:
    """``diplomap serve`` over ``data_dir`` (gunicorn when ``workers`` > 1); returns it and its port."""
    port = free_port()
    env = {
        **os.environ,
        "DIPLOMAP_DATA_DIR": str(data_dir),
        "DIPLOMAP_BACKEND": "embedded",
        "DIPLOMAP_SECRET_KEY": "bench",
        "DIPLOMAP_SECURE_COOKIES": "false",
    }
    cmd = [
        str(ROOT / ".venv" / "bin" / "diplomap"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"{' '.join(cmd)} did not listen within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(5)


def sign_in(port: int) -> None:
    """Sign in through the login form as the benchmark's viewer; keep the session cookie."""
    global COOKIE
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    con.request("GET", "/login")
    response = con.getresponse()
    html = response.read().decode("utf-8")
    cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"csrf_token": token, "username": USER, "password": PASSWORD, "next": "/"}
    )
    con.request(
        "POST",
        "/login",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    response = con.getresponse()
    response.read()
    con.close()
    COOKIE = response.getheader("Set-Cookie", "").split(";", 1)[0]
    if response.status != 302 or not COOKIE:
        raise RuntimeError(f"could not sign in (status {response.status})")


def get(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    con.request("GET", path, headers={"Cookie": COOKIE} if COOKIE else {})
    response = con.getresponse()
    response.read()
    con.close()
    return response.status, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_entities(
    port: int, ids: list[str], clients: int, requests: int, seed: int = 1, fresh=None
) -> dict[str, float]:
    """Each client fetches ``requests`` pages: random ``ids``, or the next ids of ``fresh``."""
    rng = random.Random(seed)
    plans = [
        [next(fresh) if fresh is not None else rng.choice(ids) for _ in range(requests)]
        for _ in range(clients)
    ]
    times: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()

    def client(plan: list[str]) -> None:
        for entity in plan:
            status, took = get(port, f"/entity/{entity}")
            with lock:
                times.append(took)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=client, args=(plan,)) for plan in plans]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {
        "clients": clients,
        "requests": len(times),
        "failures": len(failures),
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * percentile(times, 95),
        "max_ms": 1000 * max(times),
        "per_s": len(times) / wall,
    }


def bench_explorer(base: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    modes = {
        "links (default)": "&layout=server",
        "agreements as entities": "&layout=server&agreements=nodes",
        "physics": "&layout=physics",
    }
    out: dict[str, list[float]] = {mode: [] for mode in modes}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        login = context.new_page()
        login.goto(f"{base}/login")
        login.fill("input[name=username]", USER)
        login.fill("input[name=password]", PASSWORD)
        login.click("#login-form [type=submit]")
        login.wait_for_load_state()
        login.close()
        for mode, query in modes.items():
            for _ in range(runs):
                page = context.new_page()
                page.goto(f"{base}{VIEW}{query}", wait_until="commit")
                page.locator("[data-labelled='1']").wait_for(state="attached", timeout=120_000)
                out[mode].append(page.evaluate("() => window.diplomapLabelledAt"))
                shown = page.evaluate("() => window.diplomapExplorer.nodes.length")
                assert shown == 500, shown
                page.close()
        browser.close()
    return out


def line(r: dict[str, float], what: str) -> str:
    return (
        f"  {what:13} {r['clients']:>2} client(s): {r['requests']} requests, "
        f"p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, max {r['max_ms']:.0f} ms, "
        f"{r['per_s']:.0f} req/s, {r['failures']} failures"
    )


def launch(data_dir: Path, workers: int) -> tuple[subprocess.Popen, int]:
    """Start ``diplomap serve --workers <workers>`` and time its first entity page."""
    label = "werkzeug, 1 process" if workers == 1 else f"gunicorn, {workers} workers"
    server, port = start_server(data_dir, workers)
    sign_in(port)
    status, took = get(port, "/entity/city-tr-antalya")
    print(
        f"{label}: first request (builds the graph and indexes, or waits for the warm-up "
        f"that does): {took * 1000:.0f} ms ({status})"
    )
    quick, deadline = 0, time.monotonic() + 120
    while quick < 4 * workers and time.monotonic() < deadline:  # every worker has its graph
        quick = quick + 1 if get(port, "/index.json")[1] < 0.5 else 0
    return server, port


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("explorer", "entities"))
    parser.add_argument("--runs", type=int, default=5, help="page loads per explorer mode")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="entity pages per client")
    parser.add_argument(
        "--servers",
        default="werkzeug,gunicorn",
        help="comma-separated: werkzeug (--workers 1) and/or gunicorn (--workers N)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    servers = [1 if name == "werkzeug" else args.workers for name in args.servers.split(",")]

    data_dir = Path(tempfile.mkdtemp(prefix="diplomap-bench-"))
    server = None
    try:
        t = time.perf_counter()
        counts = load_twin_towns(data_dir)
        from graph import settings
        from graph.accounts.users import UserStore

        UserStore.from_settings(settings.load(DIPLOMAP_DATA_DIR=str(data_dir))).add(
            USER, PASSWORD, "viewer"
        )
        print(f"twin-towns graph: {counts} (imported in {time.perf_counter() - t:.1f} s)")
        from graph.stores.embedded import EmbeddedStore

        with EmbeddedStore(data_dir / "graph.sqlite") as store:
            ids = sorted(n.id for n in store.nodes("City"))
        rng = random.Random(0)
        sample = rng.sample(ids, 300)
        seen = {*sample, "city-tr-antalya"}
        unseen = [i for i in ids if i not in seen]
        for workers in servers:
            if server is not None:
                stop_server(server)
            server, port = launch(data_dir, workers)
            if args.only in (None, "entities"):
                fresh = iter(
                    random.Random(workers).sample(unseen, 2 * args.clients * args.requests + 200)
                )
                for entity in sample[:20]:  # warm the caches
                    get(port, f"/entity/{entity}")
                for clients, requests in (
                    (1, max(args.requests * 5, 50)),
                    (args.clients, args.requests),
                ):
                    r = bench_entities(port, sample, clients, requests)
                    print(line(r, "revisits"))
                for clients, requests in (
                    (1, max(args.requests * 5, 50)),
                    (args.clients, args.requests),
                ):
                    r = bench_entities(port, [], clients, requests, fresh=fresh)
                    print(line(r, "first visits"))
        if args.only in (None, "explorer"):
            found = bench_explorer(f"http://127.0.0.1:{port}", args.runs)
            for mode, values in found.items():
                rest = values[1:] or values
                print(
                    f"explorer 500 entities, {mode:22}: first {values[0]:.0f} ms, "
                    f"median of the rest {statistics.median(rest):.0f} ms, all {[round(v) for v in values]}"
                )
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
