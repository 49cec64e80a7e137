"""Diverse suggestions: one row per piece of evidence, and why fewer than asked (TR/EN)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.analysis.example import example_graph
from graph.synergy.diversity import lead_evidence
from graph.synergy.ranking import suggest

MATCHUP = "project-matchup"


@pytest.fixture
def sample_graph(sample_store):
    return sample_store.to_networkx()


def test_the_top_ten_never_repeat_one_piece_of_evidence(sample_graph):
    plain = suggest(sample_graph, limit=10, diverse=False, today="2025-06-01")
    plain_leads = [(lead_evidence(s) or {}).get("id") for s in plain]
    assert plain_leads.count(MATCHUP) >= 2  # what the issue saw: one consortium, many rows
    diverse = suggest(sample_graph, limit=10, today="2025-06-01")
    # the sample alone has few candidates: then the folded ones are counted in the shortfall
    assert len(diverse) == 10 or diverse.shortfall.folded >= plain_leads.count(MATCHUP) - 1
    leads = [(lead_evidence(s) or {}).get("id") for s in diverse]
    leads = [k for k in leads if k]
    assert len(leads) == len(set(leads))
    scores = [s.score for s in diverse]
    assert scores == sorted(scores, reverse=True)


def test_partners_of_one_completed_project_become_one_group_with_a_count(sample_graph):
    everyone = suggest(sample_graph, limit=None, diverse=False, today="2025-06-01")
    partners = [s for s in everyone if (lead_evidence(s) or {}).get("id") == MATCHUP]
    diverse = suggest(sample_graph, limit=10, today="2025-06-01")
    grouped = [s for s in diverse if s.group and s.group["evidence"]["id"] == MATCHUP]
    assert len(grouped) == 1
    head = grouped[0]
    assert head.id == partners[0].id  # the best of them stands for the group
    assert head.group["count"] == len(partners)
    assert [m["id"] for m in head.group["members"]] == [s.id for s in partners[1:]]
    assert head.reasons["en"][0].startswith(f"One of {len(partners)} partners of our project")
    assert f"{len(partners)} ortaktan biri; diğerleri:" in head.reasons["tr"][0]
    assert head.to_dict()["group"]["count"] == len(partners)


def test_without_diversity_nothing_is_grouped(sample_graph):
    assert all(s.group is None for s in suggest(sample_graph, limit=30, diverse=False))


def test_fewer_than_asked_says_why_in_english_and_turkish():
    G = example_graph()
    found = suggest(G, limit=10, today="2025-01-01")
    assert len(found) == 4
    why = found.shortfall.to_dict()
    assert (why["asked"], why["shown"], why["reached"], why["filtered"]) == (10, 4, 4, 0)
    assert why["reasons"]["en"].startswith("Only 4 of the 10 suggestions asked for: 4 candidates")
    assert why["reasons"]["tr"].startswith("İstenen 10 önerinin yalnızca 4 tanesi var")
    filtered = suggest(G, limit=10, countries=["DE"], today="2025-01-01").shortfall
    assert filtered.filtered == 3 and filtered.filters == ["country"]
    assert "süzgeçler (ülke) 3 tanesini çıkardı" in filtered.sentence["tr"]
    none = suggest(G, limit=10, kinds=["City"], eligible=["eu"], today="2025-01-01")
    assert not none and none.shortfall.sentence["en"].startswith("None of the 10 suggestions")
    assert suggest(G, limit=2, today="2025-01-01").shortfall is None


def test_cli_suggest_says_why_there_are_fewer(tmp_path, monkeypatch):
    from cli.main import cli
    from tests.conftest import SAMPLE

    monkeypatch.delenv("DIPLOMAP_HOME", raising=False)
    monkeypatch.setenv("DIPLOMAP_BACKEND", "embedded")
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    assert runner.invoke(cli, [*data, "import", str(SAMPLE)]).exit_code == 0
    tr = runner.invoke(cli, [*data, "suggest", "--limit", "500", "--lang", "tr"])
    assert tr.exit_code == 0, tr.output
    assert "İstenen 500 önerinin yalnızca" in tr.output
    en = runner.invoke(cli, [*data, "suggest", "--limit", "10", "--format", "csv"])
    assert "One of 6 partners of our project MAtchUP" in en.stdout
    assert "are grouped under a suggestion with the same evidence" in en.stderr


def test_synergy_page_shows_groups_and_the_shortfall(viewer_client):
    ranking = viewer_client.get("/synergy.json?limit=3").get_json()
    groups = [r for r in ranking["results"] if r["group"]]
    assert groups and ranking["shortfall"] is None
    assert groups[0]["group"]["members_linked"][0]["url"].startswith("/entity/")
    page = viewer_client.get("/synergy?limit=10&lang=en").get_data(as_text=True)
    assert "Grouped here (" in page
    few = viewer_client.get("/synergy.json?limit=200&lang=tr").get_json()["shortfall"]
    assert few["asked"] == 200 and few["text"].startswith("İstenen 200 önerinin yalnızca")
    html = viewer_client.get("/synergy?limit=200&lang=tr").get_data(as_text=True)
    assert 'id="shortfall"' in html and "Burada toplananlar (" in html


def test_every_suggestion_names_its_source_and_whether_it_is_reference_data(sample_store, tmp_path):
    from graph.reference.layer import load_reference
    from tests.test_reference_layer import small_pack

    load_reference(sample_store, small_pack(tmp_path))
    found = suggest(sample_store.to_networkx(), limit=None, diverse=False, today="2025-06-01")
    public = [s for s in found if s.reference]
    assert public, "a reference city reached through our sister city Nuremberg"
    assert all("Wikipedia" in s.source or "Wikidata" in s.source for s in public)
    assert all(s.to_dict()["source"] == s.source for s in found)
    ours = [s for s in found if not s.reference]
    assert ours and all(not s.to_dict()["reference"] for s in ours)
