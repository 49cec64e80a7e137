"""Pytest fixtures for the Neo4j backend and for the store contract tests.

Listed in ``tests/conftest.py`` as ``pytest_plugins = ["tests.neo4j_support"]``.

Where the server comes from (``neo4j_uri``):

- ``NEO4J_URI`` in the environment: that server (with ``NEO4J_USER``,
  ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``);
- otherwise the local server of ``tools/neo4j/neo4j-local start`` (stopped again at
  the end if the tests started it). When it cannot
  start (no java/mvn, a build or start failure), the Neo4j tests are skipped
  with the reason, except under ``CI=true``, where that is a failure.

The tests refuse to wipe a database they did not create: the first time they use
a database it must be empty, and they mark it with a ``(:DiplomapTestMarker)``
node; a database with nodes and no marker fails the session instead of being
cleared. Each test then starts from an empty graph.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

from graph import settings as diplomap_settings
from graph.stores.base import Store
from graph.stores.embedded import EmbeddedStore
from graph.stores.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tools" / "neo4j" / "neo4j-local"
MARKER = "DiplomapTestMarker"
START_TIMEOUT = 900  # the first start builds the launcher with Maven


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _unavailable(reason: str) -> None:
    """Skip the Neo4j tests, or fail them under CI=true (CI must run them)."""
    if in_ci():
        pytest.fail(f"Neo4j tests cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def local_neo4j_running() -> bool:
    """True when ``tools/neo4j/neo4j-local status`` says the server runs."""
    try:
        return (
            subprocess.run(
                [str(LAUNCHER), "status"], capture_output=True, timeout=60, cwd=ROOT
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def stop_local_neo4j() -> None:
    """Stop the local server; a stop that hangs is reported, not raised (the tests are done)."""
    try:
        subprocess.run([str(LAUNCHER), "stop"], capture_output=True, timeout=120, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(
            f"\nneo4j-local stop failed ({exc}); stop the server with "
            "`tools/neo4j/neo4j-local stop`",
            file=sys.__stderr__,
        )


def start_local_neo4j() -> str:
    """Start (or find running) the local server; return its bolt URI."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(
            f"{' and '.join(missing)} not found, so tools/neo4j/neo4j-local cannot run; "
            "install a JDK 17+ and Maven, or set NEO4J_URI to a Neo4j 5 server"
        )
    if not LAUNCHER.exists():
        _unavailable(f"{LAUNCHER.relative_to(ROOT)} is missing; set NEO4J_URI to a Neo4j 5 server")
    try:
        proc = subprocess.run(
            [str(LAUNCHER), "start"],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            cwd=ROOT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        _unavailable(f"tools/neo4j/neo4j-local start failed: {exc}")
    found = re.search(r"^NEO4J_URI=(\S+)", proc.stdout, re.MULTILINE)
    if proc.returncode != 0 or not found:
        _unavailable(
            f"tools/neo4j/neo4j-local start exited with {proc.returncode}:\n"
            f"{_tail(proc.stdout + proc.stderr)}"
        )
    return found.group(1)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """Bolt URI of the Neo4j server the tests use (see the module docstring).

    A local server that this fixture started is stopped at the end of the session,
    unless ``DIPLOMAP_KEEP_NEO4J=1`` (faster reruns); one already running is left alone.
    """
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    was_running = LAUNCHER.exists() and local_neo4j_running()
    uri = start_local_neo4j()
    try:
        yield uri
    finally:
        if not was_running and os.environ.get("DIPLOMAP_KEEP_NEO4J") != "1":
            stop_local_neo4j()


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_uri: str) -> dict[str, Any]:
    """Diplomap settings (from the environment) pointing at the test server."""
    return diplomap_settings.load(NEO4J_URI=neo4j_uri, DIPLOMAP_BACKEND="neo4j")


def _admin_driver(settings: dict[str, Any]):
    password = settings["NEO4J_PASSWORD"]
    auth = (settings["NEO4J_USER"], password) if password else None
    return GraphDatabase.driver(settings["NEO4J_URI"], auth=auth)


@pytest.fixture(scope="session")
def neo4j_test_database(neo4j_settings: dict[str, Any]) -> dict[str, Any]:
    """Claim the test database once per session, refusing one that holds other data."""
    db = neo4j_settings["NEO4J_DATABASE"]
    store = Neo4jStore.from_settings(neo4j_settings)
    try:
        store.counts()  # translate "not reachable" and friends into a readable error
    except Exception as exc:
        _unavailable(str(exc))
    finally:
        store.close()
    with _admin_driver(neo4j_settings) as driver:
        records, _, _ = driver.execute_query(
            f"MATCH (n) RETURN count(CASE WHEN n:{MARKER} THEN 1 END) AS markers, "
            "count(n) AS nodes",
            database_=db,
        )
        markers, nodes = records[0]["markers"], records[0]["nodes"]
        if not markers and nodes:
            pytest.fail(
                f"refusing to wipe Neo4j database {db!r} at {neo4j_settings['NEO4J_URI']}: it holds "
                f"{nodes} nodes and no (:{MARKER}) node, so these tests did not create it. "
                "Point NEO4J_URI (or NEO4J_DATABASE) at an empty database for the tests.",
                pytrace=False,
            )
        if not markers:
            driver.execute_query(f"MERGE (:{MARKER} {{key: 'diplomap-tests'}})", database_=db)
    return neo4j_settings


def wipe(settings: dict[str, Any]) -> None:
    """Delete everything but the marker (Store.clear() keeps nodes that are not entities)."""
    with _admin_driver(settings) as driver:
        driver.execute_query(
            f"MATCH (n) WHERE NOT n:{MARKER} AND NOT n:DiplomapMeta DETACH DELETE n",
            database_=settings["NEO4J_DATABASE"],
        )


@pytest.fixture
def neo4j_store(neo4j_test_database: dict[str, Any]) -> Iterator[Neo4jStore]:
    """A :class:`Neo4jStore` on the claimed test database, empty at the start of the test."""
    store = Neo4jStore.from_settings(neo4j_test_database)
    store.clear()
    wipe(neo4j_test_database)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)], ids=["embedded", "neo4j"]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend, for the contract tests."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    with EmbeddedStore(tmp_path / "graph.sqlite") as embedded:
        yield embedded
