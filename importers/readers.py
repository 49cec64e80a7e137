"""Read staff files into tables of rows that remember where each cell came from.

Supported: a CSV file (delimiter ``,`` ``;`` or tab, detected; UTF-8, UTF-8 with
BOM or Windows-1254, detected), an XLSX workbook (one sheet per kind), and YAML
or JSON (``{sheet: [ {column: value}, ... ]}``). Every cell keeps its file, line
and column so that errors can say exactly where.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DiplomapError
from graph.ids import fold
from importers.limits import Limits, size_problem, tree_problem, workbook_problem
from importers.values import as_text

DELIMITERS = (",", ";", "\t")
TABLE_SUFFIXES = {".csv", ".tsv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
TREE_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: str | int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class ReadError(DiplomapError):
    """A file cannot be read as a table (empty, not a workbook, bad YAML...)."""

    status = 400

    def __init__(self, location: Location, message: str, hint: str | None = None):
        super().__init__(f"{location}: {message}", hint)
        self.location = location
        self.detail = message


@dataclass
class Row:
    table: Table
    line: int
    values: dict[str, str]  # canonical column -> text (stripped; empty cells absent)
    columns: dict[str, str | int] = field(default_factory=dict)  # canonical column -> column label
    lines: dict[str, int] = field(default_factory=dict)  # YAML/JSON: the line of each value

    def get(self, column: str) -> str | None:
        return self.values.get(column)

    def loc(self, column: str | None = None) -> Location:
        col = self.columns.get(column) if column else None
        return Location(
            self.table.source, self.lines.get(column, self.line) if column else self.line, col
        )


@dataclass
class Table:
    kind: str  # the sheet name, canonical (cities, networks...)
    source: str  # how to name the file (and sheet) in messages
    headers: dict[str, str | int] = field(default_factory=dict)  # canonical -> column label
    raw_headers: dict[str, str] = field(default_factory=dict)  # canonical -> as written
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    header_line: int = 1
    width: int = 0  # fields in the header row


def canonical(header: str) -> str:
    """Header as matched: case and accents ignored, spaces and hyphens as underscores."""
    return fold(header).replace(" ", "_")


def _unescape(text: str) -> str:
    # Our exports prefix formula-like cells with an apostrophe; undo that on import.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _text(value: Any) -> str:
    # A cell as read: the shared conversion, stripped, with our export's formula escape undone.
    return _unescape(as_text(value, separator=";").strip())


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (with or without BOM), else Windows-1254.

    This is the one encoding fallback of the importers (files, uploads and data sets).
    Bytes that are neither raise :class:`ReadError` with what to do, never mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(
            Location(source, 1),
            "the file is UTF-16 text",
            hint="save it as CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)') or as UTF-8 text",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _not_text(source, data, exc) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    japanese = _japanese(data)
    if japanese:
        raise ReadError(
            Location(source, 1),
            f"the file is {japanese} text (Japanese), not UTF-8 or Windows-1254",
            hint="save it as CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)') or as UTF-8 text",
        )
    try:
        return data.decode("cp1254"), "windows-1254"
    except UnicodeDecodeError as exc:
        raise _not_text(source, data, exc) from None


def _japanese(data: bytes) -> str | None:
    """The name of a Japanese encoding ``data`` is written in, when it clearly is one."""
    for codec, name in (("shift_jis", "Shift-JIS"), ("euc_jp", "EUC-JP")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        kana_kanji = sum(
            1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
        )
        if kana_kanji >= 2:
            return name
    return None


def _not_text(source: str, data: bytes, exc: UnicodeDecodeError) -> ReadError:
    line = data[: exc.start].count(b"\n") + 1
    return ReadError(
        Location(source, line),
        "the file is neither UTF-8 nor Windows-1254 text",
        hint="save it as CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)') or as UTF-8 text",
    )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most fields (outside quotes)."""
    best, best_n = ",", 0
    for d in DELIMITERS:
        try:
            n = len(next(csv.reader([header_line], delimiter=d), []))
        except csv.Error:  # one field longer than csv's limit: not this delimiter
            continue
        if n > best_n:
            best, best_n = d, n
    return best


def _start_table(table: Table, headers: list[tuple[str, str | int]], line: int) -> None:
    table.header_line = line
    table.width = len(headers)
    for raw, col in headers:
        if not raw.strip():
            continue
        key = canonical(raw)
        if key in table.headers:
            raise ReadError(
                Location(table.source, line, col),
                f"column {raw!r} appears twice",
                hint="remove or rename one of the two columns",
            )
        table.headers[key] = col
        table.raw_headers[key] = raw.strip()


