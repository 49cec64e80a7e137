"""Import by upload: ``/import`` (form), a dry run with its report, then a confirmed import.

1. ``GET /import``: a file input (.csv .xlsx .yaml .yml .json) and, for a CSV,
   which sheet it is (otherwise its file name says: ``cities.csv``).
2. ``POST /import``: :func:`importers.upload.check_upload` (size: 413 over
   ``DIPLOMAP_MAX_UPLOAD_MB``; content that is not what the name says: 400),
   then a dry run. The page shows the report (errors as ``file:line:column``,
   warnings such as possible duplicates) and the changes per kind. When the dry
   run is clean, the bytes are kept in ``DIPLOMAP_DATA_DIR/uploads/<token>``
   under a random token remembered in the user's session, and the page offers
   Confirm. ``POST /import.json`` returns the same report as JSON.
3. ``POST /import/confirm`` with the token: the import itself
   (:func:`importers.upload.import_upload`), recorded in the audit log; the kept
   file is deleted. Kept files older than an hour are deleted too.

The client only ever sends the token, never a path: a token that is not in the
session, or not of the form :data:`TOKEN`, is refused. Everything needs
:data:`~graph.accounts.permissions.IMPORT`.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from graph.errors import DiplomapError, ImportFailed
from importers.column_map import MappingError, check_map
from importers.mapping import SHEETS
from importers.upload import UploadRejected, UploadTooLarge, check_upload, import_upload
from web.auth import audit_log, requires, user
from web.changes import kind_label
from web.column_mapper import mapper_data, needs_mapping, posted_mapping, saved_mappings
from web.errors import error_response
from web.store import access
from web.twin import page

bp = Blueprint("upload", __name__)

ACCEPT = ".csv,.xlsx,.yaml,.yml,.json"
#: Seconds a dry-run file is kept for its confirmation.
KEEP_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
SESSION_KEY = "uploads"


def _settings() -> dict[str, Any]:
    return current_app.config["DIPLOMAP"]


def _max_mb() -> int:
    return int(_settings()["DIPLOMAP_MAX_UPLOAD_MB"])


def uploads_dir() -> Path:
    path = Path(_settings()["DIPLOMAP_DATA_DIR"]) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sweep(now: float | None = None) -> int:
    """Delete kept uploads older than :data:`KEEP_SECONDS`; return how many went."""
    limit = (now or time.time()) - KEEP_SECONDS
    gone = 0
    for path in uploads_dir().glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                path.with_suffix(".json").unlink(missing_ok=True)
                gone += 1
        except OSError:
            continue
    return gone


def keep(
    filename: str, data: bytes, sheet: str | None, column_map: dict[str, Any] | None = None
) -> str:
    """Keep a checked upload for its confirmation (or its column mapping); return its token
    (remembered in the session)."""
    token = secrets.token_urlsafe(24)
    folder = uploads_dir()
    (folder / f"{token}.upload").write_bytes(data)
    meta = {
        "filename": filename,
        "sheet": sheet,
        "map": column_map,
        "user": user().username,
        "at": time.time(),
    }
    (folder / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-4:], token]
    return token


def kept(token: str) -> tuple[dict[str, Any], bytes]:
    """The kept upload of ``token``, when it belongs to this session and user and is fresh."""
    expired = UploadRejected(
        _("This upload has expired or was already imported."), hint=_("Upload the file again.")
    )
    if not TOKEN.match(token or "") or token not in session.get(SESSION_KEY, []):
        raise expired
    folder = uploads_dir()
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        data = (folder / f"{token}.upload").read_bytes()
    except (OSError, ValueError):
        raise expired from None
    if meta.get("user") != user().username or time.time() - meta.get("at", 0) > KEEP_SECONDS:
        forget(token)
        raise expired
    return meta, data


def forget(token: str) -> None:
    folder = uploads_dir()
    (folder / f"{token}.upload").unlink(missing_ok=True)
    (folder / f"{token}.json").unlink(missing_ok=True)
    session[SESSION_KEY] = [t for t in session.get(SESSION_KEY, []) if t != token]


def report_view(report: Any) -> dict[str, Any]:
    """An import report for the page: its dict plus the changes per kind in words."""
    data = report.to_dict()
    data["kinds"] = [
        {
            "label": label,
            "kind_label": _kind_word(label),
            "created": counts.get("create", 0),
            "updated": counts.get("update", 0),
            "unchanged": counts.get("unchanged", 0),
        }
        for label, counts in data["by_label"].items()
    ]
    return data


def _kind_word(label: str) -> str:
    from web.vocab import kind, term

    return kind(label) if label[:1].isupper() and not label.isupper() else term(label)


def form_data() -> dict[str, Any]:
    return {
        "accept": ACCEPT,
        "max_mb": _max_mb(),
        "sheets": [{"name": s, "label": kind_label(s)} for s in SHEETS],
        "report": None,
        "token": None,
        "filename": None,
        "sheet": None,
        "error": None,
        "mapper": None,
        "map_token": None,
    }


# -- pages -------------------------------------------------------------------------------------
@page(bp, "/import", "upload.html")
@requires("import")
def upload() -> dict[str, Any]:
    """The upload form: accepted types, the size limit and the sheets a CSV can be."""
    return form_data()


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc: RequestEntityTooLarge):
    """A request body over the limit (``MAX_CONTENT_LENGTH``, set from ``DIPLOMAP_MAX_UPLOAD_MB``),
    refused by Flask before the view runs: the same clear page as :func:`check_upload`'s 413."""
    return _refuse(
        UploadTooLarge(
            _("The file is larger than the limit of %(mb)s MiB.", mb=_max_mb()),
            hint=_("Split it into smaller files, or ask an admin to raise DIPLOMAP_MAX_UPLOAD_MB."),
        ),
        form_data(),
    )


