"""``diplomap plan``: where the plan stands, its activities, partner needs and indicators, from
the command line, in Turkish and English, on the embedded store and on Neo4j (issue 13)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.plan.needs import partner_needs
from graph.plan.view import plan_view
from graph.stores.embedded import EmbeddedStore
from importers.pipeline import import_path
from tests.conftest import SAMPLE

TODAY = "2026-12-04"


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("plan-cli")
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, SAMPLE)
    return {"DIPLOMAP_DATA_DIR": str(folder), "DIPLOMAP_BACKEND": "embedded"}


def run(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(cli, ["plan", *args, "--today", TODAY], env=env)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def test_show_names_the_plan_its_six_stages_and_what_is_missing(env) -> None:
    out = run(env, "show", "--lang", "tr")
    assert "Uluslararasılaşma Eylem Planı" in out and "madde 56" in out
    for stage in ("Başlangıç", "Durum Tespiti", "İzleme ve değerlendirme"):
        assert stage in out
    assert "Faaliyetler (10)" in out and "gecikmiş: 1" in out
    assert "Eksik: hiçbir göstergenin hedefi yok" in out
    english = run(env, "show", "--lang", "en")
    assert "Stages" in english and "Activities (10)" in english and "Aşamalar" not in english
    data = json.loads(run(env, "show", "--format", "json"))
    assert len(data["stages"]) == 6 and sum(data["states"].values()) == 10


def test_activities_late_lists_exactly_the_late_one(env) -> None:
    with EmbeddedStore(f"{env['DIPLOMAP_DATA_DIR']}/graph.sqlite") as store:
        view = plan_view(store.to_networkx(), as_of=TODAY)
    late = [a.id for a in view.activities if a.late]
    data = json.loads(run(env, "activities", "--late", "--format", "json"))
    assert [a["id"] for a in data] == late == ["activity-abb-up-green-future-cities"]
    assert all(a["judged"] == "late" for a in data)
    table = run(env, "activities", "--late", "--lang", "tr")
    assert "gecikmiş" in table and "sürüyor" not in table
    assert "No activity matches." in run(env, "activities", "--year", "1990", "--lang", "en")


def test_needs_match_the_library_and_name_candidates_and_stakeholders(env) -> None:
    with EmbeddedStore(f"{env['DIPLOMAP_DATA_DIR']}/graph.sqlite") as store:
        G = store.to_networkx()
    expected = partner_needs(G, plan_view(G).id, today=TODAY)
    data = json.loads(run(env, "needs", "--format", "json"))
    assert [n["id"] for n in data] == [n.id for n in expected]
    secap = next(n for n in data if n["id"] == "activity-abb-up-secap")
    assert secap["candidates"] and secap["stakeholders"] and secap["networks"]
    table = run(env, "needs", "--lang", "tr")
    assert "Ortağı olmayanlar" in table and "(faaliyet)" in table and "(tema)" in table


def test_indicators_say_when_no_target_is_recorded(env) -> None:
    table = run(env, "indicators", "--lang", "tr")
    assert "Göstergeler" in table and "hedef kayıtlı değil" in table
    data = json.loads(run(env, "indicators", "--format", "json"))
    assert len(data) == 4 and all(i["current"] is not None for i in data)


def test_an_unknown_plan_is_a_clear_error(env) -> None:
    result = CliRunner().invoke(cli, ["plan", "show", "--plan", "plan-nope"], env=env)
    assert result.exit_code != 0 and "plan-nope" in result.output
    assert "Traceback" not in result.output


@pytest.mark.neo4j
def test_plan_needs_on_neo4j_agree_with_the_embedded_store(env, neo4j_store, neo4j_settings):
    import_path(neo4j_store, SAMPLE)
    on_neo4j = {
        "DIPLOMAP_DATA_DIR": env["DIPLOMAP_DATA_DIR"],
        "DIPLOMAP_BACKEND": "neo4j",
        "NEO4J_URI": neo4j_settings["NEO4J_URI"],
        "NEO4J_PASSWORD": neo4j_settings["NEO4J_PASSWORD"] or "",
        "NEO4J_DATABASE": neo4j_settings["NEO4J_DATABASE"],
    }

    def read(where: dict[str, str], *args: str) -> list:
        rows = json.loads(run(where, *args))
        for row in rows:
            row.get("props", {}).pop("updated_at", None)  # when each store was written
        return rows

    for args in (("needs", "--format", "json"), ("indicators", "--format", "json")):
        assert read(on_neo4j, *args) == read(env, *args)
