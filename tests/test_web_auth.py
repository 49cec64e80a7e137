"""Signing in and out, CSRF, the login throttle, session cookies, and the user admin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web_fixtures import add_user, app_config, csrf_token, sign_in
from web import create_app
from web.auth import safe_next


@pytest.fixture
def fresh(make_app):
    """An app over a fresh, empty store (its own accounts)."""
    return make_app()


def login(client, username: str, password: str, **extra):
    return client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_token(client),
            **extra,
        },
    )


def test_login_page_is_bilingual(client):
    assert "Sign in" in client.get("/login?lang=en").get_data(as_text=True)
    assert "Giriş yap" in client.get("/login?lang=tr").get_data(as_text=True)


def test_signing_in_leads_to_the_page_asked_for(fresh):
    user, password = add_user(fresh, "viewer")
    client = fresh.test_client()
    first = client.get("/explore?kind=City")
    assert (
        first.status_code == 302 and first.headers["Location"] == "/login?next=/explore?kind%3DCity"
    )
    done = login(client, user.username, password, next="/explore?kind=City")
    assert done.status_code == 302 and done.headers["Location"] == "/explore?kind=City"
    assert client.get("/index.json").status_code == 200


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\\evil.example"],
    ids=["scheme-relative", "absolute", "js", "backslash"],
)
def test_login_never_redirects_off_site(fresh, target):
    user, password = add_user(fresh, "viewer")
    client = fresh.test_client()
    assert login(client, user.username, password, next=target).headers["Location"] == "/"
    assert safe_next(target, "/") == "/"


def test_wrong_password_unknown_user_and_disabled_account_look_the_same(fresh):
    user, password = add_user(fresh, "viewer")
    gone, gone_password = add_user(fresh, "viewer")
    with fresh.app_context():
        from web.auth import users

        users().disable(gone.username)
    answers = []
    for name, pw in [
        (user.username, "wrong password!"),
        ("nobody-at-all", "whatever123"),
        (gone.username, gone_password),
    ]:
        response = login(fresh.test_client(), name, pw)
        text = response.get_data(as_text=True)
        answers.append(
            (response.status_code, re.search(r'id="login-error">([^<]*)<', text).group(1))
        )
    assert len(set(answers)) == 1 and answers[0][0] == 401


def test_sixth_failed_login_is_refused_with_retry_after(fresh):
    user, password = add_user(fresh, "viewer")
    client = fresh.test_client()
    for _ in range(5):
        assert login(client, user.username, "not the password").status_code == 401
    refused = login(client, user.username, password)  # even the right password now waits
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert "15" in refused.get_data(as_text=True)  # "try again in 15 minute(s)"
    assert client.get("/index.json").status_code == 401
    json_refusal = client.post(
        "/login",
        data={"username": user.username, "password": password, "csrf_token": csrf_token(client)},
        headers={"Accept": "application/json"},
    )
    assert json_refusal.status_code == 429 and "Retry-After" in json_refusal.headers


def test_post_without_csrf_token_is_refused(fresh):
    user, password = add_user(fresh, "admin")
    client = fresh.test_client()
    assert (
        client.post("/login", data={"username": user.username, "password": password}).status_code
        == 400
    )
    sign_in(client, "admin")
    refused = client.post(
        "/admin/users", data={"username": "sneaky", "password": "a long passphrase"}
    )
    assert refused.status_code == 400
    assert "sneaky" not in {
        u["username"] for u in client.get("/admin/users.json").get_json()["users"]
    }
    assert client.post("/logout").status_code == 400
    assert client.get("/index.json").status_code == 200  # still signed in


def test_json_post_takes_the_token_from_a_header(fresh):
    client = fresh.test_client()
    sign_in(client, "admin")
    made = client.post(
        "/admin/users",
        data={"username": "ayse", "role": "editor"},
        headers={"X-CSRFToken": csrf_token(client, "/"), "Accept": "application/json"},
    )
    assert made.status_code == 201
    body = made.get_json()
    assert body["user"]["role"] == "editor" and len(body["password"]) >= 12


@pytest.mark.parametrize("secure", [True, False], ids=["secure", "plain-http"])
def test_session_cookie_flags(make_app, secure):
    app = make_app(DIPLOMAP_SECURE_COOKIES=secure)
    user, password = add_user(app, "viewer")
    client = app.test_client()
    response = login(client, user.username, password)
    cookie = next(
        v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure


def test_secure_cookies_is_the_default():
    import tempfile

    config = app_config(Path(tempfile.mkdtemp()))
    del config["DIPLOMAP_SECURE_COOKIES"]
    app = create_app(config)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DIPLOMAP"]["DIPLOMAP_SECURE_COOKIES"] is True


def test_logout_ends_the_session(fresh):
    client = fresh.test_client()
    sign_in(client, "viewer")
    client.get("/?lang=en")
    page = client.get("/logout")
    assert page.status_code == 200  # GET only shows the button
    assert client.get("/index.json").status_code == 200
    done = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert client.get("/index.json").status_code == 401
    assert "Sign in" in client.get("/login").get_data(as_text=True)  # the language survives


def test_disabling_a_user_ends_their_session(fresh):
    client = fresh.test_client()
    user = sign_in(client, "viewer")
    admin = fresh.test_client()
    sign_in(admin, "admin")
    assert client.get("/index.json").status_code == 200
    answer = admin.post(
        f"/admin/users/{user.username}",
        data={"action": "disable", "csrf_token": csrf_token(admin, "/")},
    )
    assert answer.status_code == 302
    assert client.get("/index.json").status_code == 401
    assert client.get("/").status_code == 302


def test_password_reset_ends_sessions_and_shows_the_new_password_once(fresh):
    client = fresh.test_client()
    user = sign_in(client, "viewer")
    admin = fresh.test_client()
    sign_in(admin, "admin")
    page = admin.post(
        f"/admin/users/{user.username}",
        data={"action": "password", "csrf_token": csrf_token(admin, "/")},
    )
    assert page.status_code == 200
    new = re.search(r'id="new-password">([^<]+)<', page.get_data(as_text=True)).group(1)
    assert client.get("/index.json").status_code == 401
    assert login(fresh.test_client(), user.username, new).status_code == 302
    assert new not in admin.get("/admin/users").get_data(as_text=True)


def test_session_is_dropped_when_the_browser_changes(fresh):
    client = fresh.test_client()
    sign_in(client, "viewer")
    assert client.get("/index.json", headers={"User-Agent": "another browser"}).status_code == 401


def test_admin_manages_users(fresh):
    admin = fresh.test_client()
    me = sign_in(admin, "admin")

    def post(path, **data):
        return admin.post(path, data={**data, "csrf_token": csrf_token(admin, "/")})

    assert (
        post(
            "/admin/users", username="Işık", role="analyst", password="a long passphrase"
        ).status_code
        == 302
    )
    users = {u["username"]: u for u in admin.get("/admin/users.json").get_json()["users"]}
    assert users["ışık"]["role"] == "analyst" and "console" in users["ışık"]["permissions"]
    assert post("/admin/users/ışık", action="role", role="editor").status_code == 302
    assert post("/admin/users/ışık", action="disable").status_code == 302
    assert post("/admin/users/ışık", action="enable").status_code == 302
    users = {u["username"]: u for u in admin.get("/admin/users.json").get_json()["users"]}
    assert users["ışık"]["role"] == "editor" and users["ışık"]["active"]
    assert post("/admin/users", username="ışık", password="a long passphrase").status_code == 400
    assert post("/admin/users", username="short", password="short").status_code == 400
    assert post("/admin/users/ışık", action="role", role="root").status_code == 400
    assert post(f"/admin/users/{me.username}", action="disable").status_code == 400
    assert post("/admin/users/nobody-here", action="enable").status_code == 404
    page = admin.get("/admin/users?lang=en").get_data(as_text=True)
    assert "ışık" in page and "Reset password" in page


def test_a_session_cookie_copied_before_sign_out_is_refused_after_it(fresh):
    client = fresh.test_client()
    sign_in(client, "viewer")
    copied = client.get_cookie("session").value
    assert client.get("/index.json").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    thief = fresh.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/index.json").status_code == 401


def test_admin_sees_open_sessions_and_signs_a_user_out_everywhere(fresh):
    laptop, phone, admin = fresh.test_client(), fresh.test_client(), fresh.test_client()
    user, password = add_user(fresh, "editor")
    for client in (laptop, phone):
        assert login(client, user.username, password).status_code == 302
    sign_in(admin, "admin")
    listed = admin.get("/admin/users.json").get_json()
    mine = next(u for u in listed["users"] if u["username"] == user.username)
    assert len(mine["sessions"]) == 2
    answer = admin.post(
        f"/admin/users/{user.username}",
        data={"action": "signout", "csrf_token": csrf_token(admin, "/admin/users")},
    )
    assert answer.status_code == 302
    assert laptop.get("/index.json").status_code == 401
    assert phone.get("/index.json").status_code == 401
    assert admin.get("/index.json").status_code == 200
