"""How well one candidate fits a focus: the synergy parts of one pair, for a partnership request.

:func:`suggest` ranks many candidates and keeps only those with a relational part; a
request from one city (or network, or organisation) needs the same parts for that one
pair, whatever they come to, and whether the pair already has a tie. :func:`fit` scores
it with :func:`~graph.synergy.parts.score_parts` (the same numbers as the ranking) and
gives the reasons in English and Turkish; :func:`sizes` compares the populations.

>>> from graph.analysis.example import example_graph
>>> G = example_graph()
>>> austin = fit(G, "city-us-austin", today="2025-01-01")
>>> round(austin.score, 3), austin.reasons["en"][0]
(0.327, 'Shares 1 priority theme: Clean energy')
>>> sizes(G, "city-tr-antalya", "city-us-austin")
{'ours': 2696249, 'theirs': 974447, 'ratio': 2.8}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

import networkx as nx

from graph.analysis.tiegraph import index
from graph.errors import EntityNotFound, InvalidData
from graph.synergy.candidates import KINDS
from graph.synergy.focus import make_focus
from graph.synergy.parts import PARTS, Part, score_parts
from graph.synergy.ranking import Suggestion
from graph.synergy.text import reasons
from graph.synergy.weights import Weights, as_weights


def fit(
    G: nx.MultiDiGraph,
    candidate: str,
    focus: str | None = None,
    *,
    weights: Weights | Mapping[str, Any] | None = None,
    today: date | str | None = None,
    home: str | None = None,
) -> Suggestion:
    """The synergy score of ``candidate`` for ``focus`` (home by default), with every part.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph (``Store.to_networkx()``).
    candidate : str
        The id of a city, network or organisation.
    focus : str, optional
        As in :func:`graph.synergy.ranking.suggest` (default: the home city).
    weights : Weights or dict, optional
        The weights of the parts (default: :class:`Weights`).
    today : date or str, optional
        The date recent activity is measured from (default: today).
    home : str, optional
        The home city's id when the graph marks several.

    Returns
    -------
    Suggestion
        Its ``parts`` hold every part that applies, zero or not; ``ties`` the focus's
        earlier ties with the candidate that are not live.

    Examples
    --------
    >>> from graph.analysis.example import example_graph
    >>> icl = fit(example_graph(), "network-iclei", today="2025-01-01")
    >>> icl.label, [p.name for p in icl.parts][:2]
    ('Network', ['shared_themes', 'partners_of_partners'])
    """
    if candidate not in G:
        raise EntityNotFound(f"no entity with id {candidate!r}")
    idx = index(G)
    label = idx.label[candidate]
    if label not in KINDS:
        raise InvalidData(
            f"{candidate!r} is a {label}", hint=f"give a {', '.join(KINDS)} to measure the fit of"
        )
    w = as_weights(weights)
    f = make_focus(G, focus, home=home, weights=w, today=today)
    score, parts, _ = score_parts(idx, f, candidate, w, evidence=True)
    parts = parts + _unweighted(idx, f, candidate, w, {p.name for p in parts})
    earlier = f.revive.get(candidate) or f.former.get(candidate) or []
    found = Suggestion(
        candidate,
        label,
        idx.name(candidate),
        G.nodes[candidate].get("name_tr"),
        idx.country.get(candidate),
        score,
        parts,
        ties=list(earlier),
    )
    found.reasons = reasons(idx, f, found, w)
    return found


def population(G: nx.MultiDiGraph, node: str) -> int | None:
    """The recorded population of ``node`` as a whole number, or None when unknown.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", population="2,600,000")
    >>> population(G, "a"), population(G, "b")
    (2600000, None)
    """
    value = G.nodes[node].get("population") if node in G else None
    text = str(value if value is not None else "").replace(",", "").replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number > 0 else None


def sizes(G: nx.MultiDiGraph, ours: str, theirs: str) -> dict[str, Any]:
    """The populations of two cities and the ratio of the larger to the smaller.

    Parameters
    ----------
    G : MultiDiGraph
        A Diplomap graph.
    ours, theirs : str
        The ids of the two cities.

    Returns
    -------
    dict
        ``{ours, theirs, ratio}``: populations (None when not recorded) and the ratio
        rounded to one decimal (None unless both are known).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", population=2_600_000)
    >>> G.add_node("b", population=520_000)
    >>> sizes(G, "a", "b")
    {'ours': 2600000, 'theirs': 520000, 'ratio': 5.0}
    """
    a, b = population(G, ours), population(G, theirs)
    ratio = round(max(a, b) / min(a, b), 1) if a and b else None
    return {"ours": a, "theirs": b, "ratio": ratio}


def _unweighted(
    idx: Any, focus: Any, candidate: str, weights: Weights, scored: set[str]
) -> list[Part]:
    """The parts a request still wants to read (shared networks, geography, eligibility, size)
    whose weight is 0 in ``weights``: measured with weight 1, shown with weight 0, so they
    add nothing to the score."""
    zero = [n for n in PARTS if n not in scored and getattr(weights, n) == 0]
    if not zero:
        return []
    probe = dataclasses.replace(weights, **dict.fromkeys(zero, 1.0))
    _, measured, _ = score_parts(idx, focus, candidate, probe, evidence=True)
    return [Part(p.name, p.value, 0.0, 0.0, p.evidence) for p in measured if p.name in zero]
