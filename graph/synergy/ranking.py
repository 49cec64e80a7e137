"""Synergy: who to partner with, why, and what to revive.

:func:`suggest` ranks candidate partners (cities, networks, organisations) for a
focus: the home city (the default), another city or organisation, a theme
("who should we partner with on clean energy?", relative to home) or a project
(partners for the project). The score is a weighted sum of parts, each measured
from 0 to 1 and shown with the nodes behind it (see ``docs/synergy.md``):

========================  ================================================================
``shared_themes``         themes of the focus the candidate holds too, weighted by kind;
                          a parent, child or sibling theme counts ``related_theme`` (0.5)
``shared_networks``       networks of the focus the candidate is a member of; small
                          networks count more (``1/log2(1 + members)``)
``partners_of_partners``  resource allocation over two and three steps of the tie graph
                          (agreements and shared projects); names the intermediaries
``complementary``         expertise in a priority theme of the focus that no live partner covers
``eligibility``           funding programmes (eu, ipa, next-med) both countries take part in
``activity``              dated agreements, projects and events of the candidate, recently
``geography``             ties between the two countries, relative to the focus country's
                          most frequent partner country
``openness``              how many partnerships the candidate already has
========================  ================================================================

Every city of the graph is a candidate (scored at once, :mod:`graph.synergy.vector`): its
country, distance, size and partnerships can bring up a city that no path reaches. A network
or an organisation must have at least one *relational* part (the first four) above zero.
Parts that cannot be measured for a focus or a kind of candidate (a network has no
country; a focus with no themes) are left out, with their weight, so the score stays
in 0..1 and each part's ``contribution`` is ``weight * value / sum of weights used``.

Live ties (live agreements, live shared projects, memberships of the focus for
networks) are never suggested. Dormant and expired agreements, and lapsed
memberships, are listed apart by :func:`revive`.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> for s in suggest(G, today="2025-01-01"):
...     print(f"{s.score:.3f} {s.label:12} {s.name}")
0.327 City         Austin
0.290 Network      Eurocities
0.290 Network      ICLEI
0.107 Organization FAU Erlangen-Nürnberg
>>> top = suggest(G, today="2025-01-01")[0]
>>> print(top.reasons["en"][0])
Shares 1 priority theme: Clean energy
>>> print(top.reasons["tr"][1])
Ortaklarımızın ortağı: Nürnberg
>>> [s.name for s in revive(G, today="2025-01-01")]
['Kunming']
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.tiegraph import index
from graph.synergy.candidates import filter_candidates, generate_candidates, theme_ids
from graph.synergy.city_table import city_table
from graph.synergy.diversity import Shortfall, Suggestions, fold_groups
from graph.synergy.focus import Focus, make_focus
from graph.synergy.parts import Part, score_parts
from graph.synergy.pool import score_pool
from graph.synergy.text import reasons
from graph.synergy.weights import Weights, as_weights

__all__ = ["Suggestion", "Suggestions", "revive", "suggest"]


@dataclass
class Suggestion:
    """A ranked candidate, its score parts with evidence, and reasons in English and Turkish."""

    id: str
    label: str
    name: str
    name_tr: str | None
    country: str | None
    score: float
    parts: list[Part] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "tr": []})
    ties: list[dict[str, Any]] = field(default_factory=list)  # existing ties that are not live
    #: Suggestions folded under this one because they rest on the same evidence
    #: (:mod:`graph.synergy.diversity`): ``{"evidence", "count", "members"}``.
    group: dict[str, Any] | None = None
    #: Where the candidate's record comes from (its ``source``), and whether it is public
    #: reference data (:mod:`graph.reference.layer`) rather than one of our own records.
    source: str | None = None
    reference: bool = False

    def part(self, name: str) -> Part | None:
        """The part ``name`` of this suggestion's score, or None."""
        return next((p for p in self.parts if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """This suggestion as plain data for JSON twins and exports."""
        return {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "name_tr": self.name_tr,
            "country": self.country,
            "score": round(self.score, 4),
            "parts": [p.to_dict() for p in self.parts],
            "reasons": self.reasons,
            "ties": self.ties,
            "group": self.group,
            "source": self.source,
            "reference": self.reference,
        }


def _rank(
    G: nx.MultiDiGraph,
    f: Focus,
    pool: Iterable[str],
    w: Weights,
    limit: int | None,
    relational_only: bool,
    ties: Mapping[str, list[dict[str, Any]]],
    diverse: bool = False,
    cities: np.ndarray | None = None,
) -> tuple[list[Suggestion], int, int]:
    """(suggestions, candidates with a relational part, suggestions folded into groups)."""
    idx = index(G)
    # Folding needs a few more than asked for: the folded ones give their rows away.
    wanted = limit * 4 + 20 if limit and diverse else limit
    scored, count = score_pool(idx, f, w, pool, relational_only, wanted, cities)
    best = heapq.nsmallest(wanted, scored) if wanted else sorted(scored)

    def described() -> Iterator[Suggestion]:
        for _, c in best:
            score, parts, _ = score_parts(idx, f, c, w, evidence=True)
            d = G.nodes[c]
            s = Suggestion(
                c,
                idx.label[c],
                idx.name(c),
                d.get("name_tr"),
                idx.country.get(c),
                score,
                parts,
                ties=list(ties.get(c, [])),
                source=d.get("source"),
                reference=bool(d.get("reference")),
            )
            yield s

    # Reasons only for the suggestions kept (after the group sentence folding may add).
    kept, folded = fold_groups(described(), limit, idx.name) if diverse else (list(described()), 0)
    for s in kept:
        found = reasons(idx, f, s, w)
        s.reasons = {lang: s.reasons.get(lang, []) + found[lang] for lang in ("en", "tr")}
    return kept, count, folded


def suggest(
    G: nx.MultiDiGraph,
    focus: str | None = None,
    *,
    limit: int | None = 20,
    kinds: Iterable[str] = ("City", "Network", "Organization"),
    themes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
    eligible: Iterable[str] | None = None,
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
    home: str | None = None,
    exhaustive: bool = False,
    diverse: bool = True,
) -> Suggestions:
    """Rank candidate partners for ``focus``, best first, with the evidence of each score part.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph (``Store.to_networkx()``).
    focus : str, optional
        The home city (default), a city or organisation id, a theme id (``theme-...``:
        candidates that work on it, relative to home) or a project id (new partners).
    limit : int, optional
        Most suggestions returned (None: all).
    kinds : labels of candidates: ``City``, ``Network``, ``Organization``.
    themes : theme ids; a candidate must hold one of them or a sub-theme (own or inferred).
    countries : ISO2 codes the candidate's country must be among.
    regions : regions (``eligibility_table`` or ``Country.region``) the candidate's country is in.
    eligible : programmes (eu, ipa, next-med); the candidate's country must take part in one.
    weights : :class:`Weights`, or a dict of fields to override.
    today : the date "recent activity" is measured from (default: today).
    home : id of the home city when the graph marks several.
    exhaustive : score every node of ``kinds`` instead of generating candidates (cities are
        all scored either way); the result is the same (used by tests), only slower.
    diverse : fold suggestions that rest on the same one piece of evidence (six partners
        of one completed project) into one with a ``group`` (:mod:`graph.synergy.diversity`).

    Returns
    -------
    Suggestions
        A list of :class:`Suggestion`, best first; its ``shortfall`` says why, when there
        are fewer than ``limit``.

    Examples
    --------
    >>> from graph.analysis.example import example_graph
    >>> G = example_graph()
    >>> [s.name for s in suggest(G, "theme-clean-energy", today="2025-01-01")]
    ['Austin', 'ICLEI']
    >>> austin = suggest(G, kinds=["City"], today="2025-01-01")[0]
    >>> [(p.name, round(p.value, 2)) for p in austin.parts if p.value]
    [('shared_themes', 0.25), ('partners_of_partners', 0.5), ('complementary', 0.5), ('activity', 0.33), ('openness', 0.18), ('proximity', 0.04), ('size', 0.69), ('near_partners', 0.0)]
    >>> austin.part("partners_of_partners").evidence[0]["name"]
    'Nuremberg'
    >>> suggest(G, kinds=["City"], eligible=["eu"], today="2025-01-01")
    []
    """
    w = as_weights(weights)
    f = make_focus(G, focus, home=home, weights=w, today=today)
    idx = index(G)
    kinds = tuple(kinds)
    wanted_themes = theme_ids(G, themes) if themes else None
    others = generate_candidates(idx, f, set(kinds) - {"City"}, exhaustive) - f.exclude
    pool = filter_candidates(
        idx, others, kinds, wanted_themes, countries, regions, eligible, f.require
    )
    n_reached, n_pool, cities = len(others), len(pool), None
    if "City" in kinds:  # every city, as a mask over the city table
        table = city_table(idx)
        cities = np.ones(len(table), bool)
        cities[[table.pos[c] for c in f.exclude if c in table.pos]] = False
        n_reached += int(cities.sum())
        if wanted_themes or countries or regions or eligible or f.require:
            kept = filter_candidates(
                idx,
                [table.ids[r] for r in np.flatnonzero(cities)],
                ["City"],
                wanted_themes,
                countries,
                regions,
                eligible,
                f.require,
            )
            cities[:] = False
            cities[[table.pos[c] for c in kept]] = True
        n_pool += int(cities.sum())
    found, related, folded = _rank(G, f, pool, w, limit, True, f.former, diverse, cities)
    out = Suggestions(found)
    if limit and len(out) < limit:
        used = {
            "kind": set(kinds) != {"City", "Network", "Organization"},
            "theme": bool(themes) or bool(f.require),
            "country": bool(countries),
            "region": bool(regions),
            "programme": bool(eligible),
        }
        out.shortfall = Shortfall(
            limit,
            len(out),
            n_reached,
            n_reached - n_pool,
            n_pool - related,
            folded,
            [k for k, on in used.items() if on],
            "City" in kinds,
        )
    return out


def revive(
    G: nx.MultiDiGraph,
    focus: str | None = None,
    *,
    limit: int | None = 20,
    kinds: Iterable[str] = ("City", "Network", "Organization"),
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
    home: str | None = None,
) -> list[Suggestion]:
    """Ties of ``focus`` to revive: partners whose agreements are dormant or expired, and
    networks whose membership lapsed, scored like :func:`suggest`; ``ties`` names them.

    >>> from graph.analysis.example import example_graph
    >>> kunming = revive(example_graph(), today="2025-01-01")[0]
    >>> kunming.ties[0]["id"], kunming.ties[0]["status"]
    ('agreement-antalya-kunming', 'dormant')
    """
    w = as_weights(weights)
    f = make_focus(G, focus, home=home, weights=w, today=today)
    pool = filter_candidates(index(G), sorted(f.revive), tuple(kinds), None, None, None, None, None)
    return _rank(G, f, pool, w, limit, False, f.revive)[0]
