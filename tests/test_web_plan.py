"""The plan pages (issue 13, part 3): the overview, an activity and an indicator, in Turkish
and English, with JSON twins that hold what the HTML shows."""

from __future__ import annotations

import re

import pytest

from graph.plan.indicators import evaluate
from graph.plan.view import plan_view
from tests.web_fixtures import sign_in
from web.store import access

PLAN = "plan-abb-up-2024-2029"
AS_OF = "2026-12-04"


@pytest.fixture
def viewer(client):
    sign_in(client, "viewer")
    return client


def test_plan_overview_twin_holds_the_six_stages_matrix_timeline_and_indicators(app, viewer):
    data = viewer.get(f"/plan.json?as_of={AS_OF}").get_json()
    assert data["id"] == PLAN and data["period"] == [2024, 2029]
    assert len(data["stages"]) == 6 and data["current_stage"] is None
    assert {"committees", "stage_status", "targets"} <= set(data["missing"])
    with app.app_context():
        expected = plan_view(access().graph(), PLAN, AS_OF)
    assert [t["id"] for t in data["matrix"]["themes"]] == [t["id"] for t in expected.themes]
    assert [r["id"] for r in data["matrix"]["rows"]] == [a.id for a in expected.activities]
    secap = next(r for r in data["matrix"]["rows"] if r["id"] == "activity-abb-up-secap")
    environment = [t["id"] for t in data["matrix"]["themes"]].index("theme-environment")
    assert secap["marks"][environment]  # SECAP sits under Environment in the catalogue
    assert [a["id"] for a in data["late"]] == ["activity-abb-up-green-future-cities"]
    late_row = next(r for r in data["gantt"]["rows"] if r["late"])
    assert late_row["id"] == "activity-abb-up-green-future-cities" and late_row["x"] is not None
    by_id = {i["id"]: i for i in data["indicators"]}
    with app.app_context():
        G = access().graph()
        assert by_id["indicator-abb-up-networks"]["current"] == evaluate(
            G, "network_memberships_active", AS_OF
        )
    years = by_id["indicator-abb-up-sister-cities"]["years"]
    assert years[0] == {"year": 2024, "target": None, "measured": 12.0, "computed": 3.0}
    # Cholpon-Ata (2024-09-13) counts at the end of 2024; 2029 lies after the date of the view.
    assert years[-1]["computed"] is None


def test_plan_overview_draws_every_figure_of_its_twin(viewer):
    html = viewer.get(f"/plan?as_of={AS_OF}").get_data(as_text=True)
    data = viewer.get(f"/plan.json?as_of={AS_OF}").get_json()
    assert html.count('class="stage ') == 6
    assert html.count('<svg class="ind-chart"') == len(data["indicators"])
    assert html.count('<table class="compact">') >= len(data["indicators"])
    bars = re.findall(r'<rect class="ibar (\w+)"', html)
    drawn = sum(
        1
        for i in data["indicators"]
        for y in i["years"]
        for k in ("target", "measured", "computed")
        if y[k] is not None
    )
    assert len(bars) == drawn
    assert html.count('class="gbar late') == len(data["late"])


@pytest.mark.parametrize(
    ("lang", "words", "not_words"),
    [
        (
            "tr",
            ["Aşamalar", "Temalar ve faaliyetler", "Gecikmiş faaliyetler", "Başlangıç aşaması"],
            ["Stages", "Late activities", "Still to enter"],
        ),
        (
            "en",
            ["Stages", "Themes and activities", "Late activities", "Initiation"],
            ["Gecikmiş faaliyetler", "Henüz girilecekler"],
        ),
    ],
    ids=["tr", "en"],
)
def test_plan_overview_speaks_the_chosen_language(viewer, lang, words, not_words):
    html = viewer.get(f"/plan?as_of={AS_OF}&lang={lang}").get_data(as_text=True)
    for word in words:
        assert word in html, word
    for word in not_words:
        assert word not in html, word


def test_activity_page_and_twin_show_its_links_sources_and_lateness(viewer):
    data = viewer.get(
        f"/plan/activity/activity-abb-up-green-future-cities.json?as_of={AS_OF}"
    ).get_json()
    assert data["late"] and data["status"] == "in_progress"
    assert [link["id"] for link in data["links"]] == ["project-green-future-cities"]
    assert [p["id"] for p in data["partners"]] == ["org-ifc", "org-world-bank"]
    assert data["sources"] and data["sources"][0]["url"].startswith("https://")
    assert data["plan"]["id"] == PLAN
    html = viewer.get(f"/plan/activity/activity-abb-up-green-future-cities?as_of={AS_OF}")
    assert html.status_code == 200 and "project-green-future-cities" in html.get_data(as_text=True)


def test_indicator_page_and_twin_hold_the_official_count_and_its_source(viewer):
    data = viewer.get(f"/plan/indicator/indicator-abb-up-networks.json?as_of={AS_OF}").get_json()
    (official,) = data["measurements"]
    assert official["value"] == 14.0 and "11.03.2024" in official["source"]
    assert data["query"]["id"] == "network_memberships_active"
    html = viewer.get(f"/plan/indicator/indicator-abb-up-networks?as_of={AS_OF}").get_data(
        as_text=True
    )
    assert '<svg class="ind-chart"' in html and "<table" in html