def read_csv(
    path: Path, kind: str | None = None, data: bytes | None = None, display: str | None = None
) -> Table:
    source = display or path.name
    data = path.read_bytes() if data is None else data
    text, encoding = decode(data, source)
    table = Table(kind or canonical(path.stem), source)
    if encoding == "windows-1254":
        table.notes.append(f"{source}: read as Windows-1254 (not UTF-8)")
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise ReadError(
            Location(source, 1),
            "the file is empty",
            hint="add a header row and data rows (`diplomap template` shows the columns)",
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(lines[first])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_done = False
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if not header_done:
                if len(record) > Limits.from_settings().max_columns:
                    raise ReadError(
                        Location(source, line),
                        f"the header has {len(record):,} columns; the limit is "
                        f"{Limits.from_settings().max_columns:,} (DIPLOMAP_IMPORT_MAX_COLUMNS)",
                        hint="check the delimiter, and keep the columns of the sheet",
                    )
                _start_table(
                    table, [(h.lstrip("\ufeff"), i + 1) for i, h in enumerate(record)], line
                )
                header_done = True
                continue
            if len(record) > table.width and any(c.strip() for c in record[table.width :]):
                raise ReadError(
                    Location(source, line, table.width + 1),
                    f"this row has {len(record)} fields but the header has {table.width}",
                    hint=f"check for a stray {'tab' if delimiter == chr(9) else repr(delimiter)} "
                    "or quote cells that contain the delimiter",
                )
            values, columns = {}, {}
            for key, col in table.headers.items():
                idx = int(col) - 1
                cell = _unescape(record[idx].strip()) if idx < len(record) else ""
                columns[key] = col
                if cell:
                    values[key] = cell
            row = Row(table, line, values, columns)
            table.rows.append(row)
    except csv.Error as exc:
        raise ReadError(
            Location(source, reader.line_num),
            f"cannot parse CSV: {exc}",
            hint="check the quotes in this line",
        ) from exc
    table.notes.append(
        f"{source}: delimiter {'tab' if delimiter == chr(9) else repr(delimiter)}, "
        f"encoding {encoding}, {len(table.rows)} rows"
    )
    return table


def read_workbook(path: Path, data: bytes | None = None, display: str | None = None) -> list[Table]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    source = display or path.name
    try:
        wb = load_workbook(
            io.BytesIO(data) if data is not None else path, read_only=True, data_only=True
        )
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        cause = exc.__cause__ or exc.__context__ or exc
        if type(cause).__module__.startswith("defusedxml"):
            raise ReadError(
                Location(source),
                "not a readable Excel workbook: its XML declares entities "
                f"({type(cause).__name__}), which Diplomap refuses",
                hint="open it in Excel or LibreOffice and save it again as .xlsx",
            ) from exc
        raise ReadError(
            Location(source),
            f"not a readable Excel workbook ({exc.__class__.__name__})",
            hint="save it as .xlsx from Excel or LibreOffice",
        ) from exc
    tables = []
    try:
        for ws in wb.worksheets:
            kind = canonical(ws.title)
            if kind in ("readme", "lists", "beni_oku"):
                continue
            table = Table(kind, f"{source}[{ws.title}]")
            header_done = False
            for r, record in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_text(v) for v in record]
                if not any(cells):
                    continue
                if not header_done:
                    _start_table(
                        table, [(h, get_column_letter(i + 1)) for i, h in enumerate(cells)], r
                    )
                    header_done = True
                    continue
                values, columns = {}, {}
                letters = {v: k for k, v in table.headers.items()}
                for i, cell in enumerate(cells):
                    key = letters.get(get_column_letter(i + 1))
                    if key is None:
                        continue
                    columns[key] = get_column_letter(i + 1)
                    if cell:
                        values[key] = cell
                table.rows.append(Row(table, r, values, columns))
            if header_done:
                tables.append(table)
    finally:
        wb.close()
    return tables


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that keeps the line and column of every mapping value."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__where__"] = {
        loader.construct_object(k, deep=True): (v.start_mark.line + 1, v.start_mark.column + 1)
        for k, v in node.value
    }
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_tree(path: Path, data: bytes | None = None, display: str | None = None) -> list[Table]:
    source = display or path.name
    text, _ = decode(path.read_bytes() if data is None else data, source)
    if not text.strip():
        raise ReadError(
            Location(source, 1),
            "the file is empty",
            hint="write one list per sheet, e.g. `cities: [{name: Antalya, country: TR}]`",
        )
    refused = tree_problem(text, Limits.from_settings())
    if refused:
        raise ReadError(Location(source, refused[0]), refused[1])
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = Location(source, mark.line + 1, mark.column + 1) if mark else Location(source)
        raise ReadError(
            loc,
            f"not valid YAML/JSON: {getattr(exc, 'problem', exc)}",
            hint="check the brackets, quotes and indentation here",
        ) from exc
    if not isinstance(doc, dict):
        raise ReadError(
            Location(source, 1),
            "the top level must map sheet names to lists of records",
            hint="e.g. `cities: [{name: Antalya, country: TR}]`",
        )
    tables = []
    for sheet, records in doc.items():
        if sheet in ("__where__", "__line__"):
            continue
        line = doc["__where__"].get(sheet, (None, None))[0]
        if not isinstance(records, list):
            raise ReadError(Location(source, line), f"{sheet!r} must be a list of records")
        table = Table(canonical(str(sheet)), source)
        for rec in records:
            if not isinstance(rec, dict):
                raise ReadError(
                    Location(source, line), f"every item of {sheet!r} must be a mapping"
                )
            where = rec.pop("__where__")
            rline = rec.pop("__line__")
            values, columns = {}, {}
            for key, value in rec.items():
                ckey = canonical(str(key))
                if ckey not in table.headers:
                    table.headers[ckey] = str(key)
                    table.raw_headers[ckey] = str(key)
                columns[ckey] = where.get(key, (rline, None))[1]
                text_value = _text(value)
                if text_value:
                    values[ckey] = text_value
            lines = {canonical(str(k)): v[0] for k, v in where.items()}
            table.rows.append(Row(table, rline, values, columns, lines))
        tables.append(table)
    return tables


