"""Graph analysis: centrality, communities, explained paths, ego networks, dormant agreements,
networks of peers and stakeholders."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.centrality import centrality, communities, pagerank
from graph.analysis.dormant import dormant
from graph.analysis.example import example_graph
from graph.analysis.paths import ego, shortest_paths
from graph.analysis.peers import peer_networks
from graph.analysis.tiegraph import invalidate
from graph.errors import EntityNotFound, InvalidData
from graph.synergy.stakeholders import stakeholders_for

HOME = "city-tr-antalya"


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return example_graph()


def edge(G, u, v, rel, **props):
    G.add_edge(u, v, rel, type=rel, **props)
    invalidate(G)


def node(G, nid, label, **props):
    G.add_node(nid, label=label, **props)
    invalidate(G)


# -- centrality and communities -------------------------------------------------------------
def test_centrality_ranks_the_best_connected_actor_first(G):
    c = centrality(G, top=3)
    assert c.degree[0]["id"] == "city-de-nurnberg"
    assert c.betweenness[0]["id"] == "city-de-nurnberg"
    assert c.pagerank[0]["id"] == "city-de-nurnberg"
    assert c.betweenness_samples is None  # small graph: exact


def test_betweenness_is_sampled_with_a_seed_above_the_exact_limit(G):
    a = centrality(G, exact_limit=3, samples=4, seed=7)
    b = centrality(G, exact_limit=3, samples=4, seed=7)
    assert a.betweenness_samples == 4 and a.betweenness == b.betweenness


def test_pagerank_is_uniform_on_a_cycle_and_sums_to_one():
    ranks = pagerank(nx.cycle_graph(5))
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert all(r == pytest.approx(0.2) for r in ranks.values())
    star = pagerank(nx.star_graph(4))
    assert max(star, key=star.get) == 0


def test_communities_are_reproducible_and_cover_the_actor_graph(G):
    first, again = communities(G, seed=3), communities(G, seed=3)
    assert [c.to_dict() for c in first] == [c.to_dict() for c in again]
    # 4 cities and 3 networks; the two organisations have no tie and singletons are left out
    assert sum(c.size for c in first) == 7
    assert first[0].size >= first[-1].size


# -- paths ----------------------------------------------------------------------------------
def test_path_through_a_shared_network_is_explained_in_english_and_turkish(G):
    node(G, "city-tr-izmir", "City", name="Izmir", name_tr="İzmir", country="TR")
    edge(G, "city-tr-izmir", "network-medcities", "MEMBER_OF", status="active")
    [p] = shortest_paths(G, HOME, "city-tr-izmir", k=1)
    assert p.sentence["en"] == "Antalya is a member of MedCities, of which Izmir is also a member."
    assert p.sentence["tr"] == "Antalya ve İzmir, MedCities ağının üyeleri."
    assert [n["id"] for n in p.nodes] == [HOME, "network-medcities", "city-tr-izmir"]
    assert p.hops == 2


def test_paths_come_shortest_first_and_do_not_go_through_themes(G):
    found = shortest_paths(G, HOME, "city-us-austin", k=5)
    assert [p.hops for p in found] == sorted(p.hops for p in found)
    assert all(n["label"] not in ("Theme", "Country") for p in found for n in p.nodes)


def test_single_edges_are_explained_too(G):
    [p] = shortest_paths(G, "org-fau", "city-de-nurnberg", k=1)
    assert p.sentence["en"] == "FAU Erlangen-Nürnberg is located in Nuremberg."
    assert p.sentence["tr"] == "FAU Erlangen-Nürnberg, Nürnberg kentinde bulunuyor."


def test_no_path_unknown_ids_and_themes(G):
    node(G, "city-is-reykjavik", "City", name="Reykjavík", country="IS")
    assert shortest_paths(G, HOME, "city-is-reykjavik") == []
    with pytest.raises(EntityNotFound):
        shortest_paths(G, HOME, "city-xx-atlantis")
    with pytest.raises(InvalidData):
        shortest_paths(G, HOME, "theme-tourism")


def test_ego_network_stops_at_depth_and_limit(G):
    one = ego(G, "city-us-austin", depth=1)
    assert {n["depth"] for n in one.nodes} == {0, 1}
    two = ego(G, "city-us-austin", depth=2)
    assert "city-de-nurnberg" in {n["id"] for n in two.nodes}
    small = ego(G, "city-us-austin", depth=2, limit=3)
    assert len(small.nodes) == 3 and small.truncated
    assert all(e["start"] in {n["id"] for n in small.nodes} for e in small.edges)


# -- dormant --------------------------------------------------------------------------------
def agreement(G, aid, parties, status="active", signed_on=None):
    node(
        G,
        aid,
        "Agreement",
        name=aid,
        type="sister_city",
        status=status,
        **({"signed_on": signed_on} if signed_on else {}),
    )
    for p in parties:
        edge(G, p, aid, "PARTY_TO")


def test_dormant_lists_quiet_agreements_oldest_first_and_undated_last(G):
    node(G, "city-fr-nice", "City", name="Nice", country="FR")
    node(G, "city-it-bari", "City", name="Bari", country="IT")
    node(G, "city-gr-rhodes", "City", name="Rhodes", country="GR")
    agreement(G, "agreement-nice", [HOME, "city-fr-nice"], signed_on="2005")
    agreement(G, "agreement-bari", [HOME, "city-it-bari"])  # no date at all
    agreement(G, "agreement-rhodes", [HOME, "city-gr-rhodes"], signed_on="2024-03-01")  # recent
    agreement(
        G, "agreement-old-expired", [HOME, "city-gr-rhodes"], status="expired", signed_on="1990"
    )
    found = dormant(G, months=24, today="2025-01-01")
    assert [t.id for t in found] == [
        "agreement-nice",
        "agreement-antalya-kunming",
        "agreement-antalya-nurnberg",
        "agreement-bari",
    ]
    nice, kunming, nuremberg, bari = found
    assert (nice.reason, nice.last_activity, nice.last_source) == ("inactive", "2005", "signed_on")
    assert kunming.reason == "status"  # marked dormant
    assert nuremberg.last_source == "event-nuremberg-visit-2022"
    assert (bari.reason, bari.last_activity, bari.months) == ("undated", None, None)


def test_an_event_of_the_partner_keeps_an_agreement_alive_but_one_of_home_alone_does_not(G):
    node(G, "event-antalya-expo-2024", "Event", name="Expo", date="2024-09-01")
    edge(G, HOME, "event-antalya-expo-2024", "PARTICIPATED_IN")
    assert "agreement-antalya-nurnberg" in {t.id for t in dormant(G, today="2025-01-01")}
    edge(G, "city-de-nurnberg", "event-antalya-expo-2024", "PARTICIPATED_IN")
    assert "agreement-antalya-nurnberg" not in {t.id for t in dormant(G, today="2025-01-01")}


def test_the_threshold_in_months_is_respected(G):
    ids_at = {m: {t.id for t in dormant(G, months=m, today="2025-01-01")} for m in (26, 27)}
    assert "agreement-antalya-nurnberg" in ids_at[26]  # last event 2022-10-15: 26 whole months
    assert "agreement-antalya-nurnberg" not in ids_at[27]


# -- peers ----------------------------------------------------------------------------------
def test_peer_networks_rank_by_number_and_similarity_of_peers(G):
    for cid, name in (
        ("city-tr-izmir", "Izmir"),
        ("city-tr-mersin", "Mersin"),
        ("city-tr-konya", "Konya"),
    ):
        node(G, cid, "City", name=name, country="TR")
    node(G, "network-cittaslow", "Network", name="Cittaslow")
    node(G, "network-eahtr", "Network", name="EAHTR")
    for c in ("city-tr-izmir", "city-tr-mersin"):
        edge(G, c, "network-cittaslow", "MEMBER_OF", status="active")
    edge(G, "city-tr-konya", "network-eahtr", "MEMBER_OF", status="active")
    edge(G, "city-tr-izmir", "network-medcities", "MEMBER_OF", status="active")  # like home
    edge(G, "city-tr-konya", "network-medcities", "MEMBER_OF", status="lapsed")
    found = peer_networks(G)
    names = [p.name for p in found]
    assert names[0] == "Cittaslow"  # two peers
    assert "MedCities" not in names  # home is a member
    assert "Eurocities" in names  # Nuremberg met home at an event
    izmir = next(p for p in found[0].peers if p["id"] == "city-tr-izmir")
    mersin = next(p for p in found[0].peers if p["id"] == "city-tr-mersin")
    assert izmir["similarity"] > mersin["similarity"]


def test_peer_networks_with_given_peers(G):
    found = peer_networks(G, peers=["city-us-austin"])
    assert [p.id for p in found] == ["network-iclei"]
    with pytest.raises(EntityNotFound):
        peer_networks(G, peers=["city-xx-atlantis"])


# -- stakeholders ---------------------------------------------------------------------------
def test_stakeholders_matching_the_themes_of_a_network_with_shared_themes(G):
    [m] = stakeholders_for(G, "network-iclei")
    assert m.id == "org-akdeniz-university" and m.kind == "university"
    assert m.shared == [
        {
            "id": "theme-clean-energy",
            "name": "Clean energy",
            "name_tr": "Temiz enerji",
            "match": "exact",
            "via": "theme-clean-energy",
        }
    ]
    assert m.score == 0.5 and not m.involved  # one of ICLEI's two themes


def test_stakeholders_of_a_project_are_marked_involved_and_related_themes_count_half(G):
    edge(G, "org-akdeniz-university", "project-heritage-trails", "PARTNER_IN", role="associate")
    [m] = stakeholders_for(G, "project-heritage-trails")
    assert m.involved
    node(G, "theme-energy-storage", "Theme", name="Energy storage")
    edge(G, "theme-energy-storage", "theme-energy", "PART_OF")
    [m] = stakeholders_for(G, "theme-energy-storage")
    assert m.shared[0]["match"] == "related" and m.score == 0.5


def test_stakeholders_for_an_unknown_target_raise(G):
    with pytest.raises(EntityNotFound):
        stakeholders_for(G, "network-nowhere")


def test_undated_agreements_with_the_same_name_are_ordered_by_id(G):
    node(G, "city-fr-nice", "City", name="Nice", country="FR")
    for aid in ("agreement-b", "agreement-a"):
        node(G, aid, "Agreement", name="Twinning", type="sister_city")
        edge(G, HOME, aid, "PARTY_TO")
        edge(G, "city-fr-nice", aid, "PARTY_TO")
    found = [t.id for t in dormant(G, today="2025-01-01") if t.reason == "undated"]
    assert found == ["agreement-a", "agreement-b"]
