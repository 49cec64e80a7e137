"""Cell values as text: the one conversion used when reading, editing and exporting.

A workbook cell, a YAML value, a form field and a stored property all reach the
importers as Python values of different types; :func:`as_text` turns each into the
text the mapping step validates and the exporters write, so that a value read from
an export comes back unchanged.

>>> import datetime as dt
>>> as_text(None), as_text(True), as_text(3.0), as_text(2.5)
('', 'true', '3', '2.5')
>>> as_text(dt.datetime(2024, 3, 11)), as_text(dt.date(2024, 3, 11))
('2024-03-11', '2024-03-11')
>>> as_text(["energy", "", None, "culture"])
'energy; culture'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

LIST_SEPARATOR = "; "


def as_text(value: Any, *, separator: str = LIST_SEPARATOR) -> str:
    """The text of one value.

    ``None`` is empty, booleans are ``true``/``false``, a float with no fraction is
    an integer, a date (or a midnight datetime) is ISO 8601, and a list or tuple is
    its non-empty items joined by ``separator``. Anything else is ``str(value)``,
    not stripped: callers that read cells strip and unescape them.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return separator.join(
            text for text in (as_text(v, separator=separator) for v in value) if text
        )
    return str(value)
