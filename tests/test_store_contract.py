"""The store contract: what every backend does, run on each through the ``store`` fixture.

The ``store`` fixture (tests/neo4j_support.py) gives an empty embedded store and,
when a Neo4j server is available, an empty Neo4j store.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

import graph.stores.base as store_base
from graph.errors import EntityNotFound, InvalidData
from graph.ids import tr_upper
from graph.model import Node, Relation
from graph.stores import neo4j_writes
from graph.stores.base import Store
from graph.stores.changes import ChangeSet

ANTALYA, NURNBERG, KUNMING, AUSTIN = (
    "city-tr-antalya",
    "city-de-nurnberg",
    "city-cn-kunming",
    "city-us-austin",
)
NETWORK, THEME, TURKEY = "network-uclg-mewa", "theme-clean-energy", "country-tr"
AGREEMENT = "agreement-antalya-nurnberg"


def city(id: str, name: str, country: str, **props: Any) -> Node:
    return Node(id, "City", {"name": name, "country": country, **props})


def base_graph() -> ChangeSet:
    """Four cities, a network, a theme, a country and one agreement, with their ties."""
    return ChangeSet(
        nodes=[
            city(
                ANTALYA,
                "Antalya",
                "TR",
                is_home=True,
                lat=36.8969,
                lon=30.7133,
                population=2696249,
                aliases=["Adalia", "Attaleia"],
                source="seed",
            ),
            city(NURNBERG, "Nürnberg", "DE", aliases=["Nuremberg"]),
            city(KUNMING, "Kunming", "CN"),
            city(AUSTIN, "Austin", "US"),
            Node(NETWORK, "Network", {"name": "UCLG-MEWA", "acronym": "UCLG-MEWA"}),
            Node(THEME, "Theme", {"name_en": "Clean energy", "name_tr": "Temiz enerji"}),
            Node(TURKEY, "Country", {"name": "Türkiye", "iso2": "TR", "eu_member": False}),
            Node(
                AGREEMENT,
                "Agreement",
                {
                    "name": "Antalya - Nürnberg",
                    "type": "sister_city",
                    "status": "active",
                    "signed_on": "1997-05-17",
                },
            ),
        ],
        relations=[
            Relation("MEMBER_OF", ANTALYA, NETWORK, {"since": "2004", "status": "active"}),
            Relation("MEMBER_OF", KUNMING, NETWORK),
            Relation("PARTY_TO", ANTALYA, AGREEMENT),
            Relation("PARTY_TO", NURNBERG, AGREEMENT),
            Relation("HAS_THEME", ANTALYA, THEME, {"kind": "priority", "weight": 1.0}),
            Relation("HAS_THEME", AUSTIN, THEME, {"kind": "expertise"}),
            Relation("LOCATED_IN", ANTALYA, TURKEY),
        ],
    )


def snapshot(store: Store) -> tuple[list[Node], list[Relation], str]:
    return list(store.nodes()), list(store.relations()), store.version()


@pytest.fixture
def seeded(store: Store) -> Store:
    store.apply(base_graph())
    return store


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """Control the ``updated_at`` stamps that apply() writes."""
    now = {"value": "2024-01-01T00:00:00+00:00"}
    monkeypatch.setattr(store_base, "now_iso", lambda: now["value"])
    return now


# -- create, update, unchanged ------------------------------------------------------------
def test_create_reports_every_record_and_get_returns_it(store: Store) -> None:
    result = store.apply(base_graph())
    assert result.counts("node") == {"create": 8, "update": 0, "unchanged": 0, "delete": 0}
    assert result.counts("relation") == {"create": 7, "update": 0, "unchanged": 0, "delete": 0}
    antalya = store.get(ANTALYA)
    assert antalya.label == "City"
    assert {k: v for k, v in antalya.props.items() if k != "updated_at"} == {
        "name": "Antalya",
        "country": "TR",
        "is_home": True,
        "lat": 36.8969,
        "lon": 30.7133,
        "population": 2696249,
        "aliases": ["Adalia", "Attaleia"],
        "source": "seed",
    }
    assert antalya.props["updated_at"]


def test_get_of_an_unknown_id_raises_and_find_returns_none(store: Store) -> None:
    with pytest.raises(EntityNotFound):
        store.get("city-xx-nowhere")
    assert store.find("city-xx-nowhere") is None
    assert store.get_many([]) == {}


def test_update_counts_only_the_records_that_changed(seeded: Store) -> None:
    changes = base_graph()
    changes.nodes[1] = city(NURNBERG, "Nürnberg", "DE", aliases=["Nuremberg"], population=518370)
    changes.relations[1] = Relation("MEMBER_OF", KUNMING, NETWORK, {"status": "active"})
    result = seeded.apply(changes)
    assert result.counts("node") == {"create": 0, "update": 1, "unchanged": 7, "delete": 0}
    assert result.counts("relation") == {"create": 0, "update": 1, "unchanged": 6, "delete": 0}
    assert seeded.get(NURNBERG).props["population"] == 518370
    assert (
        seeded.get_relations([(KUNMING, "MEMBER_OF", NETWORK)])[
            (KUNMING, "MEMBER_OF", NETWORK)
        ].props["status"]
        == "active"
    )


def test_none_keeps_the_stored_value(seeded: Store) -> None:
    seeded.apply(ChangeSet(nodes=[city(ANTALYA, "Antalya", "TR", population=None, lat=None)]))
    props = seeded.get(ANTALYA).props
    assert props["population"] == 2696249 and props["lat"] == 36.8969


def test_replace_drops_properties_not_given_but_keeps_source(seeded: Store) -> None:
    seeded.apply(
        ChangeSet(nodes=[city(ANTALYA, "Antalya", "TR", population=2700000)], replace=True)
    )
    props = seeded.get(ANTALYA).props
    assert {k: v for k, v in props.items() if k != "updated_at"} == {
        "name": "Antalya",
        "country": "TR",
        "population": 2700000,
        "source": "seed",
    }


def test_updated_at_is_set_only_when_a_record_changes(store: Store, clock: dict) -> None:
    store.apply(base_graph())
    clock["value"] = "2024-06-01T00:00:00+00:00"
    store.apply(
        ChangeSet(
            nodes=[city(KUNMING, "Kunming", "CN", population=8460088), city(AUSTIN, "Austin", "US")]
        )
    )
    assert store.get(KUNMING).props["updated_at"] == "2024-06-01T00:00:00+00:00"
    assert store.get(AUSTIN).props["updated_at"] == "2024-01-01T00:00:00+00:00"
    rel = store.get_relations([(ANTALYA, "LOCATED_IN", TURKEY)])[(ANTALYA, "LOCATED_IN", TURKEY)]
    assert rel.props == {"updated_at": "2024-01-01T00:00:00+00:00"}


def test_import_twice_changes_nothing(store: Store, clock: dict) -> None:
    store.apply(base_graph())
    before = snapshot(store)
    clock["value"] = "2024-06-01T00:00:00+00:00"
    result = store.apply(base_graph())
    assert result.counts() == {"create": 0, "update": 0, "unchanged": 15, "delete": 0}
    assert result.changed == []
    assert snapshot(store) == before


def test_dry_run_writes_nothing(store: Store) -> None:
    before = snapshot(store)
    result = store.plan(base_graph())
    assert result.dry_run and result.counts()["create"] == 15
    assert snapshot(store) == before
    assert store.counts() == {}


def test_duplicate_ids_in_one_change_set_are_rejected(store: Store) -> None:
    with pytest.raises(InvalidData, match="twice"):
        store.apply(
            ChangeSet(nodes=[city(ANTALYA, "Antalya", "TR"), city(ANTALYA, "Antalya", "TR")])
        )
    assert store.counts() == {}


# -- validation ---------------------------------------------------------------------------
BAD_RELATIONS = [
    (Relation("MEMBER_OF", NETWORK, ANTALYA), "cannot go from Network to City"),
    (Relation("TWINNED_WITH", ANTALYA, NURNBERG), "unknown relationship type"),
    (Relation("MEMBER_OF", ANTALYA, "network-not-there"), "not in the graph"),
    (Relation("HAS_THEME", ANTALYA, THEME, {"kind": "favourite"}), "is not one of"),
]


@pytest.mark.parametrize(
    ("relation", "message"),
    BAD_RELATIONS,
    ids=["wrong-endpoint-labels", "unknown-type", "dangling-reference", "value-outside-vocabulary"],
)
def test_invalid_relation_is_rejected_and_nothing_is_written(
    seeded: Store, relation: Relation, message: str
) -> None:
    before = snapshot(seeded)
    changes = ChangeSet(nodes=[city("city-tr-izmir", "İzmir", "TR")], relations=[relation])
    with pytest.raises(InvalidData, match=message):
        seeded.apply(changes)
    assert snapshot(seeded) == before


def test_label_clash_is_rejected(seeded: Store) -> None:
    before = snapshot(seeded)
    with pytest.raises(InvalidData, match="already a City"):
        seeded.apply(
            ChangeSet(nodes=[Node(ANTALYA, "Organization", {"name": "Antalya", "kind": "other"})])
        )
    assert snapshot(seeded) == before


# -- deletes ------------------------------------------------------------------------------
def test_deleting_an_entity_removes_its_relations(seeded: Store) -> None:
    result = seeded.apply(ChangeSet(delete_nodes=[ANTALYA]))
    assert result.counts("node")["delete"] == 1
    assert seeded.find(ANTALYA) is None
    assert all(ANTALYA not in (r.start, r.end) for r in seeded.relations())
    assert seeded.counts()["MEMBER_OF"] == 1 and "LOCATED_IN" not in seeded.counts()


def test_deleting_a_relation_keeps_its_ends(seeded: Store) -> None:
    key = (ANTALYA, "MEMBER_OF", NETWORK)
    seeded.apply(ChangeSet(delete_relations=[key]))
    assert seeded.get_relations([key]) == {}
    assert seeded.find(ANTALYA) and seeded.find(NETWORK)


def test_deleting_what_does_not_exist_raises(seeded: Store) -> None:
    with pytest.raises(EntityNotFound):
        seeded.apply(ChangeSet(delete_nodes=["city-xx-nowhere"]))
    with pytest.raises(EntityNotFound):
        seeded.apply(ChangeSet(delete_relations=[(KUNMING, "PARTY_TO", AGREEMENT)]))


def test_clear_empties_the_store_and_changes_the_version(seeded: Store) -> None:
    version = seeded.version()
    seeded.clear()
    assert list(seeded.nodes()) == [] and list(seeded.relations()) == []
    assert seeded.counts() == {}
    assert seeded.version() != version


# -- reads --------------------------------------------------------------------------------
def test_neighbours_at_depth_one_and_two(seeded: Store) -> None:
    one = seeded.neighbours(NURNBERG, depth=1)
    assert {n.id for n in one.nodes} == {NURNBERG, AGREEMENT}
    two = seeded.neighbours(NURNBERG, depth=2)
    assert {n.id for n in two.nodes} == {NURNBERG, AGREEMENT, ANTALYA}
    assert {r.key for r in two.relations} == {
        (ANTALYA, "PARTY_TO", AGREEMENT),
        (NURNBERG, "PARTY_TO", AGREEMENT),
    }
    with pytest.raises(EntityNotFound):
        seeded.neighbours("city-xx-nowhere")


def test_subgraph_keeps_only_ties_among_the_given_entities(seeded: Store) -> None:
    sub = seeded.subgraph([ANTALYA, NETWORK, KUNMING, THEME])
    assert {n.id for n in sub.nodes} == {ANTALYA, NETWORK, KUNMING, THEME}
    assert {r.key for r in sub.relations} == {
        (ANTALYA, "MEMBER_OF", NETWORK),
        (KUNMING, "MEMBER_OF", NETWORK),
        (ANTALYA, "HAS_THEME", THEME),
    }
    assert set(sub.to_dict()) == {"nodes", "relations"}


def test_relations_of_returns_ties_in_both_directions(seeded: Store) -> None:
    keys = {r.key for r in seeded.relations_of([NETWORK, AUSTIN])}
    assert keys == {
        (ANTALYA, "MEMBER_OF", NETWORK),
        (KUNMING, "MEMBER_OF", NETWORK),
        (AUSTIN, "HAS_THEME", THEME),
    }
    assert seeded.relations_of([]) == []


def test_counts_per_label_and_relationship_type(seeded: Store) -> None:
    assert seeded.counts() == {
        "City": 4,
        "Network": 1,
        "Theme": 1,
        "Country": 1,
        "Agreement": 1,
        "MEMBER_OF": 2,
        "PARTY_TO": 2,
        "HAS_THEME": 2,
        "LOCATED_IN": 1,
    }


def test_nodes_and_relations_are_ordered_and_filtered(seeded: Store) -> None:
    assert [n.id for n in seeded.nodes("City")] == [KUNMING, NURNBERG, ANTALYA, AUSTIN]
    ids = [n.id for n in seeded.nodes()]
    assert ids == sorted(ids) and len(ids) == 8
    keys = [r.key for r in seeded.relations()]
    assert keys == sorted(keys) and len(keys) == 7
    assert [r.key for r in seeded.relations("MEMBER_OF")] == [
        (KUNMING, "MEMBER_OF", NETWORK),
        (ANTALYA, "MEMBER_OF", NETWORK),
    ]
    assert list(seeded.nodes("Project")) == [] and list(seeded.relations("PART_OF")) == []


def test_unicode_names_round_trip(store: Store) -> None:
    names = {
        "city-tr-izmir": "İzmir",
        "city-de-nurnberg": "Nürnberg",
        "city-tr-sanliurfa": "Şanlıurfa",
        "city-gr-thessaloniki": "Θεσσαλονίκη",
    }
    store.apply(ChangeSet(nodes=[city(i, n, "TR", name_tr=tr_upper(n)) for i, n in names.items()]))
    got = store.get_many(names)
    assert {i: n.props["name"] for i, n in got.items()} == names
    assert got["city-tr-izmir"].props["name_tr"] == "İZMİR"


def test_lists_and_plain_values_round_trip(store: Store) -> None:
    props = {
        "name": "Nürnberg",
        "country": "DE",
        "aliases": ["Nuremberg", "Norimberga", "Nürnberg"],
        "lat": 49.4539,
        "population": 518370,
        "is_home": False,
    }
    store.apply(ChangeSet(nodes=[city(NURNBERG, **props)]))
    got = store.get(NURNBERG).props
    assert {k: v for k, v in got.items() if k != "updated_at"} == props
    assert isinstance(got["population"], int) and isinstance(got["lat"], float)


def test_a_failure_in_the_middle_of_a_commit_leaves_the_store_as_it_was(
    seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(seeded)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("injected fault after the nodes were written")

    if hasattr(seeded, "_write_relations"):  # the embedded store writes relations in a method
        monkeypatch.setattr(seeded, "_write_relations", fail)
    else:  # Neo4j: the write transaction's relation batches
        monkeypatch.setattr(neo4j_writes, "write_relations", fail)
    changes = ChangeSet(
        nodes=[
            city("city-tr-izmir", "İzmir", "TR"),
            city(KUNMING, "Kunming", "CN", population=8460088),
        ],
        relations=[Relation("MEMBER_OF", "city-tr-izmir", NETWORK)],
    )
    with pytest.raises(RuntimeError, match="injected fault"):
        seeded.apply(changes)
    assert snapshot(seeded) == before
    monkeypatch.undo()
    seeded.apply(changes)
    assert seeded.find("city-tr-izmir") is not None


def test_version_changes_with_every_write_and_only_then(store: Store) -> None:
    v0 = store.version()
    store.apply(base_graph())
    v1 = store.version()
    store.apply(base_graph())
    assert store.version() == v1 != v0
    store.apply(ChangeSet(nodes=[city(AUSTIN, "Austin", "US", population=961855)]))
    assert store.version() != v1


def test_to_networkx_mirrors_the_store(seeded: Store) -> None:
    G = seeded.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.nodes) == [n.id for n in seeded.nodes()]
    assert sorted((u, k, v) for u, v, k in G.edges(keys=True)) == [
        r.key for r in seeded.relations()
    ]
    assert G.nodes[NURNBERG]["label"] == "City" and G.nodes[NURNBERG]["name"] == "Nürnberg"
    assert G.edges[ANTALYA, NETWORK, "MEMBER_OF"]["since"] == "2004"
    assert seeded.to_networkx() is G  # cached while the version holds
    seeded.apply(ChangeSet(delete_nodes=[AUSTIN]))
    assert AUSTIN not in seeded.to_networkx()
