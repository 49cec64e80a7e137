"""A column mapper: which field each column of a staffer's sheet is, or "ignore".

When a sheet's headers do not match its fields, the staffer maps them once: in the web upload
(a form with a preview of the first rows) or in a file for the CLI (``diplomap import PATH
--map mapping.json``)::

    {"sheet": "cities", "columns": {"Belediye": "name", "Ülke Kodu": "country", "Not": "ignore"}}

``sheet`` is optional (for a CSV whose file name does not say its sheet). The web keeps each
mapping under its set of headers (:class:`SavedMappings`) and offers it again for the next
file with the same headers.

>>> from importers.readers import Row, Table
>>> t = Table("cities", "x.csv", headers={"belediye": 1, "kod": 2}, raw_headers={"belediye": "Belediye", "kod": "Kod"})
>>> t.rows.append(Row(t, 2, {"belediye": "Mersin", "kod": "TR"}, {"belediye": 1, "kod": 2}))
>>> apply_map([t], {"columns": {"Belediye": "name", "Kod": "ignore"}})
>>> t.rows[0].values, list(t.headers)
({'name': 'Mersin'}, ['name'])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from graph.errors import DiplomapError
from graph.ids import fold
from importers.mapping import SHEETS, sheet_for
from importers.readers import Table, canonical

IGNORE = "ignore"


class MappingError(DiplomapError):
    """A column mapping that cannot be used; the message says where."""

    status = 400


def check_map(mapping: Any, source: str = "mapping") -> dict[str, Any]:
    """``mapping`` when it has the shape of a column mapping, else :class:`MappingError`."""
    if not isinstance(mapping, dict) or not isinstance(mapping.get("columns"), dict):
        raise MappingError(
            f'{source}: a mapping is {{"columns": {{"your header": "field"}}}}',
            hint='e.g. {"sheet": "cities", "columns": {"Belediye": "name", "Not": "ignore"}}',
        )
    sheet = mapping.get("sheet")
    if sheet is not None and sheet_for(canonical(str(sheet))) is None:
        raise MappingError(
            f"{source}: unknown sheet {sheet!r}", hint=f"use one of {', '.join(SHEETS)}"
        )
    fields = {c.name for spec in SHEETS.values() for c in spec.columns} | {IGNORE}
    for header, field in mapping["columns"].items():
        if field not in fields:
            raise MappingError(
                f"{source}: column {header!r} maps to {field!r}, which is no field",
                hint=f"use a field of the sheet, or {IGNORE!r}",
            )
    return mapping


def load_map(path: Path) -> dict[str, Any]:
    """Read a mapping file (JSON); a bad one is a :class:`MappingError` naming it."""
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MappingError(
            f"{path.name}: not a readable JSON mapping ({exc})", hint="check the file"
        ) from None
    return check_map(mapping, path.name)


def apply_map(tables: list[Table], mapping: dict[str, Any]) -> None:
    """Rename (or drop, for ``ignore``) the mapped columns of ``tables``, in place."""
    columns = {fold(h): f for h, f in mapping["columns"].items()}
    sheet = mapping.get("sheet")
    for table in tables:
        if sheet:
            table.kind = sheet_for(canonical(str(sheet))).name
        for key in list(table.headers):
            raw = table.raw_headers.get(key, key)
            field = columns.get(fold(raw))
            if field is None or field == key:
                continue
            col = table.headers.pop(key)
            table.raw_headers.pop(key, None)
            if field != IGNORE:
                table.headers[field] = col
                table.raw_headers[field] = raw
            for row in table.rows:
                for part in (row.values, row.columns, row.lines):
                    if key in part:
                        value = part.pop(key)
                        if field != IGNORE:
                            part[field] = value


def headers_key(headers: list[str]) -> str:
    """A key for a set of headers (order, case and accents ignored)."""
    joined = "\n".join(sorted(fold(h) for h in headers))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


class SavedMappings:
    """Mappings staff made, kept under the headers they were made for (``mappings.json``)."""

    def __init__(self, path: Path):
        self.path = path

    def _all(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def get(self, headers: list[str]) -> dict[str, Any] | None:
        """The mapping saved for these headers, or None."""
        return self._all().get(headers_key(headers))

    def save(self, headers: list[str], mapping: dict[str, Any]) -> None:
        """Keep ``mapping`` for the next file with these headers."""
        found = self._all()
        found[headers_key(headers)] = check_map(mapping)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.path)
