"""Diplomap's web explorer: the Flask application factory.

``create_app`` builds an app from the settings table (:mod:`graph.settings`),
overridden by ``test_config``. Nothing connects at import time: the store is
opened on the first request that needs it (:mod:`web.store`).

    flask --app web run              # Flask finds create_app here
    diplomap serve / diplomap demo   # the same app, started by the CLI (cli/web.py)

Every page family is a blueprint in :mod:`web.pages`; every page has a JSON twin
(``/explore`` and ``/explore.json``) rendered from the same dict (:mod:`web.twin`).
Every page needs a signed-in user with the right permission (:mod:`web.auth`).
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Diplomap web app.

    Parameters
    ----------
    test_config : dict, optional
        Settings (``DIPLOMAP_DATA_DIR``...) and Flask config keys (``TESTING``,
        ``SECRET_KEY``...) that override the environment and the defaults.
    """
    from web import auth, config, errors, i18n, security, store, twin
    from web.pages import BLUEPRINTS

    app = Flask(__name__)
    config.configure(app, test_config)
    store.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    twin.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
