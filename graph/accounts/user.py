"""The signed-in person: a user name, a role and what the role allows."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from graph.accounts.errors import UserError
from graph.accounts.permissions import ROLE_PERMISSIONS, can
from graph.ids import tr_lower

_USERNAME = re.compile(r"^[^\W_][\w.@-]{1,63}$")


def normalise_username(text: str) -> str:
    """The stored form of a user name: NFC, trimmed, lower case by Turkish rules.

    >>> normalise_username("IŞIK"), normalise_username("Işık") == normalise_username("IŞIK")
    ('ışık', True)
    """
    name = tr_lower(unicodedata.normalize("NFC", text).strip())
    if not _USERNAME.match(name):
        raise UserError(
            f"{text!r} is not a valid user name",
            hint="use 2-64 letters, digits, '.', '_', '-' or '@', starting with a letter "
            "or digit, without spaces",
        )
    return name


# -- users -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class User:
    """An account. It follows Flask-Login's user protocol; ``get_id`` is the id of its
    session record (:mod:`graph.accounts.sessions`), which signing out, a password or role
    change and disabling the account end."""

    username: str
    role: str
    active: bool = True
    created_at: str = ""
    last_login: str | None = None
    session_token: str = field(default="", repr=False)

    @property
    def permissions(self) -> frozenset[str]:
        """The permissions of this user's role."""
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    @property
    def is_authenticated(self) -> bool:
        """Flask-Login: a stored user is signed in."""
        return self.active

    @property
    def is_active(self) -> bool:
        """Flask-Login: a disabled account cannot sign in."""
        return self.active

    @property
    def is_anonymous(self) -> bool:
        """Flask-Login: a stored user is never anonymous."""
        return False

    def get_id(self) -> str:
        """Flask-Login: the id kept in the session (changes with the password, ending old sessions)."""
        return self.session_token

    def can(self, permission: str) -> bool:
        """Whether this user's role holds ``permission``."""
        return can(self, permission)

    def to_dict(self) -> dict[str, Any]:
        """This user as plain data (never the password hash)."""
        return {
            "username": self.username,
            "role": self.role,
            "active": self.active,
            "created_at": self.created_at,
            "last_login": self.last_login,
            "permissions": sorted(self.permissions),
        }
