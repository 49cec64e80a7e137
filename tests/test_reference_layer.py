"""The reference layer: a reproducible pack, loaded and unloaded on both backends, curated data kept."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.model import Node, Relation
from graph.reference.layer import load_reference, status, unload_reference
from graph.reference.pack import PACK_PATH, PACK_VERSION, SOURCES, read_pack, read_pack_bytes
from graph.stores.changes import ChangeSet
from importers.reference_pack import build_pack

TWIN_TOWNS = (
    "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    "Antalya,Turkey,36.8969,30.7133,Nuremberg,Germany,49.4539,11.0775\n"
    "Nuremberg,Germany,49.4539,11.0775,Nice,France,43.7034,7.2663\n"
    "Nice,France,43.7034,7.2663,Nuremberg,Germany,49.4539,11.0775\n"
)
WIKIDATA = (
    "origincityLabel\torigincountry\toriginlat\toriginlong\toriginpopulation\tsistercityLabel\t"
    "destinationlat\tdestinationlong\tdestinationpopulation\tdestination_countryLabel\tdist\teu\n"
    "Nürnberg\tGermany\t49.45\t11.08\t511628\tKunming\t25.04\t102.71\t\tChina\t7800\tNon-EU\n"
    "Nice\tFrance\t43.70\t7.27\t342522\tKunming\t25.04\t102.71\t\tChina\t8900\tNon-EU\n"
)


def small_pack(tmp_path: Path, wikidata: bool = True):
    (tmp_path / "t.csv").write_text(TWIN_TOWNS, encoding="utf-8")
    (tmp_path / "w.tsv").write_text(WIKIDATA, encoding="utf-8")
    paths = {"twin-towns": tmp_path / "t.csv"}
    if wikidata:
        paths["wikidata"] = tmp_path / "w.tsv"
    return read_pack_bytes(build_pack(paths))


def curated() -> ChangeSet:
    """Our own records: Antalya and Nürnberg (no alias 'Nuremberg'), twinned since 1997."""
    return ChangeSet(
        nodes=[
            Node(
                "city-tr-antalya",
                "City",
                {"name": "Antalya", "country": "TR", "is_home": True, "population": 2696249},
            ),
            Node(
                "city-de-nurnberg",
                "City",
                {"name": "Nürnberg", "country": "DE", "confidence": "high", "source": "UP"},
            ),
            Node(
                "agreement-antalya-nurnberg",
                "Agreement",
                {"name": "Antalya – Nürnberg", "type": "sister_city", "status": "active"},
            ),
        ],
        relations=[
            Relation("PARTY_TO", "city-tr-antalya", "agreement-antalya-nurnberg"),
            Relation("PARTY_TO", "city-de-nurnberg", "agreement-antalya-nurnberg"),
        ],
    )


def snapshot(store):
    return (
        {n.id: n.props for n in store.nodes()},
        {r.key: r.props for r in store.relations()},
    )


def test_a_small_pack_is_the_same_bytes_twice_and_merges_spellings(tmp_path):
    (tmp_path / "t.csv").write_text(TWIN_TOWNS, encoding="utf-8")
    (tmp_path / "w.tsv").write_text(WIKIDATA, encoding="utf-8")
    paths = {"twin-towns": tmp_path / "t.csv", "wikidata": tmp_path / "w.tsv"}
    raw = build_pack(paths)
    assert raw == build_pack(paths)
    pack = read_pack_bytes(raw)
    names = {c.name: c for c in pack.cities}
    assert set(names) == {"Antalya", "Nuremberg", "Nice", "Kunming"}  # Nürnberg = Nuremberg
    assert names["Nuremberg"].aliases == ("Nürnberg",)
    assert len(pack.pairs) == 4  # Nice–Nuremberg listed both ways is one pair
    both = [keys for a, b, keys in pack.pairs if {a, b} == {0, 1} or len(keys) == 2]
    assert all(set(k) <= {"twin-towns", "wikidata"} for k in both)


def test_the_shipped_pack_builds_again_from_the_data_sets_byte_for_byte(datasets_dir):
    from importers.datasets import dataset_path

    settings = {"DIPLOMAP_DATASETS_DIR": str(datasets_dir)}
    raw = build_pack({n: dataset_path(n, settings) for n in ("twin-towns", "wikidata")})
    assert raw == PACK_PATH.read_bytes(), "rebuild: .venv/bin/python tools/build_reference_pack.py"


def test_the_shipped_pack_is_small_credited_and_free_of_etmun():
    pack = read_pack()
    assert PACK_PATH.stat().st_size < 3_000_000
    assert [s["key"] for s in pack.sources] == ["twin-towns", "wikidata"]
    assert all(len(s["sha256"]) == 64 for s in pack.sources)
    assert len(pack.cities) > 15_000 and len(pack.pairs) > 25_000
    notes = (PACK_PATH.parent / "twinning-pack.LICENCE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notes and "CC0" in notes and "ETMUN" in notes
    assert "CC BY-SA 4.0" in SOURCES["twin-towns"]["licence"]


def test_load_resolves_our_cities_keeps_curated_values_and_is_idempotent(store, tmp_path):
    store.apply(curated())
    before = snapshot(store)
    report = load_reference(store, small_pack(tmp_path))
    assert ("Nuremberg", "city-de-nurnberg") in report.resolved
    assert report.skipped_pairs == 1  # Antalya–Nürnberg is ours already
    assert store.find("city-de-nuremberg") is None  # one city, not two
    after_nodes, after_rels = snapshot(store)
    assert {k: after_nodes[k] for k in before[0]} == before[0]  # curated values untouched
    assert {k: after_rels[k] for k in before[1]} == before[1]
    kunming = store.get("city-cn-kunming")
    assert kunming.props["reference"] == f"twinning-pack {PACK_VERSION}"
    assert "Wikidata" in kunming.props["source"] and kunming.props["confidence"] == "low"
    ours = {r.end for r in store.relations("PARTY_TO") if r.start == "city-de-nurnberg"}
    assert len(ours) == 3  # ours with Antalya, reference with Nice and Kunming
    found = status(store)
    assert found.loaded and found.cities == 2 and found.agreements == 3  # Nice, Kunming
    loaded = snapshot(store)
    again = load_reference(store, small_pack(tmp_path))
    assert not again.created and not again.deleted
    assert snapshot(store) == loaded


def test_unload_leaves_exactly_our_records_and_a_new_pack_replaces_the_old(store, tmp_path):
    store.apply(curated())
    before = snapshot(store)
    load_reference(store, small_pack(tmp_path))
    smaller = load_reference(store, small_pack(tmp_path, wikidata=False))
    assert smaller.deleted["Agreement"] == 2 and smaller.deleted["City"] == 1  # Kunming gone
    assert store.find("city-cn-kunming") is None
    report = unload_reference(store)
    assert report.deleted["City"] == 1 and report.kept == 0
    assert snapshot(store) == before
    assert not unload_reference(store).deleted and not status(store).loaded


def test_unload_keeps_a_reference_city_that_one_of_our_records_uses(store, tmp_path):
    store.apply(curated())
    load_reference(store, small_pack(tmp_path))
    store.apply(
        ChangeSet(
            nodes=[Node("agreement-antalya-kunming", "Agreement", {"type": "mou"})],
            relations=[
                Relation("PARTY_TO", "city-tr-antalya", "agreement-antalya-kunming"),
                Relation("PARTY_TO", "city-cn-kunming", "agreement-antalya-kunming"),
            ],
        )
    )
    report = unload_reference(store)
    assert report.kept == 1 and store.find("city-cn-kunming") is not None
    assert store.find("city-fr-nice") is None
    assert not any(r.props.get("reference") for r in store.relations())


def test_cli_reference_load_status_unload(tmp_path, monkeypatch):
    from cli.main import cli

    monkeypatch.setenv("DIPLOMAP_BACKEND", "embedded")
    pack_file = tmp_path / "pack.json.gz"
    (tmp_path / "t.csv").write_text(TWIN_TOWNS, encoding="utf-8")
    pack_file.write_bytes(build_pack({"twin-towns": tmp_path / "t.csv"}))
    base = ["--data-dir", str(tmp_path / "data"), "reference"]
    runner = CliRunner()
    empty = runner.invoke(cli, [*base, "status"])
    assert empty.exit_code == 0 and "No reference layer" in empty.output
    loaded = runner.invoke(cli, [*base, "load", "--pack", str(pack_file)])
    assert loaded.exit_code == 0, loaded.output
    assert "3 City" in loaded.output and "CC BY-SA 4.0" in loaded.output
    shown = runner.invoke(cli, [*base, "status"])
    assert "3 cities, 2 agreements" in shown.output
    gone = runner.invoke(cli, [*base, "unload"])
    assert gone.exit_code == 0 and "Removed" in gone.output
    bad = runner.invoke(cli, [*base, "load", "--pack", str(tmp_path / "t.csv")])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "tools/build_reference_pack.py" in bad.output


def test_reference_agreements_are_never_dormant_ties_of_ours(embedded, tmp_path):
    from graph.analysis.dormant import dormant

    embedded.apply(curated())
    load_reference(embedded, small_pack(tmp_path))
    found = dormant(embedded.to_networkx(), today="2026-12-04", home="city-tr-antalya")
    assert [t.id for t in found] == ["agreement-antalya-nurnberg"]  # ours, undated


def test_the_layer_is_written_and_removed_in_small_steps_alike(store, tmp_path, monkeypatch):
    import graph.reference.layer_writes as writes

    monkeypatch.setattr(writes, "STEP", 2)  # many transactions instead of one
    store.apply(curated())
    before = snapshot(store)
    report = load_reference(store, small_pack(tmp_path))
    assert report.created["City"] == 2 and report.created["PARTY_TO"] == 6
    found = status(store)
    assert (found.cities, found.agreements, found.countries) == (2, 3, 2)
    assert not load_reference(store, small_pack(tmp_path)).created
    gone = unload_reference(store)
    assert gone.deleted["PARTY_TO"] == 6 and gone.deleted["LOCATED_IN"] == 2
    assert snapshot(store) == before
