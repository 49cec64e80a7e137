"""Fixtures of the web tests, layered like Flask's tutorial: data dir -> app -> client -> runner.

- ``sample_dir``: an embedded store with the Antalya sample, imported once per session
  through the real pipeline (read-only for the tests that use it).
- ``app`` / ``client`` / ``runner``: a fresh app over that store.
- ``make_app``: an app over a fresh store holding a given :class:`ChangeSet`.
- ``xss_payloads`` and ``xss_dir``: a graph whose names, aliases, notes and sources are
  script-injection payloads (``tests/data/xss_payloads.txt``).
- ``login_as(client, role) -> User``: a new user of ``role`` in the app's accounts, signed
  in through the login form (with its CSRF token); ``viewer_client``: a client signed in
  as a viewer. ``live_login(page, base_url, role)`` does the same in a Playwright page
  against a live server (see ``tests/browser/conftest.py``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from graph.accounts.user import User
from graph.model import Node, Relation
from graph.stores.changes import ChangeSet
from graph.stores.embedded import EmbeddedStore
from web import create_app
from web.store import access

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "antalya"
PAYLOADS = Path(__file__).parent / "data" / "xss_payloads.txt"


def app_config(data_dir: Path, **extra: Any) -> dict[str, Any]:
    """Test settings: the embedded store in ``data_dir``, nothing from the environment."""
    return {
        "DIPLOMAP_DATA_DIR": str(data_dir),
        "DIPLOMAP_BACKEND": "embedded",
        "DIPLOMAP_HOME": None,
        "DIPLOMAP_SECRET_KEY": None,
        "TESTING": True,
        "DIPLOMAP_SECURE_COOKIES": False,  # the test client and live server speak plain http
        "SECRET_KEY": "test-secret",
        **extra,
    }


def fill(data_dir: Path, changes: ChangeSet | None = None, sample: bool = False) -> Path:
    """Create the embedded store of ``data_dir`` with ``changes`` and/or the Antalya sample."""
    with EmbeddedStore(data_dir / "graph.sqlite") as store:
        if sample:
            from importers.pipeline import import_path

            import_path(store, SAMPLE)
        if changes:
            store.apply(changes)
    return data_dir


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    return fill(tmp_path_factory.mktemp("web-sample"), sample=True)


@pytest.fixture
def app(sample_dir) -> Iterator[Flask]:
    app = create_app(app_config(sample_dir))
    yield app
    app.extensions["diplomap"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_app(tmp_path) -> Iterator[Callable[..., Flask]]:
    """``make_app(changes=None, **config)``: an app over a fresh store with ``changes``."""
    made: list[Flask] = []

    def build(changes: ChangeSet | None = None, **config: Any) -> Flask:
        data_dir = tmp_path / f"store-{len(made)}"
        data_dir.mkdir()
        fill(data_dir, changes)
        app = create_app(app_config(data_dir, **config))
        made.append(app)
        return app

    yield build
    for app in made:
        access_of(app).close()


# -- signing in -------------------------------------------------------------------------------
TEST_PASSWORD_BYTES = 12
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of ``client``'s session, read from a form on ``path``."""
    html = client.get(path).get_data(as_text=True)
    found = _CSRF.search(html)
    assert found, f"no CSRF token in the form of {path}"
    return found.group(1)


def add_user(app: Flask, role: str, username: str | None = None) -> tuple[User, str]:
    """A new account of ``role`` in ``app``'s accounts and its password."""
    from web.auth import users

    password = secrets.token_urlsafe(TEST_PASSWORD_BYTES)
    with app.app_context():
        user = users().add(username or f"{role}-{secrets.token_hex(4)}", password, role=role)
    return user, password


