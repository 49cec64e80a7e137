"""Consortia for a call (issue 14 part 5): the programme rules as data, the engine on the
sample, the CLI, the page with its JSON twin and XLSX download, and the Neo4j backend."""

from __future__ import annotations

import io
import json
from itertools import combinations

import pycountry
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli.main import cli
from graph.analysis.example import example_graph
from graph.errors import InvalidData
from graph.reference.programmes import Member, load, programme
from graph.synergy.consortium import SIZES, consortia
from tests.conftest import SAMPLE
from tests.web_fixtures import signed_in

TODAY = "2026-12-04"
PEERS = SAMPLE.parent / "peers"
#: (theme, programme) pairs the sample can answer, with the rules of each programme.
ANSWERABLE = [
    ("theme-clean-energy", "horizon-europe"),
    ("theme-clean-energy", "erasmus-cooperation"),
    ("theme-clean-energy", "interreg-next-med"),
    ("theme-waste-circular-economy", "interreg-next-med"),
    ("theme-tourism", "horizon-europe"),
]


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    """The Antalya sample with its peers, in an embedded store, as a graph."""
    from graph.stores.embedded import EmbeddedStore
    from importers.pipeline import import_path

    folder = tmp_path_factory.mktemp("consortium")
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, SAMPLE)
        import_path(store, PEERS)
        return store.to_networkx()


# -- the rules as data ----------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(load()))
def test_every_programme_names_the_public_document_of_its_rules(key):
    rules = load()[key]
    source = rules.source
    assert source["title"] and source["version"], key
    assert source["url"].startswith("https://"), key
    assert source["states_en"] and source["states_tr"], key
    assert rules.notes["en"] and rules.notes["tr"], key
    assert rules.name_en and rules.name_tr and rules.name_en != rules.id
    assert rules.min_partners >= 2 and rules.min_countries >= 2
    for group in rules.groups + tuple(g for g, _ in rules.at_least):
        assert group.countries and group.source, (key, group.id)


def test_every_country_of_the_rules_is_an_iso_code():
    codes = set().union(*(g.countries for p in load().values() for g in p.groups))
    assert codes, "no country at all"
    odd = [c for c in codes if not (c == "XK" or pycountry.countries.get(alpha_2=c))]
    assert not odd  # YAML reads a bare NO (Norway) as false: the file quotes every code
    assert len(programme("horizon-europe").groups[0].countries) == 27  # the EU member states


@pytest.mark.parametrize(
    "key, eligible",
    [
        ("horizon-europe", True),
        ("erasmus-cooperation", True),
        ("interreg-next-med", True),
        ("cerv-town-twinning", False),
    ],
)
def test_turkiye_takes_part_where_the_documents_say_it_does(key, eligible):
    assert programme(key).is_eligible("TR") is eligible
    assert programme(key).is_eligible("CN") is False


@pytest.mark.parametrize(
    "text, key",
    [
        ("next med", "interreg-next-med"),
        ("Ufuk Avrupa", "horizon-europe"),
        ("CERV", "cerv-town-twinning"),
    ],
    ids=["part of the id", "turkish name", "acronym"],
)
def test_a_programme_is_found_by_id_or_name(text, key):
    assert programme(text).id == key


def test_an_unknown_programme_lists_the_known_ones():
    with pytest.raises(InvalidData) as caught:
        programme("Marshall Plan")
    assert all(key in caught.value.hint for key in load())


def test_a_failing_rule_names_what_breaks_it():
    rules = programme("interreg-next-med")
    members = [Member("Antalya", "TR", "City"), Member("Mersin", "TR", "City"),
               Member("Konya", "TR", "City"), Member("Kunming", "CN", "City")]  # fmt: skip
    checks = {c.rule: c for c in rules.checks(members)}
    assert not checks["eligible"].ok and "Kunming (China)" in checks["eligible"].text["en"]
    assert "Kunming (Çin)" in checks["eligible"].text["tr"]
    assert not checks["max_per_country"].ok and "Türkiye" in checks["max_per_country"].text["en"]
    assert not checks["at_least:next-med-eu"].ok and checks["at_least:next-med-partner"].ok
    assert not checks["min_countries"].ok


# -- the engine on the sample ---------------------------------------------------------------
@pytest.mark.parametrize("theme, key", ANSWERABLE)
def test_every_consortium_meets_its_programmes_rules(sample_graph, theme, key):
    found = consortia(sample_graph, theme, key, today=TODAY)
    rules = programme(key)
    assert len(found.consortia) >= 2, found.why
    for c in found.consortia:
        assert c.partners[0].id == "city-tr-antalya" and c.partners[0].role == "coordinator"
        assert SIZES[0] <= len(c.partners) <= SIZES[1]
        assert len({p.id for p in c.partners}) == len(c.partners)
        again = rules.checks([Member(p.name, p.country, p.label) for p in c.partners])
        assert all(check.ok for check in again) and c.ok
        assert [k.rule for k in c.checks] == [k.rule for k in again]
        assert all(p.reasons["en"] and p.reasons["tr"] for p in c.partners)


