"""The public data sets: readers on the real files, and their rules on tiny files.

Tests marked ``datasets`` read the real files from ``DIPLOMAP_DATASETS_DIR``; they are
skipped when the files are not there, unless ``CI=true``, where a missing file fails.
The counts asserted here are the ones found in the files as described in
``../shared/datasets/*.md``; a change means the data or the rules changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.errors import EntityNotFound, ImportFailed
from graph.model import Node
from graph.settings import load
from graph.stores.changes import ChangeSet
from graph.stores.embedded import EmbeddedStore
from importers.dataset_readers import iter_memberships, iter_pairs
from importers.dataset_report import DatasetReport
from importers.datasets import DATASETS, dataset_changeset, dataset_path

TWIN_HEADER = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
WIKIDATA_HEADER = (
    "origincityLabel\torigincountry\toriginlat\toriginlong\toriginpopulation\t"
    "sistercityLabel\tdestinationlat\tdestinationlong\tdestinationpopulation\t"
    "destination_countryLabel\tdist\teu\n"
)
ETMUN_COLUMNS = [
    "Full_Name",
    "Locality_Siege",
    "CountryCode",
    "Continent",
    "Region",
    "Y",
    "X",
    "Pop_collect",
    "Statut",
    "Entity",
    "Year_of_Joining",
    "Note",
    "Network_Name",
    "Code_Network",
    "EntitySimplified",
    "CountryName",
    "MembershipCode",
    "Adress",
    "lon",
    "lat",
]


def real_file(name: str) -> Path:
    """The real data file, or skip (fail on CI) with the reason."""
    folder = Path(load()["DIPLOMAP_DATASETS_DIR"])
    path = folder / DATASETS[name]
    if not path.is_file():
        reason = (
            f"{DATASETS[name]} is not in {folder}: set DIPLOMAP_DATASETS_DIR to the folder "
            "of the public data sets (../shared/datasets)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def etmun_line(**values: str) -> str:
    """One ETMUN row, quoted like the real file, ``NA`` unquoted for missing values."""
    row = {
        "Full_Name": values.get("Locality_Siege", "NA"),
        "Continent": "Europe",
        "Entity": "Municipality",
        "EntitySimplified": "Municipality",
        "Network_Name": "Cittaslow",
        **values,
    }
    return (
        ";".join(
            "NA" if row.get(c, "NA") == "NA" else (row[c] if c in ("lon", "lat") else f'"{row[c]}"')
            for c in ETMUN_COLUMNS
        )
        + "\n"
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- real files ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def twin_towns() -> tuple[list, DatasetReport]:
    report = DatasetReport("twin-towns", DATASETS["twin-towns"])
    return list(iter_pairs("twin-towns", real_file("twin-towns"), report=report)), report


@pytest.fixture(scope="module")
def wikidata() -> tuple[list, DatasetReport]:
    report = DatasetReport("wikidata", DATASETS["wikidata"])
    return list(iter_pairs("wikidata", real_file("wikidata"), report=report)), report


@pytest.fixture(scope="module")
def etmun() -> tuple[list, DatasetReport]:
    report = DatasetReport("etmun", DATASETS["etmun"])
    return list(iter_memberships(real_file("etmun"), report=report)), report


@pytest.mark.datasets
def test_twin_towns_keeps_each_unordered_pair_once(twin_towns):
    pairs, report = twin_towns
    assert report.rows_read == 25_917
    assert len(pairs) == report.pairs_kept == 24_740
    assert report.duplicates_dropped == 1_165 and report.reverse_duplicates == 1_161
    assert report.self_loops_dropped == 3
    assert report.rows_skipped == 9  # "", "Grece", "Kazakhstah", "in Italy"... (typos in the data)
    assert len({frozenset((a["id"], b["id"])) for a, b in pairs}) == len(pairs)


@pytest.mark.datasets
def test_twin_towns_has_no_self_loops(twin_towns):
    pairs, _ = twin_towns
    assert all(a["id"] != b["id"] for a, b in pairs)


@pytest.mark.datasets
def test_antalya_pairs_include_nuremberg(twin_towns):
    pairs, _ = twin_towns
    partners = {
        b["id"] if a["id"] == "city-tr-antalya" else a["id"]
        for a, b in pairs
        if "city-tr-antalya" in (a["id"], b["id"])
    }
    assert "city-de-nuremberg" in partners
    assert "city-cy-famagusta" in partners  # "Northern Cyprus" and "Cyprus" are one CY city
    assert len(partners) == 20


@pytest.mark.datasets
def test_wikidata_drops_repeated_rows_and_reverse_pairs(wikidata):
    pairs, report = wikidata
    assert report.rows_read == 24_926
    assert len(pairs) == report.pairs_kept == 15_912
    assert report.duplicates_dropped == 8_961
    assert (
        report.reverse_duplicates == 8_574
    )  # the rest (387) are rows repeated for extra coordinates
    assert report.self_loops_dropped == 30
    assert report.skipped_reasons == {
        "destination_countrylabel not recognised": 16,
        "sistercitylabel has no name": 7,
    }


@pytest.mark.datasets
def test_wikidata_population_is_an_int(wikidata):
    pairs, _ = wikidata
    spittal = next(a for a, _ in pairs if a["name"] == "Spittal an der Drau")
    assert spittal["population"] == 15505 and spittal["country"] == "AT"


@pytest.mark.datasets
def test_etmun_reads_decimal_comma_when_xy_is_missing(etmun):
    rows, _ = etmun
    civitas = next(
        c for c, n, _ in rows if c["id"] == "city-tr-antalya" and n["id"] == "network-civitas"
    )
    assert (civitas["lat"], civitas["lon"]) == (36.8968908, 30.7133233)  # line 973: X/Y are NA
    eahtr = next(
        c for c, n, _ in rows if c["id"] == "city-tr-antalya" and n["id"] == "network-eahtr"
    )
    assert eahtr["lon"] == 30.713323299999956  # line 1444: X with a decimal point wins


@pytest.mark.datasets
def test_etmun_has_59_networks(etmun):
    rows, report = etmun
    assert len({n["id"] for _, n, _ in rows}) == 59
    assert report.rows_read == 17_333 and report.rows_skipped == 4


@pytest.mark.datasets
def test_antalya_is_member_of_covenant_of_mayors(etmun):
    rows, _ = etmun
    found = [
        (c, m)
        for c, n, m in rows
        if c["id"] == "city-tr-antalya" and n["id"] == "network-covenant-of-mayors"
    ]
    assert len(found) == 1  # seat "Antalya Metropolitan Municipality", simplified
    city, membership = found[0]
    assert city["country"] == "TR"
    assert membership == {"since": "2013", "role": "2020", "status": "active"}


@pytest.mark.datasets
def test_etmun_changeset_merges_repeated_memberships():
    changes, report = dataset_changeset("etmun", real_file("etmun"))
    assert report.memberships_kept == 17_062 and report.duplicates_dropped == 273
    assert report.nodes["Network"] == 59
    assert len({r.key for r in changes.relations}) == len(changes.relations)


# -- rules, on tiny files ------------------------------------------------------------------
def test_duplicate_pair_in_both_directions_is_kept_once(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER
        + "Antalya,Turkey,36.88,30.70,Nuremberg,Germany,49.45,11.07\n"
        + "Nuremberg,Germany,49.45,11.07,Antalya,Turkey,36.88,30.70\n"
        + "Antalya,Türkiye,36.88,30.70,Nuremberg,Germany,49.45,11.07\n",
    )
    report = DatasetReport("twin-towns", "t.csv")
    pairs = list(iter_pairs("twin-towns", path, report=report))
    assert [(a["id"], b["id"]) for a, b in pairs] == [("city-tr-antalya", "city-de-nuremberg")]
    assert (report.duplicates_dropped, report.reverse_duplicates) == (2, 1)


def test_self_loop_is_dropped(tmp_path):
    path = write(tmp_path, "t.csv", TWIN_HEADER + "Izmir,Turkey,38.4,27.1,İZMİR,Turkey,38.4,27.1\n")
    report = DatasetReport("twin-towns", "t.csv")
    assert list(iter_pairs("twin-towns", path, report=report)) == []
    assert report.self_loops_dropped == 1


def test_unresolved_country_is_counted_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER
        + "Antalya,Turkey,36.88,30.70,Kazan,Russia,55.79,49.10\n"
        + "Antalya,Turkey,36.88,30.70,Stanley,Falkland Islandz,-51.7,-57.8\n",
    )
    report = DatasetReport("twin-towns", "t.csv")
    assert len(list(iter_pairs("twin-towns", path, report=report))) == 1
    assert report.rows_skipped == 1
    assert report.skipped_examples == ["t.csv:3: country2 not recognised: 'Falkland Islandz'"]
    assert "t.csv:3: country2 not recognised" in report.render()


def test_same_name_after_normalisation_is_one_node(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER
        + "İzmir,Turkey,38.4,27.1,Kazan,Russia,55.79,49.10\n"
        + "Izmir,Turkey,38.4,27.1,Antalya,Turkey,36.88,30.70\n"
        + "İzmir,Turkey,38.4,27.1,Bari,Italy,41.1,16.8\n",
    )
    changes, report = dataset_changeset("twin-towns", path)
    izmir = next(n for n in changes.nodes if n.id == "city-tr-izmir")
    assert izmir.props["name"] == "İzmir"  # the spelling used most
    assert report.same_name_merges == 1
    assert report.nodes == {"City": 4, "Country": 3, "Agreement": 3}


def test_similar_names_are_reported_not_merged(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER
        + "Sankt Petersburg,Russia,59.9,30.3,Bari,Italy,41.1,16.8\n"
        + "Saint Petersburg,Russia,59.9,30.3,Kazan,Russia,55.79,49.10\n",
    )
    changes, report = dataset_changeset("twin-towns", path)
    assert {"city-ru-sankt-petersburg", "city-ru-saint-petersburg"} <= {n.id for n in changes.nodes}
    assert report.near_duplicates == 1
    assert report.near_duplicate_examples == ["RU: Saint Petersburg ~ Sankt Petersburg (94)"]


def test_wikidata_rows_repeated_for_coordinates_are_dropped(tmp_path):
    row = "Spittal an der Drau\tAustria\t46.79\t13.49\t15505\tPorcia\t{lat}\t12.61\t\tItaly\t114\tEU\n"
    path = write(
        tmp_path, "w.tsv", WIKIDATA_HEADER + row.format(lat="45.96") + row.format(lat="45.97")
    )
    report = DatasetReport("wikidata", "w.tsv")
    pairs = list(iter_pairs("wikidata", path, report=report))
    assert len(pairs) == 1 and report.duplicates_dropped == 1 and report.reverse_duplicates == 0
    origin, sister = pairs[0]
    assert origin["population"] == 15505 and "population" not in sister
    assert sister["lat"] == 45.96


def test_etmun_decimal_comma_and_na(tmp_path):
    path = write(
        tmp_path,
        "e.csv",
        ";".join(f'"{c}"' for c in ETMUN_COLUMNS)
        + "\n"
        + etmun_line(Locality_Siege="Calais", CountryCode="FR", lon="1,858686", lat="50,95129"),
    )
    report = DatasetReport("etmun", "e.csv")
    [(city, network, membership)] = list(iter_memberships(path, report=report))
    assert (city["lat"], city["lon"]) == (50.95129, 1.858686)
    assert "population" not in city  # Pop_collect NA
    assert network == {"id": "network-cittaslow", "name": "Cittaslow", "acronym": "Cittaslow"}
    assert membership == {"since": None, "role": None, "status": "active"}


def test_etmun_region_attaches_to_its_seat_and_is_reported(tmp_path):
    path = write(
        tmp_path,
        "e.csv",
        ";".join(f'"{c}"' for c in ETMUN_COLUMNS)
        + "\n"
        + etmun_line(
            Full_Name="Regione Toscana",
            Locality_Siege="Firenze",
            CountryCode="IT",
            EntitySimplified="Region",
            Pop_collect="3700000",
            Y="43.77",
            X="11.25",
            Year_of_Joining="2012-2016 - CIVITAS PLUS II",
            Statut="Former Member",
        )
        + etmun_line(
            Locality_Siege="Comune di Firenze",
            CountryCode="IT",
            Year_of_Joining="2009",
            Statut="Full Member",
            Y="43.77",
            X="11.25",
        ),
    )
    changes, report = dataset_changeset("etmun", path)
    [member_of] = [r for r in changes.relations if r.type == "MEMBER_OF"]
    assert member_of.start == "city-it-firenze"
    assert {k: member_of.props.get(k) for k in ("since", "role", "status")} == {
        "since": "2009",
        "role": "Former Member",
        "status": "active",
    }
    assert report.non_city_members == {"Region": 1} and report.duplicates_dropped == 1
    assert report.names_simplified == 1
    firenze = next(n for n in changes.nodes if n.id == "city-it-firenze")
    assert "population" not in firenze.props  # the region's population is not the city's


def test_agreement_and_node_shape(tmp_path):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER + "Nuremberg,Germany,49.45,11.07,Antalya,Turkey,36.88,30.70\n",
    )
    changes, _ = dataset_changeset("twin-towns", path)
    nodes = {n.id: n for n in changes.nodes}
    agreement = nodes["agreement-de-nuremberg-tr-antalya-sister-city"]
    assert agreement.props["type"] == "sister_city" and "status" not in agreement.props
    assert nodes["city-tr-antalya"].props == {
        "name": "Antalya",
        "country": "TR",
        "lat": 36.88,
        "lon": 30.70,
        "confidence": "low",
        "source": "twin_cities_wikipedia_geocoded.csv (GitHub Hekman/twincities)",
    }
    assert nodes["country-tr"].props["iso2"] == "TR"
    assert sorted(r.key for r in changes.relations) == [
        ("city-de-nuremberg", "LOCATED_IN", "country-de"),
        ("city-de-nuremberg", "PARTY_TO", "agreement-de-nuremberg-tr-antalya-sister-city"),
        ("city-tr-antalya", "LOCATED_IN", "country-tr"),
        ("city-tr-antalya", "PARTY_TO", "agreement-de-nuremberg-tr-antalya-sister-city"),
    ]


def test_progress_advances_by_every_row(tmp_path):
    path = write(tmp_path, "t.csv", TWIN_HEADER + "A,Turkey,,,B,Turkey,,,\n" * 2500)
    steps: list[int] = []
    _, report = dataset_changeset("twin-towns", path, progress=steps.append)
    assert steps == [1000, 1000, 500] and report.rows_read == 2500


def test_missing_columns_are_named(tmp_path):
    path = write(tmp_path, "t.csv", "city1,country1\nAntalya,Turkey\n")
    with pytest.raises(ImportFailed, match="missing column"):
        dataset_changeset("twin-towns", path)


def test_dataset_path_names_the_setting_when_missing(tmp_path):
    with pytest.raises(ImportFailed) as err:
        dataset_path("etmun", {"DIPLOMAP_DATASETS_DIR": str(tmp_path)})
    assert "DIPLOMAP_DATASETS_DIR" in err.value.hint
    with pytest.raises(EntityNotFound):
        dataset_path("geonames", {"DIPLOMAP_DATASETS_DIR": str(tmp_path)})


# -- idempotency ---------------------------------------------------------------------------
def assert_second_apply_changes_nothing(
    name: str, path: Path, store_path: Path, keep: bool
) -> None:
    with EmbeddedStore(store_path) as store:
        changes, _ = dataset_changeset(name, path, store=store if keep else None)
        first = store.apply(changes)
        assert first.counts()["create"] == len(changes.nodes) + len(changes.relations)
        again, _ = dataset_changeset(name, path, store=store if keep else None)
        second = store.apply(again)
    assert second.counts() == {
        "create": 0,
        "update": 0,
        "unchanged": len(second.changes),
        "delete": 0,
    }


@pytest.mark.parametrize("keep", [False, True], ids=["plain", "keep-existing"])
def test_import_is_idempotent(tmp_path, keep):
    path = write(
        tmp_path,
        "t.csv",
        TWIN_HEADER
        + "Antalya,Turkey,36.88,30.70,Nuremberg,Germany,49.45,11.07\n"
        + "Nuremberg,Germany,49.45,11.07,Antalya,Turkey,36.88,30.70\n"
        + "Antalya,Turkey,36.88,30.70,Kazan,Russia,,\n",
    )
    assert_second_apply_changes_nothing("twin-towns", path, tmp_path / "g.sqlite", keep)


@pytest.mark.datasets
@pytest.mark.parametrize("name", list(DATASETS))
def test_real_slice_import_is_idempotent(name, tmp_path):
    head = real_file(name).read_text(encoding="utf-8").splitlines(keepends=True)[:500]
    path = write(tmp_path, DATASETS[name], "".join(head))
    assert_second_apply_changes_nothing(name, path, tmp_path / "g.sqlite", keep=True)


def test_public_list_does_not_overwrite_curated_values(tmp_path):
    path = write(
        tmp_path, "t.csv", TWIN_HEADER + "Antalya,Turkey,36.88,30.70,Kazan,Russia,55.79,49.10\n"
    )
    curated = {
        "name": "Antalya",
        "country": "TR",
        "population": 2696249,
        "confidence": "high",
        "source": "council decision",
        "is_home": True,
    }
    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        store.apply(ChangeSet([Node("city-tr-antalya", "City", curated)]))
        changes, report = dataset_changeset("twin-towns", path, store=store)
        store.apply(changes)
        antalya = store.get("city-tr-antalya").props
    assert report.existing_kept == 1
    assert antalya["confidence"] == "high" and antalya["population"] == 2696249
    assert (antalya["lat"], antalya["lon"]) == (36.88, 30.70)  # gaps filled
    assert (
        antalya["source"]
        == "council decision | twin_cities_wikipedia_geocoded.csv (GitHub Hekman/twincities)"
    )
