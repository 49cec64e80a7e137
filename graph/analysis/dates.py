"""Dates as the graph stores them (YYYY, YYYY-MM or YYYY-MM-DD), read as the first or last day."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.errors import InvalidData


def to_date(value: Any, end: bool = True) -> date | None:
    """A date from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the last day of the period when ``end``).

    >>> to_date("2019"), to_date("2019", end=False), to_date("2024-02"), to_date("soon")
    (datetime.date(2019, 12, 31), datetime.date(2019, 1, 1), datetime.date(2024, 2, 29), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()[:10]
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        if not end:
            return date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except (ValueError, IndexError):
        return None


def as_today(today: date | str | None) -> date:
    """``today`` as a date: the given date or ISO text, or the real today when None.

    >>> as_today("2025-01-01"), as_today(None) == date.today()
    (datetime.date(2025, 1, 1), True)
    """
    if today is None:
        return date.today()
    found = to_date(today, end=False) if isinstance(today, str) else today
    if found is None:
        raise InvalidData(f"today={today!r} is not a date", hint="use YYYY-MM-DD")
    return found