@pytest.mark.parametrize("theme, key", ANSWERABLE)
def test_consortia_share_at_most_half_of_their_partners(sample_graph, theme, key):
    found = consortia(sample_graph, theme, key, today=TODAY)
    for a, b in combinations(found.consortia, 2):
        ours, theirs = {p.id for p in a.partners[1:]}, {p.id for p in b.partners[1:]}
        assert len(ours & theirs) <= len(theirs) // 2, (ours, theirs)


def test_our_ties_on_the_theme_come_first(sample_graph):
    """Gov4GreenMed's partners work on waste with us: the first consortium is made of them."""
    first = consortia(sample_graph, "theme-waste-circular-economy", "interreg-next-med",
                      today=TODAY).consortia[0]  # fmt: skip
    partners = first.partners[1:]
    assert all(p.tie and p.tie["live"] and p.on_theme == "exact" for p in partners)
    assert {"city-it-scandicci", "city-tn-nabeul", "city-jo-as-salt"} <= {p.id for p in partners}
    assert partners[0].reasons["en"][0].startswith("Partner with us in Gov4GreenMed")
    assert partners[0].reasons["tr"][0] == "Gov4GreenMed projesinde ortağımız"
    strengths = " ".join(first.strengths["en"])
    assert "partners in our running projects" in strengths and "work on" in strengths


def test_strengths_and_weaknesses_are_said_in_both_languages(sample_graph):
    found = consortia(sample_graph, "theme-clean-energy", "horizon-europe", today=TODAY)
    for c in found.consortia:
        assert c.strengths["en"] and len(c.strengths["en"]) == len(c.strengths["tr"])
        assert len(c.weaknesses["en"]) == len(c.weaknesses["tr"])
    said = " ".join(s for c in found.consortia for s in c.weaknesses["en"])
    assert "has no recorded activity since" in said  # the MAtchUP partners, done in 2023


def test_size_is_the_number_of_partners_with_the_coordinator(sample_graph):
    for size in (3, 8):
        found = consortia(sample_graph, "theme-clean-energy", "horizon-europe", size=size,
                          today=TODAY)  # fmt: skip
        assert found.size == size
        assert all(len(c.partners) <= size for c in found.consortia)
        assert len(found.consortia[0].partners) == size


def test_a_programme_our_country_is_not_in_is_explained_not_raised(sample_graph):
    found = consortia(sample_graph, "theme-culture", "cerv-town-twinning", today=TODAY)
    assert found.consortia == []
    assert "Türkiye" in found.why["en"] and "CERV" in found.why["en"]
    assert "uygun değil" in found.why["tr"]
    assert found.to_dict()["why"] == found.why


def test_too_few_countries_are_explained_with_the_rule():
    found = consortia(example_graph(), "theme-clean-energy", "horizon-europe", today="2025-01-01")
    assert found.consortia == []
    assert "Only 2 eligible countries" in found.why["en"] and "asks for 3" in found.why["en"]
    assert "yalnızca 2 uygun ülke" in found.why["tr"]


def test_fewer_consortia_than_asked_for_are_explained():
    """Nuremberg and Valencia make one Horizon Europe consortium; a second would repeat them."""
    G = example_graph()
    G.add_node("city-es-valencia", label="City", name="Valencia", country="ES")
    G.add_node("agreement-valencia", label="Agreement", type="mou", status="active")
    for party in ("city-tr-antalya", "city-es-valencia"):
        G.add_edge(party, "agreement-valencia", key="PARTY_TO")
    found = consortia(G, "theme-clean-energy", "horizon-europe", size=3, today="2025-01-01")
    assert [[p.name for p in c.partners] for c in found.consortia] == [
        ["Antalya", "Nuremberg", "Valencia"]
    ]
    assert found.why["en"].startswith("Only 1 of 3 consortia differ enough")
    assert "yalnızca 1 tanesi" in found.why["tr"]


def test_a_required_group_nobody_is_from_is_explained():
    found = consortia(example_graph(), "theme-clean-energy", "interreg-next-med",
                      today="2025-01-01")  # fmt: skip
    assert found.consortia == [] and "EU Mediterranean country" in found.why["en"]


def test_an_unknown_theme_lists_the_themes(sample_graph):
    with pytest.raises(InvalidData) as caught:
        consortia(sample_graph, "basket weaving", "horizon-europe", today=TODAY)
    assert "theme-clean-energy" in caught.value.hint


