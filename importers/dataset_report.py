"""What an import of a public data set kept, dropped and skipped: :class:`DatasetReport`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

EXAMPLES = 10  # examples kept per kind of problem
FAR_KM = 50.0  # one city id seen this far apart is reported


@dataclass
class DatasetReport:
    """What an import of a public data set kept, dropped and skipped."""

    dataset: str
    file: str
    rows_read: int = 0
    pairs_kept: int = 0
    memberships_kept: int = 0
    duplicates_dropped: int = 0
    reverse_duplicates: int = 0  # of duplicates_dropped: the same pair in the other direction
    self_loops_dropped: int = 0
    rows_skipped: int = 0
    skipped_examples: list[str] = field(default_factory=list)
    skipped_reasons: Counter[str] = field(default_factory=Counter)
    same_name_merges: int = 0  # cities written in several spellings that fold to one id
    same_name_examples: list[str] = field(default_factory=list)
    far_apart: int = 0  # one id, coordinates more than FAR_KM apart: homonyms or bad geocodes
    far_apart_examples: list[str] = field(default_factory=list)
    near_duplicates: int = 0  # similar names in one country, NOT merged
    near_duplicate_examples: list[str] = field(default_factory=list)
    names_simplified: int = (
        0  # ETMUN rows whose seat lost "Municipality", "Comune di"... or was split
    )
    simplified_examples: list[str] = field(default_factory=list)
    non_city_members: Counter[str] = field(default_factory=Counter)  # EntitySimplified -> rows
    non_city_examples: list[str] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    existing_kept: int = 0  # records already in the store: their values kept, only gaps filled

    def skip(self, line: int, reason: str, value: str) -> None:
        self.rows_skipped += 1
        self.skipped_reasons[reason] += 1
        if len(self.skipped_examples) < EXAMPLES:
            self.skipped_examples.append(f"{self.file}:{line}: {reason}: {value!r}")

    def render(self) -> str:
        """The report as plain text for the CLI and the web page."""
        kept = (
            f"memberships kept       {self.memberships_kept:,}"
            if self.dataset == "etmun"
            else f"pairs kept             {self.pairs_kept:,}"
        )
        dup = f"duplicates dropped     {self.duplicates_dropped:,}"
        if self.reverse_duplicates:
            dup += f" ({self.reverse_duplicates:,} the same pair in the other direction)"
        lines = [
            f"{self.dataset}: {self.file}",
            f"  rows read              {self.rows_read:,}",
            f"  {kept}",
            f"  {dup}",
            f"  self-loops dropped     {self.self_loops_dropped:,}",
        ]
        reasons = ", ".join(f"{r} {n:,}" for r, n in self.skipped_reasons.most_common())
        lines.append(
            f"  rows skipped           {self.rows_skipped:,}" + (f" ({reasons})" if reasons else "")
        )
        lines += [f"    {e}" for e in self.skipped_examples]
        sections = (
            (
                "same name after normalisation (one node)",
                self.same_name_merges,
                self.same_name_examples,
            ),
            (
                f"one id, places more than {FAR_KM:.0f} km apart (homonyms or bad geocodes)",
                self.far_apart,
                self.far_apart_examples,
            ),
            ("possible duplicates, NOT merged", self.near_duplicates, self.near_duplicate_examples),
            ("seat names simplified or split", self.names_simplified, self.simplified_examples),
        )
        for title, count, examples in sections:
            if count:
                lines.append(f"  {title}: {count:,}")
                lines += [f"    {e}" for e in examples]
        if self.non_city_members:
            kinds = ", ".join(f"{k} {n:,}" for k, n in self.non_city_members.most_common())
            lines.append(f"  members that are not cities, attached to their seat: {kinds}")
            lines += [f"    {e}" for e in self.non_city_examples]
        lines.append("  nodes built            " + _counts(self.nodes))
        lines.append("  relations built        " + _counts(self.relations))
        if self.existing_kept:
            lines.append(
                f"  already in the store   {self.existing_kept:,} (their values kept, only gaps filled)"
            )
        return "\n".join(lines)


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(counter.items())) or "none"


def add_example(examples: list[str], text: str) -> None:
    if len(examples) < EXAMPLES:
        examples.append(text)
