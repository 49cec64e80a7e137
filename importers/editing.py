"""Edit the graph through forms, with the importers' checks, and every change audited.

The web forms call this module. A form is one row of an import sheet
(:data:`importers.mapping.SHEETS`): its values are parsed and checked by the
same column specs, and its references (a country, a member, the parties of an
agreement, themes) resolved by the same :class:`~importers.resolve.Resolver`, so
a form accepts exactly what an import accepts, and reports the same problems,
located by field.

- :func:`preview` checks a form and plans the write (a dry run), with problems
  per field and possible duplicates with their scores.
- :func:`save` writes it in one transaction and records it in the audit log; it
  refuses a form with problems, and possible duplicates unless confirmed.
- :func:`delete` deletes an entity with its ties (all recorded, so undo brings
  them back), or one tie.
- :func:`~importers.upload.import_upload` (in :mod:`importers.upload`, re-exported here)
  imports an uploaded file after checking its size, its extension and its
  content, and records the import.

Kinds are the sheets: entities (cities, networks, organizations, projects,
agreements, events, and the action plan's plans, plan_stages, plan_committees,
plan_activities, plan_indicators, indicator_measurements) and ties (memberships,
project_partners, stakeholders, committee_members, activity_contributors). An
edited entity keeps its id. On an edit, a field missing from ``values`` keeps its
value and an empty one is cleared: the property is removed, or the ties the
field stands for (themes, parties, participants, city, part_of; a plan record's plan,
lead, contributors, links, of, indicator) are deleted. An activity's form shows its
contributors (kept with their roles), although its sheet's export lists them in
activity_contributors.
Properties no form shows (from the public data sets, say) are kept, and so is
``source`` when left empty (provenance); ``updated_at`` is set by the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.accounts.permissions import EDIT, require
from graph.audit.changes import AuditEntry
from graph.audit.log import AuditLog
from graph.errors import DiplomapError, EntityNotFound, InvalidData, StaleWrite
from graph.ids import fold, id_problem, is_id, is_slug
from graph.model import Node, Relation
from graph.stores.base import Store
from graph.stores.changes import ChangeSet, RelKey, WriteResult
from importers.mapping import SHEETS, Problem, map_table
from importers.readers import Row, Table, canonical
from importers.resolve import NAMED_LABELS, Resolver
from importers.values import as_text

ENTITY_KINDS = {
    "cities": "City",
    "networks": "Network",
    "organizations": "Organization",
    "projects": "Project",
    "agreements": "Agreement",
    "events": "Event",
    # The action plan (importers.plan_sheets): edited with the same forms.
    "plans": "Plan",
    "plan_stages": "Stage",
    "plan_committees": "Committee",
    "plan_activities": "Activity",
    "plan_indicators": "Indicator",
    "indicator_measurements": "Measurement",
}
TIE_KINDS = {
    "memberships": "MEMBER_OF",
    "project_partners": "PARTNER_IN",
    "stakeholders": "STAKEHOLDER_OF",
    "committee_members": "SITS_ON",
    "activity_contributors": "CONTRIBUTES_TO",
}
#: The kinds of the action plan (their pages are the plan pages, not the entity page).
PLAN_KINDS = (
    "plans",
    "plan_stages",
    "plan_committees",
    "plan_activities",
    "plan_indicators",
    "indicator_measurements",
    "committee_members",
    "activity_contributors",
)
KINDS = (*ENTITY_KINDS, *TIE_KINDS)
KIND_OF = {**{v: k for k, v in ENTITY_KINDS.items()}, **{v: k for k, v in TIE_KINDS.items()}}

#: Fields of a tie form that name its two ends, (start, end).
TIE_ENDS = {
    "memberships": ("member", "network"),
    "project_partners": ("partner", "project"),
    "stakeholders": ("organization", "city"),
    "committee_members": ("member", "committee"),
    "activity_contributors": ("contributor", "activity"),
}
# Entity fields that stand for ties, not properties; and fields stored under another name.
_TIE_FIELDS = {"id", "themes", "priority_themes", "city", "part_of", "parties", "participants"}
_TIE_FIELDS |= {"plan", "lead", "contributors", "links", "of", "indicator"}
#: Fields that name one entity (a ``ref`` input) and several (``refs``), besides the tie ends.
_REF_FIELDS = {"city", "part_of", "plan", "indicator"}
_REFS_FIELDS = {"parties", "participants", "lead", "contributors", "links", "of"}
_RENAMED = {"events": {"title": "name", "title_tr": "name_tr"}}
#: Properties a form owns besides its columns' (an indicator's targets are two lists).
_EXTRA_PROPS = {"plan_indicators": {"target_years"}}
_THEME_KINDS = {
    "cities": ("focus", "expertise", "priority"),
    "organizations": ("expertise", "focus"),
    "plans": ("priority",),
    "plan_activities": ("focus",),
    **dict.fromkeys(
        ("plan_stages", "plan_committees", "plan_indicators", "indicator_measurements"), ()
    ),
}
#: Ties an entity form owns besides HAS_THEME: (type, direction, labels at the other end or None).
_OWNED_TIES = {
    "cities": (("LOCATED_IN", "out", ("Country",)),),
    "organizations": (("LOCATED_IN", "out", ("City",)), ("PART_OF", "out", None)),
    "agreements": (("PARTY_TO", "in", None),),
    "events": (("PARTICIPATED_IN", "in", None),),
    "plan_stages": (("STAGE_OF", "out", None),),
    "plan_committees": (("COMMITTEE_OF", "out", None),),
    "plan_activities": (
        ("ACTIVITY_OF", "out", None),
        ("LED_BY", "out", None),
        ("CONTRIBUTES_TO", "in", None),
        ("LINKED_TO", "out", None),
    ),
    "plan_indicators": (("INDICATOR_OF", "out", None),),
    "indicator_measurements": (("MEASUREMENT_OF", "out", None),),
}
#: Ties an entity's form shows although its sheet's export writes them elsewhere:
#: kind -> field -> (type, direction); an activity's contributors (their roles are kept).
_SHOWN_TIES = {"plan_activities": {"contributors": ("CONTRIBUTES_TO", "in")}}
_FIRST_FIELD = {
    "agreements": "parties",
    "events": "title",
    "plan_stages": "order",
    "indicator_measurements": "date",
}


class EditRejected(DiplomapError):
    """A form with problems; nothing was saved. ``preview`` has them, by field."""

    status = 400

    def __init__(self, message: str, preview: EditPreview, hint: str | None = None):
        super().__init__(message, hint)
        self.preview = preview


class DuplicateNotConfirmed(EditRejected):
    status = 409


# -- forms -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    """One input of a form: built from the sheet's column spec."""

    name: str
    required: bool
    type: str  # text, number, date, bool, url, country, choice, ref, refs, themes
    help: str = ""
    choices: tuple[str, ...] = ()


