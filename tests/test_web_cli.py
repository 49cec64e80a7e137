"""``diplomap serve`` and ``diplomap demo``: with the server replaced by a recorder, and for real."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.fixture
def served(monkeypatch):
    from tests.web_fixtures import sign_in

    calls = []
    monkeypatch.setenv("DIPLOMAP_SECURE_COOKIES", "false")  # the test client speaks http

    def fake_run(app, host, port):
        with app.test_client() as c:
            anonymous = c.get("/index.json").status_code
            sign_in(c, "viewer")
            calls.append(
                {
                    "host": host,
                    "port": port,
                    "overview": c.get("/index.json").get_json(),
                    "anonymous": anonymous,
                }
            )

    monkeypatch.setattr("cli.web.run", fake_run)
    return calls


def test_demo_imports_the_sample_once_and_keeps_its_store(tmp_path, served, monkeypatch):
    monkeypatch.delenv("DIPLOMAP_DATA_DIR", raising=False)
    monkeypatch.delenv("DIPLOMAP_BACKEND", raising=False)
    data_dir = tmp_path / "data"
    first = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo", "--port", "5099"])
    assert first.exit_code == 0, first.output
    assert "Imported the Antalya sample and its peers:" in first.output
    assert served[0]["port"] == 5099 and served[0]["host"] == "127.0.0.1"
    assert served[0]["overview"]["home"]["id"] == "city-tr-antalya"
    assert served[0]["anonymous"] == 401
    # One clear line: where to go and how to sign in; no import report block.
    lines = [ln for ln in first.output.splitlines() if ln.strip()]
    assert len(lines) == 2 and lines[1].startswith(
        "Diplomap demo: open http://127.0.0.1:5099/login"
    )
    (data_dir / "demo" / "kept.txt").write_text("an upload")
    again = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo", "--port", "5099"])
    assert "Imported" not in again.output and (data_dir / "demo" / "kept.txt").exists()
    fresh = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo", "--fresh"])
    assert "Imported" in fresh.output and not (data_dir / "demo" / "kept.txt").exists()


def test_demo_holds_the_peers_never_as_home(tmp_path):
    from cli.web import PEERS, SAMPLE
    from graph.stores.embedded import EmbeddedStore
    from importers.pipeline import import_path

    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        import_path(store, SAMPLE)
        import_path(store, PEERS)
        homes = [n.id for n in store.nodes("City") if n.props.get("is_home")]
        assert homes == ["city-tr-antalya"]
        members = {r.start for r in store.relations("MEMBER_OF")}
        assert {"city-tr-izmir", "city-tr-konya", "city-tr-mersin"} <= members
        medcities = {r.start for r in store.relations("MEMBER_OF") if r.end == "network-medcities"}
        assert {"city-tr-antalya", "city-tr-izmir"} <= medcities  # one node for a shared network
        izmir = {r.end for r in store.relations("PARTY_TO") if r.start == "city-tr-izmir"}
        assert len(izmir) >= 20 and all(
            store.get(a).props.get("source") for a in izmir
        )  # every tie with its sources


def test_demo_creates_an_admin_and_prints_how_to_sign_in(tmp_path, served):
    import re

    from graph.accounts.users import UserStore

    data_dir = tmp_path / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "demo", "--port", "5096"])
    assert result.exit_code == 0, result.output
    found = re.search(
        r"^Diplomap demo: open http://127\.0\.0\.1:5096/login and sign in as demo / (\S+) ",
        result.output,
        re.M,
    )
    assert found, result.output
    user = UserStore(data_dir / "demo" / "users.sqlite").verify("demo", found.group(1))
    assert user is not None and user.role == "admin"


def test_serve_without_users_says_how_to_create_one(tmp_path, served):
    from tests.web_fixtures import fill, mini_graph

    fill(tmp_path, mini_graph())
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve", "--port", "5095"])
    assert result.exit_code == 0, result.output
    assert "diplomap user add NAME --role admin" in result.output


def test_demo_without_a_data_dir_keeps_its_store_in_the_users_data_folder(
    served, monkeypatch, tmp_path
):
    monkeypatch.delenv("DIPLOMAP_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert served and (tmp_path / "diplomap" / "demo" / "graph.sqlite").exists()


def test_serve_uses_the_configured_store(tmp_path, served, monkeypatch):
    from tests.web_fixtures import fill, mini_graph

    monkeypatch.delenv("DIPLOMAP_BACKEND", raising=False)
    fill(tmp_path, mini_graph())
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path), "serve", "--host", "127.0.0.1", "--port", "5098"]
    )
    assert result.exit_code == 0, result.output
    assert served[0]["overview"]["home"]["id"] == "city-tr-antalya"


def test_serve_with_several_workers_uses_gunicorn(tmp_path, served, monkeypatch):
    from tests.web_fixtures import fill, mini_graph

    started = []
    monkeypatch.setattr(
        "cli.web.run_workers",
        lambda app, host, port, workers: started.append((host, port, workers)),
    )
    fill(tmp_path, mini_graph())
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path), "serve", "--port", "5097", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert started == [("127.0.0.1", 5097, 2)] and not served
    assert "2 worker processes" in result.output


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _opener(port: int, username: str, password: str):
    """A urllib opener with a cookie jar, signed in through the login form."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(f"http://127.0.0.1:{port}/login", timeout=30) as response:
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token})
    with opener.open(f"http://127.0.0.1:{port}/login", form.encode(), timeout=30) as response:
        assert "/login" not in response.geturl()
    return opener


def _get_json(opener, port: int, path: str) -> dict:
    import json

    with opener.open(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return json.load(response)


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn runs on Linux and macOS")
def test_gunicorn_workers_serve_pages_and_show_an_edit_made_elsewhere(tmp_path):
    """Two worker processes, each with its own graph and kept pages; an edit through another
    connection shows in every answer after it; SIGTERM stops the master and its workers."""
    import os
    import subprocess
    import time
    import urllib.request

    from graph.accounts.users import UserStore
    from graph.model import Node
    from graph.stores.changes import ChangeSet
    from graph.stores.embedded import EmbeddedStore
    from tests.web_fixtures import fill, mini_graph

    fill(tmp_path, mini_graph())
    UserStore(tmp_path / "users.sqlite").add("reader", "a long passphrase", role="viewer")
    port = _free_port()
    env = {
        **os.environ,
        "DIPLOMAP_DATA_DIR": str(tmp_path),
        "DIPLOMAP_BACKEND": "embedded",
        "DIPLOMAP_SECRET_KEY": "test",
        "DIPLOMAP_SECURE_COOKIES": "false",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cli.main import main; main()",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=30).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stdout.read()
                time.sleep(0.1)
        opener = _opener(port, "reader", "a long passphrase")
        page = "/entity/city-us-austin.json"
        assert {_get_json(opener, port, page)["entity"]["name"] for _ in range(8)} == {"Austin"}
        with EmbeddedStore(tmp_path / "graph.sqlite") as store:
            store.apply(
                ChangeSet(
                    nodes=[
                        Node("city-us-austin", "City", {"name": "Austin, Texas", "country": "US"})
                    ]
                )
            )
        assert {_get_json(opener, port, page)["entity"]["name"] for _ in range(8)} == {
            "Austin, Texas"
        }
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert server.returncode == 0, output
    assert "2 worker processes" in output and "Traceback" not in output
