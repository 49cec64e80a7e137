"""The reports the department writes (issue 13 part 5): their content on the sample, checked
against the graph; Turkish and English; DOCX, PDF and JSON with the same content; an
empty period that says so; the CLI."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from docx import Document

from cli.main import cli
from graph.analysis.dormant import dormant
from graph.analysis.example import example_graph
from graph.errors import EntityNotFound, InvalidData
from graph.plan.indicators import evaluate
from graph.plan.report_model import Paragraph, Report, Table
from graph.plan.reports import build_report
from graph.stores.embedded import EmbeddedStore
from graph.synergy.gaps import gaps
from importers.pipeline import import_path
from importers.report_files import render
from importers.report_html import report_from_dict, to_html
from tests.conftest import SAMPLE

TODAY = "2026-12-04"
HOME = "city-tr-antalya"
PEERS = SAMPLE.parent / "peers"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, SAMPLE)
        import_path(store, PEERS)
    return folder


@pytest.fixture(scope="module")
def G(sample_dir) -> nx.MultiDiGraph:
    with EmbeddedStore(sample_dir / "graph.sqlite") as store:
        return store.to_networkx()


def table(report: Report, caption: str) -> Table:
    (found,) = [t for t in report.tables() if t.caption == caption]
    return found


def texts(report: Report, empty: bool | None = None) -> list[str]:
    return [
        b.text
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Paragraph) and (empty is None or b.empty == empty)
    ]


def out_of_home(G: nx.MultiDiGraph, rtype: str) -> list[str]:
    return [v for _, v, k in G.out_edges(HOME, keys=True) if k == rtype]


# -- situation analysis -------------------------------------------------------------------
def test_situation_counts_the_home_citys_ties_as_the_graph_holds_them(G) -> None:
    report = build_report(G, "situation", "en", today=TODAY)
    expected = {
        "agreement": len(out_of_home(G, "PARTY_TO")),
        "membership": len(out_of_home(G, "MEMBER_OF")),
        "project": len(out_of_home(G, "PARTNER_IN")),
        "event": len(out_of_home(G, "PARTICIPATED_IN")),
    }
    assert report.data["ties"] == expected and expected["agreement"] > 0
    by_type = table(report, "Ties by type")
    assert sum(row[-1] for row in by_type.rows) == sum(expected.values())
    sisters = [a for a in out_of_home(G, "PARTY_TO") if G.nodes[a].get("type") == "sister_city"]
    (row,) = [r for r in by_type.rows if r[0] == "sister-city agreement"]
    assert row[-1] == len(sisters)


def test_ties_by_theme_roll_narrow_themes_up_to_their_broad_theme(G) -> None:
    report = build_report(G, "situation", "en", today=TODAY)
    themes = G.subgraph(n for n, d in G.nodes(data=True) if d.get("label") == "Theme")
    under = nx.ancestors(nx.DiGraph(themes.edges()), "theme-environment") | {"theme-environment"}
    ties = [
        v
        for _, v, k in G.out_edges(HOME, keys=True)
        if k in ("PARTY_TO", "MEMBER_OF", "PARTNER_IN", "PARTICIPATED_IN")
        and any(t in under for _, t, kk in G.out_edges(v, keys=True) if kk == "HAS_THEME")
    ]
    (row,) = [r for r in table(report, "Ties by theme").rows if r[0] == "Environment"]
    assert row[-1] == len(set(ties)) > 0


def test_dormant_agreements_and_gaps_are_those_of_the_analysis(G) -> None:
    report = build_report(G, "situation", "en", today=TODAY)
    asleep = [d for d in dormant(G, today=TODAY, home=HOME) if HOME in {p["id"] for p in d.parties}]
    assert len(table(report, "Dormant ties").rows) == len(asleep) > 0
    rows = table(report, "Strengths and gaps per priority theme").rows
    found = {g.name for g in gaps(G, HOME, today=TODAY)}
    assert {r[0] for r in rows if r[3] == "gap"} == found
    assert {r[0] for r in rows if r[3] == "strength"} and len(rows) == len(
        [
            1
            for _, _, k, d in G.out_edges(HOME, keys=True, data=True)
            if k == "HAS_THEME" and d.get("kind") == "priority"
        ]
    )


def test_peers_are_compared_with_their_own_recorded_ties(G) -> None:
    report = build_report(G, "situation", "tr", today=TODAY)
    rows = {r[0]: r for r in table(report, "Benzer belediyelerle karşılaştırma").rows}
    assert set(rows) == {"Antalya", "İzmir", "Konya", "Mersin"}
    izmir = "city-tr-izmir"
    sisters = [
        a
        for _, a, k in G.out_edges(izmir, keys=True)
        if k == "PARTY_TO" and G.nodes[a].get("type") == "sister_city"
    ]
    memberships = [d for _, _, k, d in G.out_edges(izmir, keys=True, data=True) if k == "MEMBER_OF"]
    assert rows["İzmir"][1] == len(sisters) > 0
    assert rows["İzmir"][3] == sum(d.get("status") in (None, "", "active") for d in memberships)


# -- monitoring and evaluations -----------------------------------------------------------
def test_monitoring_judges_the_activities_of_the_period_against_the_timeline(G) -> None:
    report = build_report(G, "midterm", "en", today=TODAY)
    assert (report.start, report.end) == ("2024-01-01", TODAY)
    counts = report.data["activities"]
    assert counts["late"] == 1  # Green and Future Cities: planned 2024-2025, still in progress
    rows = table(report, "Activities against the timeline").rows
    (late,) = [r for r in rows if r[-1] == "late"]
    assert late[0].startswith("Green and Future Cities")
    activities = [
        a for a, _, k in G.in_edges("plan-abb-up-2024-2029", keys=True) if k == "ACTIVITY_OF"
    ]
    dated = [
        a
        for a in activities
        if any(
            G.nodes[a].get(p) for p in ("planned_start", "planned_end", "actual_start", "plan_year")
        )
    ]
    assert sum(counts.values()) == len(report.data["activity_ids"]) == len(dated)
    assert sorted(report.data["undated"]) == sorted(set(activities) - set(dated))


def test_indicators_show_measured_and_computed_figures(G) -> None:
    this_year = build_report(G, "monitoring", "en", "2026-01-01", TODAY, today=TODAY)
    rows = {r["id"]: r for r in this_year.data["indicators"]}
    sisters = rows["indicator-abb-up-sister-cities"]
    assert sisters["basis"] == "computed"
    assert sisters["actual"] == evaluate(G, "sister_cities_active", TODAY, HOME)
    whole = build_report(G, "midterm", "en", today=TODAY)
    measured = {r["id"]: r for r in whole.data["indicators"]}["indicator-abb-up-sister-cities"]
    assert (measured["actual"], measured["basis"]) == (12.0, "measured")  # the council decision
    assert "No target recorded" in (table(whole, "Indicators against targets").note or "")


def test_new_ties_are_those_dated_within_the_period(G) -> None:
    report = build_report(G, "monitoring", "en", "2026-01-01", TODAY, today=TODAY)
    dates = {"PARTY_TO": "signed_on", "PARTNER_IN": "start_date", "PARTICIPATED_IN": "date"}

    def within(value: object) -> bool:  # a year or a month counts from its first day
        return bool(value) and "2026-01-01" <= (str(value) + "-01-01")[:10] <= TODAY

    expected = {
        v
        for _, v, k, d in G.out_edges(HOME, keys=True, data=True)
        if (k in dates and within(G.nodes[v].get(dates[k])))
        or (k == "MEMBER_OF" and within(d.get("since")))
    }
    assert set(report.data["new_ties"]) == expected and expected


def test_an_empty_period_says_so(G) -> None:
    report = build_report(G, "monitoring", "tr", "1990-01-01", "1990-12-31", today=TODAY)
    assert report.data["new_ties"] == [] and not any(report.data["activities"].values())
    empty = texts(report, empty=True)
    assert "Bu döneme düşen, tarihi girilmiş plan faaliyeti yok." in empty
    assert "Dönem, planın kapsadığı yılların dışında." in empty
    assert "Bu dönemde kaydedilmiş yeni bağ yok." in empty


def test_turkish_and_english_say_the_same_in_their_own_words(G) -> None:
    tr = build_report(G, "monitoring", "tr", "2025-01-01", "2025-12-31", today=TODAY)
    en = build_report(G, "monitoring", "en", "2025-01-01", "2025-12-31", today=TODAY)
    assert (tr.title, en.title) == ("İzleme raporu", "Monitoring report")
    assert tr.data == en.data
    assert [len(t.rows) for t in tr.tables()] == [len(t.rows) for t in en.tables()]
    assert [c["number"] for c in tr.contents()] == [c["number"] for c in en.contents()]
    assert tr.contents()[-1]["title"] == "Kaynaklar" and en.contents()[-1]["title"] == "Sources"
    assert [t.number for t in tr.tables()] == list(range(1, len(tr.tables()) + 1))
    assert "Antalya Büyükşehir Belediye Meclisi, 11.03.2024, madde 56" in dict(tr.facts).values()
    assert any("madde 56" in s for s in tr.sources)


def test_a_report_refuses_what_it_cannot_make() -> None:
    G = example_graph()
    assert build_report(G, "situation", "en", end="2025-01-01").sections
    with pytest.raises(EntityNotFound, match="no plan"):
        build_report(G, "monitoring", "en")
    with pytest.raises(InvalidData, match="unknown report"):
        build_report(G, "weekly", "en")
    with pytest.raises(InvalidData, match="before it starts"):
        build_report(G, "situation", "en", "2025-12-01", "2025-01-01")


# -- formats --------------------------------------------------------------------------------
def test_docx_opens_with_the_title_headings_numbered_tables_and_charts(G) -> None:
    report = build_report(G, "situation", "tr", today=TODAY)
    doc = Document(io.BytesIO(render(report, "docx")))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Title", "Durum tespiti") in styled
    headings = [text for style, text in styled if style.startswith("Heading")]
    assert headings == ["İçindekiler"] + [f"{s.number} {s.title}" for s in report.sections] + [
        "Kaynaklar"
    ]
    captions = [text for style, text in styled if style == "Caption"]
    assert (
        captions[0] == "Tablo 1: Temalara göre bağlar"
        and "Şekil 1: Temalara göre bağlar" in captions
    )
    assert len(doc.tables) == len(report.tables()) + 1  # and the facts of the title page
    assert len(doc.inline_shapes) == len(report.charts())
    first = doc.tables[1]
    assert [c.text for c in first.rows[0].cells] == report.tables()[0].columns


def test_pdf_and_json_carry_the_same_report(G) -> None:
    report = build_report(G, "monitoring", "en", "2026-01-01", TODAY, today=TODAY)
    pdf = render(report, "pdf")
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 20_000
    data = json.loads(render(report, "json"))
    assert data["title"] == "Monitoring report" and data["contents"] == report.contents()
    assert report_from_dict(data).to_dict() == report.to_dict()


def test_html_escapes_everything_from_the_graph() -> None:
    report = Report("situation", "en", "<b>T</b>", "<script>x</script>", None, "2025-01-01")
    section = report.section("<i>S</i>")
    report.table(section, "<u>C</u>", ["<th>"], [["<img src=x onerror=alert(1)>"]])
    report.chart(section, "<svg>", ["<a>"], [("<s>", [1.0])])
    html = to_html(report)
    for raw in ("<b>T", "<script>x", "<i>S", "<u>C", "<img src=x", "<a>", "<s>"):
        assert raw not in html


# -- the command line -----------------------------------------------------------------------
def test_cli_writes_each_format_and_explains_a_bad_period(sample_dir, tmp_path) -> None:
    runner = CliRunner()
    env = {"DIPLOMAP_DATA_DIR": str(sample_dir), "DIPLOMAP_BACKEND": "embedded"}
    out = tmp_path / "izleme.docx"
    result = runner.invoke(
        cli,
        [
            "report",
            "monitoring",
            "--lang",
            "tr",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "-o",
            str(out),
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "İzleme raporu" in result.output
    assert Document(str(out)).core_properties.title.startswith("İzleme raporu")
    result = runner.invoke(cli, ["report", "final", "--format", "json", "-o", "-"], env=env)
    assert json.loads(result.output)["end"] == "2029-12-31"
    result = runner.invoke(
        cli,
        ["report", "monitoring", "--lang", "tr", "--from", "2025-12", "--to", "2025-01"],
        env=env,
    )
    assert result.exit_code == 1 and "dönem başlamadan bitiyor" in result.output
    assert "Traceback" not in result.output


def test_reports_count_each_tie_once_per_group(G) -> None:
    report = build_report(G, "situation", "en", today=TODAY)
    states = Counter(report.data["states"])
    assert sum(states.values()) == sum(report.data["ties"].values())
