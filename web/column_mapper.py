"""The column mapper of the web upload: the form's data, and the mapping it posts back.

When an uploaded sheet's headers do not match its fields, the upload page shows each column
with a choice of field (or "ignore") and the first rows as a preview. A mapping that made a
clean dry run is kept under its headers (``DIPLOMAP_DATA_DIR/mappings.json``) and filled in
again for the next file with the same headers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app

from importers.column_map import IGNORE, SavedMappings
from importers.mapping import SHEETS, sheet_for
from importers.readers import Table, canonical, read_file
from importers.vocabulary import field_for
from web.changes import FIELD_LABELS

PREVIEW_ROWS = 5


def saved_mappings() -> SavedMappings:
    """The app's saved mappings (in the data folder)."""
    return SavedMappings(
        Path(current_app.config["DIPLOMAP"]["DIPLOMAP_DATA_DIR"]) / "mappings.json"
    )


def needs_mapping(report: dict[str, Any] | None) -> bool:
    """Whether a dry run failed on headers (unknown or missing columns)."""
    return bool(report) and any(
        "unknown column" in e["message"] or "missing required column" in e["message"]
        for e in report["errors"]
    )


def mapper_data(
    filename: str, content: bytes, sheet: str | None, chosen: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The mapper form for the first sheet of the file: its columns, a field choice for each
    (pre-filled: the chosen mapping, else one saved for these headers, else the header's own
    field), and a preview of the first rows. None when the file cannot be read."""
    try:
        tables: list[Table] = read_file(Path(filename), data=content, display=filename)
    except Exception:  # noqa: BLE001 - the dry run has already reported why
        return None
    if not tables:
        return None
    table = tables[0]
    headers = [table.raw_headers.get(k, k) for k in table.headers]
    saved = saved_mappings().get(headers)
    mapping = chosen or saved or {}
    spec = sheet_for(canonical(sheet or mapping.get("sheet") or table.kind))
    fields = (
        [c.name for c in spec.columns]
        if spec
        else sorted({c.name for s in SHEETS.values() for c in s.columns})
    )
    columns = []
    for i, (key, raw) in enumerate(zip(table.headers, headers, strict=True)):
        picked = (mapping.get("columns") or {}).get(raw)
        if picked is None:
            picked = key if key in fields else (field_for(raw, fields) or IGNORE)
        columns.append(
            {
                "index": i,
                "header": raw,
                "field": picked,
                "preview": [row.values.get(key, "") for row in table.rows[:PREVIEW_ROWS]],
            }
        )
    return {
        "sheet": spec.name if spec else "",
        "fields": fields,
        "field_labels": {f: str(FIELD_LABELS.get(f, f)) for f in fields},
        "columns": columns,
        "saved": saved is not None and chosen is None,
        "headers": headers,
    }


def posted_mapping(form: Any, headers: list[str]) -> dict[str, Any]:
    """The mapping the mapper form posted (``col-<i>`` per column, and ``sheet``)."""
    columns = {h: form.get(f"col-{i}", IGNORE) for i, h in enumerate(headers)}
    mapping: dict[str, Any] = {"columns": columns}
    if form.get("sheet"):
        mapping["sheet"] = form["sheet"]
    return mapping
