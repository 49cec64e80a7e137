"""Benchmark ``suggest`` over every city of the twin-towns + reference graph, beside today's method.

Builds, in a temporary embedded store, the Wikipedia twin-town pairs and the ETMUN
memberships (``importers.datasets.dataset_changeset``) and loads the shipped reference pack
(Wikipedia + Wikidata twinnings, :func:`graph.reference.layer.load_reference`) on top, then,
for ``--cities`` seeded random cities with a tie or a membership, interleaved:

- **all cities (numpy)**: ``suggest(G, city, limit=20)``: top 20 with evidence and
  reasons, every city of the graph a candidate, scored at once (:mod:`graph.synergy.vector`);
- **today's method**: the candidates generated within three steps, the co-members of the
  focus's networks and the holders of its themes, scored one by one with the ``Scorer``,
  top 20 with the same evidence and reasons (the method of ``main`` before this change).

Both are warm (index and city table built once: **cold**); p50/p95/max per query, and the
ratio of the two in the same run.

Run from the repository root::

    .venv/bin/python bench/bench_suggest.py --cities 50 --seed 0 --out bench/results/suggest.md
"""

from __future__ import annotations

import argparse
import heapq
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.analysis.tiegraph import index  # noqa: E402
from graph.reference.layer import load_reference  # noqa: E402
from graph.reference.pack import read_pack  # noqa: E402
from graph.settings import load  # noqa: E402
from graph.stores.embedded import EmbeddedStore  # noqa: E402
from graph.synergy.candidates import KINDS, filter_candidates  # noqa: E402
from graph.synergy.city_table import city_table  # noqa: E402
from graph.synergy.focus import make_focus  # noqa: E402
from graph.synergy.parts import score_parts  # noqa: E402
from graph.synergy.ranking import suggest  # noqa: E402
from graph.synergy.scorer import Scorer  # noqa: E402
from graph.synergy.text import reasons  # noqa: E402
from graph.synergy.weights import Weights  # noqa: E402
from importers.datasets import dataset_changeset, dataset_path  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t0, out


def reached(idx, f, kinds):
    """Today's candidates: what a path, a shared network or a shared theme reaches."""
    T = idx.ties
    partners = {z for a in f.anchors if a in T for z in T[a]}
    found = f.two.keys() | f.three.keys() | partners
    for n in f.networks:
        found |= idx.members[n]
    if "Network" in kinds:
        for z in partners:
            found |= idx.networks_of.get(z, {}).keys()
    for theme in set(f.themes) | set(f.gaps):
        for t in {theme} | (f.related.get(theme) or idx.related(theme)):
            for holder in idx.holders.get(t, ()):
                found.add(holder)
                if idx.label.get(holder) == "Network":
                    found |= idx.members[holder]
    return {n for n in found if idx.label.get(n) in kinds}


def todays_method(G, focus, limit=20):
    """Top ``limit`` by today's method, with evidence and reasons: (id, score) pairs."""
    w = Weights()
    f = make_focus(G, focus, weights=w)
    idx = index(G)
    pool = filter_candidates(
        idx, reached(idx, f, set(KINDS)) - f.exclude, KINDS, None, None, None, None, None
    )
    scorer = Scorer(idx, f, w)
    scored = []
    for c in pool:
        score, relational = scorer(c)
        if relational:
            scored.append((-score, c))
    out = []
    for _, c in heapq.nsmallest(limit, scored):
        score, parts, _ = score_parts(idx, f, c, w, evidence=True)
        s = type("S", (), {})()
        s.id, s.label, s.name, s.score, s.parts, s.ties = (
            c,
            idx.label[c],
            idx.name(c),
            score,
            parts,
            [],
        )
        s.part = lambda name, s=s: next((p for p in s.parts if p.name == name), None)
        s.reasons = reasons(idx, f, s, w)
        out.append((c, score))
    return out, len(pool)


def build_graph(settings, workdir: str):
    store = EmbeddedStore(Path(workdir) / "bench.sqlite")
    for name in ("twin-towns", "etmun"):
        changes, _ = dataset_changeset(name, dataset_path(name, settings))
        store.apply(changes)
    report = load_reference(store, read_pack())
    return store, store.to_networkx(), report


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="write the Markdown figures to this file")
    args = ap.parse_args(argv)

    settings = load()
    with tempfile.TemporaryDirectory() as workdir:
        load_s, (store, G, report) = timed(build_graph, settings, workdir)
        store.close()
    cold_s, idx = timed(lambda: city_table(index(G)) and index(G))
    labels: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        labels[d["label"]] = labels.get(d["label"], 0) + 1
    cities = sorted(
        n
        for n, label in idx.label.items()
        if label == "City" and (idx.degree.get(n) or idx.live_networks.get(n))
    )
    sample = random.Random(args.seed).sample(cities, min(args.cities, len(cities)))
    new, old, pools, overlap, outside = [], [], [], [], 0
    for c in sample:  # interleaved, so that load from other processes hits both alike
        dt, found = timed(suggest, G, c, limit=20)
        new.append(min(dt, timed(suggest, G, c, limit=20)[0]))
        dt, (before, pool) = timed(todays_method, G, c)
        old.append(min(dt, timed(todays_method, G, c)[0]))
        pools.append(pool)
        f = make_focus(G, c)
        near = reached(idx, f, set(KINDS))
        outside += sum(1 for s in found if s.id not in near)
        overlap.append(len({s.id for s in found} & {i for i, _ in before}))
    n_cities = sum(1 for label in idx.label.values() if label == "City")
    lines = [
        f"- graph: {len(G):,} nodes ({', '.join(f'{k} {v:,}' for k, v in sorted(labels.items()))}), "
        f"{G.number_of_edges():,} relations; reference layer: {sum(report.created.values()):,} "
        f"records created, {len(report.resolved):,} pack cities resolved to dataset cities",
        f"- machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end of the run",
        f"- build (store + reference pack + graph): {load_s:.1f} s; **cold** (index + city "
        f"table): {cold_s:.2f} s",
        "",
        "| top 20 with evidence, warm (best of 2) | cities | candidates per query | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|",
        f"| every city scored at once (numpy) | {len(new)} | {n_cities:,} cities + reached others | "
        f"{ms(statistics.median(new))} | {ms(pct(new, 0.95))} | {ms(max(new))} |",
        f"| today's method: reached candidates, one by one | {len(old)} | median "
        f"{statistics.median(pools):,.0f} | {ms(statistics.median(old))} | {ms(pct(old, 0.95))} | "
        f"{ms(max(old))} |",
        "",
        f"- all cities / today, median: {statistics.median(new) / statistics.median(old):.2f}x; "
        f"p95: {pct(new, 0.95) / pct(old, 0.95):.2f}x",
        f"- suggestions no path, network or theme reaches (only possible with all cities): "
        f"{outside} of {20 * len(sample)}; top 20 shared with today's method: median "
        f"{statistics.median(overlap):.0f}",
        f"- target p95 < 100 ms warm: {'met' if pct(new, 0.95) < 0.1 else 'NOT met'} "
        f"({ms(pct(new, 0.95))} ms)",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        path = Path(args.out)
        head = (
            path.read_text(encoding="utf-8").split("<!-- figures -->")[0] if path.exists() else ""
        )
        path.write_text(head + "<!-- figures -->\n" + text + "\n", encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
