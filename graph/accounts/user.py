"""The signed-in person: a user name, a role and what the role allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.accounts.permissions import ROLE_PERMISSIONS, can


# -- users -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class User:
    """An account. It follows Flask-Login's user protocol; ``get_id`` is the session token,
    which changes when the password changes or the account is disabled, ending old sessions."""

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
