"""Password rules and hashes.

Passwords are hashed with scrypt (``hashlib.scrypt``; N=2**15, r=8, p=1, a
16-character salt) and stored as ``scrypt:N:r:p$salt$hex``, the format of
Werkzeug 3, so the method and its cost travel with each hash and a hash made
with older parameters is upgraded at the next successful login. Hashes are
compared in constant time, and an unknown user name costs one hash too
(:func:`burn_time`), so timing does not tell which accounts exist.

>>> stored = hash_password("correct horse battery")
>>> verify_password(stored, "correct horse battery"), verify_password(stored, "wrong")
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import string

from zxcvbn import zxcvbn

from graph.accounts.errors import UserError
from graph.ids import tr_lower

log = logging.getLogger("diplomap.users")
_dummy_hash: str | None = None

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

# -- passwords ---------------------------------------------------------------------------------
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_SALT_CHARS = string.ascii_letters + string.digits


#: zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" for a slow hash.
MIN_STRENGTH = 3
#: Only this many leading characters are scored (zxcvbn's time grows with the length).
SCORED_LENGTH = 100


def check_password(password: str, username: str | None = None) -> None:
    """Raise :class:`UserError` when ``password`` is too short, too long, the user name,
    or easy to guess.

    Easy to guess means: in zxcvbn's lists of common and breached passwords, names and
    words, or made of a repeat, a sequence or a keyboard row (``aaaaaaaaaaaa``,
    ``password123``, ``qwertyuiop``), scored offline with the user name as a known word.

    >>> check_password("password123")
    Traceback (most recent call last):
    graph.accounts.errors.UserError: the password is too easy to guess: This is a very common password.
      -> use a passphrase: a few unrelated words are easy to remember and hard to guess
    >>> check_password("kardeş şehir güneşli 2024")
    """
    if len(password) < MIN_PASSWORD:
        raise UserError(
            f"the password must have at least {MIN_PASSWORD} characters (it has {len(password)})",
            hint="use a passphrase: a few unrelated words are easy to remember and hard to guess",
        )
    if len(password) > MAX_PASSWORD:
        raise UserError(f"the password must have at most {MAX_PASSWORD} characters")
    if username and tr_lower(password.strip()) == tr_lower(username.strip()):
        raise UserError("the password must not be the user name")
    found = zxcvbn(password[:SCORED_LENGTH], user_inputs=[username or "", "diplomap"])
    if found["score"] < MIN_STRENGTH:
        why = found["feedback"].get("warning") or "it follows a common pattern"
        raise UserError(
            f"the password is too easy to guess: {why}",
            hint="use a passphrase: a few unrelated words are easy to remember and hard to guess",
        )


def _scrypt(password: str, salt: str, n: int, r: int, p: int) -> str:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt.encode("utf-8"),
        n=n,
        r=r,
        p=p,
        maxmem=132 * n * r * p,
        dklen=64,
    ).hex()


def hash_password(password: str) -> str:
    """``scrypt:N:r:p$salt$hex`` (Werkzeug 3's format: the method is recorded in the hash)."""
    salt = "".join(secrets.choice(_SALT_CHARS) for _ in range(16))
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt:{SCRYPT_N}:{SCRYPT_R}:{SCRYPT_P}${salt}${digest}"


def _parse_hash(stored: str) -> tuple[int, int, int, str, str] | None:
    try:
        method, salt, digest = stored.split("$", 2)
        name, n, r, p = method.split(":")
        if name != "scrypt":
            return None
        return int(n), int(r), int(p), salt, digest
    except ValueError:
        return None


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches ``stored``; compared in constant time."""
    parsed = _parse_hash(stored)
    if parsed is None:
        log.error("a password hash in an unknown format was refused")
        return False
    n, r, p, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), digest)


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was hashed with other scrypt costs than today's (rehash it at the next sign-in)."""
    parsed = _parse_hash(stored)
    return parsed is None or parsed[:3] != (SCRYPT_N, SCRYPT_R, SCRYPT_P)


def burn_time(password: str) -> None:
    """Spend one hash on an unknown user, so that timing does not reveal which names exist."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(secrets.token_hex(8))
    verify_password(_dummy_hash, password)
