"""The evaluation's figures as Markdown tables (``diplomap evaluate --format markdown``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.synergy.evaluate import Evaluation, MethodScore

FIGURES = ("precision_at_10", "recall_at_50", "mrr")


def markdown(results: list[Evaluation]) -> str:
    """The results as Markdown: one row per data set, seed and method, with intervals.

    Parameters
    ----------
    results : list of Evaluation
        Evaluations to show.

    Returns
    -------
    str
        A table of figures, and a table of Diplomap's lead over the best networkx predictor.
    """
    lines = [
        "| data set | seed | method | P@10 [95% CI] | R@50 [95% CI] | MRR [95% CI] | queries |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(m: MethodScore, name: str) -> str:
        low, high = m.ci.get(name, (0.0, 0.0))
        return f"{getattr(m, name):.4f} [{low:.4f}, {high:.4f}]"

    for e in results:
        best = max(m.mrr for m in e.methods)
        for m in e.methods:
            name = f"**{m.method}**" if m.mrr == best else m.method
            lines.append(
                f"| {e.dataset}{' + etmun' if e.with_etmun else ''} | {e.seed} | {name} | "
                + " | ".join(cell(m, f) for f in FIGURES)
                + f" | {e.queries} |"
            )
    if any(e.lead for e in results):
        lines += [
            "",
            "| data set | seed | Diplomap minus | ΔP@10 [95% CI] | ΔR@50 [95% CI] | ΔMRR [95% CI] |",
            "|---|---|---|---|---|---|",
        ]
        for e in results:
            if e.lead:
                lines.append(
                    f"| {e.dataset} | {e.seed} | {e.best_baseline().method} | "
                    + " | ".join(
                        f"{e.lead[f][0]:+.4f} [{e.lead[f][1]:+.4f}, {e.lead[f][2]:+.4f}]"
                        for f in FIGURES
                    )
                    + " |"
                )
    fitted = [e for e in results if e.fitted and e.weights]
    if fitted:
        names = [p for p in fitted[0].weights if any(e.weights[p] for e in fitted)]
        lines += [
            "",
            "| data set | seed | Diplomap's weights, fitted on the training ties: "
            + " | ".join(names)
            + " |",
            "|---|---|---|" + "---|" * (len(names) - 1),
        ]
        for e in fitted:
            lines.append(
                f"| {e.dataset} | {e.seed} | "
                + " | ".join(f"{e.weights[p]:g}" for p in names)
                + " |"
            )
    return "\n".join(lines)
