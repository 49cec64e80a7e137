"""The one exception family of Diplomap.

Every error a user can meet derives from :class:`DiplomapError`. The CLI and the
web app translate these once, at their boundary, into a message or a status code;
``hint`` says what to do next.
"""

from __future__ import annotations


class DiplomapError(Exception):
    """Base class of all Diplomap errors.

    Parameters
    ----------
    message : str
        What went wrong, in plain language.
    hint : str, optional
        What the user can do about it.
    """

    status = 500

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  -> {self.hint}" if self.hint else self.message


class EntityNotFound(DiplomapError):
    """No entity (or other record) with the id or name asked for; the hint says how to find it."""

    status = 404


class InvalidData(DiplomapError):
    """A record breaks the data model (bad label, missing id, unknown relationship type)."""

    status = 400


class AmbiguousName(InvalidData):
    """A name (or the ``is_home`` mark) matches several entities; give an id instead."""

    status = 400


class StaleWrite(DiplomapError):
    """A record changed since the person writing read it (an edit made from an old copy).

    ``records`` holds, per record id, what the writer expected and what is stored now.
    """

    status = 409

    def __init__(self, message: str, hint: str | None = None, records: dict | None = None):
        super().__init__(message, hint)
        self.records = records or {}


class StoreUnavailable(DiplomapError):
    """The backend cannot be reached or opened."""

    status = 503


class QueryRejected(DiplomapError):
    """A Cypher query was refused (writes in the console, forbidden procedures, timeout)."""

    status = 400


class ImportFailed(DiplomapError):
    """An import found errors; nothing was written. ``report`` holds every problem."""

    status = 400

    def __init__(self, message: str, report=None, hint: str | None = None):
        super().__init__(message, hint)
        self.report = report


class SettingError(DiplomapError):
    """A setting with a value that cannot be used; the message names the setting."""

    status = 500
