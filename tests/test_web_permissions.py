"""Who may reach what: every route of ``app.url_map`` x every role, from one table.

``RULES`` names the permission(s) each endpoint needs (any one of them suffices); a
JSON twin (``x_json``) follows its page. A route added without a rule here fails
:func:`test_every_route_has_a_rule`, so nothing becomes reachable by accident.

Expected answers: anonymous 401 (a redirect to the login page for an HTML GET),
a role without the permission 403, a role with it anything but 401/403 (and no
500). Writes go to a private store; POSTs carry the session's CSRF token.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from graph.accounts.permissions import (
    AUDIT,
    CONSOLE,
    EDIT,
    EXPORT,
    IMPORT,
    MANAGE_USERS,
    READ,
    ROLE_PERMISSIONS,
    UNDO_ANY,
    UNDO_OWN,
)
from graph.model import Node
from graph.stores.changes import ChangeSet
from tests.web_fixtures import app_config, csrf_token, fill, mini_graph, sign_in
from web import create_app

OPEN = "open"
ROLES = ("viewer", "editor", "analyst", "admin")

#: endpoint -> permissions (any of them); OPEN for the pages anyone may reach.
RULES: dict[str, tuple[str, ...] | str] = {
    "static": OPEN,
    "account.login": OPEN,
    "account.logout": OPEN,
    "overview.overview": (READ,),
    "explore.explore": (READ,),
    "search.search_json": (READ,),
    "entity.entity": (READ,),
    "dossier.dossier_page": (READ,),
    "dossier.dossier_pdf": (READ,),
    "synergy.synergy": (READ,),
    "paths.path": (READ,),
    "questions.questions": (READ,),
    "questions.questions_csv": (EXPORT,),
    "maps.world_map": (READ,),
    "synergy.synergy_csv": (EXPORT,),
    "synergy.synergy_xlsx": (EXPORT,),
    "consortium.consortium": (READ,),
    "consortium.consortium_xlsx": (EXPORT,),
    "exports.export_page": (EXPORT,),
    "exports.download": (EXPORT,),
    "console.console": (CONSOLE,),
    "console.console_csv": (CONSOLE,),
    "account.manage_users": (MANAGE_USERS,),
    "account.add_user": (MANAGE_USERS,),
    "account.change_user": (MANAGE_USERS,),
    # the staff pages (web/pages/edit.py, audit.py, upload.py)
    "edit.new": (EDIT,),
    "edit.new_submit": (EDIT,),
    "edit.edit": (EDIT,),
    "edit.edit_submit": (EDIT,),
    "edit.delete": (EDIT,),
    "edit.delete_submit": (EDIT,),
    "audit.audit": (AUDIT,),
    "audit.entry": (AUDIT,),
    "audit.history": (AUDIT,),
    # the entry tried is someone else's, so UNDO_OWN does not reach it (own undo: test below)
    "audit.undo": (UNDO_ANY,),
    "upload.upload": (IMPORT,),
    "upload.map_columns": (IMPORT,),
    "upload.dry_run": (IMPORT,),
    "upload.confirm": (IMPORT,),
    # the action plan (web/pages/plan.py)
    "plan.plan_overview": (READ,),
    "plan.activity": (READ,),
    "plan.indicator": (READ,),
    # the reports (issue 13 part 5): reading on the page, the files are exports
    "reports.reports": (READ,),
    "reports.download": (EXPORT,),
}

#: Values for the URL variables.
ARGS = {
    "id": "city-de-nurnberg",
    "kind": "City",
    "username": "nobody-here",
    "filename": "css/app.css",
}


def rule_of(endpoint: str) -> tuple[str, ...] | str | None:
    if endpoint in RULES:
        return RULES[endpoint]
    if endpoint.endswith("_json"):  # a JSON twin follows its page
        return RULES.get(endpoint[: -len("_json")])
    return None


@pytest.fixture(scope="module")
def perm_app(tmp_path_factory) -> Flask:
    """An app over a private mini graph, with one audit entry made by someone else."""
    data_dir = fill(tmp_path_factory.mktemp("permissions"), mini_graph())
    app = create_app(app_config(data_dir))
    from web.auth import audit_log
    from web.store import access

    with app.app_context():
        entry = audit_log().apply(
            access().store,
            ChangeSet(
                nodes=[
                    Node(
                        "city-us-austin",
                        "City",
                        {"name": "Austin", "country": "US", "notes": "checked"},
                    )
                ]
            ),
            user="someone-else",
            action="edit",
            summary="a note on Austin",
        )
    app.config["ENTRY_ID"] = entry.id
    yield app
    app.extensions["diplomap"].close()


@pytest.fixture(scope="module")
def clients(perm_app) -> dict[str, object]:
    """One client per role (signed in) and an anonymous one."""
    made = {"anonymous": perm_app.test_client()}
    for role in ROLES:
        made[role] = perm_app.test_client()
        made[role].user = sign_in(made[role], role)
    return made


def routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) of every route, HEAD and OPTIONS aside."""
    return sorted(
        (r.endpoint, m, r.rule)
        for r in app.url_map.iter_rules()
        for m in r.methods - {"HEAD", "OPTIONS"}
    )


