"""The errors of the audit log: an entry that could not be written, an undo refused, a busy log."""

from __future__ import annotations

from graph.errors import DiplomapError, EntityNotFound


class AuditWriteFailed(DiplomapError):
    """The store committed a change but the audit log could not record it."""

    status = 500


class UndoRefused(DiplomapError):
    """An undo that would lose later work or no longer matches the store; the message says why."""

    status = 409


class AuditBusy(DiplomapError):
    """Another worker holds the log's write lock for longer than the wait allows; try again."""

    status = 503


class AuditEntryNotFound(EntityNotFound):
    """No audit entry with that number."""

    pass
