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
    one = select(
        G, ViewSpec(focus="city-tr-antalya", depth=1, kinds=("City", "Agreement"), collapse=False)
    )
    assert "city-de-nurnberg" not in one.nodes and "agreement-antalya-nurnberg" in one.nodes
    collapsed = select(
        G, ViewSpec(focus="city-tr-antalya", depth=1, kinds=("City", "Agreement"), collapse=True)
    )
    assert set(collapsed.nodes) == {"city-tr-antalya", "city-de-nurnberg", "city-cn-kunming"}


def test_cap_keeps_the_closest_and_best_connected():
    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=3, cap=3))
    assert view.nodes[0] == "city-tr-antalya" and len(view.nodes) == 3 and view.total > 3
    assert all(view.distance[n] <= 1 for n in view.nodes)


def test_status_filter_applies_to_agreements_and_ties():
    G = graph()
    view = select(
        G, ViewSpec(focus="city-tr-antalya", depth=1, statuses=("dormant",), collapse=False)
    )
    assert (
        "agreement-antalya-kunming" in view.nodes and "agreement-antalya-nurnberg" not in view.nodes
    )


def test_the_status_filter_leaves_no_city_floating():
    """Drawn as links, a dormant filter keeps Kunming (dormant agreement) and drops Nürnberg,
    whose only tie is an active agreement: no orphan city is drawn."""
    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=2, statuses=("dormant",)))
    assert "city-cn-kunming" in view.nodes and "city-de-nurnberg" not in view.nodes
    tied = {e["from"] for e in view.edges} | {e["to"] for e in view.edges}
    assert set(view.nodes) - tied <= {"city-tr-antalya"}
    assert all(e["props"].get("status") in (None, "dormant") for e in view.edges)


def test_default_view_draws_agreements_as_links_and_leaves_events_and_themes_out():
    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=2))
    labels = {G.nodes[n]["label"] for n in view.nodes}
    assert not labels & {"Agreement", "Event", "Theme", "Country"}
    assert any(e["type"] == "AGREEMENT" for e in view.edges)


def test_expanded_entities_bring_their_neighbours_into_the_view():
    G = graph()
    plain = select(G, ViewSpec(focus="city-tr-antalya", depth=1))
    grown = select(G, ViewSpec(focus="city-tr-antalya", depth=1, expand=("network-cittaslow",)))
    assert set(plain.nodes) < set(grown.nodes)
    new = set(grown.nodes) - set(plain.nodes)
    assert all(grown.distance[n] == 2 for n in new)


def test_the_view_as_of_a_year_keeps_older_ties_and_what_they_still_connect():
    from web.timeline import as_of, tie_year, years

    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=2))
    span = years(G, view.edges)
    assert span["first"] <= span["last"]
    early_nodes, early_edges = as_of(view.nodes, view.edges, span["first"], "city-tr-antalya", G)
    assert "city-tr-antalya" in early_nodes and len(early_nodes) < len(view.nodes)
    assert all((tie_year(G, e) or 0) <= span["first"] for e in early_edges)
    same = as_of(view.nodes, view.edges, span["last"], "city-tr-antalya", G)
    assert same[0] == view.nodes and len(same[1]) == len(view.edges)


def test_sizes_and_first_labels_follow_the_named_centrality(app):
    from web.importance import communities, measure
    from web.visual import LABELS_FIRST, network_data

    G = graph()
    view = select(G, ViewSpec(focus="city-tr-antalya", depth=2))
    scores = measure(view.nodes, view.edges, "pagerank")
    with app.test_request_context("/"):
        data = network_data(
            G,
            view.nodes,
            view.edges,
            focus="city-tr-antalya",
            importance=scores,
            community=communities(view.nodes, view.edges),
            colour_by="community",
        )
    by_id = {n["id"]: n for n in data["nodes"]}
    best = max((n for n in view.nodes if n != "city-tr-antalya"), key=lambda n: scores[n])
    least = min(view.nodes, key=lambda n: scores[n])
    assert by_id[best]["size"] >= by_id[least]["size"]
    assert by_id["city-tr-antalya"]["rank"] == 0
    assert sum(n["labelled"] for n in data["nodes"]) == min(LABELS_FIRST, len(view.nodes))
    assert all(n["color"] == n["groupColour"] for n in data["nodes"])


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
