"""Every page and its JSON twin, through Flask's test client, on the Antalya sample."""

from __future__ import annotations

import pytest

from graph.errors import StoreUnavailable
from tests.web_fixtures import mini_graph, signed_in

PAGES = [
    ("/", "/index.json"),
    ("/explore", "/explore.json"),
    ("/entity/city-tr-antalya", "/entity/city-tr-antalya.json"),
    ("/synergy", "/synergy.json"),
    (
        "/path?a=city-de-nuremberg&b=city-us-austin",
        "/path.json?a=city-de-nuremberg&b=city-us-austin",
    ),
    ("/map", "/map.json"),
]


@pytest.mark.parametrize(("html", "twin"), PAGES, ids=[p[0].split("?")[0] for p in PAGES])
def test_every_page_has_a_json_twin(viewer_client, html, twin):
    page = viewer_client.get(html)
    data = viewer_client.get(twin)
    assert page.status_code == data.status_code == 200
    assert page.mimetype == "text/html" and data.mimetype == "application/json"
    assert data.get_json()


def test_html_is_rendered_from_the_same_data_as_the_twin(viewer_client):
    data = viewer_client.get("/explore.json").get_json()
    html = viewer_client.get("/explore").get_data(as_text=True)
    assert f"{data['shown']} tanesi" in html  # "N kayıttan M tanesi gösteriliyor"
    entity = viewer_client.get("/entity/city-de-nuremberg.json").get_json()
    page = viewer_client.get("/entity/city-de-nuremberg").get_data(as_text=True)
    assert all(t["other"]["display"] in page for t in entity["ties"])


def test_overview_shows_official_counts_from_the_home_city(viewer_client):
    rows = {r["key"]: r for r in viewer_client.get("/index.json").get_json()["home_ties"]}
    assert rows["sister_cities"]["official"] == 12 and rows["networks"]["official"] == 14
    assert rows["sister_cities"]["recorded"] >= 12
    assert rows["projects"]["official"] is None


def test_overview_shows_a_dash_when_official_counts_are_absent(make_app):
    app = make_app(mini_graph())
    rows = {
        r["key"]: r for r in signed_in(app.test_client()).get("/index.json").get_json()["home_ties"]
    }
    assert rows["networks"]["official"] is None
    assert "resmî: –" in signed_in(app.test_client()).get("/").get_data(as_text=True)


def test_overview_lists_dormant_agreements_suggestions_and_theme_gaps(viewer_client):
    data = viewer_client.get("/index.json").get_json()
    assert any(d["status"] == "dormant" for d in data["dormant"])
    assert data["suggestions"] and data["suggestions"][0]["reasons_text"]
    assert data["themes"]["priorities"] == len(data["themes"]["covered"]) + len(
        data["themes"]["gaps"]
    )
    assert data["events"][0]["date"] >= data["events"][-1]["date"]


def test_entity_lists_ties_agreements_themes_sources_and_suggestions(viewer_client):
    data = viewer_client.get("/entity/city-de-nuremberg.json").get_json()
    assert data["entity"]["display"] == "Nürnberg"  # Turkish by default
    assert {t["type"] for t in data["ties"]} >= {"PARTY_TO", "HAS_THEME"}
    agreement = data["agreements"][0]
    assert agreement["signed_on"] == "1997" and agreement["parties"][0]["id"] == "city-tr-antalya"
    assert any(s["url"] and s["url"].startswith("https://") for s in data["entity"]["sources"])
    assert all(
        s["url"] is None for s in data["entity"]["sources"] if not s["text"].startswith("http")
    )
    assert data["themes"] and data["suggestions"]


def test_unknown_entity_is_404_in_html_and_json(viewer_client):
    page = viewer_client.get("/entity/city-xx-atlantis")
    assert page.status_code == 404 and "city-xx-atlantis" in page.get_data(as_text=True)
    body = viewer_client.get("/entity/city-xx-atlantis.json").get_json()
    assert body["error"]["status"] == 404 and body["error"]["type"] == "EntityNotFound"
    assert body["error"]["hint"]


def test_bad_parameter_is_400_with_the_parameter_named(viewer_client):
    body = viewer_client.get("/explore.json?depth=9").get_json()
    assert body["error"]["status"] == 400 and "depth" in body["error"]["message"]
    assert viewer_client.get("/explore.json?kind=Planet").status_code == 400


def test_unreachable_store_is_503_with_the_hint(make_app, monkeypatch):
    app = make_app()

    def refuse(settings, backend=None):
        raise StoreUnavailable(
            "Neo4j does not answer at bolt://127.0.0.1:7687",
            hint="start Neo4j or set DIPLOMAP_BACKEND=embedded",
        )

    monkeypatch.setattr("web.store.open_store", refuse)
    page = signed_in(app.test_client()).get("/")
    assert page.status_code == 503
    assert "DIPLOMAP_BACKEND=embedded" in page.get_data(as_text=True)
    body = signed_in(app.test_client()).get("/explore.json").get_json()
    assert (
        body["error"]["type"] == "StoreUnavailable" and "DIPLOMAP_BACKEND" in body["error"]["hint"]
    )


def test_creating_the_app_opens_no_store(make_app, monkeypatch):
    opened = []
    monkeypatch.setattr("web.store.open_store", lambda *a, **k: opened.append(a))
    make_app()
    assert opened == []


