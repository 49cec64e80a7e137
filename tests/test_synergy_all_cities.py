"""Every city a candidate (issue 14 part 2) and weights fitted on training ties (part 3):
the vectorised scores equal the evidence path, a city no path reaches comes up with its
reasons, the fit learns what made the ties and never sees the evaluation's hidden ties."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from graph.analysis.example import example_graph
from graph.analysis.tiegraph import index, invalidate
from graph.synergy.evaluate import evaluate
from graph.synergy.fit import fit_weights
from graph.synergy.focus import make_focus
from graph.synergy.holdout import split
from graph.synergy.logistic import logistic
from graph.synergy.metrics import array_metrics, bootstrap_ci, rank_metrics
from graph.synergy.parts import score_parts
from graph.synergy.ranking import suggest
from graph.synergy.refine import CONSTANTS
from graph.synergy.scorer import Scorer
from graph.synergy.vector import city_parts, score_cities
from graph.synergy.weights import Weights
from tests.test_synergy import TODAY, random_graph

ALL_ON = Weights(
    shared_networks=0.5,
    eligibility=0.3,
    geography=0.2,
    openness=0.1,
    proximity=0.5,
    size=0.3,
    domestic_proximity=0.25,
)


def placed(seed: int) -> nx.MultiDiGraph:
    """A random graph of tests/test_synergy.py with coordinates and populations on most cities."""
    G = random_graph(seed)
    rng = random.Random(seed)
    for _, d in G.nodes(data=True):
        if d["label"] == "City" and rng.random() < 0.8:
            d["lat"], d["lon"] = rng.uniform(30, 60), rng.uniform(-10, 40)
            if rng.random() < 0.7:
                d["population"] = rng.randint(5_000, 5_000_000)
    invalidate(G)
    return G


@pytest.mark.parametrize("seed", [1, 2])
def test_every_city_scored_at_once_gets_the_score_of_the_evidence_path(seed):
    G = placed(seed)
    idx = index(G)
    for focus in (None, "city-x1", "theme-tourism", "project-heritage-trails"):
        for w in (Weights(), ALL_ON):
            f = make_focus(G, focus, weights=w, today=TODAY)
            table, scores, relational = score_cities(idx, f, w)
            scorer = Scorer(idx, f, w)
            for c in table.ids:
                score, _, rel = score_parts(idx, f, c, w, evidence=True)
                assert scores[table.pos[c]] == pytest.approx(score, abs=1e-12)
                assert bool(relational[table.pos[c]]) == rel
                assert scorer(c)[0] == pytest.approx(score, abs=1e-12)


def test_a_city_no_path_reaches_is_suggested_with_its_reasons():
    G = example_graph()
    # Bursa: no tie, network or theme links it to Antalya; it is in Türkiye, 390 km away,
    # about as big as Antalya (both in IPA).
    G.add_node(
        "city-tr-bursa",
        label="City",
        name="Bursa",
        country="TR",
        lat=40.18,
        lon=29.06,
        population=3_100_000,
    )
    G.add_node("city-de-essen", label="City", name="Essen", country="DE", lat=51.45, lon=7.01)
    invalidate(G)
    found = suggest(G, kinds=["City"], weights=ALL_ON, today=TODAY, limit=None)
    bursa = next(s for s in found if s.id == "city-tr-bursa")
    assert {p.name for p in bursa.parts if p.value} == {
        "eligibility",
        "proximity",
        "size",
        "near_partners",  # 1,800 km from our partner Nuremberg: a value near 0, and no reason
    }
    assert not any("our partner" in r for r in bursa.reasons["en"])
    assert not any(bursa.part(name).value for name in ("partners_of_partners", "shared_themes"))
    km = bursa.part("proximity").evidence[0]["km"]
    assert 350 < km < 450  # Antalya - Bursa, great-circle: about 390 km
    assert any("km" in r for r in bursa.reasons["en"]) and any(
        "km" in r for r in bursa.reasons["tr"]
    )
    # Essen is farther and has no population: below Bursa.
    order = [s.id for s in found]
    assert order.index("city-tr-bursa") < order.index("city-de-essen")
    # Networks and organisations still need a path, a network or a theme.
    assert "org-fau" in {s.id for s in suggest(G, today=TODAY, limit=None)}


def test_closeness_counts_less_for_a_city_of_our_own_country():
    # Twinning mostly crosses a border: a Turkish city as near to Antalya as a Greek one gets
    # domestic_proximity times its closeness, in the vectorised scores and in the evidence path.
    G = example_graph()
    for node, country, lon in (("city-tr-near", "TR", 31.2), ("city-gr-near", "GR", 30.2)):
        G.add_node(node, label="City", name=node, country=country, lat=36.9, lon=lon)
    invalidate(G)
    idx, w = index(G), Weights(domestic_proximity=0.25)
    f = make_focus(G, weights=w, today=TODAY)
    table, parts = city_parts(idx, f, w)
    tr, gr = (parts["proximity"][table.pos[c]] for c in ("city-tr-near", "city-gr-near"))
    assert gr > 0.5 and tr == pytest.approx(0.25 * gr, rel=0.02)
    by_part = {p.name: p for p in score_parts(idx, f, "city-tr-near", w, evidence=True)[1]}
    assert by_part["proximity"].value == pytest.approx(tr, abs=1e-12)
    # Weights() default: whatever the fit chose, a foreign city is never counted less.
    f = make_focus(G, today=TODAY)
    _, parts = city_parts(idx, f, Weights())
    assert (
        parts["proximity"][table.pos["city-gr-near"]]
        >= parts["proximity"][table.pos["city-tr-near"]]
    )


def test_metrics_of_arrays_equal_the_metrics_of_mappings():
    rng = np.random.default_rng(3)
    for _ in range(50):
        scores = rng.integers(0, 5, 30).astype(float)
        hidden = sorted(rng.choice(30, 2, replace=False).tolist())
        by_name = {str(i): s for i, s in enumerate(scores)}
        assert array_metrics(scores, hidden, 5, 10) == pytest.approx(
            rank_metrics(by_name, {str(h) for h in hidden}, 5, 10)
        )
    low, high = bootstrap_ci(np.array([1.0, 0.0, 0.5, 0.25] * 20), seed=1)
    assert low < 0.4375 < high


def test_logistic_regression_keeps_coefficients_non_negative():
    rng = np.random.default_rng(0)
    X = rng.random((2000, 3))
    y = (2 * X[:, 0] - 3 * X[:, 1] + rng.normal(0, 0.3, 2000) > 0).astype(float)
    coef, _ = logistic(X, y, l2=0.001)
    assert coef[0] > 1 and coef[1] == 0 and coef[2] < 0.5


def near_ties_graph(seed: int) -> nx.MultiDiGraph:
    """Cities on a line; ties between near cities, a few at random: proximity makes the ties."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n = 160
    for i in range(n):
        G.add_node(f"city-c{i}", label="City", name=f"C{i}", lat=40 + i * 0.05, lon=10.0)
    k = 0
    for i in range(n):
        for j in rng.sample(range(max(0, i - 4), min(n, i + 5)), 2) + [rng.randrange(n)]:
            if i != j:
                aid = f"agreement-{k}"
                k += 1
                G.add_node(aid, label="Agreement", name=aid, type="sister_city")
                G.add_edge(f"city-c{i}", aid, "PARTY_TO", type="PARTY_TO")
                G.add_edge(f"city-c{j}", aid, "PARTY_TO", type="PARTY_TO")
    return G


def test_fit_learns_proximity_and_never_sees_the_hidden_ties():
    G = near_ties_graph(0)
    train, hidden, _ = split(G, 0.2, seed=5)
    fit = fit_weights(train, seed=5, queries=120, negatives=40, hard=40)
    assert fit.weights.proximity > 0 and fit.l2 in fit.cv_loss and fit.positives > 0
    # The evaluation fits on its own training graph: the same weights as fitting it by hand.
    result = evaluate(G, seed=5, holdout=0.2, fit=True, methods=("diplomap", "adamic_adar"))
    by_hand = fit_weights(train, seed=5)
    assert result.fitted and result.weights == {
        **{p: getattr(by_hand.weights, p) for p in Weights.PARTS},
        **{c: getattr(by_hand.weights, c) for c in CONSTANTS},
    }
    diplomap = result.methods[0]
    assert diplomap.ci["mrr"][0] <= diplomap.mrr <= diplomap.ci["mrr"][1]
    assert set(result.lead) == {"precision_at_10", "recall_at_50", "mrr"}
