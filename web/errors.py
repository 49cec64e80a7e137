"""Errors, translated once at the web boundary into a status code and a page or JSON.

A :class:`~graph.errors.DiplomapError` keeps its own status (``EntityNotFound``
404, ``StoreUnavailable`` 503, ``InvalidData`` 400...) and its hint, which says
what to do next. HTTP errors (an unknown URL, a bad parameter) look the same. A
JSON twin (``*.json``) or a client that asks for JSON gets
``{"error": {"status", "type", "message", "hint"}}``; everyone else an HTML page.
Unexpected exceptions are logged and shown as a plain 500 without details.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError

from graph.errors import DiplomapError, StoreUnavailable

log = logging.getLogger(__name__)


def wants_json() -> bool:
    if request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(
    status: int, kind: str, message: str, hint: str | None
) -> tuple[Response | str, int]:
    if wants_json():
        body = {"status": status, "type": kind, "message": message, "hint": hint}
        return jsonify(error=body), status
    return render_template(
        "error.html", status=status, kind=kind, message=message, hint=hint
    ), status


def handle_diplomap_error(exc: DiplomapError):
    if isinstance(exc, StoreUnavailable):
        log.warning("store unavailable: %s", exc)
    return error_response(exc.status, type(exc).__name__, exc.message, exc.hint)


def handle_http_error(exc: HTTPException):
    hints = {
        404: gettext("Check the address, or search for the entity by name."),
        400: gettext("Check the values in the form and try again."),
        405: None,
    }
    return error_response(
        exc.code or 500, type(exc).__name__, exc.description or exc.name, hints.get(exc.code or 500)
    )


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_error(exc)
    log.exception("unexpected error on %s", request.path)
    return error_response(
        500,
        "InternalServerError",
        InternalServerError.description,
        gettext("The error was logged. Try again, or tell the administrator."),
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(DiplomapError, handle_diplomap_error)
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
