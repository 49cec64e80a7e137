"""Sign-in limits: failed logins counted per user name and address, across workers and restarts."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from graph.accounts.errors import LoginThrottled
from graph.accounts.schema import SCHEMA
from graph.ids import tr_lower
from graph.stores.sqlite_file import SQLiteFile


class LoginThrottle:
    """At most ``max_failures`` failed logins per key in ``window`` seconds.

    A key is a user name and a client address (:meth:`key`); a client address alone
    (:meth:`address_key`) may fail ``max_per_address`` times across all user names, so one
    address cannot try a password on every account. Failures are kept in
    ``users.sqlite``, so every web worker sees the same count.
    """

    def __init__(
        self,
        path: str | Path | SQLiteFile,
        *,
        max_failures: int = 5,
        max_per_address: int = 20,
        window: int = 15 * 60,
        clock: Callable[[], float] = time.time,
    ):
        self.db = path if isinstance(path, SQLiteFile) else SQLiteFile(path, SCHEMA)
        self.max_failures = max_failures
        self.max_per_address = max_per_address
        self.window = window
        self.clock = clock

    @staticmethod
    def key(username: str, ip: str | None) -> str:
        """The throttle key of a sign-in attempt: the folded user name and the client address."""
        return f"{tr_lower(username.strip())[:64]}|{ip or '-'}"

    @staticmethod
    def address_key(ip: str | None) -> str:
        """The throttle key of a client address, whatever user name it tries."""
        return f"@{ip or '-'}"

    def limit(self, key: str) -> int:
        """How many failures ``key`` may have in the window."""
        return self.max_per_address if key.startswith("@") else self.max_failures

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may try again; 0 when it may now."""
        now = self.clock()
        limit = self.limit(key)
        with self.db.connect() as con:
            rows = [
                r[0]
                for r in con.execute(
                    "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?",
                    (key, now - self.window, limit),
                )
            ]
        if len(rows) < limit:
            return 0
        return max(1, int(rows[-1] + self.window - now + 0.999))

    def check(self, key: str) -> None:
        """Raise :class:`LoginThrottled` when ``key`` has failed too often."""
        wait = self.retry_after(key)
        if wait:
            raise LoginThrottled(wait)

    def record_failure(self, key: str) -> int:
        """Count one failure; return the failures of ``key`` within the window."""
        now = self.clock()
        with self.db.connect(write=True) as con:
            con.execute("DELETE FROM login_failures WHERE at <= ?", (now - self.window,))
            con.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", (key, now))
            return con.execute(
                "SELECT count(*) FROM login_failures WHERE key = ?", (key,)
            ).fetchone()[0]

    def reset(self, key: str) -> None:
        """Forget the failures of ``key`` (after a successful sign-in)."""
        with self.db.connect(write=True) as con:
            con.execute("DELETE FROM login_failures WHERE key = ?", (key,))
