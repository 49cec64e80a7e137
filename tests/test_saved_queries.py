"""The saved queries of ``cypher/``: the header format, and every query's answer on real data.

The Neo4j tests import the Antalya sample (``data/antalya``) plus a few fictional test rows
(``EXTRA``: Testburg, Probaville and memberships the sample does not have, so that every
question has a non-empty answer) into the real Neo4j, and into an embedded store. Each
query's rows are compared with the answer computed from that embedded store's networkx
graph, from ``graph/reference/data/countries.csv``, or by the Python analysis of the same question
(``graph.analysis.peers``, ``graph.synergy.ranking``), so the saved Cypher and the product agree.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.analysis.dormant import dormant
from graph.analysis.paths import ego, path_graph
from graph.analysis.peers import peer_networks
from graph.console.checks import check_text
from graph.console.library import (
    CYPHER_DIR,
    get_saved,
    load_library,
    parse,
    strip_literals,
    used_parameters,
)
from graph.console.params import coerce
from graph.console.run import Console
from graph.errors import EntityNotFound, InvalidData, QueryRejected
from graph.stores.embedded import EmbeddedStore
from graph.synergy.gaps import gaps
from graph.synergy.stakeholders import stakeholders_for
from importers.pipeline import import_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "antalya"
COUNTRIES = ROOT / "graph" / "reference" / "data" / "countries.csv"
HOME = "city-tr-antalya"
AS_OF = "2026-01-01"

#: Fictional rows added to the sample for these tests only (not product data).
EXTRA = {
    "cities.csv": """id,name,country,themes,source
city-de-testburg,Testburg,DE,culture;clean-energy,test fixture (fictional)
city-fr-probaville,Probaville,FR,clean-energy;water;tourism,test fixture (fictional)
""",
    "memberships.csv": """member,network,since,role,status,source
city-de-nuremberg,network-medcities,,member,active,test fixture (fictional)
city-ba-mostar,network-cittaslow,,member,active,test fixture (fictional)
city-hr-split,network-medcities,,member,lapsed,test fixture (fictional)
city-fr-probaville,network-covenant-of-mayors,,signatory,active,test fixture (fictional)
city-es-valencia,network-medcities,,member,active,test fixture (fictional)
city-us-miami,network-cittaslow,,member,active,test fixture (fictional)
city-tr-izmir,network-arlem,,member,active,test fixture (fictional)
city-tr-izmir,network-medcities,,member,active,test fixture (fictional)
city-tr-mersin,network-arlem,,member,active,test fixture (fictional)
city-tr-konya,network-arlem,,member,applied,test fixture (fictional)
org-antalya-osb,network-covenant-of-mayors,,member,active,test fixture (fictional)
""",
    "agreements.csv": """id,type,parties,signed_on,status,themes,source
agreement-test-nuremberg-testburg,sister_city,city-de-nuremberg;city-de-testburg,2015,active,culture,test fixture (fictional)
agreement-test-mostar-probaville,sister_city,city-ba-mostar;city-fr-probaville,2016-05,active,,test fixture (fictional)
agreement-test-nuremberg-kunming,sister_city,city-de-nuremberg;city-cn-kunming,2019,active,,test fixture (fictional)
""",
    "events.csv": """id,date,title,type,participants,source
