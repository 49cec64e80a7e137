"""docker-compose.yml is valid and safe: loopback ports, no password, health-gated app.

Validated with ``docker-compose config``, which needs no Docker engine. Skipped
when docker-compose is not installed, except under ``CI=true`` (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.neo4j_support import in_ci

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
PASSWORD = "not-a-real-password-4711"


def _compose() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    message = "docker-compose is not installed (apt-get install docker-compose)"
    if in_ci():
        pytest.fail(f"{message}; CI must validate docker-compose.yml", pytrace=False)
    pytest.skip(message)


def _config(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"} | env
    return subprocess.run(
        [*_compose(), "-f", str(COMPOSE_FILE), "config"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def config() -> dict:
    proc = _config(NEO4J_PASSWORD=PASSWORD)
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)


def _ports(service: dict) -> list[str]:
    return [
        p if isinstance(p, str) else f"{p.get('host_ip', '')}:{p['published']}:{p['target']}"
        for p in service.get("ports", [])
    ]


def test_every_published_port_is_bound_to_loopback(config: dict) -> None:
    ports = {name: _ports(svc) for name, svc in config["services"].items()}
    assert ports["neo4j"] and ports["app"]
    for published in ports.values():
        assert all(p.startswith("127.0.0.1:") for p in published), published
    assert {p.split(":")[1] for p in ports["neo4j"]} == {"7474", "7687"}
    assert [p.split(":")[1] for p in ports["app"]] == ["5000"]


def test_no_password_is_written_in_the_file() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert "${NEO4J_PASSWORD:?" in text  # required from the environment, no default
    for line in text.splitlines():
        if line.strip().startswith(("NEO4J_AUTH:", "NEO4J_PASSWORD:")):
            assert "${NEO4J_PASSWORD" in line, line


def test_compose_refuses_to_start_without_a_password() -> None:
    proc = _config()
    assert proc.returncode != 0 and "NEO4J_PASSWORD" in proc.stderr


def test_neo4j_has_a_healthcheck_and_keeps_its_data_in_a_volume(config: dict) -> None:
    neo4j = config["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26")
    test = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in test or "7474" in test
    assert any(
        str(v).split(":")[0] in config["volumes"] and ":/data" in str(v) for v in neo4j["volumes"]
    )
    assert neo4j["environment"]["NEO4J_AUTH"] == f"neo4j/{PASSWORD}"
    assert neo4j["environment"]["NEO4J_db_transaction_timeout"] == "120s"


def test_app_waits_for_a_healthy_neo4j_and_uses_it(config: dict) -> None:
    app = config["services"]["app"]
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = app["environment"]
    assert env["DIPLOMAP_BACKEND"] == "neo4j" and env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"] == PASSWORD
    assert "build" in app


def test_dockerfile_serves_the_app_on_all_interfaces_of_the_container() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    assert '"diplomap", "serve", "--host", "0.0.0.0", "--port", "5000"' in text
