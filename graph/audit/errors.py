"""The errors of the audit log: an entry that could not be written, an undo refused, a busy log."""

from __future__ import annotations

from graph.errors import DiplomapError, EntityNotFound


class AuditWriteFailed(DiplomapError):
    """The store committed a change but the audit log could not record it."""

    status = 500


class UndoRefused(DiplomapError):
    status = 409


class AuditBusy(DiplomapError):
    status = 503


class AuditEntryNotFound(EntityNotFound):
    pass
