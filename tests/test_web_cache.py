"""Pages and rankings kept per store version: fast revisits, never stale after an edit."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from graph.analysis.tiegraph import _CACHE
from graph.model import Node, Relation
from graph.stores.changes import ChangeSet
from graph.stores.embedded import EmbeddedStore
from tests.web_fixtures import access_of, mini_graph, signed_in

HOME = "city-tr-antalya"


@pytest.fixture
def mini(make_app):
    return make_app(mini_graph())


def edit(app, changes: ChangeSet) -> None:
    """Change the store the way another process (a worker, the CLI) would: its own connection."""
    path = Path(app.config["DIPLOMAP"]["DIPLOMAP_DATA_DIR"]) / "graph.sqlite"
    with EmbeddedStore(path) as store:
        store.apply(changes)


def suggested(page: dict) -> list[str]:
    return [s["id"] for s in page["suggestions"]]


def test_an_entity_page_is_built_once_and_then_kept(mini):
    client, acc = signed_in(mini.test_client()), access_of(mini)
    first = client.get(f"/entity/{HOME}.json").get_json()
    misses = acc.memo_misses
    again = client.get(f"/entity/{HOME}.json").get_json()
    assert again == first
    assert acc.memo_misses == misses and acc.memo_hits >= 1


def test_an_entity_page_shows_an_edit_on_the_next_request(mini):
    client = signed_in(mini.test_client())
    before = client.get(f"/entity/{HOME}.json").get_json()
    assert "city-us-austin" in suggested(before)
    edit(
        mini,
        ChangeSet(
            nodes=[
                Node("city-us-austin", "City", {"name": "Austin, Texas", "country": "US"}),
                Node(
                    "agreement-antalya-austin",
                    "Agreement",
                    {"name": "Antalya – Austin", "type": "sister_city", "status": "active"},
                ),
            ],
            relations=[
                Relation("PARTY_TO", HOME, "agreement-antalya-austin"),
                Relation("PARTY_TO", "city-us-austin", "agreement-antalya-austin"),
            ],
        ),
    )
    after = client.get(f"/entity/{HOME}.json").get_json()
    assert after["ties_total"] == before["ties_total"] + 1
    assert "city-us-austin" not in suggested(after)  # a live partner now
    austin = client.get("/entity/city-us-austin.json").get_json()
    assert austin["entity"]["name"] == "Austin, Texas"


def test_kept_rankings_follow_an_edit_on_the_synergy_page(mini):
    client = signed_in(mini.test_client())
    query = f"/synergy.json?focus={HOME}&kind=City"
    assert "city-us-austin" in [r["id"] for r in client.get(query).get_json()["results"]]
    edit(mini, ChangeSet(delete_nodes=["city-us-austin"]))
    assert "city-us-austin" not in [r["id"] for r in client.get(query).get_json()["results"]]


def test_each_language_has_its_own_kept_page(mini):
    client = signed_in(mini.test_client())
    tr = client.get("/entity/city-de-nurnberg.json?lang=tr").get_json()
    en = client.get("/entity/city-de-nurnberg.json?lang=en").get_json()
    assert (tr["entity"]["display"], en["entity"]["display"]) == ("Nürnberg", "Nuremberg")


def test_memo_builds_once_per_key_and_forgets_everything_with_a_new_version(mini):
    acc, built = access_of(mini), []

    def build(G):
        built.append(G)
        return len(G)

    with mini.app_context():
        assert acc.memo("n", build) == acc.memo("n", build) == 10
        assert len(built) == 1
        edit(
            mini, ChangeSet(nodes=[Node("city-fr-lyon", "City", {"name": "Lyon", "country": "FR"})])
        )
        assert acc.memo("n", build) == 11
        assert len(built) == 2 and built[1] is acc.graph() and built[0] is not built[1]


def test_serving_settles_each_new_graph_out_of_the_garbage_collector(mini):
    acc = access_of(mini)
    try:
        with mini.app_context():
            acc.warm()
            first = acc.graph()
            assert acc.settle_graphs and gc.get_freeze_count() > 0
            assert first in _CACHE  # its synergy index was built before freezing
            edit(mini, ChangeSet(nodes=[Node("city-fr-lyon", "City", {"name": "Lyon"})]))
            second = acc.graph()
            assert second is not first and second in _CACHE and "city-fr-lyon" in second
    finally:
        gc.unfreeze()
