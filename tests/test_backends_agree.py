"""The two backends give the same graph, and data moves between them unchanged."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.stores.base import Store
from graph.stores.changes import ChangeSet
from graph.stores.sync import sync
from importers.datasets import dataset_changeset
from importers.pipeline import import_path
from tests.conftest import SAMPLE

pytestmark = pytest.mark.neo4j


def shape(store: Store) -> tuple[list, list]:
    """Everything a store holds, except the time each record was written."""

    def clean(d: dict) -> dict:
        return {k: v for k, v in d.items() if k != "updated_at"}

    return (
        [clean(n.to_dict()) for n in store.nodes()],
        [clean(r.to_dict()) for r in store.relations()],
    )


def twin_towns_slice(datasets_dir: Path, tmp_path: Path, lines: int = 1500) -> ChangeSet:
    source = datasets_dir / "twin_cities_wikipedia_geocoded.csv"
    part = tmp_path / "twin_slice.csv"
    with source.open(encoding="utf-8") as fh:
        part.write_text("".join(islice(fh, lines + 1)), encoding="utf-8")
    changes, _ = dataset_changeset("twin-towns", part)
    return changes


def test_sample_and_twin_towns_slice_give_the_same_graph_on_both_backends(
    embedded, neo4j_store, datasets_dir, tmp_path
):
    for store in (embedded, neo4j_store):
        report = import_path(store, SAMPLE)
        assert report.ok
        store.apply(twin_towns_slice(datasets_dir, tmp_path))
    nodes_e, rels_e = shape(embedded)
    nodes_n, rels_n = shape(neo4j_store)
    assert len(nodes_e) > 1500 and len(rels_e) > 2500
    assert [n["id"] for n in nodes_e] == [n["id"] for n in nodes_n]
    assert nodes_e == nodes_n
    assert rels_e == rels_n
    assert embedded.counts() == neo4j_store.counts()


def test_sync_copies_the_embedded_graph_into_neo4j_and_back_idempotently(
    embedded, neo4j_store, tmp_path
):
    import_path(embedded, SAMPLE)
    first = sync(embedded, neo4j_store)
    assert first.counts("node")["create"] == len(list(embedded.nodes()))
    again = sync(embedded, neo4j_store)
    assert again.counts("node")["create"] == again.counts("node")["update"] == 0
    assert again.counts("relation")["create"] == again.counts("relation")["update"] == 0
    assert shape(neo4j_store) == shape(embedded)

    back = type(embedded)(tmp_path / "back.sqlite")
    sync(neo4j_store, back)
    assert shape(back) == shape(embedded)
    back.close()


def test_sync_mirror_deletes_what_the_source_does_not_have(embedded, neo4j_store):
    import_path(neo4j_store, SAMPLE)
    import_path(embedded, SAMPLE)
    embedded.apply(ChangeSet(delete_nodes=["city-tr-konya"]))
    result = sync(embedded, neo4j_store, mirror=True)
    assert result.counts("node")["delete"] == 1
    assert neo4j_store.find("city-tr-konya") is None
    assert shape(neo4j_store) == shape(embedded)


def test_cli_import_into_neo4j_then_init_schema_and_sync(neo4j_store, neo4j_settings, tmp_path):
    env = {
        "DIPLOMAP_DATA_DIR": str(tmp_path / "data"),
        "NEO4J_URI": neo4j_settings["NEO4J_URI"],
        "NEO4J_PASSWORD": neo4j_settings["NEO4J_PASSWORD"] or "",
        "NEO4J_DATABASE": neo4j_settings["NEO4J_DATABASE"],
    }
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(SAMPLE), "--backend", "neo4j"], env=env)
    assert result.exit_code == 0, result.output
    assert neo4j_store.get("city-tr-antalya").props["is_home"] is True
    again = runner.invoke(cli, ["--backend", "neo4j", "import", str(SAMPLE)], env=env)
    assert "0 created, 0 updated" in again.output
    assert runner.invoke(cli, ["init-schema"], env=env).exit_code == 0
    result = runner.invoke(cli, ["sync", "--from-neo4j"], env=env)
    assert result.exit_code == 0 and "nodes: " in result.output
    stats = runner.invoke(cli, ["stats", "--format", "json"], env=env)
    assert '"City": 41' in stats.output


def test_cli_says_how_to_start_neo4j_when_it_is_not_reachable(tmp_path):
    result = CliRunner().invoke(
        cli,
        ["--backend", "neo4j", "stats"],
        env={"DIPLOMAP_DATA_DIR": str(tmp_path), "NEO4J_URI": "bolt://127.0.0.1:9"},
    )
    assert result.exit_code == 3
    assert "Neo4j is not reachable at bolt://127.0.0.1:9" in result.output
    assert "docker compose up -d neo4j" in result.output and "Traceback" not in result.output