def test_search_folds_turkish_and_forgives_typos(viewer_client):
    hits = viewer_client.get("/search.json?q=NURNBERG").get_json()["results"]
    assert hits[0]["id"] == "city-de-nuremberg"
    assert (
        viewer_client.get("/search.json?q=nurenberg").get_json()["results"][0]["id"]
        == "city-de-nuremberg"
    )
    assert (
        viewer_client.get("/search.json?q=KONYAALTI&kind=Organization").get_json()["results"][0][
            "id"
        ]
        == "org-konyaalti-municipality"
    )
    assert viewer_client.get("/search.json?q=qqqqqq").get_json()["results"] == []
    assert viewer_client.get("/search.json?q=").get_json()["results"] == []


def test_explorer_centres_on_a_name(viewer_client):
    data = viewer_client.get("/explore.json?focus_q=Nurnberg&depth=1").get_json()
    assert data["focus"]["id"] == "city-de-nuremberg"
    assert viewer_client.get("/explore.json?focus_q=zzzzzz").status_code == 404


def test_explorer_filters_by_kind_status_and_country(viewer_client):
    data = viewer_client.get("/explore.json?kind=City,Agreement&status=dormant&depth=2").get_json()
    kinds = {n["kind"] for n in data["graph"]["nodes"]}
    assert kinds <= {"City", "Agreement"}
    statuses = viewer_client.get(
        "/explore.json?kind=Agreement&status=dormant&depth=1&agreements=nodes"
    ).get_json()
    ids = {n["id"] for n in statuses["graph"]["nodes"]} - {"city-tr-antalya"}
    assert ids and all(i.startswith("agreement-") for i in ids)
    de = viewer_client.get("/explore.json?kind=City,Agreement&country=DE&depth=2").get_json()
    assert {n["country"] for n in de["graph"]["nodes"] if n["kind"] == "City"} <= {"DE", "TR"}


def test_explorer_collapses_agreements_into_ties(viewer_client):
    data = viewer_client.get("/explore.json?kind=City,Agreement&collapse=1&depth=1").get_json()
    assert not any(n["kind"] == "Agreement" for n in data["graph"]["nodes"])
    assert any(e["type"] == "AGREEMENT" for e in data["graph"]["edges"])


def test_explorer_caps_large_views_and_lays_them_out_on_the_server(viewer_client):
    data = viewer_client.get(
        "/explore.json?focus=&limit=130&agreements=nodes&kind=City,Network,Organization,Agreement,Project,Event"
    ).get_json()
    assert data["shown"] == 130 and data["total"] > 130 and data["capped"]
    assert data["view"]["layout"] == "server"
    assert all("x" in n and n["physics"] is False for n in data["graph"]["nodes"])
    assert data["graph"]["options"]["physics"]["enabled"] is False
    small = viewer_client.get("/explore.json?depth=1&kind=Network").get_json()
    assert small["view"]["layout"] == "physics" and small["graph"]["options"]["physics"]["enabled"]


def test_explorer_expansion_returns_the_neighbours(viewer_client):
    data = viewer_client.get(
        "/explore.json?focus=city-de-nuremberg&depth=1&layout=physics"
    ).get_json()
    ids = {n["id"] for n in data["graph"]["nodes"]}
    assert "city-tr-antalya" in ids  # the sister-city agreement, drawn as a link
    links = [e for e in data["graph"]["edges"] if e["type"] == "AGREEMENT"]
    assert any({e["from"], e["to"]} == {"city-de-nuremberg", "city-tr-antalya"} for e in links)
    assert all(e["from"] in ids and e["to"] in ids for e in data["graph"]["edges"])


def test_synergy_ranks_with_parts_evidence_and_filters(viewer_client):
    data = viewer_client.get("/synergy.json?kind=City&limit=5").get_json()
    results = data["results"]
    assert 0 < len(results) <= 5 and all(r["label"] == "City" for r in results)
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    top = results[0]
    assert top["parts"] and any(p["evidence_text"] for p in top["parts"])
    eu = viewer_client.get("/synergy.json?kind=City&eligible=eu").get_json()["results"]
    assert all(r["country"] not in ("CN", "US", "TR") for r in eu)
    theme = viewer_client.get("/synergy.json?focus=theme-clean-energy").get_json()
    assert theme["focus"]["kind"] == "Theme"


def test_path_finder_explains_and_draws(viewer_client):
    data = viewer_client.get("/path.json?a_q=nurnberg&b_q=Austin&k=2").get_json()
    assert data["a"]["id"] == "city-de-nuremberg" and data["b"]["id"] == "city-us-austin"
    assert 1 <= len(data["paths"]) <= 2
    first = data["paths"][0]
    assert first["sentence_text"] and first["entities"][0]["id"] == "city-de-nuremberg"
    drawn = {n["id"] for n in data["graph"]["nodes"]}
    assert {n["id"] for n in first["nodes"]} <= drawn
    assert viewer_client.get("/path.json").get_json()["paths"] == []


def test_map_has_partners_with_arcs(viewer_client):
    data = viewer_client.get("/map.json").get_json()
    assert data["focus"]["id"] == "city-tr-antalya"
    assert len(data["points"]) == len(data["arcs"]) > 10
    arc = data["arcs"][0]
    assert arc["points"][0] == [data["focus"]["lat"], data["focus"]["lon"]]
    assert data["shapes"].endswith("countries-110m.json")
    nets = viewer_client.get("/map.json?tie=network").get_json()
    assert {t["tie"] for p in nets["points"] for t in p["ties"]} <= {"network"}


def test_flask_finds_the_factory():
    import web

    assert callable(web.create_app)
