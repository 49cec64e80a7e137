"""Reading query parameters: lists, bounded numbers, flags, choices.

Pages take their parameters from GET forms, so one name may repeat
(``?kind=City&kind=Network``) or hold a comma-separated list
(``?kind=City,Network``); both read the same. A value out of range is a
400 error that says which parameter and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import request
from werkzeug.exceptions import BadRequest


def many(name: str, allowed: Iterable[str] | None = None) -> tuple[str, ...]:
    """Every value of ``name`` (repeated or comma-separated), in order, without repeats."""
    values: list[str] = []
    for raw in request.args.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    values = list(dict.fromkeys(values))
    if allowed is not None:
        allowed = set(allowed)
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise BadRequest(f"{name}={wrong[0]!r} is not one of {', '.join(sorted(allowed))}")
    return tuple(values)


def number(name: str, default: int, low: int, high: int) -> int:
    """An integer parameter between ``low`` and ``high`` (inclusive)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}")
    return value


def flag(name: str, default: bool = False) -> bool:
    """A checkbox: ``1``, ``true``, ``on``, ``yes`` are true; ``0``, ``false``, ``off``, ``no`` false."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    return raw not in ("0", "false", "off", "no")


def one(name: str, default: str | None = None, allowed: Iterable[str] | None = None) -> str | None:
    """A single text parameter (stripped), or ``default`` when empty."""
    value = request.args.get(name, "").strip() or default
    if value is not None and allowed is not None and value not in set(allowed):
        raise BadRequest(f"{name}={value!r} is not one of {', '.join(sorted(allowed))}")
    return value
