"""The explorer's building blocks: selection, layout, pyvis data, search, settings."""

from __future__ import annotations

import networkx as nx

from graph.stores.embedded import EmbeddedStore
from tests.web_fixtures import mini_graph
from web.layout import positions, radial_layout
from web.search import SearchIndex
from web.selection import ViewSpec, select


def graph() -> nx.MultiDiGraph:
    from graph.convert import to_networkx

    changes = mini_graph()
    return to_networkx(changes.nodes, changes.relations)


def test_depth_counts_hops_and_collapsed_agreements_count_one():
    G = graph()
    one = select(G, ViewSpec(focus="city-tr-antalya", depth=1, kinds=("City", "Agreement")))
    assert "city-de-nurnberg" not in one.nodes and "agreement-antalya-nurnberg" in one.nodes
    collapsed = select(
        G, ViewSpec(focus="city-tr-antalya", depth=1, kinds=("City",), collapse=True)
    )
    assert set(collapsed.nodes) == {"city-tr-antalya", "city-de-nurnberg", "city-cn-kunming"}


def test_cap_keeps_the_closest_and_best_connected():
    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=3, cap=3))
    assert view.nodes[0] == "city-tr-antalya" and len(view.nodes) == 3 and view.total > 3
    assert all(view.distance[n] <= 1 for n in view.nodes)


def test_status_filter_applies_to_agreements_and_ties():
    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=1, statuses=("dormant",)))
    assert (
        "agreement-antalya-kunming" in view.nodes and "agreement-antalya-nurnberg" not in view.nodes
    )


def test_theme_filter_keeps_those_who_work_on_it():
    G = graph()
    view = select(G, ViewSpec(focus=None, kinds=("City",), themes=("theme-clean-energy",)))
    assert set(view.nodes) == {"city-tr-antalya", "city-us-austin"}


def test_layout_is_seeded_and_centres_the_focus():
    G = nx.path_graph([f"n{i}" for i in range(30)])
    a, b = (
        positions(G, "n0", {f"n{i}": i for i in range(30)}),
        positions(G, "n0", {f"n{i}": i for i in range(30)}),
    )
    assert a == b and a["n0"] == (0.0, 0.0) and len(a) == 30
    rings = radial_layout(G, "n0", {"n1": 1})
    assert rings["n0"] == (0.0, 0.0)


def test_pyvis_data_has_plain_text_tooltips(app):
    from web.visual import network_data

    G = graph()
    G.nodes["city-de-nurnberg"]["name_tr"] = "<b>Nürnberg</b>"
    with app.test_request_context("/"):
        data = network_data(
            G,
            list(G),
            [
                {
                    "from": "city-tr-antalya",
                    "to": "network-cittaslow",
                    "type": "MEMBER_OF",
                    "props": {"since": "2024"},
                    "agreement": None,
                }
            ],
            home="city-tr-antalya",
        )
    node = next(n for n in data["nodes"] if n["id"] == "city-de-nurnberg")
    assert node["title"].startswith("<b>Nürnberg</b>\n")  # shown as text by vis-network
    assert data["edges"][0]["title"].startswith("Antalya — ")
    assert next(n for n in data["nodes"] if n["id"] == "city-tr-antalya")["color"] == "#b91c1c"


def test_search_index_uses_aliases_and_turkish_names():
    idx = SearchIndex(graph())
    assert idx.search("nürnberg")[0].id == "city-de-nurnberg"
    assert idx.search("temiz")[0].id == "theme-clean-energy"
    assert idx.search("cit", kinds=("Network",))[0].id == "network-cittaslow"


def test_secret_key_is_kept_in_the_data_dir(tmp_path):
    from web import create_app

    with EmbeddedStore(tmp_path / "graph.sqlite"):
        pass
    first = create_app({"DIPLOMAP_DATA_DIR": str(tmp_path), "DIPLOMAP_SECRET_KEY": None})
    second = create_app({"DIPLOMAP_DATA_DIR": str(tmp_path), "DIPLOMAP_SECRET_KEY": None})
    assert first.secret_key == second.secret_key and len(first.secret_key) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