def _field_type(kind: str, col) -> str:
    if col.enum_of:
        return "choice"
    if col.name in ("themes", "priority_themes"):
        return "themes"
    if col.name in _REFS_FIELDS:
        return "refs"
    if col.name in _REF_FIELDS or col.name in TIE_ENDS.get(kind, ()):
        return "ref"
    name = getattr(col.parse, "__qualname__", "")
    for part, kind_name in (
        ("_number", "number"),
        ("_bounded", "number"),
        ("parse_date", "date"),
        ("parse_bool", "bool"),
        ("parse_url", "url"),
        ("parse_country", "country"),
    ):
        if name.startswith(part):
            return kind_name
    return "text"


def fields(kind: str) -> list[Field]:
    """The inputs of the form for ``kind``, in sheet order (``id`` aside)."""
    from graph.model import allowed_values

    spec = _spec(kind)
    return [
        Field(
            c.name,
            c.required,
            _field_type(kind, c),
            c.help,
            tuple(allowed_values(*c.enum_of) or ()) if c.enum_of else (),
        )
        for c in spec.columns
        if c.name != "id"
    ]


def _spec(kind: str):
    if kind not in KINDS:
        raise InvalidData(f"unknown kind {kind!r}", hint=f"use one of {', '.join(KINDS)}")
    return SHEETS[kind]


def tie_id(key: RelKey) -> str:
    """The id of a tie in URLs and forms: ``start|TYPE|end`` (an id never holds ``|``)."""
    return "|".join((key[0], key[1], key[2]))


