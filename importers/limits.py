"""One set of limits for every file that comes in (CLI import, web upload, data sets).

Hostile or broken input is refused in bounded time and memory, with where and what to do:
a file too large; a workbook whose parts unpack to more than the limit (a zip bomb) or
that is not a plain workbook; YAML anchors and aliases (a few hundred bytes can expand to
gigabytes); nesting deeper than the limit (JSON nested 100,000 deep); a table with more
rows or columns than the limit; a cell longer than the limit or holding control characters.

The limits are settings (``DIPLOMAP_IMPORT_*``, see the README):

>>> Limits.from_settings({}).max_cell
10000
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import yaml

from graph import settings as settings_mod

#: Characters a cell may not hold: C0 controls other than tab and line breaks, and DEL.
CONTROL = frozenset(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127])


@dataclass(frozen=True)
class Limits:
    """The limits of one import."""

    max_bytes: int = 50 * 1024 * 1024
    max_unpacked: int = 200 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell: int = 10_000
    max_depth: int = 20

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None = None) -> Limits:
        """The limits from the settings (``DIPLOMAP_IMPORT_*``; the environment by default)."""
        values = settings_mod.load() if settings is None else settings
        default = cls()

        def get(name: str, fallback: int) -> int:
            return int(values.get(name) or fallback)

        return cls(
            max_bytes=get("DIPLOMAP_IMPORT_MAX_MB", default.max_bytes // 2**20) * 2**20,
            max_unpacked=get("DIPLOMAP_IMPORT_MAX_UNPACKED_MB", default.max_unpacked // 2**20)
            * 2**20,
            max_rows=get("DIPLOMAP_IMPORT_MAX_ROWS", default.max_rows),
            max_columns=get("DIPLOMAP_IMPORT_MAX_COLUMNS", default.max_columns),
            max_cell=get("DIPLOMAP_IMPORT_MAX_CELL", default.max_cell),
            max_depth=get("DIPLOMAP_IMPORT_MAX_DEPTH", default.max_depth),
        )


def size_problem(size: int, limits: Limits) -> str | None:
    """Why a file of ``size`` bytes is refused, or None."""
    if size > limits.max_bytes:
        return (
            f"the file is {size / 2**20:.1f} MiB; the limit is {limits.max_bytes // 2**20} MiB "
            "(DIPLOMAP_IMPORT_MAX_MB): split it into smaller files"
        )
    return None


def workbook_problem(data: bytes, limits: Limits) -> str | None:
    """Why a workbook's bytes are refused before they are unpacked, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(m.file_size for m in zf.infolist())
    except zipfile.BadZipFile:
        return None  # the reader says it is not a workbook
    if unpacked > limits.max_unpacked:
        return (
            f"the workbook unpacks to {unpacked / 2**20:.0f} MiB; the limit is "
            f"{limits.max_unpacked // 2**20} MiB (DIPLOMAP_IMPORT_MAX_UNPACKED_MB): "
            "save its sheets as CSV files, or split it"
        )
    return None


def tree_problem(text: str, limits: Limits) -> tuple[int | None, str] | None:
    """Why a YAML/JSON text is refused before it is built into objects: ``(line, why)``.

    Reads the parser's events only (no objects are built): anchors and aliases are
    refused, and so is nesting deeper than ``limits.max_depth``.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return line, (
                    "YAML anchors and aliases (& and *) are not accepted: write the values out"
                )
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    return line, (
                        f"the data is nested more than {limits.max_depth} levels deep "
                        "(DIPLOMAP_IMPORT_MAX_DEPTH): one list of records per sheet is enough"
                    )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the reader reports the syntax error with its position
    return None


def cell_problem(text: str, limits: Limits) -> str | None:
    """Why a cell's text is refused, or None."""
    if len(text) > limits.max_cell:
        return (
            f"the cell holds {len(text):,} characters; the limit is {limits.max_cell:,} "
            "(DIPLOMAP_IMPORT_MAX_CELL)"
        )
    bad = next((ch for ch in text if ch in CONTROL), None)
    if bad is not None:
        return f"the cell holds the control character U+{ord(bad):04X}: remove it"
    return None
