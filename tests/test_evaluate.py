"""The evaluation: metrics by hand, a seeded split, the same candidates for every method,
and one run on a slice of a real data set."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.convert import to_networkx
from graph.model import Node, Relation
from graph.synergy.evaluate import METHODS, evaluate, rank_metrics, score_split, split
from importers.evaluation import evaluate_dataset


@pytest.mark.parametrize(
    ("scores", "hidden", "expected"),
    [
        ({"a": 3, "b": 2, "c": 1}, {"a"}, (0.5, 1.0, 1.0)),
        ({"a": 3, "b": 2, "c": 1}, {"c"}, (0.0, 0.0, 1 / 3)),
        ({"a": 3, "b": 2, "c": 1}, {"b", "c"}, (0.5, 0.5, 0.5)),
        ({"a": 1, "b": 1, "c": 1, "d": 1}, {"a"}, (0.25, 0.5, 0.4)),  # a four-way tie: rank 2.5
        ({"a": 3, "b": 2}, {"z"}, (0.0, 0.0, 0.0)),  # the hidden partner is not a candidate
    ],
    ids=["first", "last", "two-hidden", "all-tied", "outside-candidates"],
)
def test_rank_metrics_by_hand(scores, hidden, expected):
    assert rank_metrics(scores, hidden, p_at=2, r_at=2) == pytest.approx(expected)


def twin_graph(pairs: list[tuple[str, str]]) -> nx.MultiDiGraph:
    cities = sorted({c for p in pairs for c in p})
    nodes = [Node(f"city-{c}", "City", {"name": c.upper()}) for c in cities]
    rels = []
    for a, b in pairs:
        aid = f"agreement-{a}-{b}"
        nodes.append(Node(aid, "Agreement", {"name": aid, "type": "sister_city"}))
        rels += [Relation("PARTY_TO", f"city-{a}", aid), Relation("PARTY_TO", f"city-{b}", aid)]
    return to_networkx(nodes, rels)


# u-a, u-b, a-v, b-v, a-w, w-x1, w-x2, w-x3; the tie u-v is hidden by hand below.
HAND = [
    ("u", "a"),
    ("u", "b"),
    ("a", "v"),
    ("b", "v"),
    ("a", "w"),
    ("w", "x1"),
    ("w", "x2"),
    ("w", "x3"),
]


def test_metrics_on_a_hand_built_split():
    train = twin_graph(HAND)
    hidden = {"city-u": {"city-v"}, "city-v": {"city-u"}}
    e = score_split(train, hidden, hops=3)
    by = {m.method: m for m in e.methods}
    assert [m.method for m in e.methods] == list(METHODS)
    assert e.queries == 2 and e.coverage == 1.0
    # resource allocation: v (via a and b, 1/3 + 1/2) beats w (via a, 1/3) and x (3 steps, 0)
    ra = by["resource_allocation"]
    assert (ra.precision_at_10, ra.recall_at_50, ra.mrr) == (0.1, 1.0, 1.0)
    # preferential attachment: w has four ties, so it comes before the hidden partner
    pa = by["preferential_attachment"]
    assert (pa.precision_at_10, pa.recall_at_50, pa.mrr) == (0.1, 1.0, 0.5)
    assert by["diplomap"].mrr == 1.0


def test_split_is_seeded_hides_the_share_and_leaves_the_graph_alone():
    pairs = [(f"c{i}", f"c{j}") for i in range(12) for j in range(i + 1, 12) if (i * j) % 3 == 1]
    G = twin_graph(pairs)
    before = G.number_of_nodes()
    train, hidden, ties = split(G, 0.25, seed=4)
    again, hidden_again, _ = split(G, 0.25, seed=4)
    assert hidden == hidden_again and ties == len(pairs)
    assert sum(len(v) for v in hidden.values()) == 2 * round(0.25 * len(pairs))
    assert G.number_of_nodes() == before  # the original keeps its ties
    assert train.number_of_nodes() == before - round(0.25 * len(pairs))
    for u, partners in hidden.items():
        for v in partners:
            assert u in hidden[v]


def test_every_method_sees_the_same_queries_and_candidates():
    pairs = [(f"c{i}", f"c{(i * 7 + k) % 30}") for i in range(30) for k in (1, 2, 5)]
    G = twin_graph([(a, b) for a, b in pairs if a != b])
    e = evaluate(G, seed=1, holdout=0.2)
    assert {m.method for m in e.methods} == set(METHODS)
    assert e.queries > 0 and 0 < e.coverage <= 1
    for m in e.methods:
        assert 0 <= m.precision_at_10 <= 1 and 0 <= m.recall_at_50 <= 1 and 0 <= m.mrr <= 1
    assert evaluate(G, seed=1, holdout=0.2).to_dict()["methods"][0]["mrr"] == e.methods[0].mrr


def test_holdout_must_be_a_share():
    with pytest.raises(ValueError):
        split(twin_graph(HAND), 1.5, seed=0)


@pytest.mark.datasets
def test_diplomap_beats_the_link_predictors_on_a_slice_of_twin_towns(datasets_dir):
    e = evaluate_dataset(
        "twin-towns", {"DIPLOMAP_DATASETS_DIR": str(datasets_dir)}, seed=0, limit_cities=400
    )
    by = {m.method: m for m in e.methods}
    assert e.queries == 400 and e.hidden > 2000
    assert by["diplomap"].mrr > e.best_baseline().mrr
    assert by["diplomap"].recall_at_50 > by["preferential_attachment"].recall_at_50


def test_cli_evaluate_runs_on_a_small_data_set(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from cli.main import cli

    rows = ["city1,country1,lat1,lng1,city2,country2,lat2,lng2"]
    for i in range(30):
        for k in (1, 2, 5):
            j = (i * 7 + k) % 30
            if i != j:
                rows.append(f"Town{i},Germany,50.{i},8.{i},Ville{j},France,45.{j},3.{j}")
    (tmp_path / "twin_cities_wikipedia_geocoded.csv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    monkeypatch.setenv("DIPLOMAP_DATASETS_DIR", str(tmp_path))
    monkeypatch.setenv("DIPLOMAP_DATA_DIR", str(tmp_path / "data"))
    run = CliRunner().invoke(
        cli,
        [
            "evaluate",
            "--dataset",
            "twin-towns",
            "--no-etmun",
            "--seed",
            "3",
            "--method",
            "diplomap",
            "--method",
            "jaccard",
            "--weight",
            "geography=0",
            "--format",
            "json",
        ],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    [result] = json.loads(run.output)
    assert [m["method"] for m in result["methods"]] == ["diplomap", "jaccard"]
    assert result["seed"] == 3 and result["queries"] > 0 and result["fitted"]
    assert result["hops"] is None  # every city is a candidate
    diplomap = result["methods"][0]
    assert diplomap["ci"]["mrr"][0] <= diplomap["mrr"] <= diplomap["ci"]["mrr"][1]
    bad = CliRunner().invoke(cli, ["evaluate", "--dataset", "twin-towns", "--weight", "geography"])
    assert bad.exit_code == 1 and "NAME=NUMBER" in bad.output
