"""Benchmark: import the Wikipedia twin-towns data set into the embedded store.

In one run it measures

(a) the full import into a fresh embedded store in a temporary folder: read the file,
    build the change set (:func:`importers.datasets.dataset_changeset`), keep what the
    store already has (:func:`importers.datasets.keep_existing`) and write it with
    ``EmbeddedStore.apply`` (one transaction); target: under 10 s;
(b) a second import of the same file into the same store, which must create and
    update nothing (asserted);
(c) a baseline: the naive way, one ``INSERT`` per node and per relation, each in its
    own transaction, with ``sqlite3`` directly on the same schema and pragmas.

Each measurement runs in a fresh process, so its peak memory (``ru_maxrss``) is its
own. The table is printed and written to ``bench/results/import_twin_towns.md``.

Run from the project root::

    .venv/bin/python bench/bench_import.py            # full run (the naive baseline takes minutes)
    .venv/bin/python bench/bench_import.py --naive-limit 10000   # naive on a sample, extrapolated
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATASET = "twin-towns"
TARGET_S = 10.0
RESULTS = ROOT / "bench" / "results" / "import_twin_towns.md"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _data_file() -> Path:
    from graph.settings import load
    from importers.datasets import dataset_path

    return dataset_path(DATASET, load())


# -- phases, each run in a child process ---------------------------------------------------
def phase_import(store_file: str) -> dict:
    """Read + change set + keep_existing + ``EmbeddedStore.apply``: timings, counts, peak RSS.

    This is what ``dataset_changeset(name, path, store=store)`` followed by
    ``store.apply`` does, with the store-reading step timed on its own.
    """
    from graph.stores.embedded import EmbeddedStore
    from importers.datasets import dataset_changeset, keep_existing

    path = _data_file()
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    changes, report = dataset_changeset(DATASET, path)
    t1 = time.perf_counter()
    with EmbeddedStore(store_file) as store:
        changes, report.existing_kept = keep_existing(changes, store)
        t2 = time.perf_counter()
        result = store.apply(changes)
    t3 = time.perf_counter()
    return {
        "read_s": t1 - t0,
        "keep_s": t2 - t1,
        "apply_s": t3 - t2,
        "total_s": t3 - t0,
        "counts": result.counts(),
        "rss_start_mb": rss0,
        "rss_peak_mb": _rss_mb(),
        "report": report.render(),
        "nodes": len(changes.nodes),
        "relations": len(changes.relations),
    }


def phase_naive(store_file: str, limit: int | None) -> dict:
    """The same records, one INSERT each, each in its own transaction."""
    from graph.stores.changes import now_iso
    from graph.stores.embedded import SCHEMA, _dumps
    from importers.datasets import dataset_changeset

    changes, _ = dataset_changeset(DATASET, _data_file())
    stamp = now_iso()
    con = sqlite3.connect(store_file, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.executescript(SCHEMA)
    records = [("node", n) for n in changes.nodes] + [("rel", r) for r in changes.relations]
    total = len(records)
    records = records[:limit] if limit else records
    t0 = time.perf_counter()
    for kind, rec in records:
        con.execute("BEGIN IMMEDIATE")
        if kind == "node":
            con.execute(
                "INSERT INTO nodes (id, label, props) VALUES (?, ?, ?)",
                (rec.id, rec.label, _dumps({**rec.props, "updated_at": stamp})),
            )
        else:
            con.execute(
                'INSERT INTO relations (start, type, "end", props) VALUES (?, ?, ?, ?)',
                (rec.start, rec.type, rec.end, _dumps({**rec.props, "updated_at": stamp})),
            )
        con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return {
        "write_s": elapsed,
        "written": len(records),
        "total_records": total,
        "write_full_s": elapsed * total / len(records),
        "rss_peak_mb": _rss_mb(),
    }


def _child(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(target, args)


# -- the run ---------------------------------------------------------------------------------
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_1m": round(os.getloadavg()[0], 2),
    }


def run(repeat: int, naive: bool, naive_limit: int | None) -> dict:
    out: dict = {
        "machine": machine(),
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "file": str(_data_file()),
    }
    with tempfile.TemporaryDirectory(prefix="diplomap-bench-") as tmp:
        first = []
        for i in range(repeat):
            first.append(_child(phase_import, f"{tmp}/a{i}.sqlite"))
            print(f"(a) run {i + 1}: {first[-1]['total_s']:.2f} s", flush=True)
        again = []
        for i in range(repeat):
            again.append(_child(phase_import, f"{tmp}/a{repeat - 1}.sqlite"))
            counts = again[-1]["counts"]
            assert counts["create"] == 0 and counts["update"] == 0, (
                f"second import changed data: {counts}"
            )
            print(f"(b) run {i + 1}: {again[-1]['total_s']:.2f} s, {counts}", flush=True)
        out["a"], out["b"] = first, again
        if naive:
            print("(c) naive baseline: one transaction per record...", flush=True)
            out["c"] = _child(phase_naive, f"{tmp}/naive.sqlite", naive_limit)
    return out


def _med(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def table(res: dict) -> str:
    a, b, c = res["a"], res["b"], res.get("c")
    base = _med(a, "total_s")
    rows = [
        ("(a) read + build change set", _med(a, "read_s"), max(r["rss_peak_mb"] for r in a)),
        ("(a) keep_existing (read what the store has)", _med(a, "keep_s"), None),
        ("(a) EmbeddedStore.apply, one transaction", _med(a, "apply_s"), None),
        ("(a) full import, total", base, None),
        (
            "(b) second import (all unchanged), total",
            _med(b, "total_s"),
            max(r["rss_peak_mb"] for r in b),
        ),
        ("(b)   of which keep_existing", _med(b, "keep_s"), None),
        ("(b)   of which apply", _med(b, "apply_s"), None),
    ]
    if c:
        est = "" if c["written"] == c["total_records"] else f", extrapolated from {c['written']:,}"
        rows += [
            (
                f"(c) naive writes, one transaction per record{est}",
                c["write_full_s"],
                c["rss_peak_mb"],
            ),
            (
                "(c) naive import, total (read + change set + naive writes)",
                _med(a, "read_s") + c["write_full_s"],
                None,
            ),
        ]
    lines = ["| phase | seconds (median) | × (a) total | peak RSS MiB |", "|---|---:|---:|---:|"]
    for label, secs, rss in rows:
        lines.append(
            f"| {label} | {secs:.2f} | {secs / base:.2f} | {'' if rss is None else f'{rss:.0f}'} |"
        )
    return "\n".join(lines)


def markdown(res: dict, command: str) -> str:
    m, a = res["machine"], res["a"]
    runs = ", ".join(f"{r['total_s']:.2f}" for r in a)
    verdict = "met" if _med(a, "total_s") < TARGET_S else "NOT met"
    created = a[0]["counts"]
    lines = [
        "# Benchmark: importing the Wikipedia twin-towns data set",
        "",
        f"- Date: {res['date']}",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, SQLite {m['sqlite']}, "
        f"{m['platform']}; load average at start {m['load_1m']}",
        f"- File: `{Path(res['file']).name}` (from `DIPLOMAP_DATASETS_DIR`)",
        f"- Repeat with: `{command}`",
        "",
        table(res),
        "",
        f"- (a) runs: {runs} s; target under {TARGET_S:.0f} s: **{verdict}**.",
        f"- (a) wrote {a[0]['nodes']:,} nodes and {a[0]['relations']:,} relations: {created}.",
        f"- (b) second import: {res['b'][0]['counts']} (asserted: 0 created, 0 updated).",
    ]
    if "c" in res:
        c = res["c"]
        lines.append(
            f"- (c) naive: {c['written']:,} of {c['total_records']:,} records written one per "
            f"transaction in {c['write_s']:.1f} s "
            f"({c['write_s'] / c['written'] * 1000:.2f} ms per record, WAL, synchronous=FULL)."
        )
    lines += [
        "- Each phase runs in a fresh process; peak RSS is that process's `ru_maxrss` "
        f"(a child that only imports the code starts at about {a[0]['rss_start_mb']:.0f} MiB).",
        "",
        "## Import report of run (a)",
        "",
        "```",
        a[0]["report"],
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of (a) and of (b) (median reported)"
    )
    parser.add_argument(
        "--naive-limit",
        type=int,
        default=None,
        help="write only the first N records in the naive baseline and extrapolate",
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline (c)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="Markdown file to write")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    args = parser.parse_args(argv)
    command = ".venv/bin/python bench/bench_import.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    res = run(max(args.repeat, 1), not args.no_naive, args.naive_limit)
    print()
    print(table(res))
    if args.json:
        print(json.dumps({k: v for k, v in res.items()}, indent=2, default=str))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(res, command), encoding="utf-8")
    print(f"\nwritten {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    if _med(res["a"], "total_s") >= TARGET_S:
        sys.exit(f"target missed: (a) took {_med(res['a'], 'total_s'):.2f} s (>= {TARGET_S} s)")


if __name__ == "__main__":
    main()
