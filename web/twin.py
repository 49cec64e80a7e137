"""Pages with a JSON twin: ``/x`` renders HTML, ``/x.json`` returns the same dict.

A page is a function that builds a plain dict from the request. :func:`page`
registers it twice on a blueprint, so the HTML and the JSON can never disagree:
the template only lays out what the dict holds, and tests assert on the JSON::

    @page(bp, "/explore", "explore.html")
    def explore() -> dict:
        return {"nodes": [...], "edges": [...]}
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Flask, jsonify, render_template, request

Builder = Callable[..., dict[str, Any]]


def twin_rules(rule: str) -> tuple[str, str]:
    """The HTML rule and its JSON twin; ``/`` has ``/index.json``.

    >>> twin_rules("/explore"), twin_rules("/"), twin_rules("/entity/<id>")
    (('/explore', '/explore.json'), ('/', '/index.json'), ('/entity/<id>', '/entity/<id>.json'))
    """
    return rule, ("/index" if rule == "/" else rule) + ".json"


def page(bp: Blueprint, rule: str, template: str) -> Callable[[Builder], Builder]:
    """Register ``build`` as ``rule`` (HTML from ``template``) and ``rule.json``."""

    def register(build: Builder) -> Builder:
        @wraps(build)
        def view(fmt: str, **kwargs: Any):
            data = build(**kwargs)
            if fmt == "json":
                return jsonify(data)
            return render_template(template, data=data)

        html_rule, json_rule = twin_rules(rule)
        bp.add_url_rule(json_rule, build.__name__ + "_json", view, defaults={"fmt": "json"})
        bp.add_url_rule(html_rule, build.__name__, view, defaults={"fmt": "html"})
        return build

    return register


def twin_url() -> str:
    """The JSON twin of the current page, with the same query string."""
    path = "/index" if request.path == "/" else request.path
    query = request.query_string.decode("ascii", "replace")
    return f"{path}.json" + (f"?{query}" if query else "")


def init_app(app: Flask) -> None:
    app.jinja_env.globals["twin_url"] = twin_url
