"""Where our own partners are (issue 14 part 3): the ``partner_country`` and ``near_partners``
parts, their evidence and reasons in both languages, the dossier, and the refinement of the
fitted weights on the ranking itself (never on the evaluation's hidden ties)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.example import example_graph
from graph.analysis.tiegraph import index, invalidate
from graph.synergy.evaluate import score_split
from graph.synergy.focus import make_focus
from graph.synergy.holdout import split
from graph.synergy.pair import fit as pair_fit
from graph.synergy.parts import score_parts
from graph.synergy.ranking import suggest
from graph.synergy.refine import figures, measure, objective, refine
from graph.synergy.vector import city_parts
from graph.synergy.weights import Weights
from tests.test_synergy import TODAY
from tests.test_synergy_all_cities import near_ties_graph

ONLY_OURS = Weights(
    shared_themes=0,
    partners_of_partners=0,
    complementary=0,
    activity=0,
    openness=0,
    proximity=0,
    partner_country=1.0,
    near_partners=1.0,
)


def with_munich_and_furth() -> nx.MultiDiGraph:
    """The example graph, Antalya with a second German sister city (Munich), and Fürth
    (7 km from Nuremberg, no tie to anyone) and Lyon (no tie, far from every partner)."""
    G = example_graph()
    G.add_node("city-de-munchen", label="City", name="Munich", name_tr="Münih", country="DE",
               lat=48.14, lon=11.58)  # fmt: skip
    G.add_node("city-de-furth", label="City", name="Fürth", country="DE", lat=49.48, lon=10.99)
    G.add_node("city-fr-lyon", label="City", name="Lyon", country="FR", lat=45.76, lon=4.84)
    G.add_node("agreement-antalya-munchen", label="Agreement", name="Antalya – Munich",
               type="sister_city", status="active")  # fmt: skip
    for c in ("city-tr-antalya", "city-de-munchen"):
        G.add_edge(c, "agreement-antalya-munchen", "PARTY_TO", type="PARTY_TO")
    invalidate(G)
    return G


def test_partner_country_counts_our_partners_in_the_candidates_country():
    G = with_munich_and_furth()
    found = suggest(G, kinds=["City"], weights=ONLY_OURS, today=TODAY, limit=None)
    furth = next(s for s in found if s.id == "city-de-furth")
    part = furth.part("partner_country")
    # Antalya's partner cities: Nuremberg, Munich (Germany) and Kunming (China, dormant).
    assert part.value == pytest.approx(2 / 3)
    assert part.evidence[0]["country"] == "DE" and part.evidence[0]["of"] == 3
    assert [m["name"] for m in part.evidence[0]["members"]] == ["Munich", "Nuremberg"]
    assert "2 of our 3 partner cities are in Germany: Munich, Nuremberg" in furth.reasons["en"]
    assert (
        "3 ortak kentimizden 2 tanesi bu ülkeden: Almanya (Münih, Nürnberg)"
        in (furth.reasons["tr"])
    )
    lyon = next(s for s in found if s.id == "city-fr-lyon")
    assert lyon.part("partner_country").value == 0 and not lyon.part("partner_country").evidence


def test_near_partners_names_the_nearest_partner_and_the_distance():
    G = with_munich_and_furth()
    found = suggest(G, kinds=["City"], weights=ONLY_OURS, today=TODAY, limit=None)
    furth = next(s for s in found if s.id == "city-de-furth")
    part = furth.part("near_partners")
    assert part.evidence[0]["name"] == "Nuremberg" and 5 <= part.evidence[0]["km"] <= 9
    k = Weights().near_partner_km
    assert part.value == pytest.approx(k / (k + part.evidence[0]["km"]), abs=0.02)
    km = part.evidence[0]["km"]
    assert f"{km} km from our partner Nuremberg" in furth.reasons["en"]
    assert f"Ortağımız Nürnberg yakınında: {km} km" in furth.reasons["tr"]
    # Fürth is near a partner and in a partner's country: above Lyon, which is neither.
    order = [s.id for s in found]
    assert order.index("city-de-furth") < order.index("city-fr-lyon")


def test_the_vectorised_parts_equal_the_parts_with_evidence():
    G = with_munich_and_furth()
    idx = index(G)
    f = make_focus(G, weights=ONLY_OURS, today=TODAY)
    table, parts = city_parts(idx, f, ONLY_OURS)
    assert {"partner_country", "near_partners"} <= set(parts)
    for c in table.ids:
        _, measured, _ = score_parts(idx, f, c, ONLY_OURS, evidence=True)
        for p in measured:
            if p.name in parts:
                assert parts[p.name][table.pos[c]] == pytest.approx(p.value, abs=1e-12)


def test_a_focus_without_partners_has_neither_part():
    G = with_munich_and_furth()
    f = make_focus(G, "city-fr-lyon", weights=ONLY_OURS, today=TODAY)
    assert not f.partners
    _, parts, _ = score_parts(index(G), f, "city-de-furth", ONLY_OURS, evidence=True)
    assert {p.name for p in parts}.isdisjoint({"partner_country", "near_partners"})


def test_the_dossier_reads_both_parts_even_with_weight_zero():
    G = with_munich_and_furth()
    off = Weights(partner_country=0, near_partners=0)
    dossier = pair_fit(G, "city-de-furth", weights=off, today=TODAY)
    parts = {p.name: p for p in dossier.parts}
    assert parts["partner_country"].weight == 0 and parts["partner_country"].value > 0
    assert parts["near_partners"].evidence[0]["name"] == "Nuremberg"
    weighed = pair_fit(G, "city-de-furth", weights=ONLY_OURS, today=TODAY)
    assert any("partner cities are in Germany" in r for r in weighed.reasons["en"])
    assert any("yakınında" in r for r in weighed.reasons["tr"])


def test_refine_counts_as_the_evaluation_and_never_lowers_its_objective():
    G = near_ties_graph(1)
    train, hidden, _ = split(G, 0.2, seed=2)
    queries = sorted(u for u in hidden if u in index(train).ties)[:40]
    w = Weights(near_partners=0.3, partner_country=0.05)
    cached = measure(train, hidden, queries, w)
    # The same MRR and recall@50 as the evaluation's own scoring of these queries.
    check = score_split(train, {u: hidden[u] for u in queries}, weights=w, methods=("diplomap",))
    mrr, recall = figures(cached, w)
    assert mrr == pytest.approx(check.methods[0].mrr, abs=2e-4)
    assert recall == pytest.approx(check.methods[0].recall_at_50, abs=2e-4)
    refined, before, after = refine(cached, w, rounds=1)
    assert after >= before == pytest.approx(objective(cached, w))
    assert after == pytest.approx(objective(cached, refined))
    # On a line of cities where near cities twin, distance is what the refinement keeps.
    assert refined.proximity > 0 or refined.near_partners > 0


def test_a_city_at_the_place_of_a_partner_reads_under_one_km():
    G = with_munich_and_furth()
    # The same city under another name, as public data sometimes has it (Ostend / Ostende).
    G.add_node("city-de-nuernberg-2", label="City", name="Nürnberg (city)", country="DE",
               lat=49.45, lon=11.08)  # fmt: skip
    invalidate(G)
    found = suggest(G, kinds=["City"], weights=ONLY_OURS, today=TODAY, limit=None)
    twin = next(s for s in found if s.id == "city-de-nuernberg-2")
    assert twin.part("near_partners").value == pytest.approx(1.0)
    assert "Under 1 km from our partner Nuremberg" in twin.reasons["en"]
    assert "Ortağımız Nürnberg yakınında: 1 km'den az" in twin.reasons["tr"]
    assert found[0].id == "city-de-nuernberg-2"  # nearest to a partner, in a partner's country
