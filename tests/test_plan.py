"""The action plan as data (issue 13): the model on both backends, the plan sheets, the
computed indicators on the sample (networkx and Cypher give the same figures), and
Antalya's plan as the sample holds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import ImportFailed, InvalidData
from graph.model import Node, Relation
from graph.plan.indicators import NAMED_QUERIES, cypher_params, evaluate
from graph.plan.view import plan_view
from graph.stores.base import Store
from graph.stores.changes import ChangeSet
from importers.pipeline import import_path
from tests.conftest import SAMPLE

PLAN = "plan-abb-up-2024-2029"


def small_plan() -> ChangeSet:
    """A home city, a plan with two stages, a committee, an activity and an indicator."""
    return ChangeSet(
        nodes=[
            Node("city-tr-antalya", "City", {"name": "Antalya", "country": "TR", "is_home": True}),
            Node("city-de-nurnberg", "City", {"name": "Nürnberg", "country": "DE"}),
            Node(
                "org-dis-iliskiler", "Organization", {"name": "Dış İlişkiler", "kind": "department"}
            ),
            Node("theme-tourism", "Theme", {"name_en": "Tourism", "name_tr": "Turizm"}),
            Node("plan-up", "Plan", {"name": "UP", "period_start": 2024, "period_end": 2026}),
            Node("stage-up-1", "Stage", {"name": "Başlangıç", "order": 1, "status": "done"}),
            Node("stage-up-2", "Stage", {"name": "Durum tespiti", "order": 2}),
            Node(
                "committee-up-political",
                "Committee",
                {"name": "Siyasi komite", "kind": "political"},
            ),
            Node(
                "activity-up-visit",
                "Activity",
                {"name": "Ziyaret", "status": "planned", "planned_end": "2025-06-30"},
            ),
            Node(
                "indicator-up-visits",
                "Indicator",
                {"name": "Ziyaretler", "target_years": [2025], "targets": [2.0]},
            ),
            Node("measurement-up-visits-2025", "Measurement", {"date": "2025-05-01", "value": 1.0}),
        ],
        relations=[
            Relation("STAGE_OF", "stage-up-1", "plan-up"),
            Relation("STAGE_OF", "stage-up-2", "plan-up"),
            Relation("COMMITTEE_OF", "committee-up-political", "plan-up"),
            Relation("SITS_ON", "org-dis-iliskiler", "committee-up-political", {"role": "chair"}),
            Relation("HAS_THEME", "plan-up", "theme-tourism", {"kind": "priority"}),
            Relation("ACTIVITY_OF", "activity-up-visit", "plan-up"),
            Relation("HAS_THEME", "activity-up-visit", "theme-tourism", {"kind": "focus"}),
            Relation("LED_BY", "activity-up-visit", "org-dis-iliskiler"),
            Relation("CONTRIBUTES_TO", "city-de-nurnberg", "activity-up-visit", {"role": "host"}),
            Relation("INDICATOR_OF", "indicator-up-visits", "plan-up"),
            Relation("MEASUREMENT_OF", "measurement-up-visits-2025", "indicator-up-visits"),
        ],
    )


def test_a_plan_is_stored_and_read_back_the_same_on_each_backend(store: Store) -> None:
    store.apply(small_plan())
    assert store.counts()["Plan"] == 1 and store.counts()["SITS_ON"] == 1
    view = plan_view(store.to_networkx(), as_of="2026-01-01")
    assert [s["name"] for s in view.stages] == ["Başlangıç", "Durum tespiti"]
    assert view.current_stage == "stage-up-2"
    assert view.committees[0]["members"][0]["role"] == "chair"
    (activity,) = view.activities
    assert activity.late and activity.year == 2025
    assert [p["id"] for p in activity.partners] == ["city-de-nurnberg"]
    assert [row["activities"] for row in view.matrix()] == [["activity-up-visit"]]
    (indicator,) = view.indicators
    assert [(y["year"], y["target"], y["measured"]) for y in indicator.years] == [
        (2024, None, None),
        (2025, 2.0, 1.0),
        (2026, None, None),
    ]
    assert indicator.off_track and indicator.current == 1.0


def test_the_model_refuses_a_stage_of_a_city_on_each_backend(store: Store) -> None:
    changes = small_plan()
    changes.relations.append(Relation("STAGE_OF", "stage-up-1", "city-tr-antalya"))
    with pytest.raises(InvalidData, match="STAGE_OF cannot go from Stage to City"):
        store.apply(changes)
    assert store.counts().get("Plan", 0) == 0


def test_an_activity_status_outside_the_vocabulary_is_refused(store: Store) -> None:
    changes = small_plan()
    changes.nodes.append(Node("activity-up-x", "Activity", {"name": "X", "status": "late"}))
    with pytest.raises(InvalidData, match="Activity.status='late' is not one of"):
        store.apply(changes)


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        # Nuremberg (1997), Austin (2009), Cholpon-Ata (2024-09-13); Beyşehir is in Türkiye.
        ("sister_cities_active", "2026-12-04", 3.0),
        ("sister_cities_active", "2024-03-11", 2.0),
        # Hangzhou MoU (2019), Moscow Southern Okrug (undated), Švenčionys (2025).
        ("cooperation_agreements_active", "2026-12-04", 3.0),
        ("cooperation_agreements_active", "2024-03-11", 2.0),
        # 11 active memberships, 3 of them in national networks.
        ("network_memberships_active", "2026-12-04", 8.0),
        # MAtchUP, Gov4GreenMed (2025), NetZeroCities (undated), YİDEP (2026).
        ("eu_funded_projects", "2026-12-04", 4.0),
        ("eu_funded_projects", "2024-03-11", 2.0),
        ("eu_funded_budget_eur", "2026-12-04", 0.0),
    ],
    ids=lambda value: str(value),
)
def test_computed_indicators_count_the_sample(sample_store, name, on, expected) -> None:
    assert evaluate(sample_store.to_networkx(), name, on) == expected


@pytest.mark.neo4j
def test_named_queries_give_the_same_figures_in_cypher_on_neo4j(neo4j_store) -> None:
    import_path(neo4j_store, SAMPLE)
    G = neo4j_store.to_networkx()
    for name, query in NAMED_QUERIES.items():
        for on in ("2010-01-01", "2024-03-11", "2026-12-04"):
            _, rows, _ = neo4j_store.read_query(
                query.cypher, cypher_params(name, "city-tr-antalya", on)
            )
            assert rows[0][0] == evaluate(G, name, on), (name, on)


def test_the_sample_holds_antalyas_plan_with_the_six_stages_of_the_annex(sample_store) -> None:
    view = plan_view(sample_store.to_networkx(), as_of="2026-12-04")
    assert view.id == PLAN
    assert view.props["council_decision_date"] == "2024-03-11"
    assert view.props["council_decision_item"] == 56
    assert (view.first_year, view.last_year) == (2024, 2029)
    assert [s["name_tr"] for s in view.stages] == [
        "Başlangıç aşaması",
        "Durum Tespiti-Analizi",
        "UP taslağının hazırlanması",
        "UP'nin değerlendirilmesi, onaylanması ve yaygınlaştırılması",
        "UP'nin uygulanması",
        "İzleme ve değerlendirme",
    ]
    assert all(s["content_tr"] and s["results_tr"] and s["roles_tr"] for s in view.stages)
    assert {t["id"] for t in view.themes} == {
        "theme-poverty",
        "theme-employment",
        "theme-environment",
        "theme-resilient-cities",
        "theme-clean-energy",
        "theme-sustainable-development",
        "theme-disadvantaged-groups",
    }
    # Nothing invented: no committees, no stage status, no targets; each activity has a source.
    assert {"committees", "stage_status", "targets"} <= set(view.missing)
    assert all(a.props.get("source") for a in view.activities)
    linked = {link["id"] for a in view.activities for link in a.links}
    assert "project-gov4greenmed" in linked and "project-matchup" not in linked
    official = {i.id: i.measurements[0]["value"] for i in view.indicators if i.measurements}
    assert official == {
        "indicator-abb-up-sister-cities": 12.0,
        "indicator-abb-up-cooperation": 10.0,
        "indicator-abb-up-networks": 14.0,
    }


def _plan_folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "text", "where", "what"),
    [
        (
            "plan_stages.csv",
            "plan,order,name\nplan-abb-up-2024-2029,first,X\n",
            "plan_stages.csv:2:2",
            "'first' is not a whole number",
        ),
        (
            "plan_indicators.csv",
            "name,of,query\nX,plan-abb-up-2024-2029,partners_count\n",
            "plan_indicators.csv:2:3",
            "query 'partners_count' is not one of sister_cities_active",
        ),
        (
            "plan_indicators.csv",
            "name,of,targets\nX,plan-abb-up-2024-2029,2025 five\n",
            "plan_indicators.csv:2:3",
            "is not a target: write YEAR: VALUE",
        ),
        (
            "plan_activities.csv",
            "plan,name,status\nno-such-plan,X,planned\n",
            "plan_activities.csv:2:1",
            "unknown plan 'no-such-plan'",
        ),
    ],
    ids=["order", "query", "targets", "plan"],
)
def test_plan_sheets_report_bad_cells_with_file_line_and_column(
    embedded, tmp_path, name, text, where, what
) -> None:
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, _plan_folder(tmp_path, name, text))
    messages = [f"{p.location}: {p.message}" for p in exc.value.report.errors]
    assert any(where in m and what in m for m in messages), messages
    assert embedded.counts().get("Plan", 0) == 0


def test_plan_sheets_may_be_named_in_turkish(embedded, tmp_path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    (folder / "plans.csv").rename(folder / "planlar.csv")
    import_path(embedded, folder)
    assert [n.id for n in embedded.nodes("Plan")] == [PLAN]


def test_activities_find_their_international_partners_through_their_links(sample_store) -> None:
    view = plan_view(sample_store.to_networkx(), as_of="2026-12-04")
    partners = {a.id: [p["id"] for p in a.partners] for a in view.activities}
    assert partners["activity-abb-up-gov4greenmed"] == [
        "city-it-scandicci",
        "city-jo-as-salt",
        "city-tn-nabeul",
    ]
    # Konya is a partner of the project but in Türkiye: not an international partner.
    assert partners["activity-abb-up-green-future-cities"] == ["org-ifc", "org-world-bank"]
    # The work the decision names has no partner yet.
    assert partners["activity-abb-up-secap"] == partners["activity-abb-up-sump"] == []


@pytest.mark.neo4j
def test_the_plan_reads_the_same_after_sync_into_neo4j(sample_store, neo4j_store) -> None:
    from graph.stores.sync import sync

    sync(sample_store, neo4j_store)
    on = "2026-12-04"

    def clean(value):  # the time each record was written differs between the stores
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k != "updated_at"}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    embedded_view = clean(plan_view(sample_store.to_networkx(), as_of=on).to_dict())
    neo4j_view = clean(plan_view(neo4j_store.to_networkx(), as_of=on).to_dict())
    assert neo4j_view == embedded_view
