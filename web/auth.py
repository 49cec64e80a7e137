"""Who may see what: logins (Flask-Login), CSRF (Flask-WTF) and permissions per view.

Every page and its JSON twin needs a signed-in user; only the login and logout
pages, static files and the language switch (``?lang=`` on those) are open. A view
that needs more than reading says so::

    @bp.get("/console")
    @requires(CONSOLE)
    def console(): ...

For ``page()`` twins put ``@requires`` *below* ``@page`` (it then guards the HTML
and the JSON alike). Independently of the decorators, :func:`guard` runs before
every request and asks for :data:`~graph.accounts.permissions.READ` from every endpoint that is
not open, so a route without ``@requires`` is never public.

An anonymous request gets 401: HTML is redirected to the login page (with
``next``), JSON (``*.json`` or ``Accept: application/json``) gets
``{"error": {...}}``. A signed-in user without the permission gets 403.

Sessions: the Flask-Login user id is the account's session token
(:meth:`graph.accounts.users.User.get_id`), which changes when the password changes or the
account is disabled, so those sessions end at once. Session protection is
"strong"; the cookie is HttpOnly, SameSite=Lax and Secure unless
``DIPLOMAP_SECURE_COOKIES`` is false (plain http on 127.0.0.1: demo and tests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from graph.accounts.permissions import PERMISSIONS, READ, can
from graph.accounts.users import UserStore
from graph.audit.log import AuditLog
from web.errors import wants_json

__all__ = [
    "OPEN_ENDPOINTS",
    "audit_log",
    "current_user",
    "init_app",
    "requires",
    "safe_next",
    "users",
]

F = TypeVar("F", bound=Callable[..., Any])

USERS = "diplomap.users"
AUDIT = "diplomap.audit"
#: Endpoints anyone may reach (the language switch is ``?lang=`` on any of them).
OPEN_ENDPOINTS = frozenset({"static", "account.login", "account.logout"})

_lock = threading.Lock()
csrf = CSRFProtect()


def _extension(key: str, build: Callable[[dict[str, Any]], Any]) -> Any:
    app = current_app
    found = app.extensions.get(key)
    if found is None:
        with _lock:
            found = app.extensions.get(key)
            if found is None:
                found = app.extensions[key] = build(app.config["DIPLOMAP"])
    return found


def users() -> UserStore:
    """The app's accounts (``users.sqlite`` in ``DIPLOMAP_DATA_DIR``), opened on first use."""
    return _extension(USERS, UserStore.from_settings)


def audit_log() -> AuditLog:
    """The app's audit log (``audit.sqlite`` in ``DIPLOMAP_DATA_DIR``), opened on first use."""
    return _extension(AUDIT, AuditLog.from_settings)


def safe_next(target: str | None, default: str | None = None) -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects).

    >>> safe_next("/explore?x=1", "/"), safe_next("//evil.example/x", "/"), safe_next("https://e.x", "/")
    ('/explore?x=1', '/', '/')
    """
    fallback = default or "/"
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else fallback


def unauthorized():
    """401: the login page for a browser, a JSON error for a script."""
    from web.errors import error_response

    if wants_json() or request.method != "GET":
        return error_response(
            401,
            "Unauthorized",
            gettext("Sign in to see this page."),
            gettext("Sign in at /login; ask an admin for an account."),
        )
    return redirect(url_for("account.login", next=request.full_path.rstrip("?")))


def forbidden(permission: str):
    """403 with a translated message saying what is not allowed."""
    from web.errors import error_response

    return error_response(
        403,
        "Forbidden",
        gettext("You are not allowed to do this."),
        gettext("Your role does not include this. Ask an admin for a role that allows it."),
    )


def check(permission: str) -> Response | None:
    """None when the current user holds ``permission``; else the 401 or 403 response."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    if not current_user.is_authenticated:
        return make_response(unauthorized())
    if not can(current_user._get_current_object(), permission):
        return make_response(forbidden(permission))
    return None


def requires(permission: str) -> Callable[[F], F]:
    """Decorate a view (or a ``page()`` builder) so that it needs ``permission``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}; known: {', '.join(PERMISSIONS)}")

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any):
            refusal = check(permission)
            if refusal is not None:
                abort(refusal)  # also from inside a page() builder, which returns a dict
            return view(*args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def guard():
    """Before every request: nothing but the open endpoints without a signed-in reader."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in OPEN_ENDPOINTS:
        return None  # 404s and 405s show as such; open pages need no one
    return check(READ)


def _load_user(token: str):
    return users().by_session(token)


def init_app(app: Flask) -> None:
    # Cookie flags come from the settings (web/config.py); the CSRF token lives as long as
    # the session (the session ends at sign-out, or when the browser closes).
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)

    manager = LoginManager()
    manager.session_protection = "strong"
    manager.login_view = "account.login"
    manager.user_loader(_load_user)
    manager.unauthorized_handler(unauthorized)
    manager.init_app(app)
    # The login check runs before the CSRF check: an anonymous POST gets 401, not 400.
    app.before_request(guard)
    csrf.init_app(app)
    app.jinja_env.globals.update(
        can=lambda permission: can(current_user._get_current_object(), permission)
    )


def user() -> Any:
    """The signed-in :class:`~graph.accounts.users.User` (not Flask-Login's proxy)."""
    return current_user._get_current_object()
