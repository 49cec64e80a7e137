"""Soak test: many signed-in readers, editors writing, an import, and a worker crash, at once.

Loopback only, and it stops by itself. It builds a fresh data folder (the Antalya sample),
creates the accounts, starts ``diplomap serve --workers 2`` (gunicorn), then for
``--seconds``:

- ``--readers`` signed-in clients read entity pages, the synergy page and the explorer's
  JSON, each in its own thread, as fast as the server answers;
- ``--editors`` editors each edit the population of a city of their own through the edit
  form (with the version the form showed), and remember every value whose save was
  acknowledged (303);
- a CLI import of ``--import-cities`` new cities runs once, a third of the way in;
- half-way, every gunicorn worker is killed (SIGKILL); the master starts new ones.

It reports throughput, latency percentiles, errors (and which of them the injected crash
explains), the server's memory over time, and whether every acknowledged write is still
in the store afterwards (and `diplomap check` passes). Figures go to
``bench/results/soak.md``::

    .venv/bin/python bench/soak.py --seconds 60 --readers 50 --editors 3
"""

from __future__ import annotations

import argparse
import csv
import http.client
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import settings as settings_mod  # noqa: E402
from graph.accounts.users import UserStore  # noqa: E402
from graph.audit.consistency import check  # noqa: E402
from graph.audit.log import AuditLog  # noqa: E402
from graph.stores import open_store  # noqa: E402
from importers.pipeline import import_path  # noqa: E402

SAMPLE = ROOT / "data" / "antalya"
PASSWORD = "soak test passphrase kept long"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
READ_PATHS = [
    "/entity/city-tr-antalya",
    "/entity/city-de-nuremberg",
    "/synergy?limit=20",
    "/explore.json",
    "/",
]
EDITED = ["city-de-nuremberg", "city-cn-kunming", "city-us-austin", "city-tr-izmir"]


class Client:
    """One signed-in browser: a cookie and a keep-alive-free connection per request."""

    def __init__(self, port: int, username: str):
        self.port, self.cookie = port, ""
        status, html = self.request("GET", "/login")
        token = CSRF.search(html).group(1)
        form = {"csrf_token": token, "username": username, "password": PASSWORD, "next": "/"}
        status, _ = self.request("POST", "/login", form)
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            con.request(method, path, body=body, headers=headers)
            response = con.getresponse()
            text = response.read().decode("utf-8", "replace")
            cookie = response.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            return response.status, text
        finally:
            con.close()


