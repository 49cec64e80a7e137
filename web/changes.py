"""Changes as staff read them: field labels, values as words, and a field-by-field diff.

The audit pages, the edit preview and the upload report all show changes the same way.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from importers.editing import ENTITY_KINDS
from web.i18n import display_name
from web.present import VOCAB_PROPS
from web.store import access
from web.vocab import kind as kind_word
from web.vocab import relation, term

CHANGE_WORDS = {"create": _l("new"), "update": _l("changed"), "delete": _l("removed")}


# -- readable changes --------------------------------------------------------------------------
def value_text(value: Any, name: str = "") -> str:
    """A stored property value as staff read it (lists joined with ``;``, booleans as yes/no,
    vocabulary codes as words)."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v, name) for v in value)
    return term(value) if name in VOCAB_PROPS else str(value)


def entity_names(ids: set[str]) -> dict[str, str]:
    G = access().graph()
    return {i: display_name(G.nodes[i]) or i for i in ids if i in G}


def change_view(c: Any, names: dict[str, str], existing: set[str]) -> dict[str, Any]:
    """One change (an audit change or a planned one) as a readable dict with a field-by-field diff."""
    before, after = c.before or {}, c.after or {}
    if c.kind == "node":
        props = after or before
        title = f"{kind_word(c.label)} {display_name(props) or names.get(c.key) or c.key}"
        url = url_for("entity.entity", id=c.key) if c.key in existing else None
        key = c.key
    else:
        start, rtype, end = c.key
        title = f"{names.get(start, start)} — {relation(rtype, True)} — {names.get(end, end)}"
        url = url_for("entity.entity", id=start) if start in existing else None
        key = list(c.key)
    changed = sorted(
        k
        for k in before.keys() | after.keys()
        if k != "updated_at" and before.get(k) != after.get(k)
    )
    return {
        "action": c.action,
        "action_label": str(CHANGE_WORDS.get(c.action, c.action)),
        "kind": c.kind,
        "label": c.label,
        "key": key,
        "title": title,
        "url": url,
        "fields": [
            {
                "name": k,
                "label": field_label(k),
                "before": value_text(before.get(k), k),
                "after": value_text(after.get(k), k),
            }
            for k in changed
        ],
    }


def record_names(changes: list[Any], context: list[Any] = ()) -> tuple[dict[str, str], set[str]]:
    """Names of the records ``changes`` touch, and which of them exist; a record that does not
    exist (yet, or any more) is named by a change of it in ``changes`` or ``context``."""
    ids: set[str] = set()
    for c in changes:
        ids |= {c.key} if c.kind == "node" else {c.key[0], c.key[2]}
    names = entity_names(ids)
    existing = set(names)
    for c in [*changes, *context]:
        if c.kind == "node" and c.key not in names:
            names[c.key] = display_name(c.after or c.before or {}) or c.key
    return names, existing


def changes_view(changes: list[Any], context: list[Any] = ()) -> list[dict[str, Any]]:
    names, existing = record_names(changes, context)
    return [change_view(c, names, existing) for c in changes]


def field_label(name: str) -> str:
    from web.changes import FIELD_LABELS

    return str(FIELD_LABELS.get(name, name.replace("_", " ")))


FIELD_LABELS = {
    "name": _l("Name"),
    "name_tr": _l("Name in Turkish"),
    "name_en": _l("Name in English"),
    "country": _l("Country"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "population": _l("Population"),
    "aliases": _l("Other names"),
    "themes": _l("Themes"),
    "priority_themes": _l("Priority themes"),
    "is_home": _l("Home city"),
    "official_networks": _l("Networks (official count)"),
    "official_sister_cities": _l("Sister cities (official count)"),
    "official_protocols": _l("Protocols (official count)"),
    "source": _l("Source"),
    "confidence": _l("Confidence"),
    "notes": _l("Notes"),
    "acronym": _l("Acronym"),
    "scope": _l("Scope"),
    "website": _l("Website"),
    "kind": _l("Kind"),
    "city": _l("City"),
    "part_of": _l("Part of"),
    "programme": _l("Programme"),
    "status": _l("Status"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "budget_eur": _l("Budget (EUR)"),
    "type": _l("Type"),
    "parties": _l("Parties"),
    "signed_on": _l("Signed on"),
    "council_decision": _l("Council decision"),
    "date": _l("Date"),
    "title": _l("Title"),
    "title_tr": _l("Title in Turkish"),
    "participants": _l("Participants"),
    "member": _l("Member"),
    "network": _l("Network"),
    "since": _l("Since"),
    "role": _l("Role"),
    "project": _l("Project"),
    "partner": _l("Partner"),
    "organization": _l("Organisation"),
    "id": _l("Id"),
    "catalogue_id": _l("Catalogue code"),
    "sdg": _l("Sustainable Development Goals"),
    "iso2": _l("ISO code"),
    "eu_member": _l("EU member state"),
    "ipa_beneficiary": _l("IPA beneficiary"),
    "interreg_next_med": _l("Interreg NEXT MED"),
    "description": _l("Description"),
    "activity": _l("Activity"),
    "actual_end": _l("Actual end"),
    "actual_start": _l("Actual start"),
    "baseline": _l("Baseline"),
    "baseline_year": _l("Baseline year"),
    "committee": _l("Committee"),
    "content_tr": _l("Content (Turkish)"),
    "contributor": _l("Contributor"),
    "contributors": _l("Contributors"),
    "council_decision_date": _l("Council decision date"),
    "council_decision_item": _l("Council decision item"),
    "direction": _l("Direction"),
    "funding_source": _l("Funding source"),
    "indicator": _l("Indicator"),
    "lead": _l("Lead"),
    "links": _l("Linked records"),
    "of": _l("Belongs to"),
    "order": _l("Order"),
    "parent": _l("Parent"),
    "period_end": _l("End of period"),
    "period_start": _l("Start of period"),
    "plan": _l("Plan"),
    "plan_year": _l("Annual plan year"),
    "planned_end": _l("Planned end"),
    "planned_start": _l("Planned start"),
    "query": _l("Computed by"),
    "results_tr": _l("Expected results (Turkish)"),
    "roles_tr": _l("Stakeholders' roles (Turkish)"),
    "summary": _l("Summary"),
    "summary_tr": _l("Summary (Turkish)"),
    "targets": _l("Targets"),
    "unit": _l("Unit"),
    "value": _l("Value"),
}

TIE_LABELS = {
    "memberships": _l("Membership"),
    "project_partners": _l("Project partner"),
    "stakeholders": _l("Stakeholder"),
    "committee_members": _l("Committee member"),
    "activity_contributors": _l("Activity contributor"),
}


def kind_label(kind: str) -> str:
    """``cities`` -> "City", ``memberships`` -> "Membership", in the chosen language."""
    if kind in ENTITY_KINDS:
        return kind_word(ENTITY_KINDS[kind])
    return str(TIE_LABELS.get(kind, kind))
