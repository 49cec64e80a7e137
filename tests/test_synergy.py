"""Synergy suggestions: ranking, exclusions, revival, evidence, filters, weights, gaps and the CLI."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.analysis.example import example_graph
from graph.analysis.tiegraph import index, invalidate
from graph.errors import AmbiguousName, EntityNotFound, InvalidData
from graph.home import home_city
from graph.synergy.focus import make_focus, resolve
from graph.synergy.gaps import gaps
from graph.synergy.parts import score_parts
from graph.synergy.ranking import revive, suggest
from graph.synergy.scorer import Scorer
from graph.synergy.weights import Weights

TODAY = "2025-01-01"
HOME = "city-tr-antalya"


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return example_graph()


def add_city(G, cid, name, country, **props):
    G.add_node(cid, label="City", name=name, country=country, **props)
    invalidate(G)


def add_agreement(G, aid, parties, status="active", signed_on=None, type="sister_city"):
    G.add_node(
        aid,
        label="Agreement",
        name=aid,
        type=type,
        status=status,
        **({"signed_on": signed_on} if signed_on else {}),
    )
    for p in parties:
        G.add_edge(p, aid, "PARTY_TO", type="PARTY_TO")
    invalidate(G)


def add_theme(G, node, theme, kind=None):
    G.add_edge(node, theme, "HAS_THEME", type="HAS_THEME", **({"kind": kind} if kind else {}))
    invalidate(G)  # the index is cached per graph; edits in place must say so


def ids(found):
    return [s.id for s in found]


# -- ranking and exclusions --------------------------------------------------------------
def test_partner_of_partner_with_shared_priority_ranks_first(G):
    top = suggest(G, today=TODAY)[0]
    assert top.id == "city-us-austin"
    assert top.reasons["en"][0] == "Shares 1 priority theme: Clean energy"
    assert top.reasons["tr"][0] == "1 öncelikli temayı paylaşıyor: Temiz enerji"


def test_live_partners_own_networks_and_local_stakeholders_are_not_suggested(G):
    found = ids(suggest(G, limit=None, today=TODAY))
    assert "city-de-nurnberg" not in found  # live agreement and live project
    assert "network-medcities" not in found  # home is a member
    assert "org-akdeniz-university" not in found  # stakeholder of home
    assert HOME not in found


def test_dormant_agreement_is_listed_apart_by_revive(G):
    assert "city-cn-kunming" not in ids(suggest(G, limit=None, today=TODAY))
    [kunming] = revive(G, today=TODAY)
    assert kunming.id == "city-cn-kunming"
    assert kunming.ties == [
        {
            "id": "agreement-antalya-kunming",
            "kind": "agreement",
            "type": "sister_city",
            "status": "dormant",
        }
    ]
    assert kunming.reasons["en"][0] == "Our dormant agreement: Antalya – Kunming"
    assert kunming.reasons["tr"][0] == "Uykuda anlaşmamız: Antalya – Kunming"


def test_expired_agreement_is_revived_and_planned_one_is_neither(G):
    add_city(G, "city-gr-rhodes", "Rhodes", "GR")
    add_city(G, "city-it-bari", "Bari", "IT")
    add_agreement(G, "agreement-antalya-rhodes", [HOME, "city-gr-rhodes"], status="expired")
    add_agreement(G, "agreement-antalya-bari", [HOME, "city-it-bari"], status="planned")
    for c in ("city-gr-rhodes", "city-it-bari"):
        add_theme(G, c, "theme-tourism", "focus")
    assert "city-gr-rhodes" in ids(revive(G, today=TODAY))
    assert "city-it-bari" not in ids(revive(G, today=TODAY))
    found = ids(suggest(G, limit=None, today=TODAY))
    assert "city-gr-rhodes" not in found and "city-it-bari" not in found


def test_lapsed_membership_is_revived_not_suggested(G):
    G.add_edge(HOME, "network-iclei", "MEMBER_OF", type="MEMBER_OF", status="lapsed")
    invalidate(G)
    assert "network-iclei" not in ids(suggest(G, limit=None, today=TODAY))
    [iclei] = [s for s in revive(G, today=TODAY) if s.id == "network-iclei"]
    assert iclei.ties[0]["status"] == "lapsed"


def test_completed_project_partner_stays_a_candidate_with_its_tie_listed(G):
    add_city(G, "city-es-valencia", "Valencia", "ES")
    add_theme(G, "city-es-valencia", "theme-clean-energy", "expertise")
    G.add_node("project-matchup", label="Project", name="MAtchUP", status="completed")
    for p in (HOME, "city-es-valencia"):
        G.add_edge(p, "project-matchup", "PARTNER_IN", type="PARTNER_IN")
        invalidate(G)
    [valencia] = [s for s in suggest(G, limit=None, today=TODAY) if s.id == "city-es-valencia"]
    assert valencia.ties[0]["id"] == "project-matchup"
    assert valencia.ties[0]["status"] == "completed"
    assert valencia.reasons["en"][0] == "Partner with us in MAtchUP (completed)"


# -- evidence ------------------------------------------------------------------------------
def test_partners_of_partners_evidence_names_the_intermediary_and_the_agreements(G):
    austin = suggest(G, kinds=["City"], today=TODAY)[0]
    [ev] = austin.part("partners_of_partners").evidence
    assert ev["id"] == "city-de-nurnberg" and ev["name"] == "Nuremberg"
    assert ev["path"] == [HOME, "city-de-nurnberg", "city-us-austin"]
    assert {"agreement-antalya-nurnberg", "agreement-nurnberg-austin"} <= set(ev["via"])


def test_three_step_paths_are_evidence_when_no_partner_is_shared(G):
    add_city(G, "city-mx-oaxaca", "Oaxaca", "MX")
    add_agreement(G, "agreement-austin-oaxaca", ["city-us-austin", "city-mx-oaxaca"])
    oaxaca = next(s for s in suggest(G, limit=None, today=TODAY) if s.id == "city-mx-oaxaca")
    [ev] = oaxaca.part("partners_of_partners").evidence
    assert ev["steps"] == 3
    assert ev["path"] == [HOME, "city-de-nurnberg", "city-us-austin", "city-mx-oaxaca"]
    assert (
        oaxaca.reasons["en"][0] == "Linked to us through partners of partners: Nuremberg → Austin"
    )


def test_themes_inherited_from_networks_are_marked_inferred(G):
    add_city(G, "city-se-vaxjo", "Växjö", "SE")
    G.add_edge("city-se-vaxjo", "network-iclei", "MEMBER_OF", type="MEMBER_OF", status="active")
    invalidate(G)
    vaxjo = next(s for s in suggest(G, limit=None, today=TODAY) if s.id == "city-se-vaxjo")
    [ev] = vaxjo.part("shared_themes").evidence
    assert ev["id"] == "theme-clean-energy" and ev["inferred"] is True and ev["kind"] == "inferred"
    assert ev["from"] == [{"id": "network-iclei", "name": "ICLEI"}]
    assert "(inferred from ICLEI)" in vaxjo.reasons["en"][0]
    # an inherited theme weighs less than an own one of the same theme
    assert (
        vaxjo.part("shared_themes").value
        < suggest(G, kinds=["City"], today=TODAY)[0].part("shared_themes").value
    )


def test_related_theme_counts_half_and_says_through_which_theme(G):
    fau = next(s for s in suggest(G, limit=None, today=TODAY) if s.id == "org-fau")
    [ev] = fau.part("shared_themes").evidence
    assert ev["match"] == "related" and ev["via"]["id"] == "theme-energy-efficiency"
    assert ev["strength"] == pytest.approx(Weights().related_theme * Weights().expertise)


def test_complementary_needs_expertise_in_a_priority_no_live_partner_covers(G):
    austin = suggest(G, kinds=["City"], today=TODAY)[0]
    comp = austin.part("complementary")
    assert [e["id"] for e in comp.evidence] == ["theme-clean-energy"]
    assert comp.value == pytest.approx(0.5)  # one of two gaps (clean energy, mobility)
    # once a live partner works on clean energy, it is no gap and Austin no complement
    add_theme(G, "city-de-nurnberg", "theme-clean-energy", "focus")
    austin = suggest(G, kinds=["City"], today=TODAY)[0]
    assert austin.part("complementary").value == 0


def test_eligibility_counts_programmes_shared_with_the_home_country(G):
    add_city(G, "city-gr-rhodes", "Rhodes", "GR")
    add_theme(G, "city-gr-rhodes", "theme-tourism", "focus")
    found = suggest(G, limit=None, today=TODAY, weights={"eligibility": 0.3})  # 0 by default
    rhodes = next(s for s in found if s.id == "city-gr-rhodes")
    # Türkiye takes part in IPA and Interreg NEXT MED; Greece in NEXT MED (and the EU)
    assert rhodes.part("eligibility").value == pytest.approx(0.5)
    assert rhodes.part("eligibility").evidence == [
        {"programme": "next-med", "name": "Interreg NEXT MED"}
    ]


def test_suggestions_are_json_serialisable(G):
    data = json.loads(json.dumps([s.to_dict() for s in suggest(G, today=TODAY)]))
    assert data[0]["parts"][0].keys() == {"name", "value", "weight", "contribution", "evidence"}
    assert sum(p["contribution"] for p in data[0]["parts"]) == pytest.approx(
        data[0]["score"], abs=1e-3
    )


# -- focus ---------------------------------------------------------------------------------
def test_theme_focus_ranks_only_candidates_holding_the_theme(G):
    found = suggest(G, "theme-clean-energy", today=TODAY)
    assert ids(found) == ["city-us-austin", "network-iclei"]


def test_project_focus_suggests_new_partners_not_the_current_ones(G):
    found = ids(suggest(G, "project-heritage-trails", limit=None, today=TODAY))
    assert HOME not in found and "city-de-nurnberg" not in found
    assert "city-cn-kunming" in found  # a dormant tie of home can still join a project


def test_unknown_focus_and_unusable_focus_raise(G):
    with pytest.raises(EntityNotFound):
        suggest(G, "city-xx-atlantis")
    with pytest.raises(InvalidData):
        suggest(G, "network-iclei")


# -- filters -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"kinds": ["Network"]}, ["network-eurocities", "network-iclei"]),
        ({"kinds": ["City"]}, ["city-us-austin"]),
        ({"countries": ["de"]}, ["org-fau"]),
        ({"regions": ["North America"]}, ["city-us-austin"]),
        ({"eligible": ["eu"]}, ["org-fau"]),
        ({"eligible": ["ipa"]}, []),
        ({"themes": ["theme-culture"]}, ["city-us-austin", "network-eurocities"]),
        ({"themes": ["energy"]}, ["city-us-austin", "network-iclei", "org-fau"]),
    ],
    ids=[
        "kind-network",
        "kind-city",
        "country",
        "region",
        "eligible-eu",
        "eligible-ipa",
        "theme",
        "theme-with-sub-themes",
    ],
)
def test_filters_keep_only_matching_candidates(G, kwargs, expected):
    assert sorted(ids(suggest(G, limit=None, today=TODAY, **kwargs))) == expected


def test_bad_filters_are_refused(G):
    with pytest.raises(InvalidData):
        suggest(G, kinds=["Event"])
    with pytest.raises(InvalidData):
        suggest(G, eligible=["erasmus"])
    with pytest.raises(EntityNotFound):
        suggest(G, themes=["quantum basket weaving"])


# -- weights -------------------------------------------------------------------------------
def test_weights_come_from_a_dict_or_the_settings():
    assert Weights.from_dict({"geography": 0}).geography == 0
    w = Weights.from_settings(
        {"DIPLOMAP_WEIGHT_SHARED_THEMES": "2.5", "DIPLOMAP_WEIGHT_ACTIVITY": None}
    )
    assert w.shared_themes == 2.5 and w.activity == Weights().activity
    with pytest.raises(InvalidData):
        Weights.from_dict({"charisma": 1})


def test_a_zero_weight_removes_its_part(G):
    austin = suggest(G, kinds=["City"], weights={"activity": 0}, today=TODAY)[0]
    assert austin.part("activity") is None
    assert not any("activit" in r for r in austin.reasons["en"])


def test_weights_change_the_order(G):
    assert ids(suggest(G, today=TODAY))[0] == "city-us-austin"
    # FAU is in Germany, home's most frequent partner country
    assert ids(suggest(G, today=TODAY, weights={"geography": 10}))[0] == "org-fau"


# -- exactness of the fast paths ------------------------------------------------------------
def random_graph(seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = example_graph()
    cities = [f"city-x{i}" for i in range(40)]
    countries = ["TR", "DE", "GR", "FR", "US", None]
    for c in cities:
        add_city(G, c, c.upper(), rng.choice(countries))
    actors = cities + [HOME, "city-de-nurnberg", "city-us-austin", "city-cn-kunming", "org-fau"]
    for i in range(70):
        a, b = rng.sample(actors, 2)
        add_agreement(
            G,
            f"agreement-r{i}",
            [a, b],
            status=rng.choice(["active", "dormant", None, "expired"]),
            signed_on=rng.choice([None, "2021", "2015-03-01"]),
        )
    themes = [n for n, d in G.nodes(data=True) if d["label"] == "Theme"]
    for c in cities:
        for t in rng.sample(themes, rng.randint(0, 2)):
            add_theme(G, c, t, rng.choice(["priority", "expertise", "focus", None]))
        for n in rng.sample(
            ["network-iclei", "network-eurocities", "network-medcities"], rng.randint(0, 2)
        ):
            G.add_edge(
                c, n, "MEMBER_OF", type="MEMBER_OF", status=rng.choice(["active", None, "lapsed"])
            )
    return G


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_candidates_give_the_same_ranking_as_scoring_every_node(seed):
    G = random_graph(seed)
    for focus in (
        None,
        "city-x1",
        "city-x2",
        "theme-clean-energy",
        "project-heritage-trails",
        "org-fau",
    ):
        fast = [(s.id, s.score) for s in suggest(G, focus, limit=None, today=TODAY)]
        full = [
            (s.id, s.score) for s in suggest(G, focus, limit=None, today=TODAY, exhaustive=True)
        ]
        assert fast == full


@pytest.mark.parametrize("seed", [1, 2])
def test_scorer_gives_exactly_the_score_of_the_evidence_path(seed):
    G = random_graph(seed)
    idx, w = index(G), Weights()
    for focus in (HOME, "city-x3", "theme-tourism"):
        f = make_focus(G, focus, today=TODAY)
        scorer = Scorer(idx, f, w)
        for c, label in idx.label.items():
            if label in ("City", "Network", "Organization"):
                score, parts, relational = score_parts(idx, f, c, w, evidence=True)
                assert scorer(c) == (score, relational)


def test_index_is_cached_per_graph_and_rebuilt_when_it_grows(G):
    idx = index(G)
    assert index(G) is idx
    add_city(G, "city-fr-nice", "Nice", "FR")
    assert index(G) is not idx
    idx = index(G)
    invalidate(G)
    assert index(G) is not idx


# -- names and home ------------------------------------------------------------------------
def test_names_resolve_with_turkish_folding(G):
    assert resolve(G, "ANTALYA") == HOME
    assert resolve(G, "nürnberg") == "city-de-nurnberg"
    assert resolve(G, "Temiz Enerji", ["Theme"]) == "theme-clean-energy"


def test_an_unknown_name_suggests_near_spellings_and_a_wrong_kind_is_refused(G):
    with pytest.raises(EntityNotFound) as err:
        resolve(G, "Antalia")
    assert "did you mean Antalya (city-tr-antalya)?" in str(err.value)
    with pytest.raises(InvalidData):
        resolve(G, "network-iclei", ["City"])


def test_an_ambiguous_name_is_an_error_listing_the_candidates(G):
    add_city(G, "city-tr-kemer", "Kemer", "TR")
    add_city(G, "city-tr-kemer-burdur", "Kemer", "TR")
    with pytest.raises(AmbiguousName) as err:
        resolve(G, "kemer")
    assert "city-tr-kemer" in str(err.value) and "city-tr-kemer-burdur" in str(err.value)


def test_home_city_must_be_unique_or_given(G):
    assert home_city(G) == HOME
    G.nodes["city-de-nurnberg"]["is_home"] = True
    invalidate(G)
    with pytest.raises(AmbiguousName):
        home_city(G)
    assert home_city(G, "city-de-nurnberg") == "city-de-nurnberg"
    G.nodes["city-de-nurnberg"]["is_home"] = G.nodes[HOME]["is_home"] = False
    with pytest.raises(EntityNotFound):
        home_city(G)


# -- gaps ----------------------------------------------------------------------------------
def test_gaps_are_priorities_without_live_partner_each_with_candidates(G):
    found = gaps(G, today=TODAY)
    assert [g.id for g in found] == ["theme-clean-energy", "theme-mobility"]
    assert ids(found[0].candidates) == ["city-us-austin", "network-iclei"]
    # home's own network works on mobility: a venue, listed, but it does not close the gap
    assert found[1].networks == [{"id": "network-medcities", "name": "MedCities"}]


def test_a_theme_of_a_live_agreement_closes_the_gap(G):
    add_theme(G, "agreement-antalya-nurnberg", "theme-mobility")
    assert [g.id for g in gaps(G, today=TODAY)] == ["theme-clean-energy"]


# -- command line --------------------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    from graph import settings as settings_mod
    from graph.convert import from_networkx
    from graph.stores import open_store
    from graph.stores.changes import ChangeSet

    monkeypatch.setenv("DIPLOMAP_DATA_DIR", str(tmp_path / "data"))
    for name in ("DIPLOMAP_HOME", "DIPLOMAP_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    G = example_graph()
    G.add_node("city-tr-kemer", label="City", name="Kemer", country="TR")
    G.add_node("city-tr-kemer-burdur", label="City", name="Kemer", country="TR")
    store = open_store(settings_mod.load())
    nodes, rels = from_networkx(G)
    store.apply(ChangeSet(nodes=nodes, relations=rels))
    store.close()
    from cli.main import cli

    return lambda *args: CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_suggest_resolves_a_turkish_name_and_prints_json(cli_env):
    result = cli_env("suggest", "--for", "Temiz Enerji", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.stdout)] == ["city-us-austin", "network-iclei"]


def test_cli_suggest_filters_and_writes_csv(cli_env):
    result = cli_env(
        "suggest",
        "--for",
        "antalya",
        "--kind",
        "city",
        "--country",
        "Amerika",
        "--format",
        "csv",
        "--lang",
        "tr",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("rank,id,label,name")
    assert (
        lines[1].startswith("1,city-us-austin,City,Austin") and "Ortaklarımızın ortağı" in lines[1]
    )


def test_cli_ambiguous_name_is_an_error_listing_the_candidates(cli_env):
    result = cli_env("suggest", "--for", "Kemer")
    assert result.exit_code == 1
    assert "city-tr-kemer" in result.output and "city-tr-kemer-burdur" in result.output


def test_cli_table_gaps_dormant_peers_and_path(cli_env):
    assert "Austin" in cli_env("suggest").output
    assert "Clean energy" in cli_env("gaps", "--lang", "en").output
    turkish = cli_env("gaps", "--lang", "tr").output  # one name per theme, in one language
    assert "Temiz enerji" in turkish and "Clean energy" not in turkish and "Boşluklar" in turkish
    assert "Antalya – Kunming" in cli_env("dormant", "--today", "2025-01-01").output
    assert "Eurocities" in cli_env("peers").output
    out = cli_env("path", "Antalya", "Austin", "-k", "1", "--lang", "tr").output
    assert "Antalya ile Nürnberg, Antalya – Nuremberg anlaşmasının tarafları" in out


def test_the_cached_index_does_not_keep_an_old_graph_alive():
    import gc
    import weakref

    G = example_graph()
    index(G)
    gone = weakref.ref(G)
    del G
    gc.collect()
    assert gone() is None


def test_a_domestic_candidate_reads_as_ties_within_one_country(tmp_path):
    from graph.stores.embedded import EmbeddedStore
    from graph.synergy.ranking import suggest
    from importers.pipeline import import_path
    from tests.conftest import SAMPLE

    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        import_path(store, SAMPLE)
        G = store.to_networkx()
        found = {s.id: s for s in suggest(G, limit=40, weights={"geography": 0.2})}
    izmir = found["city-tr-izmir"]
    assert "ties between cities within Türkiye" in " ".join(izmir.reasons["en"])
    assert "Türkiye içindeki kentler arasında" in " ".join(izmir.reasons["tr"])
    assert "Türkiye and Türkiye" not in " ".join(izmir.reasons["en"])
