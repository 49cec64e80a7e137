"""The audit log: ``/audit``, ``/audit/<n>``, ``/entity/<id>/history`` (each with a ``.json`` twin),
and undo (``POST /audit/<n>/undo``).

Every entry says who changed what and when, and every change shows its fields
before and after (:func:`change_view`, shared with the edit preview). Reading the
log needs :data:`~graph.accounts.permissions.AUDIT`; whether the current user may undo an entry
is :func:`graph.audit.changes.can_undo` (their own with ``undo_own``, any with
``undo_any``). A refused undo is a 409 page that names the later change to undo
first.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from graph.audit.changes import AuditEntry, can_undo
from graph.audit.errors import UndoRefused
from graph.audit.transaction import ACTIONS
from importers.editing import parse_tie_id
from web.audit_words import summary_text
from web.auth import audit_log, requires, safe_next, user
from web.changes import changes_view, entity_names, record_names
from web.errors import wants_json
from web.store import access
from web.twin import page

bp = Blueprint("audit", __name__)

PER_PAGE = 50
#: Changes shown per entry in a list (an import can hold thousands; its own page shows them all).
LIST_CHANGES = 20
#: Changes shown on an entry's own page.
ENTRY_CHANGES = 2000

ACTION_WORDS = {
    "create": _l("created"),
    "edit": _l("edited"),
    "delete": _l("deleted"),
    "import": _l("import"),
    "undo": _l("undo"),
}


def when(at: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(at), "medium")
    except ValueError:
        return at


def subject_link(subject: str | None, known: dict[str, str] | None = None) -> dict[str, Any] | None:
    """Where an entry's subject is shown: the entity, or a tie's first end (no link when gone)."""
    if not subject:
        return None
    key = parse_tie_id(subject)
    target = key[0] if key else subject
    names = entity_names({target} | ({key[2]} if key else set()))
    known = {**(known or {}), **names}
    text = known.get(target, target) + (f" — {known.get(key[2], key[2])}" if key else "")
    url = url_for("entity.entity", id=target) if target in names else None
    return {"id": subject, "text": text, "url": url}


def entry_view(
    entry: AuditEntry, with_changes: bool = True, context: list[Any] = (), limit: int | None = None
) -> dict[str, Any]:
    """An entry for the pages: who, when, what, its changes (the first ``limit``), and whether
    this user may undo it. ``context``: more changes of the entry, to name deleted records."""
    shown = entry.changes[:limit] if limit else entry.changes
    names, _existing = record_names(shown, context or entry.changes)
    return {
        **{k: v for k, v in entry.to_dict().items() if k != "changes"},
        "summary_text": summary_text(entry.summary),  # the stored summary, in the page's language
        "when": when(entry.at),
        "action_label": str(ACTION_WORDS.get(entry.action, entry.action)),
        "url": url_for("audit.entry", entry_id=entry.id),
        "subject_link": subject_link(entry.subject, names),
        "may_undo": entry.undoable and can_undo(user(), entry),
        "changes": changes_view(shown, context or entry.changes) if with_changes else [],
        "changes_hidden": max(0, len(entry.changes) - len(shown)) if with_changes else 0,
    }


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


# -- pages -------------------------------------------------------------------------------------
@page(bp, "/audit", "audit.html")
@requires("audit")
def audit() -> dict[str, Any]:
    """The whole log, newest first, 50 a page; ``?user=`` and ``?action=`` filter it."""
    log = audit_log()
    who = (request.args.get("user") or "").strip() or None
    action = request.args.get("action") or None
    if action not in ACTIONS:
        action = None
    number = _page_number()
    total = log.count(user=who, action=action)
    entries = log.entries(limit=PER_PAGE, offset=(number - 1) * PER_PAGE, user=who, action=action)
    pages = max(1, -(-total // PER_PAGE))
    return {
        "entries": [entry_view(log.get(e.id), limit=LIST_CHANGES) for e in entries],
        "total": total,
        "page": number,
        "pages": pages,
        "per_page": PER_PAGE,
        "filters": {"user": who, "action": action},
        "actions": [{"code": a, "label": str(ACTION_WORDS[a])} for a in ACTIONS],
    }


@page(bp, "/audit/<int:entry_id>", "audit_entry.html")
@requires("audit")
def entry(entry_id: int) -> dict[str, Any]:
    """One entry with all its changes, and what stands in the way of undoing it."""
    log = audit_log()
    found = log.get(entry_id)
    blockers = log.blockers(entry_id) if found.undoable else []
    return {"entry": entry_view(found, limit=ENTRY_CHANGES), "blockers": blockers}


@page(bp, "/entity/<id>/history", "audit_history.html")
@requires("audit")
def history(id: str) -> dict[str, Any]:
    """The entries that touched an entity or its ties (it may be deleted), newest first."""
    log = audit_log()
    number = _page_number()
    total = log.count(id)
    entries = log.entries(id, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    names = entity_names({id})
    return {
        "id": id,
        "name": names.get(id, id),
        "exists": id in names,
        "url": url_for("entity.entity", id=id) if id in names else None,
        "entries": [
            entry_view(e, context=log.get(e.id).changes, limit=LIST_CHANGES) for e in entries
        ],
        "total": total,
        "page": number,
        "pages": max(1, -(-total // PER_PAGE)),
    }


_ENTITY_PAGE = re.compile(r"^/entity/([^/?#.]+)$")


@bp.post("/audit/<int:entry_id>/undo")
@requires("audit")
def undo(entry_id: int):
    """Undo an entry; back to ``next`` (or the entry) with a flash, or a 409 page with the reason."""
    log = audit_log()
    store = access().store
    try:
        done = log.undo(store, entry_id, user())
    except UndoRefused as exc:
        blockers = log.blockers(entry_id)
        if wants_json():
            from web.errors import error_response

            return error_response(409, "UndoRefused", exc.message, exc.hint)
        return render_template(
            "audit_refused.html",
            entry=entry_view(log.get(entry_id), False),
            message=exc.message,
            hint=exc.hint,
            blockers=blockers,
        ), 409
    flash({"text": _("Undone"), "entry": done.id, "summary": summary_text(done.summary)}, "audit")
    target = safe_next(request.form.get("next"), url_for("audit.entry", entry_id=done.id))
    path = target.split("?")[0]
    gone = _ENTITY_PAGE.match(path)
    if gone and store.find(gone.group(1)) is None:  # the undo removed the entity of that page
        target = url_for("audit.history", id=gone.group(1))
    return redirect(target, 303)
