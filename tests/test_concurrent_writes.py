"""Writers at the same time never erase each other's changes (on both backends).

Separate processes write to one empty store at once: a public data set (twin-towns
format, 6,000 pairs, naming Antalya too), the Antalya sample imported by the CLI half a
second later, two more CLI imports of other data, and a web editor who edits Antalya as soon as
it exists.
Afterwards every write that reported success is in the store, the home city keeps its
curated values, the audit log matches the store and the integrity check (`diplomap
check`) passes. Counts and time are bounded for CI.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.accounts.users import UserStore
from graph.audit.consistency import check
from graph.audit.log import AuditLog
from graph.model import Node
from graph.stores import open_store
from graph.stores.changes import ChangeSet
from graph.stores.embedded import EmbeddedStore
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
ANTALYA = "city-tr-antalya"
IMPORTERS, CITIES_EACH, EDITS, TIMEOUT = 2, 40, 8, 240
DATASET_ROWS = 6000


def write_folder(folder: Path, worker: int) -> list[str]:
    """Cities of one import worker, each with an agreement with the next one."""
    folder.mkdir(parents=True)
    names = [f"Testkent {worker}-{i}" for i in range(CITIES_EACH)]
    with (folder / "cities.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "country", "notes"])
        w.writerows([f"w{worker}-{i}", n, "DE", f"worker {worker}"] for i, n in enumerate(names))
    with (folder / "agreements.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "type", "parties", "status"])
        w.writerows(
            [f"agr-w{worker}-{i}", "mou", f"w{worker}-{i};w{worker}-{i + 1}", "active"]
            for i in range(CITIES_EACH - 1)
        )
    return [f"w{worker}-{i}" for i in range(CITIES_EACH)]


def write_dataset(path: Path) -> None:
    """A twin-towns file (the public data set's format) that also names Antalya."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"])
        for i in range(DATASET_ROWS):
            w.writerow(
                [f"Alpha{i}", "France", 45.0, 2.0 + i / 1000, f"Beta{i}", "Italy", 41.0, 12.0]
            )
        w.writerow(["Kunming", "China", 25.0464, 102.7094, "Antalya", "Turkey", 36.8869, 30.7033])


def run_all(env: dict[str, str], tmp: Path) -> tuple[list[list[str]], dict]:
    """Start every writer, wait for all of them; return the ids imported and the edits."""
    folders = [tmp / f"import-{k}" for k in range(IMPORTERS)]
    expected = [write_folder(f, k) for k, f in enumerate(folders)]
    write_dataset(tmp / "twins.csv")

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, *args], env=env, cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip

    cli = ("-c", "from cli.main import main; main()")
    procs = [start(*cli, "import-dataset", "twin-towns", str(tmp / "twins.csv"))]
    time.sleep(0.5)
    procs.append(start(*cli, "import", str(SAMPLE)))
    procs += [start(*cli, "import", str(f)) for f in folders]
    editor = start("-m", "tests.concurrency_editor", str(EDITS), "700000")
    outputs = []
    for p in [*procs, editor]:
        out, err = p.communicate(timeout=TIMEOUT)
        assert p.returncode == 0, f"{p.args[-2:]} failed:\n{out[-2000:]}\n{err[-2000:]}"
        outputs.append(out)
    return expected, json.loads(outputs[-1].strip().splitlines()[-1])


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def setting(request, tmp_path) -> dict[str, str]:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIPLOMAP_", "NEO4J_"))}
    env |= {"DIPLOMAP_DATA_DIR": str(data_dir), "DIPLOMAP_BACKEND": request.param}
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_store")  # a clean test database
        settings = request.getfixturevalue("neo4j_test_database")
        env |= {
            k: str(settings[k])
            for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
        }
    return env


def test_concurrent_imports_dataset_import_and_web_edits_lose_nothing(setting, tmp_path):
    from graph import settings as settings_mod

    settings = settings_mod.load(setting)
    password = secrets.token_urlsafe(12)
    UserStore.from_settings(settings).add("concurrent-editor", password, role="editor")
    env = setting | {"EDITOR_NAME": "concurrent-editor", "EDITOR_PASSWORD": password}

    expected, edits = run_all(env, tmp_path)

    store = open_store(settings)
    antalya = store.get(ANTALYA).props
    with (SAMPLE / "cities.csv").open(encoding="utf-8") as fh:
        curated = next(r for r in csv.DictReader(fh) if r["id"] == ANTALYA)
    assert antalya.get("is_home") is True
    assert antalya.get("aliases") == curated["aliases"].split(";")
    for key in ("official_networks", "official_sister_cities", "official_protocols"):
        assert antalya.get(key) == int(curated[key]), key
    assert antalya["lat"] == float(curated["lat"])  # curated, not the data set's 36.8869
    assert edits["acknowledged"], edits
    assert antalya["population"] == edits["acknowledged"][-1]
    stored = store.get_many([i for ids in expected for i in ids])
    assert len(stored) == IMPORTERS * CITIES_EACH
    assert all(
        stored[i].props["notes"] == f"worker {k}" for k, ids in enumerate(expected) for i in ids
    )
    assert (
        store.find("city-fr-alpha0") is not None
        and store.find(f"city-it-beta{DATASET_ROWS - 1}") is not None
    )
    audit = AuditLog.from_settings(settings)
    assert audit.count(ANTALYA) == len(edits["acknowledged"])
    assert check(store, audit) == []
    store.close()


class SlowReads(EmbeddedStore):
    """The embedded store, pausing after its first read of a write: a long import, whose
    records were read some time before they are written."""

    pause = 0.0

    def get_many(self, ids):  # noqa: ANN001, ANN201 - the Store interface
        found = super().get_many(ids)
        pause, self.pause = self.pause, 0.0
        time.sleep(pause)
        return found


def test_a_write_that_reads_early_does_not_erase_one_that_lands_in_between(tmp_path):
    path = tmp_path / "g.sqlite"
    with EmbeddedStore(path) as store:
        store.apply(ChangeSet([Node(ANTALYA, "City", {"name": "Antalya", "country": "TR"})]))
    slow, quick = SlowReads(path), EmbeddedStore(path)
    slow.pause = 0.5
    first = threading.Thread(
        target=slow.apply, args=(ChangeSet([Node(ANTALYA, "City", {"lat": 36.9})]),)
    )
    first.start()
    time.sleep(0.1)  # the first writer has read Antalya and not written yet
    quick.apply(ChangeSet([Node(ANTALYA, "City", {"is_home": True, "population": 777777})]))
    first.join()
    props = EmbeddedStore(path).get(ANTALYA).props
    assert props["lat"] == 36.9
    assert props["is_home"] is True and props["population"] == 777777
