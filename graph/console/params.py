"""Typed parameters of saved queries: text from a form or the command line, coerced to its type."""

from __future__ import annotations

import json
import re
from typing import Any

from graph.errors import InvalidData, QueryRejected

TYPES = ("string", "int", "float", "bool", "list")

_TRUE = {"true", "yes", "1", "on", "evet"}
_FALSE = {"false", "no", "0", "off", "hayir", "hayır"}


def copy_value(value: Any) -> Any:
    """A copy of a default value, so that a run never changes the library's defaults."""
    return list(value) if isinstance(value, list) else value


def coerce(value: Any, type: str, *, name: str = "value") -> Any:
    """``value`` (text from a form or ``--param k=v``, or already typed) as ``type``.

    An empty text is null (an empty list for ``list``). A ``list`` is JSON (``["a", 1]``)
    or items separated by ``;`` or ``,``.
    """
    if type not in TYPES:
        raise InvalidData(f"unknown parameter type {type!r}", hint=f"use one of {', '.join(TYPES)}")
    if value is None:
        return [] if type == "list" else None
    if not isinstance(value, str):
        return _check_typed(value, type, name)
    text = value.strip()
    if text == "":
        return [] if type == "list" else None
    try:
        if type == "string":
            return value
        if type == "int":
            return int(text)
        if type == "float":
            return float(text)
        if type == "bool":
            low = text.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(text)
        if text.startswith("["):
            found = json.loads(text)
            if not isinstance(found, list):
                raise ValueError(text)
            return found
        return [item.strip() for item in re.split(r"[;,]", text) if item.strip()]
    except ValueError as exc:
        example = {
            "int": "24",
            "float": "0.5",
            "bool": "true or false",
            "list": 'a;b or ["a", "b"]',
        }.get(type, "")
        raise QueryRejected(
            f"parameter {name}={value!r} is not a valid {type}",
            hint=f"for example {name}={example}",
        ) from exc


def _check_typed(value: Any, type: str, name: str) -> Any:
    ok = {
        "string": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list | tuple),
    }[type]
    if not ok:
        raise QueryRejected(f"parameter {name}={value!r} is not a {type}")
    if type == "float":
        return float(value)
    return list(value) if type == "list" else value
