"""Roles and permissions: what each role of staff may do.

Roles are not a ladder: each grants an explicit set of permissions.

========  ==================================================================
viewer    read (pages, explorer, synergy, paths, JSON twins), export
editor    viewer + edit (forms, delete), import (upload), audit (history),
          undo_own (undo their own changes)
analyst   viewer + console (the read-only Cypher console), audit
admin     every permission: the above, undo_any, manage_users
========  ==================================================================

An analyst cannot edit and an editor cannot run Cypher; a person who needs both
is an admin.

>>> from graph.accounts.user import User
>>> can(User("ayse", "editor"), "edit"), can(User("ayse", "editor"), "console")
(True, False)
"""

from __future__ import annotations

from typing import Any

from graph.accounts.errors import UserError
from graph.errors import DiplomapError

# -- roles and permissions ---------------------------------------------------------------------
READ, EXPORT, AUDIT = "read", "export", "audit"
EDIT, IMPORT, UNDO_OWN, UNDO_ANY = "edit", "import", "undo_own", "undo_any"
CONSOLE, MANAGE_USERS = "console", "manage_users"

#: Every permission, with what it allows.
PERMISSIONS: dict[str, str] = {
    READ: "see every page and its JSON twin: explorer, entities, synergy, paths",
    EXPORT: "download exports (CSV, XLSX, JSON, GraphML)",
    AUDIT: "see the audit log: who changed what, and when",
    EDIT: "create, edit and delete entities and ties with the forms",
    IMPORT: "import files by upload",
    UNDO_OWN: "undo one's own changes",
    UNDO_ANY: "undo anyone's changes",
    CONSOLE: "run read-only Cypher queries in the console",
    MANAGE_USERS: "add users, change roles, disable and enable accounts",
}

ROLES = ("viewer", "editor", "analyst", "admin")

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({READ, EXPORT}),
    "editor": frozenset({READ, EXPORT, AUDIT, EDIT, IMPORT, UNDO_OWN}),
    "analyst": frozenset({READ, EXPORT, AUDIT, CONSOLE}),
    "admin": frozenset(PERMISSIONS),
}


class PermissionDenied(DiplomapError):
    status = 403


def can(user: Any, permission: str) -> bool:
    """True when ``user`` (a :class:`User`, or None / an anonymous user) holds ``permission``.

    >>> from graph.accounts.user import User
    >>> can(None, "read"), can(User("a", "admin", active=False), "read")
    (False, False)
    """
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}; known: {', '.join(PERMISSIONS)}")
    if user is None or not getattr(user, "is_active", False) or getattr(user, "is_anonymous", True):
        return False
    return permission in ROLE_PERMISSIONS.get(getattr(user, "role", ""), frozenset())


def require(user: Any, permission: str) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` holds ``permission``.

    A plain string (a user name from the CLI or a script) is trusted: the caller
    has the data folder anyway.
    """
    if isinstance(user, str):
        return
    if not can(user, permission):
        who = getattr(user, "username", "anonymous")
        raise PermissionDenied(
            f"{who} may not {PERMISSIONS[permission]}",
            hint="ask an admin for a role that allows it",
        )


def username_of(user: Any) -> str:
    """The user name of ``user`` (a user record or already a name)."""
    return user if isinstance(user, str) else user.username


def check_role(role: str) -> str:
    """``role`` if it is one of the roles, else :class:`UserError` listing them."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}", hint=f"use one of {', '.join(ROLES)}")
    return role