def read_path(path: Path) -> list[Table]:
    """Every table in ``path``: a folder of CSV files, a CSV, a workbook, or a YAML/JSON file."""
    if not path.exists():
        raise ReadError(
            Location(str(path)),
            "no such file or folder",
            hint="check the path (a folder of CSV files, an .xlsx, .yaml or .json file)",
        )
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in TABLE_SUFFIXES | WORKBOOK_SUFFIXES | TREE_SUFFIXES
            and not p.name.startswith((".", "~$"))
        )
        if not files:
            raise ReadError(
                Location(str(path)),
                "the folder has no CSV, XLSX, YAML or JSON files",
                hint="put cities.csv, networks.csv... in it (see `diplomap template`)",
            )
        return [t for f in files for t in read_path(f)]
    return read_file(path)


def _within(limits: Limits, tables: list[Table]) -> list[Table]:
    """``tables``, when none has more rows or columns than the limits allow."""
    for table in tables:
        if len(table.rows) > limits.max_rows:
            raise ReadError(
                Location(table.source),
                f"{len(table.rows):,} rows; the limit is {limits.max_rows:,} "
                "(DIPLOMAP_IMPORT_MAX_ROWS): split the file",
            )
        if len(table.headers) > limits.max_columns:
            raise ReadError(
                Location(table.source, table.header_line),
                f"{len(table.headers):,} columns; the limit is {limits.max_columns:,} "
                "(DIPLOMAP_IMPORT_MAX_COLUMNS): keep the columns of the sheet",
            )
    return tables


def read_file(path: Path, data: bytes | None = None, display: str | None = None) -> list[Table]:
    """The tables of one file, read by the reader its suffix names.

    ``data`` holds the bytes when they do not come from ``path`` (a web upload);
    ``display`` is the name shown in problems (default: the file name).
    """
    suffix = path.suffix.lower()
    source = display or path.name
    limits = Limits.from_settings()
    if suffix in TABLE_SUFFIXES | WORKBOOK_SUFFIXES | TREE_SUFFIXES:
        size = len(data) if data is not None else path.stat().st_size
        too_big = size_problem(size, limits)
        if too_big:
            raise ReadError(Location(source), too_big)
    if suffix in TABLE_SUFFIXES:
        return _within(limits, [read_csv(path, data=data, display=display)])
    if suffix in WORKBOOK_SUFFIXES:
        data = path.read_bytes() if data is None else data
        bomb = workbook_problem(data, limits)
        if bomb:
            raise ReadError(Location(source), bomb)
        return _within(limits, read_workbook(path, data=data, display=display))
    if suffix in TREE_SUFFIXES:
        return _within(limits, read_tree(path, data=data, display=display))
    raise ReadError(
        Location(display or path.name),
        f"unsupported file type {suffix or '(none)'}",
        hint="use .csv, .tsv, .xlsx, .yaml or .json",
    )
