"""Staff accounts: the user records, sign-in and its throttle.

Accounts live in ``users.sqlite`` in ``DIPLOMAP_DATA_DIR``, beside the graph
but independent of its backend (the same accounts work with Neo4j). Roles and
permissions are in :mod:`graph.accounts.permissions`, password hashing in
:mod:`graph.accounts.passwords`.

:class:`LoginThrottle` counts failed logins per user name and client address in
the same SQLite file, so the limit (5 failures in 15 minutes) holds across web
workers and restarts.

>>> from graph.accounts.user import normalise_username
>>> normalise_username("  İLKNUR ")
'ilknur'
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.accounts import two_step
from graph.accounts.errors import LoginFailed, UserError, UserNotFound
from graph.accounts.passwords import (
    burn_time,
    check_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from graph.accounts.permissions import check_role
from graph.accounts.schema import SCHEMA
from graph.accounts.sessions import SessionStore
from graph.accounts.throttle import LoginThrottle
from graph.accounts.user import User, normalise_username
from graph.stores.sqlite_file import SQLiteFile

log = logging.getLogger("diplomap.users")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class UserStore:
    """The accounts in ``users.sqlite``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     users = UserStore(d + "/users.sqlite")
    ...     _ = users.add("Ayşe", "a long passphrase", role="editor")
    ...     users.verify("AYŞE", "a long passphrase").role, users.verify("ayşe", "wrong one!!") is None
    ('editor', True)
    """

    def __init__(
        self,
        path: str | Path,
        *,
        throttle: LoginThrottle | None = None,
        idle: float = 3600.0,
        absolute: float = 12 * 3600.0,
    ):
        self.db = SQLiteFile(path, SCHEMA)
        self.path = self.db.path
        self.throttle = throttle or LoginThrottle(self.db)
        self.sessions = SessionStore(self.db, idle=idle, absolute=absolute)
        two_step.ensure_column(self.db)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> UserStore:
        """The user store in the settings' data folder (``DIPLOMAP_DATA_DIR``)."""
        return cls(
            Path(settings["DIPLOMAP_DATA_DIR"]) / "users.sqlite",
            idle=60 * float(settings.get("DIPLOMAP_SESSION_IDLE_MINUTES") or 60),
            absolute=3600 * float(settings.get("DIPLOMAP_SESSION_MAX_HOURS") or 12),
        )

    # -- reads -------------------------------------------------------------------------------
    @staticmethod
    def _user(row: tuple) -> User:
        return User(row[0], row[1], bool(row[2]), row[3], row[4], row[5])

    _COLUMNS = "username, role, active, created_at, last_login, session_token"

    def find(self, username: str) -> User | None:
        """The user named ``username`` (Turkish-aware, case-insensitive), or None."""
        try:
            name = normalise_username(username)
        except UserError:
            return None
        with self.db.connect() as con:
            row = con.execute(
                f"SELECT {self._COLUMNS} FROM users WHERE username = ?",  # noqa: S608
                (name,),
            ).fetchone()
        return self._user(row) if row else None

    def get(self, username: str) -> User:
        """The user named ``username``; raises :class:`EntityNotFound` when there is none."""
        user = self.find(username)
        if user is None:
            raise UserNotFound(
                f"no user {username!r}", hint="`diplomap user list` shows the accounts"
            )
        return user

    def by_session(self, token: str) -> User | None:
        """The active user of the open session ``token`` (Flask-Login's user loader)."""
        name = self.sessions.username(token)
        user = self.find(name) if name else None
        if user is None or not user.active:
            return None
        return replace(user, session_token=token)

    def start_session(
        self, user: User, *, address: str | None = None, agent: str | None = None
    ) -> User:
        """Open a session record for ``user`` (signed in); return the user carrying its id."""
        sid = self.sessions.open(user.username, address=address, agent=agent)
        return replace(user, session_token=sid)

    def list(self) -> list[User]:
        """Every account, by name."""
        with self.db.connect() as con:
            return [
                self._user(r)
                for r in con.execute(
                    f"SELECT {self._COLUMNS} FROM users ORDER BY username"  # noqa: S608
                )
            ]

    def count(self) -> int:
        """The number of accounts."""
        with self.db.connect() as con:
            return con.execute("SELECT count(*) FROM users").fetchone()[0]

    # -- writes ------------------------------------------------------------------------------
    def add(self, username: str, password: str, role: str = "viewer") -> User:
        """Create an account with ``role``; the password must meet the length rule and the name be free."""
        name = normalise_username(username)
        check_role(role)
        check_password(password, name)
        stamp = _now()
        try:
            with self.db.connect(write=True) as con:
                con.execute(
                    "INSERT INTO users (username, password, role, active, session_token, "
                    "created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)",
                    (name, hash_password(password), role, secrets.token_urlsafe(32), stamp, stamp),
                )
        except sqlite3.IntegrityError:
            raise UserError(
                f"user {name!r} already exists",
                hint="choose another name, or change this user's role",
            ) from None
        log.info("user %s added with role %s", name, role)
        return self.get(name)

    def _update(self, username: str, sql: str, params: tuple, *, keep_admin: bool = False) -> User:
        user = self.get(username)
        name = user.username
        with self.db.connect(write=True) as con:
            con.execute(
                f"UPDATE users SET {sql}, updated_at = ? WHERE username = ?",  # noqa: S608
                (*params, _now(), name),
            )
            if (
                keep_admin
                and user.role == "admin"
                and user.active
                and not con.execute(
                    "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"
                ).fetchone()[0]
            ):
                raise UserError(
                    f"{name} is the last active admin", hint="make another user admin first"
                )
        return self.get(name)

    def disable(self, username: str) -> User:
        """Disable the account: it can no longer log in, and its sessions end at once."""
        user = self._update(
            username, "active = 0, session_token = ?", (secrets.token_urlsafe(32),), keep_admin=True
        )
        self.sessions.end_all(user.username, "disabled")
        log.info("user %s disabled", user.username)
        return user

    def enable(self, username: str) -> User:
        """Enable a disabled account again."""
        return self._update(username, "active = 1", ())

    def set_role(self, username: str, role: str) -> User:
        """Give the account another role (the last active admin cannot lose it)."""
        user = self._update(username, "role = ?", (check_role(role),), keep_admin=True)
        self.sessions.end_all(user.username, "role changed")
        log.info("user %s now has role %s", user.username, role)
        return user

    def set_password(self, username: str, password: str) -> User:
        """Set a new password; every session of the user ends."""
        name = self.get(username).username
        check_password(password, name)
        user = self._update(
            name,
            "password = ?, session_token = ?",
            (hash_password(password), secrets.token_urlsafe(32)),
        )
        self.sessions.end_all(name, "password changed")
        return user

    def set_two_step(self, username: str, enable: bool) -> str | None:
        """Turn two-step sign-in on (return the ``otpauth://`` URI to scan) or off."""
        name = self.get(username).username
        secret, uri = two_step.new_secret(name) if enable else (None, None)
        two_step.set_secret(self.db, name, secret)
        self.sessions.end_all(name, "two-step sign-in changed")
        return uri

    # -- logging in --------------------------------------------------------------------------
    def verify(self, username: str, password: str) -> User | None:
        """The user when ``password`` is right and the account active; else None."""
        try:
            name = normalise_username(username)
        except UserError:
            name = None
        row = None
        if name:
            with self.db.connect() as con:
                row = con.execute(
                    "SELECT password, active FROM users WHERE username = ?", (name,)
                ).fetchone()
        if row is None:
            burn_time(password)
            return None
        stored, active = row
        if not verify_password(stored, password) or not active:
            return None
        if needs_rehash(stored):
            with self.db.connect(write=True) as con:
                con.execute(
                    "UPDATE users SET password = ? WHERE username = ?",
                    (hash_password(password), name),
                )
        return self.get(name)

    def login(
        self, username: str, password: str, *, ip: str | None = None, code: str | None = None
    ) -> User:
        """Check the throttles, the password and (when set) the two-step code; record it.

        Raises :class:`LoginThrottled` after too many failures for this name and address,
        or for this address across names, and :class:`LoginFailed` for a wrong name,
        password or code, or a disabled account.
        """
        keys = (LoginThrottle.key(username, ip), LoginThrottle.address_key(ip))
        for key in keys:
            self.throttle.check(key)
        user = self.verify(username, password)
        secret = two_step.secret_of(self.db, user.username) if user is not None else None
        code_ok = user is not None and two_step.verify_code(secret, code)
        if user is None or not code_ok:
            failures = [self.throttle.record_failure(key) for key in keys]
            log.warning(
                "failed login for %r from %s (%d in the window)", username[:64], ip, failures[0]
            )
            if user is not None:
                raise LoginFailed(
                    "the two-step code is missing or wrong",
                    hint="enter the 6-digit code your authenticator app shows for Diplomap",
                )
            raise LoginFailed(
                "wrong user name or password",
                hint="user names are not case-sensitive; passwords are",
            )
        self.throttle.reset(keys[0])
        with self.db.connect(write=True) as con:
            con.execute(
                "UPDATE users SET last_login = ? WHERE username = ?", (_now(), user.username)
            )
        return self.get(user.username)
