"""``diplomap serve`` and ``diplomap demo``, with the server replaced by a recorder."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.fixture
def served(monkeypatch):
    calls = []

    def fake_run(app, host, port):
        with app.test_client() as c:
            calls.append({"host": host, "port": port, "overview": c.get("/index.json").get_json()})

    monkeypatch.setattr("cli.web.run", fake_run)
    return calls


def test_demo_imports_the_sample_into_a_fresh_store_and_serves_it(tmp_path, served, monkeypatch):
    monkeypatch.delenv("DIPLOMAP_DATA_DIR", raising=False)
    monkeypatch.delenv("DIPLOMAP_BACKEND", raising=False)
    data_dir = tmp_path / "data"
    (data_dir / "demo").mkdir(parents=True)
    (data_dir / "demo" / "stale.txt").write_text("old")
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo", "--port", "5099"])
    assert result.exit_code == 0, result.output
    assert "nodes:" in result.output and "created" in result.output
    assert not (data_dir / "demo" / "stale.txt").exists()
    assert served[0]["port"] == 5099 and served[0]["host"] == "127.0.0.1"
    assert served[0]["overview"]["home"]["id"] == "city-tr-antalya"


def test_demo_without_a_data_dir_uses_a_temporary_folder_and_removes_it(served, monkeypatch, tmp_path):
    monkeypatch.delenv("DIPLOMAP_DATA_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert served and list(tmp_path.glob("diplomap-demo-*")) == []


def test_serve_uses_the_configured_store(tmp_path, served, monkeypatch):
    from tests.web_fixtures import fill, mini_graph

    monkeypatch.delenv("DIPLOMAP_BACKEND", raising=False)
    fill(tmp_path, mini_graph())
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve", "--host", "127.0.0.1",
                                      "--port", "5098"])
    assert result.exit_code == 0, result.output
    assert served[0]["overview"]["home"]["id"] == "city-tr-antalya"
