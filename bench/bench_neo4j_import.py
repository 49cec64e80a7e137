"""Benchmark: batched Neo4j import (Neo4jStore.apply) against the naive row-by-row way.

Reads the Wikipedia twin-towns data set (``DIPLOMAP_DATASETS_DIR``/
``twin_cities_wikipedia_geocoded.csv``) and builds one ChangeSet the way the
importer does: a City per (name, country), an Agreement (type sister_city) per
unordered pair, and two PARTY_TO relations per agreement. Then, on one Neo4j
database, cleared before each run:

- **batched**: ``Neo4jStore.apply`` (diff, validation, then one write transaction
  of ``UNWIND`` batches of ``DIPLOMAP_BATCH_SIZE`` rows);
- **naive**: one auto-commit ``MERGE`` query per node and per relation;
- **embedded**: ``EmbeddedStore.apply`` of the same ChangeSet into a fresh SQLite file.

Naive and batched are timed on the same slice (the first ``--slice`` pairs), so
their ratio compares the same rows; batched and embedded are also timed on the
whole data set (``--naive-full`` times naive on it too; that takes minutes).

    eval "$(tools/neo4j/neo4j-local start)"
    .venv/bin/python bench/bench_neo4j_import.py [--slice 3000] [--naive-full]

The database must be empty or marked as a Diplomap scratch database (the test
marker); the benchmark refuses to wipe anything else. Results go to
``bench/results/neo4j_import.md``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import neo4j

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import settings as diplomap_settings  # noqa: E402
from graph.ids import make_id, slugify  # noqa: E402
from graph.model import LABELS, Node, Relation  # noqa: E402
from graph.stores.changes import ChangeSet, now_iso  # noqa: E402
from graph.stores.embedded import EmbeddedStore  # noqa: E402
from graph.stores.neo4j_store import Neo4jStore  # noqa: E402

DATASET = "twin_cities_wikipedia_geocoded.csv"
MARKER = "DiplomapTestMarker"  # the scratch-database marker of tests/neo4j_support.py
RESULTS = ROOT / "bench" / "results" / "neo4j_import.md"
SETTLE = 3.0  # seconds between a clear and the next timed run


# -- the data set as a ChangeSet ------------------------------------------------------------
def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def twin_town_changes(path: Path, limit: int | None = None) -> ChangeSet:
    """Cities, one sister_city Agreement per unordered pair, two PARTY_TO each."""
    cities: dict[str, Node] = {}
    agreements: dict[str, Node] = {}
    relations: list[Relation] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ids = []
            for i in ("1", "2"):
                name, country = row[f"city{i}"].strip(), row[f"country{i}"].strip()
                cid = make_id("City", name, slugify(country))
                cities.setdefault(
                    cid,
                    Node(
                        cid,
                        "City",
                        {
                            "name": name,
                            "country": country,
                            "lat": _float(row[f"lat{i}"]),
                            "lon": _float(row[f"lng{i}"]),
                            "source": "wikipedia-twin-towns",
                        },
                    ),
                )
                ids.append(cid)
            low, high = sorted(ids)
            aid = f"agreement-{low.removeprefix('city-')}-{high.removeprefix('city-')}"
            if low == high or aid in agreements:
                continue
            agreements[aid] = Node(
                aid,
                "Agreement",
                {
                    "name": f"{cities[low].name} - {cities[high].name}",
                    "type": "sister_city",
                    "source": "wikipedia-twin-towns",
                },
            )
            relations += [Relation("PARTY_TO", low, aid), Relation("PARTY_TO", high, aid)]
            if limit and len(agreements) >= limit:
                break
    used = {r.start for r in relations}
    nodes = [n for cid, n in cities.items() if cid in used] + list(agreements.values())
    return ChangeSet(nodes=nodes, relations=relations)


# -- the runs -------------------------------------------------------------------------------
@dataclass
class Run:
    name: str
    what: str
    nodes: int
    relations: int
    times: list[float]

    @property
    def rows(self) -> int:
        return self.nodes + self.relations

    @property
    def seconds(self) -> float:
        """The best of the repeats: the least disturbed by other work on the machine."""
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def claim_scratch_database(settings: dict) -> None:
    """Refuse to wipe a database that is neither empty nor marked as a scratch database."""
    with neo4j.GraphDatabase.driver(settings["NEO4J_URI"], auth=_auth(settings)) as driver:
        rec = driver.execute_query(
            f"MATCH (n) RETURN count(CASE WHEN n:{MARKER} THEN 1 END) AS markers, count(n) AS nodes",
            database_=settings["NEO4J_DATABASE"],
        ).records[0]
        if rec["nodes"] and not rec["markers"]:
            sys.exit(
                f"refusing to wipe {settings['NEO4J_URI']} (database "
                f"{settings['NEO4J_DATABASE']!r}): it holds {rec['nodes']} nodes and no "
                f"(:{MARKER}) node. Point NEO4J_URI at an empty database."
            )
        driver.execute_query(
            f"MERGE (:{MARKER} {{key: 'diplomap-tests'}})", database_=settings["NEO4J_DATABASE"]
        )


def _auth(settings: dict) -> tuple[str, str] | None:
    return (
        (settings["NEO4J_USER"], settings["NEO4J_PASSWORD"]) if settings["NEO4J_PASSWORD"] else None
    )


def fresh(store: Neo4jStore) -> None:
    """Clear the database, then let the server's background work (GC, flushes) settle, so
    that no timed run pays for the previous one (Community has no db.checkpoint())."""
    store.clear()
    time.sleep(SETTLE)


def run_batched(store: Neo4jStore, changes: ChangeSet, name: str, what: str) -> tuple[Run, float]:
    """Time apply() on a cleared database; also return the time spent writing alone."""
    import graph.stores.neo4j_store as neo4j_store_module

    fresh(store)
    commit = neo4j_store_module.write_changes
    spent = {"commit": 0.0}

    def timed_commit(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return commit(*args, **kwargs)
        finally:
            spent["commit"] += time.perf_counter() - t0

    neo4j_store_module.write_changes = timed_commit
    try:
        seconds = _timed(lambda: store.apply(changes))
    finally:
        neo4j_store_module.write_changes = commit
    _check(store, changes)
    return Run(name, what, len(changes.nodes), len(changes.relations), [seconds]), spent["commit"]


def run_naive(store: Neo4jStore, settings: dict, changes: ChangeSet, name: str, what: str) -> Run:
    """One auto-commit MERGE per node, then one per relation (the way not to do it)."""
    fresh(store)
    stamp = now_iso()
    with (
        neo4j.GraphDatabase.driver(settings["NEO4J_URI"], auth=_auth(settings)) as driver,
        driver.session(database=settings["NEO4J_DATABASE"]) as session,
    ):

        def write() -> None:
            for n in changes.nodes:
                props = {k: v for k, v in n.props.items() if v is not None}
                session.run(
                    f"MERGE (n:Entity {{id: $id}}) SET n = $props, n:{n.label}",
                    id=n.id,
                    props={**props, "id": n.id, "updated_at": stamp},
                ).consume()
            for r in changes.relations:
                session.run(
                    f"MATCH (a:Entity {{id: $start}}) MATCH (b:Entity {{id: $end}}) "
                    f"MERGE (a)-[r:{r.type}]->(b) SET r = $props",
                    start=r.start,
                    end=r.end,
                    props={**r.props, "updated_at": stamp},
                ).consume()

        seconds = _timed(write)
    _check(store, changes)
    return Run(name, what, len(changes.nodes), len(changes.relations), [seconds])


def run_embedded(changes: ChangeSet) -> Run:
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "graph.sqlite") as store:
        seconds = _timed(lambda: store.apply(changes))
        _check(store, changes)
    return Run(
        "embedded",
        "EmbeddedStore.apply, full data set",
        len(changes.nodes),
        len(changes.relations),
        [seconds],
    )


def _check(store, changes: ChangeSet) -> None:
    counts = store.counts()
    assert sum(v for k, v in counts.items() if k in LABELS) == len(changes.nodes), counts
    assert counts.get("PARTY_TO", 0) == len(changes.relations), counts


# -- report ---------------------------------------------------------------------------------
def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = (
            int(
                next(
                    ln
                    for ln in Path("/proc/meminfo").read_text().splitlines()
                    if ln.startswith("MemTotal")
                ).split()[1]
            )
            // 1024
            // 1024
        )
    except (OSError, StopIteration):
        mem = 0
    return f"{cpu}, {os.cpu_count()} CPUs, {mem} GiB RAM, {platform.system()} {platform.release()}"


def _server(store: Neo4jStore) -> str:
    _, rows, _ = store.read_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0], edition"
    )
    return ", ".join(f"{r[0]} {r[1]} {r[2]}" for r in rows)


def _load() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def report(
    runs: list[Run],
    commit_full: float,
    command: str,
    settings: dict,
    server: str,
    dataset: Path,
    load: tuple[str, str],
    repeat: int,
) -> str:
    try:
        import neo4j._rust  # noqa: F401

        rust = " (with neo4j-rust-ext)"
    except ImportError:
        rust = ""
    naive, batched = runs[0], runs[1]
    ratio = naive.seconds / batched.seconds
    naive_full = next((r for r in runs[3:] if r.name == "naive"), None)
    full_ratio = naive_full.seconds / runs[2].seconds if naive_full else None
    lines = [
        "| run | what was timed | nodes | relations | best s | median s | rows/s (best) |",
        "|---|---|---:|---:|---:|---:|---:|",
        *(
            f"| {r.name} | {r.what} | {r.nodes:,} | {r.relations:,} | {r.seconds:.2f} | "
            f"{r.median:.2f} | {r.rate:,.0f} |"
            for r in runs
        ),
    ]
    return "\n".join(
        [
            "# Neo4j import: batched against naive",
            "",
            f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
            f"- Machine: {_machine()}; load average (1/5/15 min) {load[0]} before, {load[1]} after "
            "(the machine was shared with other work)",
            f"- Server: {server} at {settings['NEO4J_URI']} (same host, loopback)",
            f"- Python {platform.python_version()}, neo4j driver {neo4j.__version__}{rust}",
            f"- Data: `{dataset.name}` from DIPLOMAP_DATASETS_DIR",
            f"- DIPLOMAP_BATCH_SIZE: {settings['DIPLOMAP_BATCH_SIZE']}; each run repeated {repeat} times",
            f"- Command: `{command}`",
            "",
            *lines,
            "",
            f"**Batched is {ratio:.1f}x faster than naive on the same slice** (best times; "
            f"{naive.median / batched.median:.1f}x on medians). Goal, at least 20x: "
            f"**{'met' if ratio >= 20 else 'not met'}** on this machine.",
            *([f"On the full data set (one naive run): {full_ratio:.1f}x."] if full_ratio else []),
            "",
            "What each figure measures: the database is cleared before each Neo4j run (schema in "
            f"place), then left idle for {SETTLE:.0f} s so that no run pays for the previous one. "
            "*batched* times the whole `Neo4jStore.apply` call: reading what exists (the diff), "
            "validation, and the one write transaction (which also reads what exists, under the "
            "write lock); of the best full-data-set run, "
            f"{commit_full:.2f} s is writing (`write_changes`). *naive* times one auto-commit "
            "`MERGE` query per node and then per relation, through one session, with the same final "
            "properties and the same indexes, and no diff. *embedded* times `EmbeddedStore.apply` "
            "into a fresh SQLite file. Each run is checked afterwards (node and relation counts).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--slice", type=int, default=3000, help="pairs timed both naive and batched (default 3000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (default 3)")
    parser.add_argument(
        "--naive-full", action="store_true", help="also time naive on the whole data set (minutes)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args(argv)

    settings = diplomap_settings.load()
    dataset = Path(settings["DIPLOMAP_DATASETS_DIR"]) / DATASET
    if not dataset.exists():
        sys.exit(f"data set not found: {dataset} (set DIPLOMAP_DATASETS_DIR)")
    full, part = twin_town_changes(dataset), twin_town_changes(dataset, args.slice)
    print(
        f"data set: {len(full.nodes):,} nodes, {len(full.relations):,} relations; "
        f"slice of {args.slice:,} pairs: {len(part.nodes):,} nodes, {len(part.relations):,} relations"
    )

    claim_scratch_database(settings)
    load_before = _load()
    sliced = f"first {args.slice:,} pairs"
    with Neo4jStore.from_settings(settings) as store:
        store.init_schema()
        server = _server(store)
        runs = {
            "naive": Run(
                "naive", f"row by row, {sliced}", len(part.nodes), len(part.relations), []
            ),
            "batched": Run(
                "batched", f"Neo4jStore.apply, {sliced}", len(part.nodes), len(part.relations), []
            ),
            "full": Run(
                "batched",
                "Neo4jStore.apply, full data set",
                len(full.nodes),
                len(full.relations),
                [],
            ),
        }
        commits: list[float] = []
        for i in range(args.repeat):
            runs["naive"].times += run_naive(store, settings, part, "", "").times
            runs["batched"].times += run_batched(store, part, "", "")[0].times
            whole, commit = run_batched(store, full, "", "")
            runs["full"].times += whole.times
            commits.append(commit)
            print(
                f"repeat {i + 1}: naive slice {runs['naive'].times[-1]:.2f} s, batched slice "
                f"{runs['batched'].times[-1]:.2f} s, batched full {whole.seconds:.2f} s "
                f"(commit {commit:.2f} s)",
                flush=True,
            )
        if args.naive_full:
            runs["naive-full"] = run_naive(
                store, settings, full, "naive", "row by row, full data set"
            )
            print(f"naive full: {runs['naive-full'].seconds:.2f} s", flush=True)
        store.clear()
    embedded = Run(
        "embedded",
        "EmbeddedStore.apply, full data set",
        len(full.nodes),
        len(full.relations),
        [run_embedded(full).seconds for _ in range(args.repeat)],
    )
    print(f"embedded full: {embedded.seconds:.2f} s")
    load_after = _load()

    ordered = [
        runs["naive"],
        runs["batched"],
        runs["full"],
        *([runs["naive-full"]] if args.naive_full else []),
        embedded,
    ]
    commit_full = commits[runs["full"].times.index(runs["full"].seconds)]
    command = "python bench/bench_neo4j_import.py" + "".join(
        f" {a}" for a in (argv or sys.argv[1:])
    )
    text = report(
        ordered,
        commit_full,
        command,
        settings,
        server,
        dataset,
        (load_before, load_after),
        args.repeat,
    )
    print()
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if runs["naive"].seconds / runs["batched"].seconds >= 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
