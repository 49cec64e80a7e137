"""Time to make each report on the sample (data/antalya + data/peers), beside the plan
overview (:func:`graph.plan.view.plan_view`, what the plan page computes) in the same run.

Each figure is the median of ``--runs`` runs on a warm process (the graph loaded once, the
fonts of WeasyPrint loaded by a first untimed PDF). The target of issue 13: the monitoring
report of the sample in under 5 s, end to end (built and written as PDF). Figures go to
bench/results/reports.md::

    .venv/bin/python bench/bench_reports.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.plan.reports import build_report  # noqa: E402
from graph.plan.view import plan_view  # noqa: E402
from graph.stores.embedded import EmbeddedStore  # noqa: E402
from importers.pipeline import import_path  # noqa: E402
from importers.report_files import render  # noqa: E402

TODAY = "2026-12-04"


def timed(runs: int, job) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (less moved by other load)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        job()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="also write the table to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with EmbeddedStore(Path(tmp) / "graph.sqlite") as store:
            import_path(store, ROOT / "data" / "antalya")
            import_path(store, ROOT / "data" / "peers")
            G = store.to_networkx()
    render(build_report(G, "monitoring", "tr", today=TODAY), "pdf")  # fonts, caches
    baseline = timed(args.runs, lambda: plan_view(G, as_of=TODAY))
    rows = [("plan overview (plan_view), baseline", baseline)]
    for kind in ("monitoring", "midterm", "situation"):
        rows.append(
            (
                f"{kind}: build",
                timed(args.runs, lambda k=kind: build_report(G, k, "tr", today=TODAY)),
            )
        )
        report = build_report(G, kind, "tr", today=TODAY)
        for fmt in ("json", "docx", "pdf"):
            rows.append(
                (f"{kind}: render {fmt}", timed(args.runs, lambda r=report, f=fmt: render(r, f)))
            )
    whole = timed(
        args.runs, lambda: render(build_report(G, "monitoring", "tr", today=TODAY), "pdf")
    )
    rows.append(("monitoring: build + PDF (target < 5 s)", whole))
    base_wall, base_cpu = baseline
    lines = [
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average at the end "
        f"{os.getloadavg()[0]:.2f}; median of {args.runs} runs",
        "",
        "| step | wall, median | CPU, median | CPU ratio to the baseline |",
        "|---|---|---|---|",
        *(
            f"| {name} | {wall * 1000:.1f} ms | {cpu * 1000:.1f} ms | {cpu / base_cpu:.1f}x |"
            for name, (wall, cpu) in rows
        ),
    ]
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