def _app_for_listing() -> Flask:
    import tempfile

    return create_app(app_config(Path(tempfile.mkdtemp(prefix="diplomap-routes-"))))


ROUTES = routes(_app_for_listing())
GUARDED = [(e, m, r) for e, m, r in ROUTES if rule_of(e) not in (OPEN, None)]


def test_every_route_has_a_rule():
    missing = sorted({e for e, _, _ in ROUTES if rule_of(e) is None})
    assert not missing, f"add these endpoints to RULES in {__file__}: {missing}"


def url(app: Flask, rule: str) -> str:
    path = rule
    for name, value in {**ARGS, "entry_id": str(app.config["ENTRY_ID"])}.items():
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", value, path)
    assert "<" not in path, f"no value for a variable of {rule}"
    return path


def call(client, app: Flask, method: str, rule: str, token: str | None):
    path = url(app, rule)
    if method == "GET":
        return client.get(path)
    return client.post(path, data={"csrf_token": token} if token else {})


def expected_allowed(role: str, needs: tuple[str, ...]) -> bool:
    return any(p in ROLE_PERMISSIONS[role] for p in needs)


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
@pytest.mark.parametrize(
    ("endpoint", "method", "rule"), GUARDED, ids=[f"{m} {r}" for _, m, r in GUARDED]
)
def test_route_answers_each_role_as_the_table_says(perm_app, clients, who, endpoint, method, rule):
    client = clients[who]
    token = (
        csrf_token(client, "/login" if who == "anonymous" else "/") if method == "POST" else None
    )
    response = call(client, perm_app, method, rule, token)
    status = response.status_code
    needs = rule_of(endpoint)
    if who == "anonymous":
        if method == "GET" and not rule.endswith(".json"):  # pages and downloads: sign in first
            assert status == 302 and "/login?next=" in response.headers["Location"]
        else:
            assert status == 401, response.get_data(as_text=True)[:300]
            if "json" in endpoint:
                assert response.get_json()["error"]["status"] == 401
    elif expected_allowed(who, needs):
        assert status not in (401, 403) and status < 500, (
            status,
            response.get_data(as_text=True)[:300],
        )
    else:
        assert status == 403, (status, response.get_data(as_text=True)[:300])
        if "json" in endpoint:
            assert response.get_json()["error"]["type"] == "Forbidden"


def test_an_editor_may_undo_their_own_change(perm_app, clients):
    from web.auth import audit_log
    from web.store import access

    editor = clients["editor"]
    assert UNDO_OWN in ROLE_PERMISSIONS["editor"]
    with perm_app.app_context():
        own = audit_log().apply(
            access().store,
            ChangeSet(
                nodes=[
                    Node(
                        "city-cn-kunming",
                        "City",
                        {"name": "Kunming", "country": "CN", "notes": "mine"},
                    )
                ]
            ),
            user=editor.user,
            action="edit",
            summary="a note on Kunming",
        )
    token = csrf_token(editor, "/")
    assert editor.post(f"/audit/{own.id}/undo", data={"csrf_token": token}).status_code == 303


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_open_pages_answer_everyone(perm_app, clients, who):
    client = clients[who]
    with client.get("/static/css/app.css") as css:
        assert css.status_code == 200
    login = client.get("/login?lang=en")
    assert login.status_code == (200 if who == "anonymous" else 302)
    assert client.get("/logout").status_code == (302 if who == "anonymous" else 200)


def test_forbidden_page_is_translated(perm_app, clients):
    tr = clients["viewer"].get("/console?lang=tr")
    en = clients["viewer"].get("/console?lang=en")
    assert tr.status_code == en.status_code == 403
    assert "You are not allowed to do this." in en.get_data(as_text=True)
    assert "You are not allowed to do this." not in tr.get_data(as_text=True)


def test_nav_links_follow_the_role(perm_app, clients):
    viewer = clients["viewer"].get("/").get_data(as_text=True)
    admin = clients["admin"].get("/").get_data(as_text=True)
    assert 'href="/console"' not in viewer and 'href="/admin/users"' not in viewer
    assert 'href="/console"' in admin and 'href="/admin/users"' in admin
