"""Benchmark: consortia for a call on the demo graph, beside one ranking of the same theme.

Builds the demo store in a temporary folder (``data/antalya``, ``data/peers`` and the shipped
reference layer, as ``make demo`` does), takes its graph, then for every theme of the home
city and every programme of ``graph/reference/data/programmes.yaml``, in turn (interleaved),
the best of two warm runs of:

- ``consortia(G, theme, programme)``: the pool (our ties scored for the theme, two rankings,
  restricted to the programme's countries) and up to three consortia with checks and notes;
- ``suggest(G, theme, limit=20)``: one ranking of the theme, the baseline.

The ratio of the two, measured in the same run, is the figure to read (the machine is shared)::

    .venv/bin/python bench/bench_consortium.py --out bench/results/consortium.md
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.reference.layer import load_reference  # noqa: E402
from graph.reference.programmes import load  # noqa: E402
from graph.stores.embedded import EmbeddedStore  # noqa: E402
from graph.synergy.consortium import consortia  # noqa: E402
from graph.synergy.ranking import suggest  # noqa: E402
from importers.pipeline import import_path  # noqa: E402

TODAY = "2026-12-04"


def best_of_two(run) -> float:
    times = []
    for _ in range(2):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the figures into this Markdown file")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "g.sqlite") as s:
        import_path(s, ROOT / "data" / "antalya")
        import_path(s, ROOT / "data" / "peers")
        load_reference(s)
        G = s.to_networkx()
    built = time.perf_counter() - start
    home = next(n for n, d in G.nodes(data=True) if d.get("is_home"))
    themes = sorted(t for _, t, k in G.out_edges(home, keys=True) if k == "HAS_THEME")
    start = time.perf_counter()
    suggest(G, themes[0], limit=20, today=TODAY)
    cold = time.perf_counter() - start
    ours, base, made, none = [], [], 0, 0
    for theme in themes:
        for key in sorted(load()):
            found = consortia(G, theme, key, today=TODAY)
            made += len(found.consortia)
            none += not found.consortia
            ours.append(best_of_two(lambda t=theme, k=key: consortia(G, t, k, today=TODAY)))
            base.append(best_of_two(lambda t=theme: suggest(G, t, limit=20, today=TODAY)))
    kinds = {}
    for _, d in G.nodes(data=True):
        kinds[d.get("label")] = kinds.get(d.get("label"), 0) + 1
    lines = [
        f"- graph: {len(G):,} nodes (City {kinds.get('City', 0):,}), "
        f"{G.number_of_edges():,} relations; build (demo + reference layer): {built:.1f} s; "
        f"**cold** (index and city table, first ranking): {cold:.2f} s",
        f"- machine: CPython {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run",
        f"- queries: {len(themes)} themes of the home city x {len(load())} programmes = "
        f"{len(ours)}; consortia made: {made}; queries with none (the rule is said): {none}",
        "",
        "| warm, best of 2 | queries | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
        f"| `consortia(G, theme, programme)` | {len(ours)} | {statistics.median(ours):.1f} | "
        f"{p95(ours):.1f} | {max(ours):.1f} |",
        f"| `suggest(G, theme, limit=20)` (baseline) | {len(base)} | "
        f"{statistics.median(base):.1f} | {p95(base):.1f} | {max(base):.1f} |",
        "",
        f"- consortia / one ranking, median: {statistics.median(ours) / statistics.median(base):.2f}x;"
        f" p95: {p95(ours) / p95(base):.2f}x",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        doc = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        head = doc.split("<!-- figures -->")[0] if "<!-- figures -->" in doc else doc
        args.out.write_text(
            head.rstrip() + "\n\n<!-- figures -->\n" + text + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
