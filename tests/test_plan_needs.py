"""The plan meets the network (issue 13 part 4): activities and themes without a partner with
their candidates, networks, stakeholders and funding; the overview cards; on the sample."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.dormant import dormant
from graph.model import Node, Relation
from graph.plan.cards import plan_cards
from graph.plan.needs import partner_needs
from graph.stores.changes import ChangeSet
from graph.stores.embedded import EmbeddedStore
from graph.synergy.ranking import suggest
from graph.synergy.stakeholders import stakeholders_for
from importers.pipeline import import_path
from tests.conftest import SAMPLE

TODAY = "2026-12-04"
PLAN = "plan-abb-up-2024-2029"
HOME = "city-tr-antalya"


@pytest.fixture(scope="module")
def G(tmp_path_factory) -> nx.MultiDiGraph:
    folder: Path = tmp_path_factory.mktemp("needs")
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, SAMPLE)
        import_path(store, SAMPLE.parent / "peers")
        return store.to_networkx()


def test_activities_without_a_partner_get_candidates_networks_stakeholders_and_funding(G) -> None:
    needs = {n.id: n for n in partner_needs(G, PLAN, today=TODAY)}
    secap = needs["activity-abb-up-secap"]
    assert secap.kind == "activity" and [t["id"] for t in secap.themes] == ["theme-secap"]
    expected = [s.id for s in suggest(G, "theme-secap", limit=5, today=TODAY, home=HOME)]
    assert [c["id"] for c in secap.candidates] == expected and expected
    assert {n["id"] for n in secap.networks} >= {
        n
        for n, d in G.nodes(data=True)
        if d.get("label") == "Network"
        and any(t == "theme-secap" for _, t, k in G.out_edges(n, keys=True) if k == "HAS_THEME")
    }
    people = [m.id for m in stakeholders_for(G, "theme-secap", HOME)][:5]
    assert [p["id"] for p in secap.stakeholders] == people
    ids = [f["id"] for f in secap.funding]
    assert ids[:2] == ["ipa", "next-med"]  # Türkiye's flags in the country table
    assert any(f["projects"] for f in secap.funding if f["id"] is None)


def test_activities_with_a_linked_partner_are_not_listed(G) -> None:
    needs = {n.id for n in partner_needs(G, PLAN, today=TODAY)}
    # Gov4GreenMed is linked to its project, whose partners are the activity's partners.
    assert "activity-abb-up-gov4greenmed" not in needs
    assert "activity-abb-up-cholpon-ata" not in needs
    # Plan themes that no partnered activity works on are listed as themes.
    assert {"theme-employment", "theme-poverty"} <= needs
    assert "theme-environment" not in needs


def test_cards_on_the_sample(G) -> None:
    cards = plan_cards(G, PLAN, today=TODAY)
    assert [a["id"] for a in cards["late"]] == ["activity-abb-up-green-future-cities"]
    assert cards["due_this_quarter"] == [] and cards["off_track"] == []
    asleep = {
        p["id"]
        for t in dormant(G, today=TODAY, home=HOME)
        for p in t.parties
        if HOME in {x["id"] for x in t.parties}
    }
    tied = {(d["id"], d["activity"]["id"]) for d in cards["dormant_partners"]}
    assert ("city-kg-cholpon-ata", "activity-abb-up-cholpon-ata") in tied
    assert {d["id"] for d in cards["dormant_partners"]} <= asleep


def test_cards_find_due_late_and_off_track(tmp_path) -> None:
    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        store.apply(
            ChangeSet(
                nodes=[
                    Node(
                        "city-tr-antalya",
                        "City",
                        {"name": "Antalya", "country": "TR", "is_home": True},
                    ),
                    Node(
                        "plan-up", "Plan", {"name": "UP", "period_start": 2026, "period_end": 2027}
                    ),
                    Node(
                        "activity-due",
                        "Activity",
                        {"name": "Due", "status": "in_progress", "planned_end": "2026-12-20"},
                    ),
                    Node(
                        "activity-done",
                        "Activity",
                        {"name": "Done", "status": "done", "planned_end": "2026-11-01"},
                    ),
                    Node(
                        "indicator-n",
                        "Indicator",
                        {"name": "N", "target_years": [2026], "targets": [4.0]},
                    ),
                    Node("measurement-n", "Measurement", {"date": "2026-06-30", "value": 1.0}),
                ],
                relations=[
                    Relation("ACTIVITY_OF", "activity-due", "plan-up"),
                    Relation("ACTIVITY_OF", "activity-done", "plan-up"),
                    Relation("INDICATOR_OF", "indicator-n", "plan-up"),
                    Relation("MEASUREMENT_OF", "measurement-n", "indicator-n"),
                ],
            )
        )
        G = store.to_networkx()
    cards = plan_cards(G, today=TODAY)
    assert [a["id"] for a in cards["due_this_quarter"]] == ["activity-due"]
    assert cards["late"] == []  # the finished one is never late
    assert [(i["id"], i["current"]) for i in cards["off_track"]] == [("indicator-n", 1.0)]
    assert plan_cards(G, today="2027-01-02")["late"][0]["id"] == "activity-due"


def test_the_monitoring_report_lists_what_has_no_partner(G) -> None:
    from graph.plan.reports import build_report

    report = build_report(G, "monitoring", "tr", today=TODAY)
    expected = [n.id for n in partner_needs(G, PLAN, home=HOME, today=TODAY, limit=3)]
    assert report.data["needs"] == expected and expected
    (table,) = [t for t in report.tables() if t.caption == "Ortağı olmayan faaliyetler ve temalar"]
    assert len(table.rows) == len(expected)