def test_a_theme_is_found_by_its_turkish_name(sample_graph):
    found = consortia(sample_graph, "Temiz Enerji", "horizon-europe", today=TODAY)
    assert found.theme["id"] == "theme-clean-energy" and found.theme["name_tr"] == "Temiz Enerji"
    word = consortia(sample_graph, "kültür", "horizon-europe", today=TODAY)  # the catalogue's word
    assert word.theme["id"] == "theme-culture"


# -- the CLI --------------------------------------------------------------------------------
@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    env = {"DIPLOMAP_DATA_DIR": str(tmp_path / "data"), "DIPLOMAP_BACKEND": "embedded"}
    runner.invoke(cli, ["import", str(SAMPLE)], env=env, catch_exceptions=False)

    def invoke(*args: str):
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


def test_cli_prints_consortia_with_their_checks_and_source(run):
    result = run("consortium", "--theme", "clean energy", "--programme", "horizon",
                 "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Consortium 1" in result.output and "✓ At least 3 partners" in result.output
    assert "Source: Regulation (EU) 2021/695" in result.output


def test_cli_json_and_workbook(run, tmp_path):
    target = tmp_path / "consortia.xlsx"
    result = run("consortium", "--theme", "theme-clean-energy", "--programme", "erasmus",
                 "--format", "json", "--output", str(target), "--size", "4")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["programme"]["id"] == "erasmus-cooperation" and data["size"] == 4
    assert all(c["ok"] for c in data["consortia"])
    book = load_workbook(target)
    assert book.sheetnames[-1] == "Rules" and book.sheetnames[0] == "Consortium 1"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--theme", "clean energy", "--programme", "nope"], "horizon-europe"),
        (["--theme", "basket weaving", "--programme", "horizon"], "theme-clean-energy"),
        (["--theme", "clean energy", "--programme", "horizon", "--output", "x.csv"], ".xlsx"),
    ],
    ids=["unknown programme", "unknown theme", "not a workbook"],
)
def test_cli_errors_say_what_is_known(run, args, expected):
    result = run("consortium", *args, "--lang", "en")
    assert result.exit_code == 1 and expected in result.output
    assert "Traceback" not in result.output


def test_cli_errors_in_turkish(run):
    result = run("consortium", "--theme", "temiz enerji", "--programme", "yok", "--lang", "tr")
    assert result.exit_code == 1
    assert "Hata:" in result.output and "şunlardan birini verin" in result.output


# -- the page, its JSON twin and the workbook -----------------------------------------------
QUERY = "theme=theme-clean-energy&programme=interreg-next-med&size=5"


def test_page_json_twin_holds_the_consortia(client):
    viewer = signed_in(client, "viewer")
    data = viewer.get(f"/consortium.json?{QUERY}").get_json()
    result = data["result"]
    assert result["programme"]["id"] == "interreg-next-med" and len(result["consortia"]) >= 2
    first = result["consortia"][0]
    assert first["ok"] and first["partners"][0]["role"] == "coordinator"
    assert all(p["entity"]["url"].startswith("/entity/") for p in first["partners"])
    assert [c["ok"] for c in first["checks"]] == [True] * len(first["checks"])
    assert data["filters"]["programmes"] and any(t["ours"] for t in data["filters"]["themes"])


def test_page_shows_cards_ticks_and_the_source_in_turkish(client):
    viewer = signed_in(client, "viewer")
    html = viewer.get(f"/consortium?{QUERY}&lang=tr").get_data(as_text=True)
    assert 'id="consortium-1"' in html and 'id="consortium-2"' in html
    assert "✓" in html and "Kural denetimleri" in html and "Güçlü yanlar" in html
    assert "Kuralların kaynağı:" in html and "https://www.interregnextmed.eu/" in html
    assert "AB Akdeniz ülkesi" in html


def test_page_without_a_query_shows_the_form(client):
    viewer = signed_in(client, "viewer")
    data = viewer.get("/consortium.json").get_json()
    assert data["result"] is None
    html = viewer.get("/consortium?lang=en").get_data(as_text=True)
    assert 'name="theme"' in html and 'name="programme"' in html and "Propose consortia" in html


def test_an_impossible_call_is_explained_on_the_page(client):
    viewer = signed_in(client, "viewer")
    data = viewer.get(
        "/consortium.json?theme=theme-culture&programme=cerv-town-twinning"
    ).get_json()
    assert data["result"]["consortia"] == [] and "Türkiye" in data["result"]["why_text"]


def test_a_hand_made_programme_is_a_400_in_the_pages_language(client):
    viewer = signed_in(client, "viewer")
    reply = viewer.get("/consortium.json?theme=theme-culture&programme=nope&lang=tr")
    assert reply.status_code == 400
    assert "şunlardan birini verin" in reply.get_json()["error"]["hint"]


