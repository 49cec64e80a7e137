"""Signing in and out, and the user admin: ``/login``, ``/logout``, ``/admin/users`` (+ ``.json``).

``/login`` (open): a form; after five failed attempts for one user name from one
address in 15 minutes (:class:`graph.accounts.users.LoginThrottle`) it answers 429 with a
``Retry-After`` header. An unknown user, a wrong password and a disabled account
get the same message, so the form does not tell which accounts exist.

``/logout`` (open): POST with the CSRF token ends the session; GET shows the button.

``/admin/users`` (``manage_users``): the accounts with their role and state, a form
to add one, and per account: set the role, disable / enable, reset the password.
A password left empty is generated and shown once on the page that answers the
POST (never in a cookie or a URL). The POST answers JSON to a client that asks
for it (``Accept: application/json``, CSRF token in the ``X-CSRFToken`` header).
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_login import login_user, logout_user

from graph.accounts.errors import LoginFailed, LoginThrottled, UserError
from graph.accounts.permissions import MANAGE_USERS, ROLES
from web.auth import current_user, requires, safe_next, users
from web.errors import wants_json
from web.twin import page

log = logging.getLogger("diplomap.web.account")

bp = Blueprint("account", __name__)


def _home() -> str:
    return url_for("overview.overview")


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"), _home())
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(target)
        return render_template("login.html", next=target, username="", error=None)
    name = request.form.get("username", "")[:200]
    password = request.form.get("password", "")[:2048]
    try:
        code = request.form.get("code", "")[:16] or None
        user = users().login(name, password, ip=request.remote_addr, code=code)
    except LoginThrottled as exc:
        minutes = max(1, -(-exc.retry_after // 60))
        message = gettext("Too many failed sign-ins. Try again in %(num)s minute(s).", num=minutes)
        resp = _login_refused(429, message, name, target)
        resp.headers["Retry-After"] = str(exc.retry_after)
        return resp
    except LoginFailed as exc:
        message = (
            gettext("The two-step code is missing or wrong.")
            if "two-step" in exc.message
            else gettext("Wrong user name or password.")
        )
        return _login_refused(401, message, name, target)
    lang = session.get("lang")
    session.clear()  # nothing from before the sign-in survives it (but the language)
    if lang:
        session["lang"] = lang
    user = users().start_session(
        user, address=request.remote_addr, agent=request.headers.get("User-Agent")
    )
    login_user(user)
    log.info("user %s signed in from %s", user.username, request.remote_addr)
    if wants_json():
        return jsonify(user=user.to_dict())
    return redirect(target)


def _login_refused(status: int, message: str, name: str, target: str) -> Response:
    if wants_json():
        return make_response(
            jsonify(
                error={"status": status, "type": "LoginFailed", "message": message, "hint": None}
            ),
            status,
        )
    return make_response(
        render_template("login.html", next=target, username=name, error=message), status
    )


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("account.login"))
        return render_template("logout.html")
    if current_user.is_authenticated:
        users().sessions.end(current_user.session_token, "signed out")
        log.info("user %s signed out", current_user.username)
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("account.login"))


# -- user admin --------------------------------------------------------------------------------
def users_data(notice: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "users": [
            u.to_dict() | {"sessions": users().sessions.open_sessions(u.username)}
            for u in users().list()
        ],
        "roles": list(ROLES),
        "me": current_user.username,
        "notice": notice,
    }


@page(bp, "/admin/users", "users.html")
@requires(MANAGE_USERS)
def manage_users() -> dict[str, Any]:
    return users_data()


def _answer(notice: dict[str, Any], status: int = 200, *, show: bool = False):
    """JSON for a script; for a browser a redirect, or the page itself when it shows a password."""
    if wants_json():
        return jsonify(notice), status
    if show:
        return render_template("users.html", data=users_data(notice)), status
    flash(notice["message"])
    return redirect(url_for("account.manage_users"))


def _new_password(given: str) -> tuple[str, bool]:
    if given.strip():
        return given, False
    return secrets.token_urlsafe(12), True


@bp.post("/admin/users")
@requires(MANAGE_USERS)
def add_user():
    form = request.form
    password, generated = _new_password(form.get("password", ""))
    try:
        user = users().add(form.get("username", ""), password, role=form.get("role", "viewer"))
    except UserError as exc:
        return _refused(exc)
    log.info("user %s added by %s with role %s", user.username, current_user.username, user.role)
    notice = {
        "message": gettext("User %(name)s added.", name=user.username),
        "user": user.to_dict(),
        "password": password if generated else None,
    }
    return _answer(notice, 201, show=generated)


@bp.post("/admin/users/<username>")
@requires(MANAGE_USERS)
def change_user(username: str):
    action = request.form.get("action", "")
    store = users()
    password = None
    try:
        if action == "role":
            user = store.set_role(username, request.form.get("role", ""))
            message = gettext(
                "%(name)s now has the role %(role)s.", name=user.username, role=user.role
            )
        elif action == "disable":
            if store.get(username).username == current_user.username:
                raise UserError(
                    "you cannot disable your own account",
                    hint="ask another admin, or use `diplomap user disable`",
                )
            user = store.disable(username)
            message = gettext(
                "%(name)s is disabled; their sessions have ended.", name=user.username
            )
        elif action == "signout":
            user = store.get(username)
            ended = store.sessions.end_all(user.username, "signed out by an admin")
            message = gettext(
                "%(name)s is signed out everywhere (%(num)s session(s) ended).",
                name=user.username,
                num=ended,
            )
        elif action == "enable":
            user = store.enable(username)
            message = gettext("%(name)s is enabled.", name=user.username)
        elif action == "password":
            password, generated = _new_password(request.form.get("password", ""))
            user = store.set_password(username, password)
            password = password if generated else None
            message = gettext(
                "The password of %(name)s is reset; their sessions have ended.", name=user.username
            )
        else:
            raise UserError(
                f"unknown action {action!r}", hint="use role, disable, enable, password or signout"
            )
    except UserError as exc:
        return _refused(exc)
    log.info("user %s: %s by %s", user.username, action, current_user.username)
    return _answer(
        {"message": message, "user": user.to_dict(), "password": password},
        show=password is not None,
    )


def _refused(exc: UserError):
    from web.errors import error_response

    if wants_json():
        return error_response(exc.status, type(exc).__name__, exc.message, exc.hint)
    notice = {"message": exc.message, "hint": exc.hint, "error": True}
    return render_template("users.html", data=users_data(notice)), exc.status
