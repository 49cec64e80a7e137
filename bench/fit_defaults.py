"""Fit the default synergy weights on every tie of a public data set, as `docs/synergy.md` says.

The defaults in ``graph/synergy/weights.py`` (and the ``DIPLOMAP_WEIGHT_*`` settings) are not
chosen by hand: they are what :func:`graph.synergy.fit.fit_weights` finds on *all* the ties of
the Wikipedia twin-towns graph with the ETMUN memberships (no evaluation split: the defaults are
never used by ``diplomap evaluate``, which fits its own weights on each training graph). This
script runs that fit and prints, as Markdown, the coefficients of the regression, the weights
and constants after refinement, and how the check queries scored before and after; copy the
weights into ``weights.py``, ``graph/settings.py`` and the README.

Run from the repository root (the data sets in ``DIPLOMAP_DATASETS_DIR``)::

    .venv/bin/python bench/fit_defaults.py --dataset twin-towns --seed 0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import settings as app_settings  # noqa: E402
from graph.synergy.fit import fit_weights  # noqa: E402
from graph.synergy.refine import CONSTANTS  # noqa: E402
from graph.synergy.weights import Weights  # noqa: E402
from importers.evaluation import dataset_graph  # noqa: E402


def main() -> None:
    """Fit, then print the result as Markdown (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="twin-towns")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the whole fit as JSON")
    args = parser.parse_args()
    start = time.perf_counter()
    G = dataset_graph(args.dataset, app_settings.load(), with_etmun=True)
    fit = fit_weights(G, seed=args.seed)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps({**fit.to_dict(), "seconds": round(seconds, 1)}, indent=2))
        return
    print(f"Fit on every tie of {args.dataset} + ETMUN, seed {args.seed}, in {seconds:.0f} s: ")
    print(f"{fit.queries} query cities, {fit.examples} examples, {fit.positives} positives; ")
    print(
        f"objective {fit.objective}, L2 {fit.l2:g}; checked {fit.checked}; refined {fit.refined}."
    )
    print()
    print("| part | coefficient | weight |")
    print("|---|---|---|")
    for part in Weights.PARTS:
        coefficient = fit.coefficients.get(part)
        shown = "" if coefficient is None else f"{coefficient:.2f}"
        print(f"| `{part}` | {shown} | {getattr(fit.weights, part):g} |")
    print()
    print("| constant | value |")
    print("|---|---|")
    for name in CONSTANTS:
        print(f"| `{name}` | {getattr(fit.weights, name):g} |")


if __name__ == "__main__":
    main()