def test_workbook_has_a_sheet_per_consortium_and_the_rules(client):
    analyst = signed_in(client, "analyst")
    reply = analyst.get(f"/consortium.xlsx?{QUERY}&lang=tr")
    assert reply.status_code == 200
    book = load_workbook(io.BytesIO(reply.data))
    consortia_json = analyst.get(f"/consortium.json?{QUERY}").get_json()["result"]["consortia"]
    assert book.sheetnames == [f"Konsorsiyum {i}" for i in range(1, len(consortia_json) + 1)] + [
        "Kurallar"
    ]
    sheet = book["Konsorsiyum 1"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Rol", "Ad", "Ülke"] and rows[1][0] == "koordinatör"
    names = [r[1] for r in rows[1 : len(consortia_json[0]["partners"]) + 1]]
    assert names == [p["name_tr"] or p["name"] for p in consortia_json[0]["partners"]]
    assert ["Kural denetimleri"] == [r[0] for r in rows if r[0] == "Kural denetimleri"]
    rules = {r[0]: r[1] for r in ([c.value for c in row] for row in book["Kurallar"].iter_rows())}
    assert rules["Adres"] == "https://www.interregnextmed.eu/"
    assert rules["Asgari ülke sayısı"] == 3 and rules["Bir ülkeden en çok ortak"] == 2


def test_workbook_cells_never_run_as_formulas(tmp_path):
    from graph.model import Node, Relation
    from graph.stores.changes import ChangeSet
    from tests.web_fixtures import access_of, app_config, fill
    from web import create_app

    evil = '=HYPERLINK("http://evil","x")'
    changes = ChangeSet(
        nodes=[Node("city-es-evil", "City", {"name": evil, "country": "ES"}),
               Node("agreement-evil", "Agreement", {"type": "sister_city", "status": "active"})],
        relations=[Relation("PARTY_TO", "city-tr-antalya", "agreement-evil"),
                   Relation("PARTY_TO", "city-es-evil", "agreement-evil")],
    )  # fmt: skip
    app = create_app(app_config(fill(tmp_path, changes, sample=True)))
    try:
        analyst = signed_in(app.test_client(), "analyst")
        reply = analyst.get("/consortium.xlsx?theme=theme-tourism&programme=horizon-europe&size=8")
        book = load_workbook(io.BytesIO(reply.data))
        cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert "'" + evil in cells and evil not in cells
    finally:
        access_of(app).close()


def test_payloads_are_escaped_on_the_page(tmp_path, xss_payloads):
    """The payload cities (DE, on clean energy, with a live protocol) join a Spanish partner."""
    from graph.model import Node, Relation
    from tests.web_fixtures import access_of, app_config, fill, xss_graph
    from web import create_app

    changes = xss_graph(xss_payloads)
    changes.nodes += [
        Node("city-es-valencia", "City", {"name": "Valencia", "country": "ES"}),
        Node("agreement-valencia", "Agreement", {"type": "mou", "status": "active"}),
    ]
    changes.relations += [
        Relation("PARTY_TO", "city-tr-antalya", "agreement-valencia"),
        Relation("PARTY_TO", "city-es-valencia", "agreement-valencia"),
    ]
    app = create_app(app_config(fill(tmp_path, changes)))
    try:
        client = signed_in(app.test_client())
        query = "theme=theme-clean-energy&programme=horizon-europe&size=8"
        result = client.get(f"/consortium.json?{query}").get_json()["result"]
        names = {p["name"] for c in result["consortia"] for p in c["partners"]}
        html = client.get(f"/consortium?{query}").get_data(as_text=True)
        raw = [p for p in xss_payloads if "<" in p]
        assert names & set(raw), "the payload cities should be among the partners"
        assert not [p for p in raw if p in html]
    finally:
        access_of(app).close()


# -- the Neo4j backend ----------------------------------------------------------------------
@pytest.mark.neo4j
def test_consortia_are_the_same_on_neo4j(neo4j_store, sample_graph):
    from importers.pipeline import import_path

    import_path(neo4j_store, SAMPLE)
    import_path(neo4j_store, PEERS)
    ours = consortia(sample_graph, "theme-clean-energy", "interreg-next-med", today=TODAY)
    theirs = consortia(neo4j_store.to_networkx(), "theme-clean-energy", "interreg-next-med",
                       today=TODAY)  # fmt: skip
    assert theirs.consortia and all(c.ok for c in theirs.consortia)
    assert [[p.id for p in c.partners] for c in theirs.consortia] == [
        [p.id for p in c.partners] for c in ours.consortia
    ]