class Results:
    """Latencies and outcomes of every request, by second of the run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.outcomes: Counter = Counter()
        self.errors: list[tuple[float, str]] = []
        self.acknowledged: dict[str, int] = {}
        self.acks = 0

    def add(self, started: float, seconds: float, outcome: str) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.outcomes[outcome] += 1
            if outcome not in ("ok", "stale"):
                self.errors.append((started, started + seconds, outcome))


def reader(client: Client, results: Results, stop: float, offset: int) -> None:
    i = offset
    while time.monotonic() < stop:
        path = READ_PATHS[i % len(READ_PATHS)]
        i += 1
        started = time.monotonic()
        try:
            status, _ = client.request("GET", path)
            outcome = "ok" if status == 200 else f"HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            outcome = type(exc).__name__
        results.add(started, time.monotonic() - started, outcome)


def editor(client: Client, city: str, results: Results, stop: float, first: int) -> None:
    value = first
    while time.monotonic() < stop:
        started = time.monotonic()
        try:
            status, page = client.request("GET", f"/entity/{city}/edit")
            import json

            _, twin = client.request("GET", f"/entity/{city}/edit.json")
            data = json.loads(twin)
            form = {f["name"]: f["value"] for f in data["fields"]}
            form |= {"population": str(value), "action": "save", "version": data["version"]}
            form["csrf_token"] = CSRF.search(page).group(1)
            status, _ = client.request("POST", f"/entity/{city}/edit", form)
            outcome = {303: "ok", 409: "stale"}.get(status, f"HTTP {status}")
            if status == 303:
                with results.lock:
                    results.acknowledged[city] = value
                    results.acks += 1
                value += 1
        except (OSError, http.client.HTTPException, ValueError, AttributeError) as exc:
            outcome = type(exc).__name__
        results.add(started, time.monotonic() - started, outcome)
        time.sleep(0.2)


def server_memory(master: int) -> int:
    """Resident memory of the gunicorn master and its workers, in KiB (from /proc)."""
    total = 0
    pids = [master, *worker_pids(master)]
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def worker_pids(master: int) -> list[int]:
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def write_import(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True)
    ids = [f"soak-{i}" for i in range(count)]
    with (folder / "cities.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "country"])
        w.writerows([i, f"Soakkent {n}", "FR"] for n, i in enumerate(ids))
    return ids


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=3)
    parser.add_argument("--import-cities", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "soak.md")
    args = parser.parse_args(argv)
    editors = min(args.editors, len(EDITED))

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DIPLOMAP_", "NEO4J_"))},
            "DIPLOMAP_DATA_DIR": str(data_dir),
            "DIPLOMAP_BACKEND": "embedded",
            "DIPLOMAP_SECRET_KEY": "soak",
            "DIPLOMAP_SECURE_COOKIES": "false",
        }
        settings = settings_mod.load(env)
        store = open_store(settings)
        import_path(store, SAMPLE)
        store.close()
        accounts = UserStore.from_settings(settings)
        for i in range(args.readers):
            accounts.add(f"reader{i}", PASSWORD, "viewer")
        for i in range(editors):
            accounts.add(f"editor{i}", PASSWORD, "editor")
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        diplomap = str(ROOT / ".venv" / "bin" / "diplomap")
        server = subprocess.Popen(
            [diplomap, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            readers = [Client(port, f"reader{i}") for i in range(args.readers)]
            writers = [Client(port, f"editor{i}") for i in range(editors)]
            results = Results()
            start = time.monotonic()
            stop = start + args.seconds
            threads = [
                threading.Thread(target=reader, args=(c, results, stop, i))
                for i, c in enumerate(readers)
            ] + [
                threading.Thread(
                    target=editor, args=(c, EDITED[i], results, stop, 100_000 * (i + 1))
                )
                for i, c in enumerate(writers)
            ]
            for t in threads:
                t.start()
            memory: list[tuple[float, int]] = []
            imported = write_import(Path(tmp) / "import", args.import_cities)
            import_proc = None
            crash_at = None
            while time.monotonic() < stop:
                now = time.monotonic() - start
                memory.append((now, server_memory(server.pid)))
                if import_proc is None and now > args.seconds / 3:
                    import_proc = subprocess.Popen(
                        [diplomap, "import", str(Path(tmp) / "import")],
                        env=env,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT,
                        text=True,
                    )
                if crash_at is None and now > args.seconds / 2:
                    crash_at = now
                    for pid in worker_pids(server.pid):
                        os.kill(pid, signal.SIGKILL)
                time.sleep(min(5.0, max(0.5, args.seconds / 20)))
            for t in threads:
                t.join(120)
            memory.append((time.monotonic() - start, server_memory(server.pid)))
            import_out = import_proc.communicate(timeout=300)[0] if import_proc else ""
            import_ok = import_proc is not None and import_proc.returncode == 0
        finally:
            server.terminate()
            server.wait(30)

        store = open_store(settings)
        lost = [
            (city, value, store.get(city).props.get("population"))
            for city, value in results.acknowledged.items()
            if store.get(city).props.get("population") != value
        ]
        missing_imports = len(imported) - len(store.get_many(imported)) if import_ok else None
        problems = check(store, AuditLog.from_settings(settings))
        store.close()

    elapsed = args.seconds
    total = sum(results.outcomes.values())
    lat = [s * 1000 for s in results.latencies]
    # An error is the injected crash's when its request was in flight at the crash or
    # began within 15 s after it (while the master started new workers).
    injected = [
        o
        for began, ended, o in results.errors
        if crash_at is not None and ended >= start + crash_at and began < start + crash_at + 15
    ]
    unexplained = len(results.errors) - len(injected)
    mem = [m for _, m in memory if m]
    lines = [
        "# Soak test: readers, editors, an import and a worker crash at once",
        "",
        f"- Date: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}; machine: "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at the end "
        f"{os.getloadavg()[0]:.1f}",
        f"- Command: `.venv/bin/python bench/soak.py --seconds {args.seconds:g} --readers "
        f"{args.readers} --editors {editors} --import-cities {args.import_cities}`",
        f"- Server: `diplomap serve --workers 2` (gunicorn), embedded store, the Antalya sample; "
        f"every worker killed with SIGKILL at {crash_at or 0:.0f} s",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| requests | {total:,} |",
        f"| throughput | {total / elapsed:.1f} requests/s |",
        f"| latency p50 / p95 / p99 | {percentile(lat, 50):.0f} / {percentile(lat, 95):.0f} / "
        f"{percentile(lat, 99):.0f} ms |",
        f"| outcomes | {', '.join(f'{k}: {v:,}' for k, v in results.outcomes.most_common())} |",
        f"| errors within 15 s of the injected crash | {len(injected)} |",
        f"| errors not explained by the crash | {unexplained} |",
        f"| acknowledged edits | {results.acks} |",
        f"| acknowledged edits lost | {len(lost)} |",
        f"| import ({args.import_cities} cities) | {'ok' if import_ok else 'FAILED'}, "
        f"{missing_imports if missing_imports is not None else '?'} missing |",
        f"| integrity check afterwards | {'passes' if not problems else '; '.join(problems[:3])} |",
        f"| server memory (master + workers) min / max / last | {min(mem) / 1024:.0f} / "
        f"{max(mem) / 1024:.0f} / {mem[-1] / 1024:.0f} MiB |",
        "",
        "Memory over time (seconds: MiB):",
        "",
        "    " + ", ".join(f"{t:.0f}: {m / 1024:.0f}" for t, m in memory),
        "",
    ]
    if lost:
        lines += ["Lost writes:", "", *[f"- {c}: acknowledged {v}, stored {s}" for c, v, s in lost]]
    if not import_ok:
        lines += ["", "Import output:", "", "    " + import_out.replace("\n", "\n    ")]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
