"""Audit summaries in the reader's language.

The audit log stores one English summary per entry, written when the change was
made (``Edited City Nürnberg (city-de-nuremberg): population``): the log is a
record and is not rewritten. :func:`summary_text` reads the shapes the importers
and the editor write and says the same in the page's language, with names, ids
and numbers kept; a summary of any other shape is shown as it was stored.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from web.changes import field_label, kind_label
from web.vocab import kind as kind_word

_ENTITY = re.compile(
    r"^(?P<verb>Created|Edited) (?P<label>[A-Z][a-z]+) (?P<name>.+) \((?P<id>[^()\s]+)\)"
    r"(?:: (?P<what>.*))?$"
)
_TIE = re.compile(
    r"^(?P<verb>Added|Edited|Removed) (?P<kind>[a-z_ ]+?)s?: (?P<start>.+) → (?P<end>.+?)"
    r"(?:: (?P<what>.*))?$"
)
_DELETED = re.compile(
    r"^Deleted (?P<label>[A-Z][a-z]+) (?P<name>.+) \((?P<id>[^()\s]+)\) with (?P<n>\d+) tie\(s\)$"
)
_IMPORTED = re.compile(
    r"^Imported (?P<name>.+): (?P<a>\d+) entities created, (?P<b>\d+) updated; "
    r"(?P<c>\d+) ties created, (?P<d>\d+) updated$"
)
_UNDO = re.compile(r"^Undo #(?P<n>\d+): (?P<rest>.*)$")
_TIES = re.compile(r"(\d+) (added|changed|removed)")
_TIE_KINDS = {"membership": "memberships", "project partner": "project_partners",
              "stakeholder": "stakeholders", "committee member": "committee_members",
              "activity contributor": "activity_contributors"}  # fmt: skip


def _what(text: str | None) -> str:
    """``name, population; ties: 1 added`` in the page's language."""
    if not text:
        return ""
    parts = []
    for part in text.split("; "):
        if part.startswith("ties: "):
            words = {"added": _("added"), "changed": _("changed"), "removed": _("removed")}
            ties = ", ".join(f"{n} {words[v]}" for n, v in _TIES.findall(part))
            parts.append(_("ties: %(list)s", list=ties))
        else:
            parts.append(", ".join(field_label(f.strip()) for f in part.split(",")))
    return ": " + "; ".join(parts)


def summary_text(summary: str) -> str:
    """``summary`` (as the audit log stores it) in the page's language."""
    if m := _UNDO.match(summary):
        return _("Undo #%(n)s: %(summary)s", n=m["n"], summary=summary_text(m["rest"]))
    if m := _ENTITY.match(summary):
        kind = kind_word(m["label"])
        if m["verb"] == "Created":
            head = _("Created %(kind)s %(name)s (%(id)s)", kind=kind, name=m["name"], id=m["id"])
        else:
            head = _("Edited %(kind)s %(name)s (%(id)s)", kind=kind, name=m["name"], id=m["id"])
        return head + _what(m["what"])
    if m := _DELETED.match(summary):
        return _(
            "Deleted %(kind)s %(name)s (%(id)s) with %(n)s tie(s)",
            kind=kind_word(m["label"]),
            name=m["name"],
            id=m["id"],
            n=m["n"],
        )
    if m := _IMPORTED.match(summary):
        return _(
            "Imported %(name)s: %(a)s entities created, %(b)s updated; "
            "%(c)s ties created, %(d)s updated",
            name=m["name"],
            a=m["a"],
            b=m["b"],
            c=m["c"],
            d=m["d"],
        )
    if m := _TIE.match(summary):
        key = m["kind"].strip().replace("_", " ")
        kind = kind_label(_TIE_KINDS.get(key, key))
        verbs = {"Added": _("Added"), "Edited": _("Edited"), "Removed": _("Removed")}
        return f"{verbs[m['verb']]} {kind}: {m['start']} → {m['end']}" + _what(m["what"])
    return summary
