"""Forms that edit the graph: ``/new/<kind>``, ``/entity/<id>/edit``, ``/entity/<id>/delete``.

The forms are built from :func:`importers.editing.fields` (a form is one row of an
import sheet), so they accept exactly what an import accepts. The flow:

1. ``GET`` shows the form (its twin ``.json`` the fields and current values);
2. ``POST`` with ``action=preview`` runs :func:`importers.editing.preview`: problems next
   to their fields, possible duplicates with their scores (and a "these are
   different" checkbox), and the planned changes;
3. ``POST`` with ``action=save`` runs :func:`importers.editing.save` and redirects to
   the entity page with a flash naming the audit entry, with an Undo button.

Ties (memberships, project partners, stakeholders, committee members, activity
contributors) are kinds too: their id is ``start|TYPE|end``
(:func:`importers.editing.tie_id`). The action plan's records (plans, stages, committees,
activities, indicators, measurements) are edited with the same forms; after a change staff
return to the plan page that shows the record (:func:`web.plan_links.record_page`), or to
``next``. Everything needs :data:`~graph.accounts.permissions.EDIT`; every ``POST``
carries the CSRF token.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from graph.errors import EntityNotFound, StaleWrite
from graph.plan.indicators import NAMED_QUERIES
from importers import editing
from importers.editing import ENTITY_KINDS, TIE_KINDS, EditPreview, EditRejected
from web.audit_words import summary_text
from web.auth import audit_log, requires, safe_next, user
from web.changes import FIELD_LABELS, changes_view, entity_names, kind_label
from web.i18n import lang
from web.plan_links import record_page
from web.store import access
from web.twin import page
from web.vocab import kind as kind_word
from web.vocab import term

bp = Blueprint("edit", __name__)

#: Help under an input, by field type (the field's own name first, see :func:`help_text`).
TYPE_HELP = {
    "date": _l("A year (1997), a month (2024-06) or a day (2024-06-20 or 20.06.2024)."),
    "number": _l("A number, digits only (e.g. 12 or 3.5)."),
    "country": _l("Two-letter code (TR, DE) or the country's name."),
    "url": _l("A web address starting with https://"),
    "ref": _l("An id or an exact name; or search below and choose: the id is filled in."),
    "refs": _l("Ids or exact names, separated by ;. Search below and choose to add one."),
    "themes": _l("Theme ids or names, separated by ; (e.g. tourism; culture)"),
}
NAME_HELP = {
    "parties": _l(
        "Two or more ids or exact names, separated by ; (a new city must be created first)."
    ),
    "aliases": _l("Other spellings, separated by ;"),
    "source": _l("A web address or a document (e.g. council decision 56, 11.03.2024)."),
    "lat": _l("Latitude in degrees, between -90 and 90 (e.g. 36.8969)."),
    "lon": _l("Longitude in degrees, between -180 and 180 (e.g. 30.7133)."),
    "population": _l("Number of inhabitants, a whole number (e.g. 2696249)."),
    "official_networks": _l("A whole number, as the municipality reports it (e.g. 14)."),
    "official_sister_cities": _l("A whole number, as the municipality reports it (e.g. 12)."),
    "official_protocols": _l("A whole number, as the municipality reports it (e.g. 10)."),
    "budget_eur": _l("An amount in euros, digits only (e.g. 250000)."),
    "targets": _l("Targets per year: YEAR: VALUE, separated by ; (e.g. 2025: 3; 2026: 5)."),
    "order": _l("The stage's place in the plan, a whole number (1 to 6 in annex 002)."),
    "plan_year": _l("The year of the annual action plan the activity belongs to (e.g. 2025)."),
    "of": _l("The plan, activities or themes it measures: ids or exact names, separated by ;"),
    "query": _l(
        "Computed from the graph on the date of each report; leave empty to enter measurements."
    ),
}

#: What the search box of a reference field looks for (labels of graph.model).
_ACTORS = ("City", "Organization")
REF_KINDS: dict[str, tuple[str, ...]] = {
    "city": ("City",),
    "part_of": ("Organization", "City"),
    "parties": _ACTORS,
    "participants": _ACTORS,
    "member": _ACTORS,
    "partner": _ACTORS,
    "organization": ("Organization",),
    "network": ("Network",),
    "project": ("Project",),
    "plan": ("Plan",),
    "committee": ("Committee",),
    "activity": ("Activity",),
    "indicator": ("Indicator",),
    "lead": _ACTORS,
    "contributor": (*_ACTORS, "Network"),
    "contributors": (*_ACTORS, "Network"),
    "links": ("Project", "Agreement", "Event"),
    "of": ("Plan", "Activity", "Theme"),
}

#: "Add a tie" buttons on an entity page: entity label -> (kind, field the entity fills).
ADD_TIES = {
    "City": (
        ("agreements", "parties"),
        ("memberships", "member"),
        ("project_partners", "partner"),
        ("stakeholders", "city"),
    ),
    "Organization": (
        ("agreements", "parties"),
        ("memberships", "member"),
        ("project_partners", "partner"),
        ("stakeholders", "organization"),
    ),
    "Network": (("memberships", "network"),),
    "Project": (("project_partners", "project"),),
    "Committee": (("committee_members", "committee"),),
    "Activity": (("activity_contributors", "activity"),),
}


def help_text(f: editing.Field) -> str:
    found = NAME_HELP.get(f.name) or TYPE_HELP.get(f.type)
    return str(found) if found else f.help


def _check_kind(kind: str) -> None:
    if kind not in editing.KINDS:
        abort(404)


#: Fields of long text, edited in a text area.
LONG_TEXT = {
    "notes",
    "description",
    "summary",
    "summary_tr",
    "content_tr",
    "results_tr",
    "roles_tr",
}


def _named(value: str, prefix: str = "") -> list[dict[str, str]]:
    """The records a reference field names (ids found in the graph), to show their names;
    ``prefix`` completes short ids (``tourism`` -> ``theme-tourism``)."""
    parts = [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]
    ids = [p if p.startswith(prefix) else prefix + p for p in parts]
    names = entity_names(set(ids)) if ids else {}
    return [{"id": i, "name": names[i]} for i in ids if i in names and names[i] != i]


def form_fields(
    kind: str, values: dict[str, str], problems: dict[str | None, list[str]] | None = None
) -> list[dict[str, Any]]:
    """The inputs of a form, with their values and the problems found in them."""
    out = []
    for f in editing.fields(kind):
        widget = {
            "choice": "select",
            "bool": "select",
            "ref": "ref",
            "refs": "refs",
            "themes": "refs",
        }.get(f.type, "text")
        if f.name in LONG_TEXT:
            widget = "textarea"
        choices = [{"value": c, "label": term(c)} for c in f.choices]
        if f.type == "bool":
            choices = [{"value": "true", "label": _("yes")}, {"value": "false", "label": _("no")}]
        if f.name == "query":  # an indicator's named query (graph.plan.indicators)
            widget = "select"
            choices = [
                {"value": q.id, "label": q.name_tr if lang() == "tr" else q.name_en}
                for q in NAMED_QUERIES.values()
            ]
        out.append(
            {
                "name": f.name,
                "label": str(FIELD_LABELS.get(f.name, f.name)),
                "type": f.type,
                "widget": widget,
                "required": f.required,
                "help": help_text(f),
                "choices": choices,
                "kinds": "Theme" if f.type == "themes" else ",".join(REF_KINDS.get(f.name, ())),
                "value": values.get(f.name, ""),
                "named": (
                    _named(values.get(f.name, ""), "theme-" if f.type == "themes" else "")
                    if widget in ("ref", "refs")
                    else []
                ),
                "problems": (problems or {}).get(f.name, []),
            }
        )
    return out


def next_path() -> str | None:
    """The same-site path of ``?next=`` (or the form's ``next``), else None."""
    target = request.values.get("next")
    return safe_next(target) if target and safe_next(target, "/x") == target else None


def _target(subject: str | None) -> str:
    """The page to return to after a change of ``subject``: the plan page of a plan record,
    else its entity page (a tie: the plan page of its end, else its first end's page)."""
    if not subject:
        return url_for("overview.overview")
    key = editing.parse_tie_id(subject)
    if key is not None:
        return record_page(key[2]) or url_for("entity.entity", id=key[0])
    return record_page(subject) or url_for("entity.entity", id=subject)


def form_data(
    kind: str,
    entity_id: str | None,
    values: dict[str, str],
    preview: EditPreview | None = None,
    confirm: bool = False,
    version: str | None = None,
) -> dict[str, Any]:
    """Everything a form page shows: the inputs, and after a preview its findings."""
    problems = preview.by_field() if preview else {}
    known = {f.name for f in editing.fields(kind)}
    is_new = entity_id is None
    data: dict[str, Any] = {
        "kind": kind,
        "kind_label": kind_label(kind),
        "is_new": is_new,
        "entity_id": entity_id,
        "is_tie": kind in TIE_KINDS,
        "action_url": (
            url_for("edit.new", kind=kind) if is_new else url_for("edit.edit", id=entity_id)
        ),
        "next": next_path(),
        "back": next_path()
        or (_target(entity_id) if entity_id else None)
        or url_for("overview.overview"),
        "fields": form_fields(kind, values, problems),
        "general_problems": [m for f, ms in problems.items() if f not in known for m in ms],
        "confirm_duplicates": confirm,
        "preview": None,
        "version": version,
        "stale": None,
    }
    if preview is not None:
        data["preview"] = {
            **preview.to_dict(),
            "values": None,
            "planned": changes_view(preview.plan.changed) if preview.plan else [],
            "duplicates": [
                {
                    **d.to_dict(),
                    "kind_label": kind_word(d.label),
                    "url": url_for("entity.entity", id=d.id),
                }
                for d in preview.duplicates
            ],
        }
    return data


def _render(data: dict[str, Any], status: int = 200):
    return render_template("edit.html", data=data), status


def _cutoff() -> int:
    return int(current_app.config["DIPLOMAP"]["DIPLOMAP_FUZZY_CUTOFF"])


def submit(kind: str, entity_id: str | None):
    """Preview or save a posted form."""
    values = {f.name: request.form.get(f.name, "").strip() for f in editing.fields(kind)}
    confirm = request.form.get("confirm_duplicates") == "yes"
    version = request.form.get("version") or None
    store = access().store
    if request.form.get("action") == "save":
        try:
            entry = editing.save(
                store,
                audit_log(),
                user(),
                kind,
                values,
                entity_id=entity_id,
                confirm_duplicates=confirm,
                cutoff=_cutoff(),
                version=version,
            )
        except EditRejected as exc:
            data = form_data(kind, entity_id, values, exc.preview, confirm, version)
            return _render(data, exc.status)
        except StaleWrite as exc:
            return _render(stale_data(kind, entity_id, values, confirm), exc.status)
        nxt = next_path()
        if entry is None:
            flash({"text": _("Nothing changed: the values are the same as before.")}, "audit")
            return redirect(nxt or _target(entity_id), 303)
        flash(
            {"text": _("Saved"), "entry": entry.id, "summary": summary_text(entry.summary)}, "audit"
        )
        return redirect(nxt or _target(entry.subject), 303)
    preview = editing.preview(store, kind, values, entity_id=entity_id, cutoff=_cutoff())
    return _render(form_data(kind, entity_id, values, preview, confirm, version))


def stale_data(
    kind: str, entity_id: str | None, values: dict[str, str], confirm: bool
) -> dict[str, Any]:
    """The form again after a stale save: the stored values beside the person's own, and
    the current version, so that saving again is a deliberate choice."""
    store = access().store
    stored: dict[str, str] = {}
    version = None
    if entity_id is not None:
        try:
            _kind, stored = editing.form_values(store, entity_id)
            version = editing.record_version(store, entity_id)
        except EntityNotFound:
            stored = {}
    labels = {f["name"]: f["label"] for f in form_fields(kind, values, {})}
    differences = [
        {
            "name": name,
            "label": labels.get(name, name),
            "stored": stored.get(name, ""),
            "yours": mine,
        }
        for name, mine in values.items()
        if (stored.get(name) or "") != (mine or "")
    ]
    data = form_data(kind, entity_id, values, None, confirm, version)
    data["stale"] = {"differences": differences, "deleted": entity_id is not None and not stored}
    return data


# -- create ------------------------------------------------------------------------------------
@page(bp, "/new/<kind>", "edit.html")
@requires("edit")
def new(kind: str) -> dict[str, Any]:
    """An empty form; ``?member=city-tr-antalya`` (any field) fills a value in."""
    _check_kind(kind)
    names = {f.name for f in editing.fields(kind)}
    return form_data(kind, None, {k: v for k, v in request.args.items() if k in names})


@bp.post("/new/<kind>")
@requires("edit")
def new_submit(kind: str):
    _check_kind(kind)
    return submit(kind, None)


# -- edit --------------------------------------------------------------------------------------
@page(bp, "/entity/<id>/edit", "edit.html")
@requires("edit")
def edit(id: str) -> dict[str, Any]:
    """The form of an entity (or a tie) with its current values."""
    store = access().store
    kind, values = editing.form_values(store, id)
    return form_data(kind, id, values, version=editing.record_version(store, id))


@bp.post("/entity/<id>/edit")
@requires("edit")
def edit_submit(id: str):
    kind, _values = editing.form_values(access().store, id)
    return submit(kind, id)


# -- delete ------------------------------------------------------------------------------------
def _describe(id: str) -> dict[str, Any]:
    store = access().store
    key = editing.parse_tie_id(id)
    if key is not None:
        if key not in store.get_relations([key]):
            raise EntityNotFound(f"no tie {id!r}", hint="it may have been removed already")
        ends = store.get_many([key[0], key[2]])
        names = [ends[i].name if i in ends else i for i in (key[0], key[2])]
        return {
            "id": id,
            "is_tie": True,
            "kind_label": kind_label(editing.KIND_OF[key[1]]),
            "name": f"{names[0]} → {names[1]}",
            "ties": 0,
            "back": _target(id),
        }
    node = store.get(id)
    kind = editing.KIND_OF.get(node.label)
    if kind not in ENTITY_KINDS:
        abort(404)
    return {
        "id": id,
        "is_tie": False,
        "kind_label": kind_word(node.label),
        "name": node.name,
        "ties": len(store.relations_of([id])),
        "back": next_path() or _target(id),
    }


@page(bp, "/entity/<id>/delete", "edit_delete.html")
@requires("edit")
def delete(id: str) -> dict[str, Any]:
    """The confirmation page: what will be deleted (an entity goes with all its ties)."""
    return _describe(id)


@bp.post("/entity/<id>/delete")
@requires("edit")
def delete_submit(id: str):
    described = _describe(id)
    entry = editing.delete(access().store, audit_log(), user(), id)
    flash(
        {"text": _("Deleted"), "entry": entry.id, "summary": summary_text(entry.summary)}, "audit"
    )
    if described["is_tie"]:
        return redirect(safe_next(request.form.get("next"), described["back"]), 303)
    # An entity is gone: its history (with the undo), or the page the delete started from.
    return redirect(next_path() or url_for("audit.history", id=id), 303)


# -- helpers for the entity page ---------------------------------------------------------------
@bp.app_template_global()
def staff_links(entity: dict[str, Any]) -> dict[str, Any]:
    """The edit, history and "add a tie" links of an entity page (the template checks permissions)."""
    label, id = entity.get("kind"), entity["id"]
    editable = label in ENTITY_KINDS.values()
    here = url_for("entity.entity", id=id)
    return {
        "editable": editable,
        "edit": url_for("edit.edit", id=id) if editable else None,
        "delete": url_for("edit.delete", id=id) if editable else None,
        "history": url_for("audit.history", id=id),
        "add": [
            {
                "label": _("Add: %(kind)s", kind=kind_label(kind)),
                "url": url_for("edit.new", kind=kind, next=here, **{field: id}),
            }
            for kind, field in ADD_TIES.get(label, ())
        ],
    }


@bp.app_template_global()
def record_links(record_id: str, here: str | None = None) -> dict[str, str]:
    """Edit, delete and history links of one record (an entity or a tie id) shown on another
    page (the plan pages), coming back to ``here`` after the change."""
    return {
        "edit": url_for("edit.edit", id=record_id, next=here),
        "delete": url_for("edit.delete", id=record_id, next=here),
        "history": url_for("audit.history", id=record_id),
    }


@bp.app_template_global()
def tie_links(entity_id: str, tie: dict[str, Any]) -> dict[str, str] | None:
    """Edit and remove links of one tie of the entity page (memberships, partners, stakeholders)."""
    if tie["type"] not in TIE_KINDS.values():
        return None
    start, end = (
        (entity_id, tie["other"]["id"]) if tie["outgoing"] else (tie["other"]["id"], entity_id)
    )
    tid = editing.tie_id((start, tie["type"], end))
    here = url_for("entity.entity", id=entity_id)
    return {
        "edit": url_for("edit.edit", id=tid, next=here),
        "delete": url_for("edit.delete", id=tid, next=here),
    }
