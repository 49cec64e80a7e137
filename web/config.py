"""Flask configuration from the one settings table.

The Diplomap settings (``DIPLOMAP_*``, ``NEO4J_*``) are loaded once by
:func:`graph.settings.load`, with the keys of ``test_config`` that name a setting
taking precedence, and kept whole in ``app.config["DIPLOMAP"]``. Other keys of
``test_config`` (``TESTING``, ``SECRET_KEY``...) go to Flask's config as they are.

The session cookie is HttpOnly, SameSite=Lax, and Secure unless
``DIPLOMAP_SECURE_COOKIES`` is false (plain http on 127.0.0.1: the demo, the tests).

The secret key signs the session (where the chosen language is kept). It is
``DIPLOMAP_SECRET_KEY`` when set, otherwise a random key kept in
``DIPLOMAP_DATA_DIR/secret_key`` so that sessions survive a restart.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from graph import settings as settings_mod

log = logging.getLogger(__name__)

SECRET_FILE = "secret_key"


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from the settings table and ``test_config``."""
    extra = dict(test_config or {})
    names = {s.name for s in settings_mod.SETTINGS}
    overrides = {k: extra.pop(k) for k in list(extra) if k in names}
    settings = settings_mod.load(**overrides)
    app.config["DIPLOMAP"] = settings
    app.config.update(
        MAX_CONTENT_LENGTH=settings["DIPLOMAP_MAX_UPLOAD_MB"] * 1024 * 1024,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=bool(settings["DIPLOMAP_SECURE_COOKIES"]),
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=bool(settings["DIPLOMAP_SECURE_COOKIES"]),
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # keep the order in which pages build their data
    app.json.ensure_ascii = False  # Turkish names stay readable in the JSON twins
    app.config.update(extra)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings["DIPLOMAP_SECRET_KEY"] or _kept_secret(
            Path(settings["DIPLOMAP_DATA_DIR"])
        )


def _kept_secret(data_dir: Path) -> str:
    """The random key stored in the data folder, created on first use."""
    path = data_dir / SECRET_FILE
    try:
        if path.exists():
            return path.read_text(encoding="ascii").strip()
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text(encoding="ascii").strip()
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key)
        return key
    except OSError as exc:
        log.warning(
            "cannot keep a secret key in %s (%s); sessions end with this process",
            data_dir,
            exc.strerror,
        )
        return secrets.token_hex(32)