def _wants_json() -> bool:
    return request.path.endswith(".json")


def _refuse(exc: DiplomapError, data: dict[str, Any]):
    if _wants_json():
        return error_response(exc.status, type(exc).__name__, exc.message, exc.hint)
    data["error"] = {"message": exc.message, "hint": exc.hint, "status": exc.status}
    return render_template("upload.html", data=data), exc.status


@bp.post("/import")
@bp.post("/import.json")
@requires("import")
def dry_run():
    """Check an uploaded file and show what importing it would do."""
    sweep()
    data = form_data()
    file = request.files.get("file")
    sheet = request.form.get("sheet") or None
    if file is None or not file.filename:
        return _refuse(UploadRejected(_("Choose a file to upload.")), data)
    content = file.read()
    data.update(filename=file.filename, sheet=sheet)
    try:
        name = check_upload(file.filename, content, max_mb=_max_mb())
        result = import_upload(
            access().store,
            audit_log(),
            user(),
            name,
            content,
            dry_run=True,
            sheet=sheet,
            max_mb=_max_mb(),
            cutoff=int(_settings()["DIPLOMAP_FUZZY_CUTOFF"]),
        )
    except ImportFailed as exc:
        data["report"] = report_view(exc.report) if exc.report else None
        data["error"] = {"message": exc.message, "hint": exc.hint, "status": 400}
        if needs_mapping(data["report"]):
            data["mapper"] = mapper_data(file.filename, content, sheet)
            if data["mapper"]:
                data["map_token"] = keep(Path(file.filename).name, content, sheet)
        if _wants_json():
            return jsonify({k: data[k] for k in ("filename", "sheet", "report", "error")}), 400
        return render_template("upload.html", data=data), 400
    except UploadRejected as exc:
        return _refuse(exc, data)
    data["filename"] = name
    data["report"] = report_view(result.report)
    data["token"] = keep(name, content, sheet)
    if _wants_json():
        return jsonify({k: data[k] for k in ("filename", "sheet", "report", "token")})
    return render_template("upload.html", data=data)


@bp.post("/import/map")
@requires("import")
def map_columns():
    """Check a kept upload again with the columns mapped as the staffer chose."""
    sweep()
    data = form_data()
    token = request.form.get("token", "")
    try:
        meta, content = kept(token)
    except UploadRejected as exc:
        return _refuse(exc, data)
    form = mapper_data(meta["filename"], content, meta["sheet"])
    if form is None:
        return _refuse(UploadRejected(_("Upload the file again.")), data)
    mapping = posted_mapping(request.form, form["headers"])
    data.update(filename=meta["filename"], sheet=mapping.get("sheet") or meta["sheet"])
    try:
        check_map(mapping)
        result = import_upload(
            access().store,
            audit_log(),
            user(),
            meta["filename"],
            content,
            dry_run=True,
            sheet=None,
            max_mb=_max_mb(),
            cutoff=int(_settings()["DIPLOMAP_FUZZY_CUTOFF"]),
            column_map=mapping,
        )
    except (ImportFailed, MappingError) as exc:
        report = getattr(exc, "report", None)
        data["report"] = report_view(report) if report else None
        data["error"] = {"message": exc.message, "hint": exc.hint, "status": 400}
        data["mapper"] = mapper_data(meta["filename"], content, meta["sheet"], chosen=mapping)
        data["map_token"] = token
        return render_template("upload.html", data=data), 400
    saved_mappings().save(form["headers"], mapping)
    forget(token)
    data["report"] = report_view(result.report)
    data["token"] = keep(meta["filename"], content, meta["sheet"], mapping)
    data["mapped"] = True
    return render_template("upload.html", data=data)


@bp.post("/import/confirm")
@requires("import")
def confirm():
    """Import a kept upload for real; show the result with its audit entry."""
    sweep()
    token = request.form.get("token", "")
    data = form_data()
    try:
        meta, content = kept(token)
        data.update(filename=meta["filename"], sheet=meta["sheet"])
        result = import_upload(
            access().store,
            audit_log(),
            user(),
            meta["filename"],
            content,
            dry_run=False,
            sheet=meta["sheet"],
            max_mb=_max_mb(),
            cutoff=int(_settings()["DIPLOMAP_FUZZY_CUTOFF"]),
            column_map=meta.get("map"),
        )
    except ImportFailed as exc:  # the graph changed since the dry run
        forget(token)
        data["report"] = report_view(exc.report) if exc.report else None
        data["error"] = {"message": exc.message, "hint": exc.hint, "status": 400}
        return render_template("upload.html", data=data), 400
    except UploadRejected as exc:
        return _refuse(exc, data)
    forget(token)
    entry = result.entry
    return render_template(
        "upload_done.html",
        data={
            "filename": meta["filename"],
            "report": report_view(result.report),
            "entry": entry.id if entry else None,
            "entry_url": url_for("audit.entry", entry_id=entry.id) if entry else None,
        },
    )