def sign_in(client, role: str) -> User:
    """Create a user of ``role`` in the client's app and sign in through the login form."""
    user, password = add_user(client.application, role)
    token = csrf_token(client)
    response = client.post(
        "/login", data={"username": user.username, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return user


def signed_in(client, role: str = "viewer"):
    """``client``, signed in as a new user of ``role``."""
    sign_in(client, role)
    return client


@pytest.fixture
def login_as() -> Callable[..., User]:
    """``login_as(client, role) -> User``: sign ``client`` in as a new user of ``role``."""
    return sign_in


@pytest.fixture
def viewer_client(client):
    """A client signed in as a viewer (what the read-only page tests use)."""
    sign_in(client, "viewer")
    return client


#: Apps served by live servers, by base URL (filled by ``tests/browser/conftest.py``).
LIVE_APPS: dict[str, Flask] = {}


def live_login(page, base_url: str, role: str) -> User:
    """Create a user of ``role`` in the live server at ``base_url`` and sign in in ``page``."""
    user, password = add_user(LIVE_APPS[base_url.rstrip("/")], role)
    page.goto(base_url.rstrip("/") + "/login")
    page.locator("#login-form input[name=username]").fill(user.username)
    page.locator("#login-form input[name=password]").fill(password)
    page.locator("#login-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return user


def access_of(app: Flask):
    with app.app_context():
        return access()


def mini_graph() -> ChangeSet:
    """Antalya with a sister city, a dormant one, a network, a theme, a project and an event."""
    nodes = [
        Node(
            "city-tr-antalya",
            "City",
            {
                "name": "Antalya",
                "country": "TR",
                "is_home": True,
                "lat": 36.9,
                "lon": 30.7,
                "official_sister_cities": 12,
            },
        ),
        Node(
            "city-de-nurnberg",
            "City",
            {
                "name": "Nuremberg",
                "name_tr": "Nürnberg",
                "country": "DE",
                "lat": 49.45,
                "lon": 11.08,
                "aliases": ["Nürnberg", "Nurnberg"],
            },
        ),
        Node(
            "city-cn-kunming",
            "City",
            {"name": "Kunming", "country": "CN", "lat": 25.0, "lon": 102.7},
        ),
        Node(
            "city-us-austin",
            "City",
            {"name": "Austin", "country": "US", "lat": 30.27, "lon": -97.74},
        ),
        Node(
            "network-cittaslow",
            "Network",
            {"name": "Cittaslow International", "acronym": "Cittaslow"},
        ),
        Node(
            "theme-clean-energy",
            "Theme",
            {"name": "Clean Energy", "name_en": "Clean Energy", "name_tr": "Temiz Enerji"},
        ),
        Node(
            "agreement-antalya-nurnberg",
            "Agreement",
            {
                "name": "Antalya – Nuremberg",
                "type": "sister_city",
                "status": "active",
                "signed_on": "1997",
                "source": "https://nuernberg.de/x | local copy",
            },
        ),
        Node(
            "agreement-antalya-kunming",
            "Agreement",
            {
                "name": "Antalya – Kunming",
                "type": "sister_city",
                "status": "dormant",
                "signed_on": "2011",
            },
        ),
        Node("project-matchup", "Project", {"name": "MAtchUP", "status": "completed"}),
        Node(
            "event-2022-anniversary",
            "Event",
            {"name": "25th anniversary", "date": "2022-10-01", "type": "visit"},
        ),
    ]
    rels = [
        Relation("PARTY_TO", "city-tr-antalya", "agreement-antalya-nurnberg"),
        Relation("PARTY_TO", "city-de-nurnberg", "agreement-antalya-nurnberg"),
        Relation("PARTY_TO", "city-tr-antalya", "agreement-antalya-kunming"),
        Relation("PARTY_TO", "city-cn-kunming", "agreement-antalya-kunming"),
        Relation(
            "MEMBER_OF",
            "city-tr-antalya",
            "network-cittaslow",
            {"since": "2024", "status": "active"},
        ),
        Relation("MEMBER_OF", "city-us-austin", "network-cittaslow", {"status": "active"}),
        Relation("HAS_THEME", "city-tr-antalya", "theme-clean-energy", {"kind": "priority"}),
        Relation("HAS_THEME", "city-us-austin", "theme-clean-energy", {"kind": "expertise"}),
        Relation("PARTNER_IN", "city-tr-antalya", "project-matchup", {"role": "partner"}),
        Relation("PARTNER_IN", "city-de-nurnberg", "project-matchup", {"role": "lead"}),
        Relation("PARTICIPATED_IN", "city-de-nurnberg", "event-2022-anniversary"),
        Relation("PARTICIPATED_IN", "city-tr-antalya", "event-2022-anniversary"),
    ]
    return ChangeSet(nodes=nodes, relations=rels)


def read_payloads() -> list[str]:
    return [
        line
        for line in PAYLOADS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]


def xss_graph(payloads: list[str]) -> ChangeSet:
    """The mini graph plus, per payload, a partner city, a network, an organisation and an event
    whose names, aliases, notes and sources are the payload."""
    changes = mini_graph()
    for i, p in enumerate(payloads):
        city, net, org = f"city-de-payload-{i}", f"network-payload-{i}", f"org-payload-{i}"
        agreement, event = f"agreement-payload-{i}", f"event-payload-{i}"
        props = {"aliases": [p], "source": f"{p} | javascript:alert({i})", "notes": p}
        changes.nodes += [
            Node(
                city,
                "City",
                {
                    "name": p,
                    "name_tr": p,
                    "country": "DE",
                    "lat": 40.0 + i,
                    "lon": 5.0 + i,
                    **props,
                },
            ),
            Node(
                net, "Network", {"name": p, "acronym": p, "website": "javascript:alert(1)", **props}
            ),
            Node(org, "Organization", {"name": p, "kind": "ngo", **props}),
            Node(
                agreement,
                "Agreement",
                {
                    "name": p,
                    "type": "cooperation_protocol",
                    "status": "active",
                    "signed_on": "2020",
                    **props,
                },
            ),
            Node(event, "Event", {"name": p, "date": "2024-01-0" + str(1 + i % 9), **props}),
        ]
        changes.relations += [
            Relation("PARTY_TO", "city-tr-antalya", agreement),
            Relation("PARTY_TO", city, agreement),
            Relation("MEMBER_OF", city, net, {"status": "active", "role": p}),
            Relation("MEMBER_OF", city, "network-cittaslow", {"status": "active"}),
            Relation("HAS_THEME", city, "theme-clean-energy", {"kind": "expertise"}),
            Relation("HAS_THEME", org, "theme-clean-energy", {"kind": "expertise"}),
            Relation("STAKEHOLDER_OF", org, city, {"role": p}),
            Relation("PARTICIPATED_IN", city, event),
        ]
    return changes


@pytest.fixture(scope="session")
def xss_payloads() -> list[str]:
    return read_payloads()


@pytest.fixture(scope="session")
def xss_dir(tmp_path_factory, xss_payloads) -> Path:
    return fill(tmp_path_factory.mktemp("web-xss"), xss_graph(xss_payloads))