def parse_tie_id(text: str) -> RelKey | None:
    """The key of a tie id (``start|TYPE|end``, or the older ``start--TYPE--end`` of
    generated ids), or None when ``text`` is an entity id."""
    parts = text.split("|")
    if len(parts) == 3 and parts[1] in TIE_KINDS.values() and is_id(parts[0]) and is_id(parts[2]):
        return parts[0], parts[1], parts[2]
    parts = text.split("--")
    if (
        len(parts) == 3
        and parts[1] in TIE_KINDS.values()
        and is_slug(parts[0])
        and is_slug(parts[2])
    ):
        return parts[0], parts[1], parts[2]
    return None


def form_values(store: Store, entity_id: str) -> tuple[str, dict[str, str]]:
    """The kind and the current values of an entity (or tie id), as its edit form shows them."""
    from importers.export import to_sheets

    key = parse_tie_id(entity_id)
    if key is not None:
        rel = store.get_relations([key]).get(key)
        if rel is None:
            raise EntityNotFound(f"no tie {entity_id!r}", hint="it may have been removed")
        kind, nodes, rels = KIND_OF[rel.type], [], [rel]
    else:
        node = store.get(entity_id)
        kind = _entity_kind(node)
        rels = store.relations_of([entity_id])
        others = store.get_many({i for r in rels for i in (r.start, r.end)} - {entity_id})
        nodes = [node, *others.values()]
    rows = to_sheets(nodes, rels).get(kind, [])
    row = rows[0] if key is not None else next(r for r in rows if r.get("id") == entity_id)
    for name, (rtype, direction) in _SHOWN_TIES.get(kind, {}).items():
        mine = (r.end if direction == "out" else r.start for r in rels if r.type == rtype)
        row[name] = ";".join(sorted(i for i in mine if i != entity_id))
    return kind, {c.name: as_text(row.get(c.name)) for c in SHEETS[kind].columns}


def _entity_kind(node: Node) -> str:
    kind = KIND_OF.get(node.label)
    if kind not in ENTITY_KINDS:
        raise InvalidData(
            f"{node.label} {node.id} is reference data and is not edited with a form",
            hint="themes come from the catalogue and countries from ISO 3166",
        )
    return kind


# -- preview -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldProblem:
    field: str | None  # None: about the whole form
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


@dataclass(frozen=True)
class Duplicate:
    """An existing entity that a new (or renamed) one may duplicate."""

    id: str
    label: str
    name: str
    country: str | None
    score: int
    via: str  # name, alias, gazetteer, fuzzy

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "country": self.country,
            "score": self.score,
            "via": self.via,
        }