event-test-2025-05-testburg-visit,2025-05-01,Testburg delegation in Nuremberg,visit,city-de-nuremberg;city-de-testburg,test fixture (fictional)
""",
}


# -- the header and the library (no Neo4j) ------------------------------------------------------
HEADER = """// title: Members of a network
// title_tr: Bir ağın üyeleri
// description: Cities in a network,
//   on two lines.
// param: network string
// param: months int 24
// param: share float 0.5
// param: live bool true
// param: themes list clean-energy;water
// param: label string Antalya Metropolitan Municipality
"""
BODY = (
    "MATCH (n:Network {id: $network}) WHERE $live AND size($themes) > $months * $share "
    "RETURN n, $label AS label // not a $param in a comment\n"
)


def test_header_gives_titles_description_and_parameters():
    q = parse(HEADER + BODY, "network_members")
    assert (q.name, q.title, q.title_tr) == (
        "network_members",
        "Members of a network",
        "Bir ağın üyeleri",
    )
    assert q.description == "Cities in a network, on two lines."
    assert [(p.name, p.type, p.default) for p in q.params] == [
        ("network", "string", None),
        ("months", "int", 24),
        ("share", "float", 0.5),
        ("live", "bool", True),
        ("themes", "list", ["clean-energy", "water"]),
        ("label", "string", "Antalya Metropolitan Municipality"),
    ]
    assert q.query.startswith("MATCH") and "// title" not in q.query
    assert q.to_dict()["params"][1] == {
        "name": "months",
        "type": "int",
        "default": 24,
        "raw_default": "24",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER.replace("// title: Members of a network\n", "") + BODY, "no '// title:'"),
        (HEADER.replace("// title_tr: Bir ağın üyeleri\n", "") + BODY, "no '// title_tr:'"),
        (HEADER + BODY.replace("$label", "$other"), r"uses \$other"),
        (HEADER + "// param: unused int 1\n" + BODY, "never uses"),
        (HEADER.replace("months int 24", "months integer 24") + BODY, "unknown type 'integer'"),
        (HEADER.replace("months int 24", "months int many") + BODY, "not a valid int"),
        (HEADER + "// param: network string\n" + BODY, "declared twice"),
        (HEADER, "no query"),
        (
            HEADER.replace("// param: network string", "// param: network") + BODY,
            "needs a name and a type",
        ),
    ],
    ids=[
        "no-title",
        "no-title-tr",
        "undeclared",
        "unused",
        "bad-type",
        "bad-default",
        "duplicate",
        "no-query",
        "no-type",
    ],
)
def test_header_errors_name_the_problem(text, message):
    with pytest.raises(InvalidData, match=message):
        parse(text, "broken")


def test_parameters_in_strings_and_comments_are_not_parameters():
    q = "MATCH (n {name: '$a'}) /* $b */ WHERE n.x = \"$c\" // $d\nRETURN n.`$e`, $f, $`g h`"
    assert used_parameters(q) == ["f", "g h"]
    assert "$a" not in strip_literals(q)


@pytest.mark.parametrize(
    ("value", "type_", "expected"),
    [
        ("42", "int", 42),
        (" -3 ", "int", -3),
        ("0.25", "float", 0.25),
        ("3", "float", 3.0),
        ("true", "bool", True),
        ("No", "bool", False),
        ("1", "bool", True),
        ("evet", "bool", True),
        ("a;b", "list", ["a", "b"]),
        ("a, b ,", "list", ["a", "b"]),
        ('["a", 1]', "list", ["a", 1]),
        ("", "list", []),
        ("", "int", None),
        ("", "string", None),
        (
            "O'Brien'; MATCH (n) DETACH DELETE n //",
            "string",
            "O'Brien'; MATCH (n) DETACH DELETE n //",
        ),
        (5, "int", 5),
        (5, "float", 5.0),
        (True, "bool", True),
        (("a",), "list", ["a"]),
        (None, "list", []),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_coerce(value, type_, expected):
    assert coerce(value, type_) == expected


@pytest.mark.parametrize(
    ("value", "type_"),
    [
        ("many", "int"),
        ("1.5", "int"),
        ("x", "float"),
        ("maybe", "bool"),
        ("[1, 2", "list"),
        (True, "int"),
        ("5", "unknown"),
        (1, "string"),
        (1, "list"),
    ],
    ids=lambda v: repr(v),
)
def test_coerce_refuses_wrong_values(value, type_):
    with pytest.raises((QueryRejected, InvalidData)):
        coerce(value, type_)


def test_bind_fills_defaults_and_refuses_unknown_names():
    q = parse(HEADER + BODY, "network_members")
    bound = q.bind({"network": "network-medcities", "months": "6"})
    assert bound == {
        "network": "network-medcities",
        "months": 6,
        "share": 0.5,
        "live": True,
        "themes": ["clean-energy", "water"],
        "label": "Antalya Metropolitan Municipality",
    }
    bound["themes"].append("x")
    assert q.params[4].default == ["clean-energy", "water"]  # defaults are not shared
    with pytest.raises(QueryRejected, match="no parameter 'netwrok'"):
        q.bind({"netwrok": "x"})


def test_library_has_at_least_15_saved_queries_with_complete_headers():
    library = load_library()
    assert len(library) >= 15
    assert "schema" not in library
    for name, q in library.items():
        assert Path(q.path).stem == name and Path(q.path).parent == CYPHER_DIR
        assert q.title and q.title_tr and q.description
        assert q.title_tr != q.title
        check_text(q.query)  # read-only by the console's text rule too


def test_library_answers_the_eight_questions():
    titles = " ".join(q.title for q in load_library().values())
    for n in range(1, 9):
        assert f"(Q{n})" in titles


def test_saved_queries_hard_wire_no_home_city():
    for q in load_library().values():
        text = q.query.lower()
        assert "antalya" not in text and "city-tr-" not in text
        if q.param("home"):
            assert "is_home = true" in text


def test_docs_table_lists_every_saved_query_with_its_titles_and_parameters():
    rows = {
        line.split("|")[1].strip(" `"): line
        for line in (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    assert set(rows) == set(load_library())
    for name, q in load_library().items():
        assert f"| {q.title} | {q.title_tr} |" in rows[name]
        assert [
            cell.split("`")[1] for cell in rows[name].split("|")[4].split("<br>") if "`" in cell
        ] == [p.name for p in q.params]


def test_get_saved_suggests_close_names():
    assert get_saved("theme_gaps.cypher").name == "theme_gaps"
    with pytest.raises(EntityNotFound, match="no saved query 'theme_gap'") as missing:
        get_saved("theme_gap")
    assert "theme_gaps" in missing.value.hint


def test_a_console_fills_home_and_months_from_settings():
    console = Console(driver=None, defaults={"home": "city-de-nuremberg", "months": 12})
    assert console.bind(get_saved("dormant_agreements"), {}) == {
        "months": 12,
        "as_of": None,
        "home": "city-de-nuremberg",
    }
    assert console.bind(get_saved("dormant_agreements"), {"months": "6"})["months"] == 6
    assert "months" not in console.bind(get_saved("theme_gaps"))


# -- the expected answers, from the data --------------------------------------------------------
def live(status: Any) -> bool:
    return status in (None, "", "active")


def out_edges(G, n, type_) -> list[tuple[str, dict]]:
    return [(v, d) for _, v, k, d in G.out_edges(n, keys=True, data=True) if k == type_]


def in_edges(G, n, type_) -> list[tuple[str, dict]]:
    return [(u, d) for u, _, k, d in G.in_edges(n, keys=True, data=True) if k == type_]


def label(G, n) -> str:
    return G.nodes[n]["label"]


def of_label(G, lab) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["label"] == lab]


def parties(G, a) -> list[str]:
    return [u for u, _ in in_edges(G, a, "PARTY_TO")]


def agreements_of(G, x) -> list[str]:
    return [a for a, _ in out_edges(G, x, "PARTY_TO")]


def sister_agreements(G, x) -> list[str]:
    return [a for a in agreements_of(G, x) if G.nodes[a].get("type") == "sister_city"]


def sisters(G, x) -> set[str]:
    return {
        p
        for a in sister_agreements(G, x)
        for p in parties(G, a)
        if p != x and label(G, p) == "City"
    }


def networks_of(G, x, live_only=True) -> set[str]:
    return {n for n, d in out_edges(G, x, "MEMBER_OF") if not live_only or live(d.get("status"))}


def themes_of(G, x) -> set[str]:
    return {t for t, _ in out_edges(G, x, "HAS_THEME")}


@functools.cache
def theme_tree(G) -> nx.DiGraph:
    return nx.DiGraph(
        (u, v) for u, v, k in G.edges(keys=True) if k == "PART_OF" and label(G, u) == "Theme"
    )


def descendants(G, t) -> set[str]:
    """t and its sub-themes (Theme -PART_OF-> parent)."""
    P = theme_tree(G)
    return {t} | (nx.ancestors(P, t) if t in P else set())


def priority(G, x) -> set[str]:
    return {t for t, d in out_edges(G, x, "HAS_THEME") if d.get("kind") == "priority"}


def stakeholders(G, x) -> set[str]:
    return {u for u, _ in in_edges(G, x, "STAKEHOLDER_OF")}


def live_partners(G, x, live_only=True) -> dict[str, set[str]]:
    """Partner -> the agreements and projects it shares with x (live ones, or all but cancelled)."""
    found: dict[str, set[str]] = defaultdict(set)
    for a in agreements_of(G, x):
        if live_only and not live(G.nodes[a].get("status")):
            continue
        for p in parties(G, a):
            if p != x and label(G, p) in ("City", "Organization"):
                found[p].add(a)
    for j, _ in out_edges(G, x, "PARTNER_IN"):
        status = G.nodes[j].get("status")
        if status == "cancelled" or (live_only and status not in (None, "", "active", "planned")):
            continue
        for p, _ in in_edges(G, j, "PARTNER_IN"):
            if p != x and label(G, p) in ("City", "Organization"):
                found[p].add(j)
    return found


def country_flags() -> dict[str, dict[str, bool]]:
    with COUNTRIES.open(encoding="utf-8") as f:
        return {
            r["iso2"]: {
                k: r[k] == "true" for k in ("eu_member", "ipa_beneficiary", "interreg_next_med")
            }
            for r in csv.DictReader(f)
        }


# -- one check per saved query -----------------------------------------------------------------
def check_network_members(run, G):
    rows = run("network_members", network="network-medcities")
    expected = {u for u, _ in in_edges(G, "network-medcities", "MEMBER_OF")}
    assert {r["member"] for r in rows} == expected
    assert {HOME, "city-de-nuremberg", "city-hr-split"} <= expected
    assert run("network_members", network="MedCities") == rows  # by acronym
    live_rows = run("network_members", network="network-medcities", live_only="true")
    assert {r["member"] for r in live_rows} == {
        u for u, d in in_edges(G, "network-medcities", "MEMBER_OF") if live(d.get("status"))
    }
    assert "city-hr-split" not in {r["member"] for r in live_rows}
    every = run("network_members")
    assert {(r["network"], r["member"]) for r in every} == {
        (v, u) for u, v, k in G.edges(keys=True) if k == "MEMBER_OF"
    }


def check_sister_cities_in_our_networks(run, G):
    for live_only in (True, False):
        ours = networks_of(G, HOME, live_only)
        expected = {s: networks_of(G, s, live_only) & ours for s in sisters(G, HOME)}
        expected = {s: nets for s, nets in expected.items() if nets}
        rows = run("sister_cities_in_our_networks", live_only=live_only)
        assert {r["city"]: set(r["networks"]) for r in rows} == expected
        assert {"city-de-nuremberg", "city-ba-mostar"} <= set(expected)
        assert ("city-hr-split" in expected) is (not live_only)
        for r in rows:
            assert set(r["agreements"]) == set(sister_agreements(G, HOME)) & set(
                sister_agreements(G, r["city"])
            )


def check_sister_cities_of_sister_cities(run, G):
    for include_ours in (False, True):
        expected: dict[str, set[str]] = defaultdict(set)
        for a1 in sister_agreements(G, HOME):
            for s in parties(G, a1):
                if s == HOME or label(G, s) != "City":
                    continue
                for a2 in sister_agreements(G, s):
                    for o in parties(G, a2):
                        if (
                            a2 != a1
                            and o not in (HOME, s)
                            and label(G, o) == "City"
                            and (include_ours or o not in sisters(G, HOME))
                        ):
                            expected[o].add(s)
        rows = run("sister_cities_of_sister_cities", include_ours=include_ours)
        assert {r["city"]: set(r["via_sister_cities"]) for r in rows} == expected
    # with include_ours, Kunming and Nuremberg: our sister cities twinned with each other
    assert set(expected) == {
        "city-de-testburg",
        "city-fr-probaville",
        "city-cn-kunming",
        "city-de-nuremberg",
    }


def check_partner_candidates(run, G):
    ours, prio = networks_of(G, HOME), priority(G, HOME)
    tied = {p for a in agreements_of(G, HOME) for p in parties(G, a)}
    for least in (1, 0, 2):
        expected = {}
        for c in of_label(G, "City"):
            nets = networks_of(G, c) & ours
            if c == HOME or not nets or c in tied:
                continue
            shared = {t for t in prio if descendants(G, t) & themes_of(G, c)}
            if len(shared) >= least:
                expected[c] = (shared, nets)
        rows = run("partner_candidates", min_shared_themes=least)
        assert {
            r["city"]: (set(r["shared_themes"]), set(r["shared_networks"])) for r in rows
        } == expected
        assert all(r["score"] == len(r["shared_themes"]) + len(r["shared_networks"]) for r in rows)
        if least == 1:
            assert set(expected) == {"city-es-valencia", "city-fr-probaville"}
        if least == 0:
            assert "city-tr-izmir" in expected  # in MedCities, no shared priority theme
            assert "city-us-miami" not in expected  # in Cittaslow, but a sister city already


def check_dormant_agreements(run, G):
    for months in (24, 120, 1):
        expected = [
            (t.id, t.reason, t.last_activity, t.months, sorted(p["id"] for p in t.parties))
            for t in dormant(G, months=months, today=AS_OF)
        ]
        rows = run("dormant_agreements", months=months, as_of=AS_OF)
        assert [
            (r["agreement"], r["reason"], r["last_activity"], r["months_quiet"], r["parties"])
            for r in rows
        ] == expected
    ids = [r["agreement"] for r in run("dormant_agreements", as_of=AS_OF)]
    assert "agreement-sister-city-austin" in ids  # signed 2009, nothing since
    assert "agreement-test-nuremberg-testburg" not in ids  # Nuremberg and Testburg met in 2025
    assert "agreement-protocol-seville" not in ids  # planned agreements are never dormant


def check_stakeholders_by_theme(run, G):
    ours = stakeholders(G, HOME)
    for given, theme in (
        (["clean-energy"], "theme-clean-energy"),
        (["theme-environment"], "theme-environment"),
        (["Tourism"], "theme-tourism"),
    ):
        family = descendants(G, theme)
        expected = {o: themes_of(G, o) & family for o in ours if themes_of(G, o) & family}
        rows = run("stakeholders_by_theme", themes=given)
        assert {r["theme"] for r in rows} <= {theme}
        assert {r["organization"]: set(r["via"]) for r in rows} == expected
        assert expected
    rows = run("stakeholders_by_theme", themes=["tourism"], kinds=["university"])
    assert {r["organization"] for r in rows} == {
        o
        for o in ours
        if G.nodes[o].get("kind") == "university"
        and themes_of(G, o) & descendants(G, "theme-tourism")
    }
    every = run("stakeholders_by_theme")
    assert {(r["theme"], r["organization"]) for r in every} == {
        (t, o)
        for o in ours
        for held in themes_of(G, o)
        for t in of_label(G, "Theme")
        if held in descendants(G, t)
    }


def check_stakeholders_for_network(run, G):
    for network, given in (
        ("network-covenant-of-mayors", "CoM"),
        ("network-medcities", "network-medcities"),
    ):
        expected = [
            (m.id, m.score, m.involved, sorted((s["id"], s["match"]) for s in m.shared))
            for m in stakeholders_for(G, network, HOME)
        ]
        rows = run("stakeholders_for_network", network=given)
        got = [
            (
                r["organization"],
                r["score"],
                r["involved"],
                sorted((s["theme"], s["match"]) for s in r["shared"]),
            )
            for r in rows
        ]
        assert [g[0] for g in got] == [e[0] for e in expected]
        for g, e in zip(got, expected, strict=True):
            assert g[1] == pytest.approx(e[1]) and g[2:] == e[2:]
        assert expected
    involved = {
        r["organization"] for r in run("stakeholders_for_network", network="CoM") if r["involved"]
    }
    assert involved == {"org-antalya-osb"}


def check_shortest_paths(run, G):
    H = path_graph(G)
    for target in (
        "city-de-dresden",
        "city-cn-kunming",
        "org-world-bank",
        "city-de-testburg",
        "network-arlem",
    ):
        expected = {tuple(p) for p in nx.all_shortest_paths(H, HOME, target)}
        rows = run("shortest_paths", to=target, limit=1000)
        assert {tuple(r["ids"]) for r in rows} == expected
        for r in rows:
            assert r["hops"] == len(r["ids"]) - 1
            assert [n["id"] for n in r["path"]["nodes"]] == r["ids"]
            assert len(r["through"]) == r["hops"] - 1
    assert run("shortest_paths", to="Dresden") == run("shortest_paths", to="city-de-dresden")
    via = run("shortest_paths", **{"from": "city-de-nuremberg", "to": "city-de-testburg"})
    assert [r["ids"] for r in via] == [
        ["city-de-nuremberg", "agreement-test-nuremberg-testburg", "city-de-testburg"],
        ["city-de-nuremberg", "event-test-2025-05-testburg-visit", "city-de-testburg"],
    ]
    assert nx.shortest_path_length(H, HOME, "city-de-testburg") == 4
    assert run("shortest_paths", to="city-de-testburg", max_hops=3) == []
    assert run("shortest_paths", to="city-de-testburg", limit=1)[0]["hops"] == 4


def check_peer_networks(run, G):
    for peers in (None, ["city-tr-izmir"], ["city-tr-konya"]):
        expected = [
            (
                p.id,
                p.score,
                [(x["id"], x["similarity"]) for x in p.peers],
                sorted(t["id"] for t in p.shared_themes),
            )
            for p in peer_networks(G, HOME, peers)
        ]
        rows = run("peer_networks", **({"peers": peers} if peers else {}))
        got = [
            (
                r["network"],
                r["score"],
                [(x["id"], x["similarity"]) for x in r["peers"]],
                r["shared_themes"],
            )
            for r in rows
        ]
        assert [g[0] for g in got] == [e[0] for e in expected]
        for g, e in zip(got, expected, strict=True):
            assert g[1] == pytest.approx(e[1])
            assert [x[0] for x in g[2]] == [x[0] for x in e[2]]
            assert [x[1] for x in g[2]] == pytest.approx([x[1] for x in e[2]])
            assert g[3] == e[3]
    default = run("peer_networks")
    assert [r["network"] for r in default] == ["network-arlem"]
    assert [p["id"] for p in default[0]["peers"]] == [
        "city-tr-izmir",
        "city-tr-mersin",
    ]  # Konya only applied


def check_eligible_partners(run, G):
    flags = country_flags()
    ties: dict[str, set[str]] = defaultdict(set)
    for x in agreements_of(G, HOME) + [j for j, _ in out_edges(G, HOME, "PARTNER_IN")]:
        for p, _ in in_edges(G, x, "PARTY_TO") + in_edges(G, x, "PARTNER_IN"):
            ties[p].add(x)
    for programme, given, column in (
        ("eu", "eu", "eu_member"),
        ("ipa", "IPA", "ipa_beneficiary"),
        ("next-med", "interreg_next_med", "interreg_next_med"),
    ):
        expected = {
            c
            for c in of_label(G, "City")
            if c != HOME and flags.get(G.nodes[c]["country"], {}).get(column)
        }
        rows = run("eligible_partners", programme=given)
        assert {r["city"] for r in rows} == expected, programme
        assert all(r["country"] == G.nodes[r["city"]]["country"] for r in rows)
        tied_rows = run("eligible_partners", programme=programme, tied_only=True)
        assert {r["city"] for r in tied_rows} == expected & set(ties)
        assert all(set(r["ties"]) == ties.get(r["city"], set()) for r in rows)
    eu = {r["city"] for r in run("eligible_partners")}
    assert {"city-de-nuremberg", "city-hr-split", "city-fr-probaville"} <= eu
    assert not eu & {"city-us-austin", "city-tr-izmir", "city-ba-mostar"}
    assert run("eligible_partners", programme="atlantis") == []


def check_theme_gaps(run, G):
    expected = [(g.id, [n["id"] for n in g.networks]) for g in gaps(G, HOME, limit=1, today=AS_OF)]
    rows = run("theme_gaps")
    assert [(r["theme"], r["venues"]) for r in rows] == expected
    assert expected and {r["theme"] for r in rows} < priority(G, HOME)


def check_theme_coverage(run, G):
    holders = set()
    for p, ties in live_partners(G, HOME).items():
        holders |= {p} | ties
    missing = {r["theme"] for r in run("theme_gaps")}
    rows = run("theme_coverage")
    assert {r["theme"] for r in rows} == priority(G, HOME)
    for r in rows:
        family = descendants(G, r["theme"])
        assert r["covered_by"] == sorted(h for h in holders if themes_of(G, h) & family)
        assert r["covered"] is (r["theme"] not in missing)
        assert r["stakeholders"] == sorted(
            o for o in stakeholders(G, HOME) if themes_of(G, o) & family
        )
    assert any(r["covered"] for r in rows) and not all(r["covered"] for r in rows)
    every = run("theme_coverage", kinds=[])
    assert {r["theme"] for r in every} == themes_of(G, HOME)


def check_partners_by_theme(run, G):
    for live_only in (True, False):
        partners = live_partners(G, HOME, live_only)
        expected = defaultdict(set)
        for p, ties in partners.items():
            for holder in [p, *ties]:
                for t in themes_of(G, holder):
                    expected[t, p].add(holder)
        rows = run("partners_by_theme", live_only=live_only)
        assert {(r["theme"], r["partner"]): set(r["via"]) for r in rows} == expected
    partners = live_partners(G, HOME)
    family = descendants(G, "theme-climate-energy")
    rows = run("partners_by_theme", theme="climate-energy")
    assert {r["partner"] for r in rows} == {
        p for p, ties in partners.items() if any(themes_of(G, h) & family for h in [p, *ties])
    }
    assert {r["theme"] for r in rows} == {"theme-climate-energy"}


def check_projects_by_programme(run, G):
    for given in (None, "horizon", "INTERREG next"):
        expected = {
            j
            for j in of_label(G, "Project")
            if given is None or given.lower() in (G.nodes[j].get("programme") or "").lower()
        }
        rows = run("projects_by_programme", **({"programme": given} if given else {}))
        assert {r["project"] for r in rows} == expected
        for r in rows:
            assert r["partners"] == sorted(u for u, _ in in_edges(G, r["project"], "PARTNER_IN"))
            roles = [d.get("role") for u, d in in_edges(G, r["project"], "PARTNER_IN") if u == HOME]
            assert r["our_role"] == (roles[0] if roles else None)
    assert {r["project"] for r in run("projects_by_programme", ours_only=True)} == {
        j for j, _ in out_edges(G, HOME, "PARTNER_IN")
    }


def check_ego_network(run, G):
    everything = ego(G, HOME, 1, limit=10**6)
    rows = run("ego_network", include_themes=True, limit=10**6)
    assert {r["id"] for r in rows} == {n["id"] for n in everything.nodes} - {HOME}
    H = path_graph(G)
    for entity, hops in ((HOME, 1), (HOME, 2), ("city-de-nuremberg", 3)):
        expected = {
            n: d
            for n, d in nx.single_source_shortest_path_length(H, entity, cutoff=hops).items()
            if n != entity
        }
        rows = run("ego_network", entity=entity, hops=hops, limit=10**6)
        assert {r["id"]: r["distance"] for r in rows} == expected
        for r in rows:
            ids = [n["id"] for n in r["path"]["nodes"]]
            assert (ids[0], ids[-1], len(ids) - 1) == (entity, r["id"], r["distance"])
    assert run("ego_network", entity="Nuremberg") == run("ego_network", entity="city-de-nuremberg")
    assert len(run("ego_network", hops=2, limit=5)) == 5


def check_cities_sharing_our_networks(run, G):
    tied = {p for a in agreements_of(G, HOME) for p in parties(G, a)}
    for live_only in (True, False):
        ours = networks_of(G, HOME, live_only)
        expected = {
            c: networks_of(G, c, live_only) & ours for c in of_label(G, "City") if c != HOME
        }
        expected = {c: n for c, n in expected.items() if n}
        rows = run("cities_sharing_our_networks", live_only=live_only)
        assert {r["city"]: set(r["networks"]) for r in rows} == expected
        assert all(r["has_agreement"] is (r["city"] in tied) for r in rows)
        assert all(r["shared"] == len(r["networks"]) for r in rows)
    assert {"city-tr-izmir", "city-es-valencia", "city-de-nuremberg"} <= set(expected)


def check_our_agreements(run, G):
    mine = agreements_of(G, HOME)
    rows = run("our_agreements")
    assert {r["agreement"]: r["partners"] for r in rows} == {
        a: sorted(p for p in parties(G, a) if p != HOME) for a in mine
    }
    assert all(r["themes"] == sorted(themes_of(G, r["agreement"])) for r in rows)
    active = run("our_agreements", statuses="active", types="sister_city")
    assert {r["agreement"] for r in active} == {
        a
        for a in mine
        if G.nodes[a].get("status") == "active" and G.nodes[a].get("type") == "sister_city"
    }
    assert "agreement-test-nuremberg-testburg" not in {r["agreement"] for r in rows}


def check_networks_overview(run, G):
    tied = {p for a in agreements_of(G, HOME) for p in parties(G, a)} - {HOME}
    rows = run("networks_overview")
    assert {r["network"] for r in rows} == set(of_label(G, "Network"))
    for r in rows:
        members = in_edges(G, r["network"], "MEMBER_OF")
        assert r["members"] == sum(live(d.get("status")) for _, d in members)
        assert r["partner_members"] == len({u for u, _ in members} & tied)
        ours = [d for u, d in members if u == HOME]
        assert r["our_status"] == (ours[0].get("status") if ours else None)
        assert r["themes"] == sorted(themes_of(G, r["network"]))
    medcities = next(r for r in rows if r["network"] == "network-medcities")
    assert medcities["partner_members"] == 2  # Nuremberg and Split (sister cities)


CHECKS = {
    name.removeprefix("check_"): fn
    for name, fn in list(globals().items())
    if name.startswith("check_") and getattr(fn, "__module__", None) == __name__
}


def test_every_saved_query_has_a_check():
    assert set(CHECKS) == set(load_library())


# -- against the real Neo4j ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def extra_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extra")
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected_graph(tmp_path_factory, extra_dir) -> nx.MultiDiGraph:
    with EmbeddedStore(tmp_path_factory.mktemp("embedded") / "graph.sqlite") as store:
        import_path(store, SAMPLE)
        import_path(store, extra_dir)
        return store.to_networkx()


@pytest.fixture(scope="module")
def loaded(neo4j_test_database, extra_dir):
    """A console on the real Neo4j holding the sample and the extra rows (loaded once)."""
    from graph.stores.neo4j_store import Neo4jStore
    from tests.neo4j_support import wipe

    store = Neo4jStore.from_settings(neo4j_test_database)
    store.clear()
    wipe(neo4j_test_database)
    import_path(store, SAMPLE)
    import_path(store, extra_dir)
    try:
        yield store, Console.for_store(store, neo4j_test_database)
    finally:
        store.close()


@pytest.mark.neo4j
def test_neo4j_and_the_expected_graph_hold_the_same_data(loaded, expected_graph):
    store, _ = loaded
    G = store.to_networkx()
    assert sorted(G.nodes) == sorted(expected_graph.nodes)
    assert sorted(G.edges(keys=True)) == sorted(expected_graph.edges(keys=True))


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(CHECKS))
def test_saved_query_answers_what_the_data_says(loaded, expected_graph, name):
    _, console = loaded
    saved = get_saved(name)
    calls = []

    def run(query_name: str, **values: Any) -> list[dict[str, Any]]:
        result = console.run_saved(get_saved(query_name), values, row_cap=100_000)
        assert not result.truncated and result.query_type == "r"
        calls.append(query_name)
        return result.records()

    CHECKS[name](run, expected_graph)
    assert saved.name in calls


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(load_library()))
def test_saved_query_runs_with_its_defaults_and_no_notices(loaded, name):
    _, console = loaded
    saved = get_saved(name)
    required = {
        "shortest_paths": {"to": "city-de-dresden"},
        "stakeholders_for_network": {"network": "network-medcities"},
    }.get(name, {})
    result = console.run_saved(saved, required)
    assert result.columns
    assert result.notices == []


@pytest.mark.neo4j
def test_saved_queries_take_the_home_city_as_a_parameter(loaded):
    _, console = loaded
    rows = console.run_saved(get_saved("our_agreements"), {"home": "city-de-nuremberg"}).records()
    assert {r["agreement"] for r in rows} == {
        "agreement-sister-city-nuremberg",
        "agreement-test-nuremberg-testburg",
        "agreement-test-nuremberg-kunming",
    }
    by_name = console.run_saved(get_saved("our_agreements"), {"home": "Nuremberg"}).records()
    assert by_name == rows
