"""Render the JSON of one or more ``diplomap evaluate --format json`` runs as the Markdown tables
of ``diplomap evaluate --format markdown`` (the same function, :func:`graph.synergy.eval_table.markdown`).

The splits of an evaluation are independent: running them as separate processes (one per
seed, say) and rendering them together gives the same tables as one long run. Results are
ordered by data set (as given on the command line of the runs: twin-towns, then wikidata)
and seed.

Run from the repository root::

    .venv/bin/python bench/evaluation_markdown.py run-seed0.json run-seed1.json run-seed2.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.synergy.eval_table import markdown  # noqa: E402
from graph.synergy.evaluate import PAIR_DATASETS, Evaluation, MethodScore  # noqa: E402


def load(paths: list[str]) -> list[Evaluation]:
    """The evaluations stored in the JSON files ``paths``, by data set and seed."""
    found = []
    for path in paths:
        for item in json.loads(Path(path).read_text(encoding="utf-8")):
            methods = [
                MethodScore(**{**m, "ci": {k: tuple(v) for k, v in m["ci"].items()}})
                for m in item.pop("methods")
            ]
            item["lead"] = {k: tuple(v) for k, v in item.get("lead", {}).items()}
            found.append(Evaluation(**item, methods=methods))
    order = {name: i for i, name in enumerate(PAIR_DATASETS)}
    return sorted(found, key=lambda e: (order.get(e.dataset, len(order)), e.dataset, e.seed))


def main(argv: list[str] | None = None) -> str:
    """Print the Markdown tables of the evaluations in the given JSON files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="+", help="output of diplomap evaluate --format json")
    args = parser.parse_args(argv)
    text = markdown(load(args.json))
    print(text)
    return text


if __name__ == "__main__":
    main()
