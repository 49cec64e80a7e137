"""Import by upload: check an uploaded file's name, size and content, then import and record it.

The web upload page calls this module. :func:`check_upload` refuses a file that
is too large or not what its name says, with a message that says what to do;
:func:`import_upload` reads it with the importers and writes it in one audited
transaction (or plans it, for a dry run).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.accounts.permissions import IMPORT, require
from graph.audit.changes import AuditEntry
from graph.audit.log import AuditLog
from graph.errors import DiplomapError, ImportFailed
from graph.stores.base import Store
from importers.column_map import apply_map
from importers.mapping import SHEETS, Problem, sheet_for
from importers.pipeline import ImportReport, import_tables
from importers.readers import (
    TABLE_SUFFIXES,
    TREE_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Location,
    ReadError,
    canonical,
    decode,
    read_file,
)


class UploadRejected(DiplomapError):
    status = 400


class UploadTooLarge(UploadRejected):
    status = 413


_BINARY = (
    (b"PK\x03\x04", "a zip archive (an .xlsx workbook?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls or .doc)"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
)


def check_upload(filename: str, data: bytes, *, max_mb: int = 20) -> str:
    """Check an upload's name, size and content; return the bare file name.

    Accepts .csv/.tsv/.txt, .yaml/.yml/.json (text in UTF-8 or Windows-1254) and
    .xlsx/.xlsm (a zip holding ``[Content_Types].xml``), each only when the
    content matches the extension. Raises :class:`UploadRejected` (or
    :class:`UploadTooLarge`) with a message that says what to do.
    """
    name = Path(filename.replace("\\", "/")).name.strip()
    if not name:
        raise UploadRejected("the upload has no file name", hint="choose a file to upload")
    suffix = Path(name).suffix.lower()
    if suffix not in TABLE_SUFFIXES | WORKBOOK_SUFFIXES | TREE_SUFFIXES:
        raise UploadRejected(
            f"{name}: files of type {suffix or '(none)'} cannot be imported",
            hint="upload a .csv, .xlsx, .yaml or .json file",
        )
    limit = max_mb * 1024 * 1024
    if len(data) > limit:
        raise UploadTooLarge(
            f"{name} is {len(data) / 1024 / 1024:.1f} MiB; the limit is {max_mb} MiB",
            hint="split it into smaller files, or ask an admin to raise DIPLOMAP_MAX_UPLOAD_MB",
        )
    if not data.strip():
        raise UploadRejected(
            f"{name} is empty", hint="the template (`diplomap template`) shows the columns"
        )
    if suffix in WORKBOOK_SUFFIXES:
        _check_workbook(name, data, limit)
    else:
        _check_text(name, data, suffix)
    return name


def _check_workbook(name: str, data: bytes, limit: int) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadRejected(
            f"{name} is an old Excel file (.xls) under an .xlsx name",
            hint="open it in Excel or LibreOffice and save it as .xlsx",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected(
            f"{name} is not an Excel workbook (its content is not .xlsx)",
            hint="save it as .xlsx from Excel or LibreOffice, or upload a CSV",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise UploadRejected(
            f"{name} is a damaged zip file, not a readable workbook", hint="save it again as .xlsx"
        ) from exc
    if "[Content_Types].xml" not in {m.filename for m in members}:
        raise UploadRejected(
            f"{name} is a zip archive, not an Excel workbook",
            hint="upload the .xlsx itself, not a zip that contains it",
        )
    if sum(m.file_size for m in members) > 10 * limit:
        raise UploadRejected(
            f"{name} unpacks to more than {10 * limit // 1024 // 1024} MiB",
            hint="split the workbook, or upload its sheets as CSV files",
        )


_SAVE_AS_TEXT = {
    False: "save it as CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)')",
    True: "save it as UTF-8 text",
}


def _check_text(name: str, data: bytes, suffix: str) -> None:
    for magic, what in _BINARY:
        if data.startswith(magic):
            hint = (
                "rename it to .xlsx"
                if magic == b"PK\x03\x04"
                else "export the sheet as CSV (UTF-8), or as YAML/JSON"
            )
            raise UploadRejected(f"{name} is {what}, not a {suffix} text file", hint=hint)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:65536]:
        what = "UTF-16 text" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "not a text file"
        raise UploadRejected(f"{name} is {what}", hint=_SAVE_AS_TEXT[suffix in TREE_SUFFIXES])
    try:
        text, _ = decode(data, name)
    except ReadError:
        raise UploadRejected(
            f"{name} is not text in UTF-8 or Windows-1254",
            hint=_SAVE_AS_TEXT[suffix in TREE_SUFFIXES],
        ) from None
    if any(ord(ch) < 32 and ch not in "\t\n\r\f\x1a" for ch in text[:65536]):
        raise UploadRejected(
            f"{name} holds control characters: it is not a text file",
            hint="export the sheet as CSV (UTF-8), or as YAML/JSON",
        )


@dataclass
class UploadResult:
    report: ImportReport
    entry: AuditEntry | None = None  # None for a dry run, or when nothing changed


def import_upload(
    store: Store,
    audit: AuditLog,
    user: Any,
    filename: str,
    data: bytes,
    *,
    dry_run: bool,
    sheet: str | None = None,
    max_mb: int = 20,
    cutoff: int = 85,
    strict: bool = False,
    column_map: dict[str, Any] | None = None,
) -> UploadResult:
    """Check and import an uploaded file; a real import is recorded (action ``import``).

    A CSV file is one sheet, named by its file name (``cities.csv``) unless
    ``sheet`` says which (for ``Şehir listesi.csv``). Raises
    :class:`UploadRejected` for a file that is too large or not what its name
    says, and :class:`~graph.errors.ImportFailed` (with ``.report``) when a row
    has errors; then nothing is written.
    """
    require(user, IMPORT)
    name = check_upload(filename, data, max_mb=max_mb)
    spec = sheet_for(canonical(sheet)) if sheet else None
    if sheet and spec is None:
        raise UploadRejected(f"unknown sheet {sheet!r}", hint=f"use one of {', '.join(SHEETS)}")
    try:
        tables = read_file(Path(name), data=data, display=name)
        if spec is not None and Path(name).suffix.lower() in TABLE_SUFFIXES:
            tables[0].kind = spec.name
        if column_map is not None:
            apply_map(tables, column_map)
    except ReadError as exc:
        report = ImportReport(name, dry_run, problems=[Problem(exc.location, exc.detail)])
        raise ImportFailed(f"cannot read {name}", report, hint=exc.hint) from exc
    except UnicodeDecodeError as exc:
        report = ImportReport(name, dry_run, problems=[Problem(Location(name), str(exc))])
        raise ImportFailed(
            f"cannot read {name}: not UTF-8 text", report, hint="save it as CSV UTF-8"
        ) from exc
    if dry_run:
        return UploadResult(
            import_tables(store, tables, name, dry_run=True, strict=strict, cutoff=cutoff)
        )
    with audit.transaction() as tx:
        report = import_tables(store, tables, name, strict=strict, cutoff=cutoff)
        n, r = report.counts()["nodes"], report.counts()["relations"]
        summary = (
            f"Imported {name}: {n['create']} entities created, {n['update']} updated; "
            f"{r['create']} ties created, {r['update']} updated"
        )
        entry = tx.record(user, "import", summary, report.result, store.backend)
    return UploadResult(report, entry)
