"""Sources gathered once, as numbered references ([1], [2] ...) at the end of a page.

A page that cites the same source on many rows (a data set behind every membership)
lists it once: each row carries the numbers of its sources, and the page ends with
the list. Sources come from :func:`web.present.sources`, so internal file paths
are already left out.

>>> refs = References()
>>> refs.cite([{"text": "https://a.org", "url": "https://a.org"}, {"text": "Decision 56", "url": None}])
[1, 2]
>>> refs.cite([{"text": "Decision 56", "url": None}])
[2]
>>> [r["number"] for r in refs.items()]
[1, 2]
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def _parts(source: dict[str, Any]) -> dict[str, str]:
    """``{host, rest}`` of a linked source, for a short line (``nuernberg.de`` + the path).

    >>> _parts({"text": "https://www.a.org/x/y (note)", "url": "https://www.a.org/x/y"})
    {'host': 'a.org', 'rest': '/x/y (note)'}
    """
    if not source.get("url"):
        return {}
    parts = urlsplit(source["url"])
    host = parts.netloc.removeprefix("www.")
    return {"host": host, "rest": str(source["text"]).split(parts.netloc, 1)[-1].rstrip("/")}


class References:
    """Numbers sources in the order they are first cited; the same text keeps its number."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._items: list[dict[str, Any]] = []

    def cite(self, sources: list[dict[str, Any]]) -> list[int]:
        """The numbers of ``sources`` (``[{text, url}]``), adding the new ones to the list."""
        numbers = []
        for source in sources:
            key = " ".join(str(source["text"]).split()).casefold()
            if key not in self._numbers:
                self._numbers[key] = len(self._items) + 1
                self._items.append({"number": self._numbers[key], **source, **_parts(source)})
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return numbers

    def items(self) -> list[dict[str, Any]]:
        """``[{number, text, url, host, rest}]`` in the order of their numbers (host: linked ones)."""
        return list(self._items)
