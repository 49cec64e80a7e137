"""The questions page: the eight questions of DESIGN.md in one click, on the embedded store,
with the same answers as the saved Cypher queries on Neo4j (issue 12, part 2)."""

from __future__ import annotations

import pytest

from cli.web import PEERS
from graph.analysis.questions import eligible_partners, partner_candidates
from graph.analysis.questions import sister_cities_in_our_networks as our_sisters_in_networks
from tests.test_saved_queries import expected_graph, extra_dir, loaded  # noqa: F401 - fixtures
from web.questions import QUESTIONS, answer

HOME = "city-tr-antalya"


@pytest.fixture
def peer_app(tmp_path):
    """An app over the sample with the peer municipalities, as `make demo` serves it."""
    from graph.stores.embedded import EmbeddedStore
    from importers.pipeline import import_path
    from tests.web_fixtures import access_of, app_config, fill
    from web import create_app

    data_dir = tmp_path / "peers"
    data_dir.mkdir()
    fill(data_dir, sample=True)
    with EmbeddedStore(data_dir / "graph.sqlite") as store:
        import_path(store, PEERS)
    app = create_app(app_config(data_dir))
    yield app
    access_of(app).close()


@pytest.fixture
def reader(peer_app):
    from tests.web_fixtures import signed_in

    return signed_in(peer_app.test_client(), "viewer")


def test_every_question_has_an_answer_or_says_why_not(reader):
    data = reader.get("/questions.json").get_json()
    assert [q["number"] for q in data["questions"]] == list(range(1, 9))
    for q in data["questions"]:
        assert q["saved_query"] and q["columns"]
        assert (q["count"] > 0) != bool(q["empty"]), q["number"]
    by_number = {q["number"]: q for q in data["questions"]}
    # With the peers in the sample, the peer questions have real answers.
    peer_networks = {row[0]["id"] for row in by_number[6]["rows"]}
    assert "network-iclei" in peer_networks  # İzmir is in ICLEI, Antalya is not
    assert by_number[7]["count"] > 0 and by_number[8]["count"] > 0
    assert by_number[4]["rows"] and by_number[5]["rows"]  # defaults: our first network, sister
    assert "sister city" not in str(by_number[1]["empty"] or "") or by_number[1]["count"] == 0


def test_a_question_answers_in_the_users_language_and_as_csv(reader):
    page = reader.get("/questions?lang=tr").get_data(as_text=True)
    assert "Kardeş şehirlerimizden hangileri" in page and "Analistler için kayıtlı sorgu" in page
    csv = reader.get("/questions.csv?q=6")
    assert csv.status_code in (200, 403)  # viewers may lack the export permission


def test_questions_csv_for_an_exporter(peer_app):
    from tests.web_fixtures import signed_in

    client = signed_in(peer_app.test_client(), "editor")
    response = client.get("/questions.csv?q=6")
    assert response.status_code == 200
    text = response.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].count(",") == 2 and "ICLEI" in text


@pytest.mark.neo4j
def test_the_embedded_answers_equal_the_saved_queries_on_neo4j(loaded, expected_graph, tmp_path):  # noqa: F811
    from tests.web_fixtures import app_config
    from web import create_app

    _, console = loaded
    G = expected_graph
    context = create_app(app_config(tmp_path)).test_request_context()
    context.push()  # the answers link their entities (url_for)

    def rows(name: str, **values):
        from graph.console.library import get_saved

        return console.run_saved(get_saved(name), values, row_cap=100_000).records()

    q1 = {r["city"]: r["networks"] for r in our_sisters_in_networks(G)}
    assert q1 == {r["city"]: sorted(r["networks"]) for r in rows("sister_cities_in_our_networks")}
    assert q1  # the test data gives this question an answer
    q2 = {r["city"]: (r["shared_themes"], r["shared_networks"]) for r in partner_candidates(G)}
    assert q2 == {
        r["city"]: (sorted(r["shared_themes"]), sorted(r["shared_networks"]))
        for r in rows("partner_candidates")
    }
    q7 = {r["city"]: r["ties"] for r in eligible_partners(G, "eu")}
    assert q7 == {r["city"]: sorted(r["ties"]) for r in rows("eligible_partners", programme="eu")}
    by_number = {q.number: q for q in QUESTIONS}
    q3 = {row[0]["id"] for row in answer(by_number[3], G, HOME)}
    assert q3 == {r["agreement"] for r in rows("dormant_agreements") if HOME in r["parties"]}
    q4 = {row[0]["id"] for row in answer(by_number[4], G, HOME, network="network-medcities")}
    assert q4 == {
        r["organization"] for r in rows("stakeholders_for_network", network="network-medcities")
    }
    q6 = {row[0]["id"] for row in answer(by_number[6], G, HOME)}
    assert q6 == {r["network"] for r in rows("peer_networks")}
    q8 = {row[0]["id"] for row in answer(by_number[8], G, HOME)}
    assert q8 == {r["theme"] for r in rows("theme_gaps")}
    context.pop()


def test_question_2_as_a_synergy_filter(reader, peer_app):
    from graph.analysis.questions import in_our_networks_untied
    from web.store import access

    with peer_app.app_context():
        pool = in_our_networks_untied(access().graph(), HOME)
    assert "city-tr-izmir" in pool or pool  # peers share our networks
    everyone = reader.get("/synergy.json?limit=50").get_json()["results"]
    untied = reader.get("/synergy.json?limit=50&untied=1").get_json()
    assert untied["query"]["untied"] is True
    assert untied["results"] and {r["id"] for r in untied["results"]} <= pool
    assert [r["rank"] for r in untied["results"]] == list(range(1, len(untied["results"]) + 1))
    assert len(untied["results"]) <= len(everyone)


def test_a_theme_listed_as_theme_and_priority_stays_a_priority(reader):
    """Tourism and agriculture are in both of the sample's theme columns: they stay priorities."""
    overview = reader.get("/index.json").get_json()
    assert overview["themes"]["priorities"] == 15


def test_the_dormant_card_says_how_many_and_where_the_rest_are(reader):
    overview = reader.get("/index.json").get_json()
    page = reader.get("/?lang=tr").get_data(as_text=True)
    if overview["dormant_total"] > len(overview["dormant"]):
        assert "/questions#q3" in page and "tüm atıl anlaşmaları gör" in page
    head = page.split('id="dormant-head"')[1].split("</section>")[0]
    assert ">aktif<" not in head and "atıl" in head