@pytest.mark.parametrize(
    "path",
    [
        "/plan/activity/city-de-nuremberg.json",
        "/plan/indicator/nothing-here.json",
        "/plan.json?plan=x",
    ],
    ids=["not-an-activity", "unknown-indicator", "unknown-plan"],
)
def test_plan_pages_answer_404_with_a_next_step(viewer, path):
    response = viewer.get(path)
    assert response.status_code == 404
    assert response.get_json()["error"]["hint"]


def test_a_bad_date_is_refused_with_the_format_to_use(viewer):
    response = viewer.get("/plan.json?as_of=yesterday")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.get_json()["error"]["hint"]


def test_plan_page_without_a_plan_says_what_to_import(make_app):
    app = make_app()
    client = app.test_client()
    sign_in(client, "viewer")
    data = client.get("/plan.json").get_json()
    assert data["id"] is None and data["missing"] == ["plan"]
    assert "Plan aşamaları" in client.get("/plan").get_data(as_text=True)
    assert "plan_stages" in client.get("/plan?lang=en").get_data(as_text=True)


def test_budget_by_funding_source_is_drawn_with_its_table(make_app):
    from graph.model import Node, Relation
    from graph.stores.changes import ChangeSet

    def activity(n: int, funding: str, budget: float) -> Node:
        props = {"name": f"A{n}", "funding_source": funding, "budget_eur": budget}
        return Node(f"activity-a{n}", "Activity", props)

    nodes = [
        Node("plan-p", "Plan", {"name": "P", "period_start": 2025, "period_end": 2026}),
        activity(1, "Interreg NEXT MED", 250_000.0),
        activity(2, "Interreg NEXT MED", 50_000.0),
        activity(3, "Erasmus+", 80_000.0),
    ]
    rels = [Relation("ACTIVITY_OF", n.id, "plan-p") for n in nodes[1:]]
    app = make_app(ChangeSet(nodes=nodes, relations=rels))
    client = app.test_client()
    sign_in(client, "viewer")
    data = client.get("/plan.json?lang=en").get_json()
    assert [(b["funding_source"], b["budget_eur"], b["activities"]) for b in data["budget"]] == [
        ("Interreg NEXT MED", 300_000.0, 2),
        ("Erasmus+", 80_000.0, 1),
    ]
    html = client.get("/plan?lang=en").get_data(as_text=True)
    assert html.count('<rect class="bbar"') == 2
    assert "Interreg NEXT MED" in html and "No activity has a budget yet" not in html


@pytest.mark.parametrize(
    ("entity", "target"),
    [
        (PLAN, f"/plan?plan={PLAN}"),
        ("activity-abb-up-secap", "/plan/activity/activity-abb-up-secap"),
        ("indicator-abb-up-networks", "/plan/indicator/indicator-abb-up-networks"),
    ],
    ids=["plan", "activity", "indicator"],
)
def test_entity_pages_of_plan_records_open_them_in_the_plan(viewer, entity, target):
    html = viewer.get(f"/entity/{entity}").get_data(as_text=True)
    assert f'href="{target}"' in html
    assert viewer.get(target).status_code == 200


def test_the_overview_and_an_unpartnered_activity_say_who_could_help(app, viewer):
    """Issue 13 part 4 in the pages: each activity and theme without a partner, with its
    candidates (and their reason), networks, local stakeholders and funding."""
    from graph.plan.needs import partner_needs

    with app.app_context():
        expected = partner_needs(access().graph(), PLAN, today=AS_OF)
    data = viewer.get(f"/plan.json?as_of={AS_OF}").get_json()
    assert [n["id"] for n in data["needs"]] == [n.id for n in expected]
    secap = next(n for n in data["needs"] if n["id"] == "activity-abb-up-secap")
    want = next(n for n in expected if n.id == "activity-abb-up-secap")
    assert [c["id"] for c in secap["candidates"]] == [c["id"] for c in want.candidates]
    assert secap["candidates"][0]["reason"] and secap["stakeholders"] and secap["funding"]
    html = viewer.get(f"/plan?as_of={AS_OF}&lang=tr").get_data(as_text=True)
    assert "Ortağı olmayanlar: kim yardımcı olabilir" in html
    assert html.count('class="card need"') == len(expected)
    page = viewer.get(f"/plan/activity/activity-abb-up-secap.json?as_of={AS_OF}").get_json()
    assert page["help"]["id"] == "activity-abb-up-secap"
    assert page["help"]["candidates"] == secap["candidates"]
    html = viewer.get(f"/plan/activity/activity-abb-up-secap?as_of={AS_OF}&lang=en")
    assert "No partner yet: who could help" in html.get_data(as_text=True)
    # An activity with a partner has no such section.
    partnered = viewer.get(
        f"/plan/activity/activity-abb-up-gov4greenmed.json?as_of={AS_OF}"
    ).get_json()
    assert partnered["help"] is None
