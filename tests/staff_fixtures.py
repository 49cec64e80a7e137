"""Fixtures of the staff workflow tests (edit, audit, upload): apps that may be written.

- ``staff_app``: an app over a private copy of the Antalya sample (embedded store), so
  tests can edit, import and undo without touching the shared ``sample_dir``.
- ``backend_app``: the same on each backend, ``embedded`` and ``neo4j`` (the Neo4j test
  database filled with the sample; skipped without a server, see ``tests/neo4j_support.py``).
- ``editor`` / ``admin`` / ``viewer``: a client of ``staff_app`` signed in with that role.
- ``post_form(client, url, data, form=...)``: a POST carrying the CSRF token of the session.
- ``node_props(app, id)``: an entity's properties straight from the app's store.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.web_fixtures import SAMPLE, app_config, csrf_token, sign_in
from web import create_app

#: Files of a data folder that belong to one app (accounts, log, secrets), not to the sample.
_PRIVATE = shutil.ignore_patterns(
    "users.sqlite*", "audit.sqlite*", "audit-failures.log", "uploads", "secret_key"
)


def copy_sample(sample_dir: Path, target: Path) -> Path:
    shutil.copytree(sample_dir, target, ignore=_PRIVATE)
    return target


@pytest.fixture
def staff_app(sample_dir, tmp_path) -> Iterator[Flask]:
    app = create_app(app_config(copy_sample(sample_dir, tmp_path / "staff")))
    yield app
    app.extensions["diplomap"].close()


@pytest.fixture(
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)], ids=["embedded", "neo4j"]
)
def backend_app(request, sample_dir, tmp_path) -> Iterator[Flask]:
    """An app over the Antalya sample on each backend."""
    if request.param == "embedded":
        app = create_app(app_config(copy_sample(sample_dir, tmp_path / "staff")))
    else:
        from importers.pipeline import import_path

        store = request.getfixturevalue("neo4j_store")
        import_path(store, SAMPLE)
        settings = request.getfixturevalue("neo4j_test_database")
        data_dir = tmp_path / "staff-neo4j"
        data_dir.mkdir()
        app = create_app(
            app_config(
                data_dir,
                DIPLOMAP_BACKEND="neo4j",
                **{
                    k: settings[k]
                    for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
                },
            )
        )
    yield app
    app.extensions["diplomap"].close()


def _client(app: Flask, role: str):
    client = app.test_client()
    client.user = sign_in(client, role)
    return client


@pytest.fixture
def editor(staff_app):
    return _client(staff_app, "editor")


@pytest.fixture
def admin(staff_app):
    return _client(staff_app, "admin")


@pytest.fixture
def viewer(staff_app):
    return _client(staff_app, "viewer")


@pytest.fixture
def client_as() -> Callable[[Flask, str], Any]:
    """``client_as(app, role)``: a new client of ``app`` signed in as a new user of ``role``."""
    return _client


def post_form(
    client, url: str, data: dict[str, Any] | None = None, *, form: str = "/import", **kwargs: Any
):
    """POST ``data`` to ``url`` with the session's CSRF token (read from the page ``form``)."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client, form)}, **kwargs)


def node_props(app: Flask, id: str) -> dict[str, Any] | None:
    """The stored properties of ``id`` (without ``updated_at``), or None when it does not exist."""
    from web.store import access

    with app.app_context():
        node = access().store.find(id)
    return None if node is None else {k: v for k, v in node.props.items() if k != "updated_at"}


def audit_of(app: Flask):
    from web.auth import audit_log

    with app.app_context():
        return audit_log()