@dataclass
class EditPreview:
    kind: str
    entity_id: str | None  # the entity's id (kept on edit, derived on create) or the tie id
    is_new: bool
    values: dict[
        str, str
    ]  # the values checked: on an edit, the current ones with the form's on top
    changes: ChangeSet = field(default_factory=ChangeSet)  # the validated records to write
    problems: list[FieldProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    plan: WriteResult | None = None  # the dry run; None when there are errors
    summary: str = ""

    @property
    def errors(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def action(self) -> str:
        return "create" if self.is_new else "edit"

    def by_field(self) -> dict[str | None, list[str]]:
        out: dict[str | None, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p.message)
        return out

    def to_dict(self) -> dict[str, Any]:
        plan = None
        if self.plan is not None:
            plan = {
                "nodes": self.plan.counts("node"),
                "relations": self.plan.counts("relation"),
                "changes": [
                    {
                        "action": c.action,
                        "kind": c.kind,
                        "label": c.label,
                        "key": c.key if isinstance(c.key, str) else list(c.key),
                    }
                    for c in self.plan.changed
                ],
            }
        return {
            "kind": self.kind,
            "entity_id": self.entity_id,
            "is_new": self.is_new,
            "action": self.action,
            "ok": self.ok,
            "summary": self.summary,
            "values": self.values,
            "problems": [
                {"field": p.field, "message": p.message, "severity": p.severity}
                for p in self.problems
            ],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "plan": plan,
        }


class _FormResolver(Resolver):
    """The importers' resolver, keeping its possible duplicates as data as well as text."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.duplicates: list[Duplicate] = []
        self.duplicate_problems: list[Problem] = []

    def _warn(self, node, c, problems: list[Problem]) -> None:  # type: ignore[override]
        Resolver._warn(node, c, problems)
        self.duplicate_problems.append(problems[-1])
        self.duplicates.append(Duplicate(c.id, c.label, c.name, c.country, c.score, c.via))


def _form_table(kind: str, values: dict[str, str]) -> Table:
    spec = SHEETS[kind]
    table = Table(kind, kind)
    names = [c.name for c in spec.columns]
    for name in names:
        table.headers[name] = name
        table.raw_headers[name] = name
    row = Row(table, 1, {k: v for k, v in values.items() if v}, {n: n for n in names})
    table.rows.append(row)
    return table


def _clean(values: dict[str, Any]) -> dict[str, str]:
    return {canonical(str(k)): as_text(v).strip() for k, v in values.items()}


def _names(props: dict[str, Any]) -> list[str]:
    return [props[k] for k in ("name", "name_en", "name_tr") if props.get(k)] + list(
        props.get("aliases") or []
    )


def _owned_props(kind: str) -> set[str]:
    rename = _RENAMED.get(kind, {})
    ends = TIE_ENDS.get(kind, ())
    return {
        rename.get(c.name, c.name)
        for c in SHEETS[kind].columns
        if c.name not in _TIE_FIELDS and c.name not in ends
    } | _EXTRA_PROPS.get(kind, set())


def _keep_existing(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A tie the form restates: keep what it holds, add what it lacks; a theme moved between
    a city's themes and priority_themes changes kind."""
    out = {k: v for k, v in old.items() if k != "updated_at"}
    for k, v in new.items():
        if v is not None and k not in out:
            out[k] = v
    if new.get("kind") and (new["kind"] == "priority") != (out.get("kind") == "priority"):
        out["kind"] = new["kind"]
    return out


def _owned_ties(store: Store, kind: str, entity_id: str) -> list[Relation]:
    """The ties of an entity that its form shows (and so may delete)."""
    rels = store.relations_of([entity_id])
    others = store.get_many({r.end if r.start == entity_id else r.start for r in rels})
    theme_kinds = _THEME_KINDS.get(kind, ("focus", "expertise"))
    out = []
    for r in rels:
        if r.type == "HAS_THEME" and r.start == entity_id:
            if (r.props.get("kind") or "focus") in theme_kinds:
                out.append(r)
            continue
        for rtype, direction, labels in _OWNED_TIES.get(kind, ()):
            mine = r.start == entity_id if direction == "out" else r.end == entity_id
            other = others.get(r.end if direction == "out" else r.start)
            if r.type == rtype and mine and (labels is None or (other and other.label in labels)):
                out.append(r)
    return out


def _describe(store: Store, ids: list[str]) -> list[str]:
    found = store.get_many(ids)
    return [found[i].name if i in found else i for i in ids]


def preview(
    store: Store,
    kind: str,
    values: dict[str, Any],
    *,
    entity_id: str | None = None,
    cutoff: int = 85,
) -> EditPreview:
    """Check a form and plan its write, without writing.

    ``entity_id`` (an entity id, or a tie id for a tie kind) edits that record;
    without it the form creates one. Raises :class:`EntityNotFound` when the
    record to edit does not exist; every problem with the values is reported in
    the preview, by field.
    """
    spec = _spec(kind)
    given = _clean(values)
    current: dict[str, str] = {}
    if entity_id is not None:
        current_kind, current = form_values(store, entity_id)
        if current_kind != kind:
            raise InvalidData(f"{entity_id} is edited with the {current_kind} form, not {kind}")
    merged = {**current, **given}
    out = EditPreview(kind, entity_id, entity_id is None, merged)
    if kind in ENTITY_KINDS:
        if entity_id is not None:
            if given.get("id") and given["id"] != entity_id:
                out.problems.append(
                    FieldProblem(
                        "id", "the id of an entity never changes; create a new entity instead"
                    )
                )
            merged["id"] = entity_id
        elif merged.get("id") and id_problem(merged["id"]):
            out.problems.append(
                FieldProblem(
                    "id", f"{merged['id']!r} is not a valid id: {id_problem(merged['id'])}"
                )
            )
    known = {c.name for c in spec.columns}
    for name in merged:
        if name not in known:
            out.problems.append(FieldProblem(None, f"unknown field {name!r} in {kind}"))
    if out.errors:
        return out

    mapped = map_table(_form_table(kind, {k: v for k, v in merged.items() if k in known}))
    out.problems += [_located(p) for p in mapped.problems]
    if out.errors:
        return out
    resolver = _FormResolver(
        [n for label in NAMED_LABELS for n in store.nodes(label)], cutoff=cutoff
    )
    resolution = resolver.build(mapped.nodes, mapped.rels)
    out.problems += [
        _located(p)
        for p in resolution.problems
        if not any(p is d for d in resolver.duplicate_problems)
    ]
    out.duplicates = resolver.duplicates
    if out.errors:
        return out
    if kind in ENTITY_KINDS:
        _plan_entity(store, out, mapped.nodes[0].id, resolution.changes, resolver)
    else:
        _plan_tie(store, out, resolution.changes)
    if out.errors:
        out.changes = ChangeSet()
        return out
    try:
        out.plan = store.apply(out.changes, dry_run=True)
    except DiplomapError as exc:
        out.problems.append(FieldProblem(None, exc.message))
        out.changes = ChangeSet()
        return out
    if not out.is_new:
        out.summary += _what_changed(out.plan)
    return out


def _what_changed(plan: WriteResult) -> str:
    """``: name, population; 1 tie added, 2 removed`` for an edit's summary."""
    fields_: set[str] = set()
    ties = {"create": 0, "update": 0, "delete": 0}
    for c in plan.changed:
        if c.kind == "node" and c.action == "update":
            a, b = c.before or {}, c.after or {}
            fields_ |= {
                k for k in a.keys() | b.keys() if k != "updated_at" and a.get(k) != b.get(k)
            }
        elif c.kind == "relation":
            ties[c.action] += 1
    parts = [", ".join(sorted(fields_))] if fields_ else []
    tie_text = ", ".join(
        f"{n} {verb}"
        for n, verb in (
            (ties["create"], "added"),
            (ties["update"], "changed"),
            (ties["delete"], "removed"),
        )
        if n
    )
    if tie_text:
        parts.append(f"ties: {tie_text}")
    return (": " + "; ".join(parts)) if parts else ""


def _located(p: Problem) -> FieldProblem:
    col = p.location.column
    return FieldProblem(col if isinstance(col, str) else None, p.message, p.severity)


def _add_missing(store: Store, out: ChangeSet, resolved: ChangeSet, needed: set[str]) -> None:
    """Add the catalogue themes and countries that ``needed`` names and the store lacks
    (with their parents), creating them as an import would."""
    pending = set(needed) - set(store.get_many(needed))
    by_id = {n.id: n for n in resolved.nodes}
    parents = [r for r in resolved.relations if r.type == "PART_OF"]
    done: set[str] = set()
    while pending:
        nid = pending.pop()
        if nid in done or nid not in by_id:
            continue
        done.add(nid)
        out.nodes.append(by_id[nid])
        for r in parents:
            if r.start == nid:
                out.relations.append(r)
                if r.end not in done and not store.get_many([r.end]):
                    pending.add(r.end)


def _plan_entity(
    store: Store,
    out: EditPreview,
    node_id: str | None,
    resolved: ChangeSet,
    resolver: _FormResolver,
) -> None:
    kind, label = out.kind, ENTITY_KINDS[out.kind]
    new = next((n for n in resolved.nodes if n.id == node_id), None)
    if new is None:
        out.problems.append(FieldProblem(None, f"the {label.lower()} could not be built"))
        return
    old = store.find(new.id)
    if out.is_new and old is not None:
        out.problems.append(
            FieldProblem(
                _FIRST_FIELD.get(kind, "name"),
                f"{old.label} {old.name!r} ({old.id}) already exists: edit it instead",
            )
        )
        return
    out.entity_id = new.id
    if old is not None:
        _rename_duplicates(out, new, old, resolver)
    owned = _owned_props(kind)
    props = {
        k: v for k, v in (old.props if old else {}).items() if k not in owned and k != "updated_at"
    }
    props.update({k: v for k, v in new.props.items() if v is not None})
    changes = ChangeSet(nodes=[Node(new.id, label, props)], replace=True)
    changes.expect[new.id] = old.props.get("updated_at") if old else None
    mine = [r for r in resolved.relations if new.id in (r.start, r.end)]
    existing = store.get_relations([r.key for r in mine])
    for r in mine:
        had = existing.get(r.key)
        changes.expect[r.key] = had.props.get("updated_at") if had else None
        changes.relations.append(
            Relation(r.type, r.start, r.end, _keep_existing(had.props, r.props) if had else r.props)
        )
    if old is not None:
        keep = {r.key for r in mine}
        changes.delete_relations = [
            r.key for r in _owned_ties(store, kind, new.id) if r.key not in keep
        ]
    _add_missing(store, changes, resolved, {i for r in mine for i in (r.start, r.end)} - {new.id})
    out.changes = changes
    verb = "Created" if out.is_new else "Edited"
    out.summary = f"{verb} {label} {props.get('name') or new.id} ({new.id})"


def _rename_duplicates(out: EditPreview, new: Node, old: Node, resolver: _FormResolver) -> None:
    """An edit that gives an entity a new name or alias: is another entity called that?"""
    before = {fold(n) for n in _names(old.props)}
    country = new.props.get("country")
    seen = {d.id for d in out.duplicates}
    for name in (n for n in _names(new.props) if fold(n) not in before):
        hits = resolver.index.exact(name, {new.label}, country)
        hits += resolver.index.near(name, {new.label}, country, exclude={new.id})
        for c in hits:
            if c.id != new.id and c.id not in seen:
                seen.add(c.id)
                out.duplicates.append(Duplicate(c.id, c.label, c.name, c.country, c.score, c.via))


def _plan_tie(store: Store, out: EditPreview, resolved: ChangeSet) -> None:
    kind, rtype = out.kind, TIE_KINDS[out.kind]
    tie = next((r for r in resolved.relations if r.type == rtype), None)
    if tie is None:
        out.problems.append(FieldProblem(None, "the tie could not be built"))
        return
    old_key = parse_tie_id(out.entity_id) if out.entity_id else None
    existing = store.get_relations([k for k in (tie.key, old_key) if k])
    if tie.key in existing and tie.key != old_key:
        out.problems.append(
            FieldProblem(
                TIE_ENDS[kind][0],
                f"this {kind.removesuffix('s').replace('_', ' ')} already exists: edit it instead",
            )
        )
        return
    old = existing.get(old_key) if old_key else None
    owned = _owned_props(kind)
    props = {
        k: v for k, v in (old.props if old else {}).items() if k not in owned and k != "updated_at"
    }
    props.update({k: v for k, v in tie.props.items() if v is not None})
    changes = ChangeSet(relations=[Relation(rtype, tie.start, tie.end, props)], replace=True)
    for key in {tie.key, old_key} - {None}:
        changes.expect[key] = existing[key].props.get("updated_at") if key in existing else None
    if old_key and old_key != tie.key:
        changes.delete_relations.append(old_key)
    themes = [r for r in resolved.relations if r.type == "HAS_THEME" and r.start == tie.start]
    had = store.get_relations([r.key for r in themes])
    changes.expect.update(
        {r.key: had[r.key].props.get("updated_at") if r.key in had else None for r in themes}
    )
    changes.relations += [
        Relation(
            r.type,
            r.start,
            r.end,
            _keep_existing(had[r.key].props, r.props) if r.key in had else r.props,
        )
        for r in themes
    ]
    _add_missing(store, changes, resolved, {r.end for r in themes})
    out.changes = changes
    out.entity_id = tie_id(tie.key)
    start, end = _describe(store, [tie.start, tie.end])
    verb = "Added" if old_key is None else "Edited"
    out.summary = f"{verb} {kind.removesuffix('s').replace('_', ' ')}: {start} → {end}"


# -- writes ------------------------------------------------------------------------------------
def save(
    store: Store,
    audit: AuditLog,
    user: Any,
    kind: str,
    values: dict[str, Any],
    *,
    entity_id: str | None = None,
    confirm_duplicates: bool = False,
    cutoff: int = 85,
    version: str | None = None,
) -> AuditEntry | None:
    """Check and write a form in one transaction; record it. None when nothing changed.

    ``version`` is the record's ``updated_at`` when its form was opened (see
    :func:`record_version`): when the stored record has changed since, nothing is written
    and :class:`~graph.errors.StaleWrite` says so.

    Raises :class:`EditRejected` (``.preview`` holds the problems by field) when
    the form has errors, and :class:`DuplicateNotConfirmed` when it may duplicate
    an existing entity and ``confirm_duplicates`` is false.
    """
    require(user, EDIT)
    # Checked and written under the log's lock (no race between this app's workers); the
    # records the check read are expected unchanged by the store's write transaction, so a
    # write from elsewhere in between (a CLI import) makes us check again, never overwrite.
    with audit.transaction() as tx:
        for attempt in range(_ATTEMPTS):
            p = preview(store, kind, values, entity_id=entity_id, cutoff=cutoff)
            if not p.ok:
                raise EditRejected(
                    f"{len(p.errors)} problem(s) in the form; nothing was saved",
                    p,
                    hint="; ".join(str(e) for e in p.errors[:5]),
                )
            if p.duplicates and not confirm_duplicates:
                names = "; ".join(f"{d.name} ({d.id}, score {d.score})" for d in p.duplicates)
                raise DuplicateNotConfirmed(
                    f"possible duplicate of {names}; nothing was saved",
                    p,
                    hint="if it is a different one, confirm and save again",
                )
            if version is not None and entity_id is not None:
                _check_version(p, entity_id, version)
            try:
                result = store.apply(p.changes)
            except StaleWrite:
                if attempt == _ATTEMPTS - 1:
                    raise
                continue
            return tx.record(user, p.action, p.summary, result, store.backend, subject=p.entity_id)
    raise AssertionError("unreachable")  # pragma: no cover


_ATTEMPTS = 3


def record_version(store: Store, entity_id: str) -> str | None:
    """The version (``updated_at``) of an entity or a tie (a tie id), as an edit form keeps it."""
    key = parse_tie_id(entity_id)
    record = store.get_relations([key]).get(key) if key else store.find(entity_id)
    return record.props.get("updated_at") if record is not None else None


def _check_version(p: EditPreview, entity_id: str, version: str) -> None:
    """Refuse a form made from an older copy of the record than the one stored now."""
    key = parse_tie_id(entity_id) or entity_id
    stored = p.changes.expect.get(key)
    if (stored or "") != version:
        raise StaleWrite(
            "changed by someone else since you opened it; nothing was saved",
            hint="compare the current values with yours, then save again",
            records={entity_id: {"expected": version, "stored": stored}},
        )


def delete(store: Store, audit: AuditLog, user: Any, entity_id: str) -> AuditEntry:
    """Delete an entity and all its ties, or one tie (a tie id), in one transaction; record it.

    The entity's ties are deleted explicitly, so the audit entry holds them and
    an undo restores the entity with its ties.
    """
    require(user, EDIT)
    key = parse_tie_id(entity_id)
    with audit.transaction() as tx:  # the ties are listed under the log's lock, so none is missed
        if key is not None:
            if key not in store.get_relations([key]):
                raise EntityNotFound(
                    f"no tie {entity_id!r}", hint="it may have been removed already"
                )
            start, end = _describe(store, [key[0], key[2]])
            kind = KIND_OF[key[1]].removesuffix("s").replace("_", " ")
            changes, summary = ChangeSet(delete_relations=[key]), f"Removed {kind}: {start} → {end}"
        else:
            node = store.get(entity_id)
            _entity_kind(node)
            ties = store.relations_of([entity_id])
            changes = ChangeSet(delete_nodes=[entity_id], delete_relations=[r.key for r in ties])
            summary = f"Deleted {node.label} {node.name} ({entity_id}) with {len(ties)} tie(s)"
        entry = tx.record(
            user, "delete", summary, store.apply(changes), store.backend, subject=entity_id
        )
    assert entry is not None  # a delete always changes something
    return entry
