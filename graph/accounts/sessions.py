"""Server-side session records: a sign-in lasts until it is ended here, whatever the cookie.

Each sign-in opens a record with a random id; the browser's session cookie holds only
that id. A request is signed in while its record is open, has been used within the idle
lifetime and is younger than the absolute lifetime. Signing out ends the record, so a
copy of the cookie taken before is refused afterwards; a password change, a role change
and disabling the account end every record of that user; an admin can end them all
("sign out everywhere").

>>> import tempfile
>>> from graph.stores.sqlite_file import SQLiteFile
>>> from graph.accounts.schema import SCHEMA
>>> with tempfile.TemporaryDirectory() as d:
...     sessions = SessionStore(SQLiteFile(d + "/users.sqlite", SCHEMA), idle=3600, absolute=43200)
...     sid = sessions.open("ayşe", address="127.0.0.1", agent="Chromium")
...     before = sessions.username(sid)
...     sessions.end(sid, "signed out")
...     before, sessions.username(sid), sessions.open_sessions("ayşe")
('ayşe', None, [])
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from graph.stores.sqlite_file import SQLiteFile

#: A session's last use is written at most this often (seconds), not on every request.
TOUCH_EVERY = 60.0


class SessionStore:
    """The session records in ``users.sqlite`` (table ``sessions``)."""

    def __init__(
        self,
        db: SQLiteFile,
        *,
        idle: float = 3600.0,
        absolute: float = 12 * 3600.0,
        clock: Callable[[], float] = time.time,
    ):
        self.db, self.idle, self.absolute, self.clock = db, idle, absolute, clock

    def open(self, username: str, *, address: str | None = None, agent: str | None = None) -> str:
        """Open a session for ``username``; return its id (what the cookie will hold)."""
        sid = secrets.token_urlsafe(32)
        now = self.clock()
        with self.db.connect(write=True) as con:
            con.execute(
                "INSERT INTO sessions (id, username, created_at, last_seen, address, agent) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (sid, username, now, now, (address or "")[:64], (agent or "")[:200]),
            )
        return sid

    def username(self, sid: str) -> str | None:
        """The user of the open session ``sid``, or None (unknown, ended or expired).

        An expired session is ended on the way (``idle`` or ``expired``); a live one has
        its last use updated (at most every ``TOUCH_EVERY`` seconds).
        """
        if not sid:
            return None
        now = self.clock()
        with self.db.connect() as con:
            row = con.execute(
                "SELECT username, created_at, last_seen FROM sessions "
                "WHERE id = ? AND ended_at IS NULL",
                (sid,),
            ).fetchone()
        if row is None:
            return None
        username, created, seen = row
        if now - created > self.absolute:
            self.end(sid, "expired")
            return None
        if now - seen > self.idle:
            self.end(sid, "idle")
            return None
        if now - seen > TOUCH_EVERY:
            with self.db.connect(write=True) as con:
                con.execute("UPDATE sessions SET last_seen = ? WHERE id = ?", (now, sid))
        return username

    def end(self, sid: str, why: str) -> None:
        """End one session (signing out)."""
        with self.db.connect(write=True) as con:
            con.execute(
                "UPDATE sessions SET ended_at = ?, ended_why = ? WHERE id = ? AND ended_at IS NULL",
                (self.clock(), why, sid),
            )

    def end_all(self, username: str, why: str) -> int:
        """End every open session of ``username``; return how many were open."""
        with self.db.connect(write=True) as con:
            return con.execute(
                "UPDATE sessions SET ended_at = ?, ended_why = ? "
                "WHERE username = ? AND ended_at IS NULL",
                (self.clock(), why, username),
            ).rowcount

    def open_sessions(self, username: str) -> list[dict[str, Any]]:
        """The open, unexpired sessions of ``username``, newest first (ids left out)."""
        now = self.clock()
        with self.db.connect() as con:
            rows = con.execute(
                "SELECT created_at, last_seen, address, agent FROM sessions "
                "WHERE username = ? AND ended_at IS NULL ORDER BY created_at DESC",
                (username,),
            ).fetchall()
        return [
            {"created_at": _iso(c), "last_seen": _iso(s), "address": a, "agent": g}
            for c, s, a, g in rows
            if now - c <= self.absolute and now - s <= self.idle
        ]


def _iso(stamp: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(stamp, UTC).replace(microsecond=0).isoformat()
