"""Optional two-step sign-in (TOTP, RFC 6238) with pyotp: for admins, or anyone who wants it.

An account with a secret signs in with its password and the 6-digit code of an
authenticator app; without one, the password alone. The secret lives in ``users.sqlite``
(column ``totp_secret``, added to older files on first use).

>>> import pyotp
>>> secret = pyotp.random_base32()
>>> verify_code(secret, pyotp.TOTP(secret).now()), verify_code(secret, "000000x")
(True, False)
>>> verify_code(None, None)  # no second step set up
True
"""

from __future__ import annotations

import pyotp

from graph.stores.sqlite_file import SQLiteFile

ISSUER = "Diplomap"


def verify_code(secret: str | None, code: str | None) -> bool:
    """Whether ``code`` is the current code of ``secret`` (30 s steps, one step of leeway);
    always true for an account without a secret."""
    if not secret:
        return True
    code = (code or "").replace(" ", "")
    return code.isdigit() and len(code) == 6 and pyotp.TOTP(secret).verify(code, valid_window=1)


def ensure_column(db: SQLiteFile) -> None:
    """Add ``users.totp_secret`` to a file made before two-step sign-in existed."""
    with db.connect(write=True) as con:
        columns = {row[1] for row in con.execute("PRAGMA table_info(users)")}
        if "totp_secret" not in columns:
            con.execute("ALTER TABLE users ADD COLUMN totp_secret TEXT")


def secret_of(db: SQLiteFile, username: str) -> str | None:
    """The TOTP secret of ``username``, or None."""
    with db.connect() as con:
        row = con.execute(
            "SELECT totp_secret FROM users WHERE username = ?", (username,)
        ).fetchone()
    return row[0] if row else None


def set_secret(db: SQLiteFile, username: str, secret: str | None) -> None:
    """Give ``username`` a TOTP secret, or remove it (None)."""
    with db.connect(write=True) as con:
        con.execute("UPDATE users SET totp_secret = ? WHERE username = ?", (secret, username))


def new_secret(username: str) -> tuple[str, str]:
    """A fresh secret and the ``otpauth://`` URI an authenticator app reads (as a QR code)."""
    secret = pyotp.random_base32()
    return secret, pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)
