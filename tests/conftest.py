"""Fixtures shared by the whole suite, layered: settings -> store -> app -> client.

Backend-specific fixtures live in plugin modules listed below (Neo4j, web).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from graph import settings as settings_mod
from graph.stores.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "antalya"

pytest_plugins = [
    m
    for m in ("tests.neo4j_support", "tests.web_fixtures", "tests.staff_fixtures")
    if importlib.util.find_spec(m) is not None
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOMAP_DATA_DIR", str(tmp_path / "data"))
    return settings_mod.load()


@pytest.fixture
def embedded(tmp_path):
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    yield store
    store.close()


@pytest.fixture
def sample_store(embedded):
    from importers.pipeline import import_path

    import_path(embedded, SAMPLE)
    return embedded


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The public data sets folder (DIPLOMAP_DATASETS_DIR); skip outside CI when absent."""
    path = Path(settings_mod.load()["DIPLOMAP_DATASETS_DIR"])
    if not (path / "twin_cities_wikipedia_geocoded.csv").exists():
        if in_ci():
            pytest.fail(f"public data sets not found in {path} (DIPLOMAP_DATASETS_DIR)")
        pytest.skip(f"public data sets not found in {path}; set DIPLOMAP_DATASETS_DIR")
    return path
