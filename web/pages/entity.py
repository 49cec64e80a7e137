"""One entity: ``/entity/<id>`` and ``/entity/<id>.json``.

The page reads from the top: a summary first (what it is, key figures, status, the
most important ties, a small map where it has coordinates), then one collapsible
section per kind of tie (agreements, memberships, projects, events...), each listing
its first :data:`PAGE_SIZE` rows with a "show all" link (``?all=<section>``, repeatable),
then the entity's properties and its sources, gathered once as numbered references.

The JSON twin holds every row of every section (up to :data:`ROWS_MAX`), whatever
``all`` says: it is complete; the page only shortens long lists.

The page's data is built once per graph version, entity, language and day, and
kept (:meth:`web.store.GraphAccess.memo`): staff revisit the same entities, and
an edit of the graph makes a new version, so a kept page never outlives it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from flask import Blueprint, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from graph.accounts.permissions import READ
from web import insights, params
from web.auth import requires
from web.geo import coords
from web.i18n import lang, parse_date
from web.present import aliases, edge_facts, entity_props, sources, summary
from web.references import References
from web.store import access
from web.twin import page
from web.vocab import relation, term

bp = Blueprint("entity", __name__)

#: Rows a section shows before its "show all" link.
PAGE_SIZE = 10
#: Most rows one section holds (a theme or a country can have thousands of ties).
ROWS_MAX = 400
#: Most ties in the flat ``ties`` list of the JSON twin.
TIES_MAX = 400
#: Most ties in the summary.
TOP_TIES = 6
#: Most partner points on the small map.
MAP_POINTS = 150

#: The sections of the page, in order: (relationship type, outgoing?, key, heading). New
#: phrases have the context "entity page", so that no other page's msgid collides with them.
SECTIONS = (
    ("PARTY_TO", True, "agreements", _l("Agreements")),
    ("PARTY_TO", False, "parties", _l("Parties")),
    ("MEMBER_OF", True, "memberships", lazy_pgettext("entity page", "Network memberships")),
    ("MEMBER_OF", False, "members", lazy_pgettext("entity page", "Members")),
    ("PARTNER_IN", True, "projects", _l("Projects")),
    ("PARTNER_IN", False, "partners", lazy_pgettext("entity page", "Project partners")),
    ("PARTICIPATED_IN", True, "events", _l("Events")),
    ("PARTICIPATED_IN", False, "participants", _l("Participants")),
    ("STAKEHOLDER_OF", False, "stakeholders", lazy_pgettext("entity page", "Stakeholders")),
    ("STAKEHOLDER_OF", True, "stakeholder-of", lazy_pgettext("entity page", "Stakeholder of")),
    ("HAS_THEME", True, "themes", _l("Themes")),
    ("HAS_THEME", False, "theme-of", lazy_pgettext("entity page", "Working on this theme")),
    ("LOCATED_IN", False, "located-here", lazy_pgettext("entity page", "Located here")),
    ("LOCATED_IN", True, "location", lazy_pgettext("entity page", "Location")),
    ("PART_OF", True, "part-of", _l("Part of")),
    ("PART_OF", False, "units", lazy_pgettext("entity page", "Units")),
)
SECTION_KEYS = tuple(s[2] for s in SECTIONS)
#: Sections open when the page loads, besides the first (the others are folded, with their
#: counts shown).
OPEN = {"agreements", "parties", "memberships", "members", "projects", "partners", "themes"}
#: Order of statuses in a section: current ties first.
STATUS_RANK = {
    "active": 0,
    "completed": 1,
    "planned": 1,
    "applied": 1,
    "dormant": 2,
    "lapsed": 3,
    "inactive": 3,
    "expired": 3,
    "cancelled": 4,
}
#: How much a tie weighs in the summary's "most important ties".
TIE_WEIGHT = {
    "sister_city": 6,
    "cooperation_protocol": 5,
    "mou": 4,
    "letter_of_intent": 3,
    "PARTY_TO": 3,
    "MEMBER_OF": 3,
    "PARTNER_IN": 3,
    "STAKEHOLDER_OF": 1,
    "PARTICIPATED_IN": 1,
}
#: Key figures of each kind of entity: (property, label, format); "prose" is shown as a paragraph.
FIGURES = {
    "City": (
        ("population", _l("Population"), "number"),
        (
            "official_sister_cities",
            lazy_pgettext("entity page", "Official sister cities"),
            "number",
        ),
        ("official_protocols", lazy_pgettext("entity page", "Official protocols"), "number"),
        ("official_networks", lazy_pgettext("entity page", "Official networks"), "number"),
    ),
    "Network": (
        ("acronym", _l("Acronym"), "text"),
        ("scope", _l("Scope"), "term"),
        ("website", _l("Website"), "link"),
    ),
    "Organization": (
        ("kind", _l("Kind"), "term"),
        ("website", _l("Website"), "link"),
    ),
    "Agreement": (
        ("type", _l("Type"), "term"),
        ("signed_on", _l("Signed"), "date"),
        ("council_decision", _l("Council decision"), "prose"),
        ("notes", _l("Notes"), "prose"),
    ),
    "Project": (
        ("programme", _l("Programme"), "text"),
        ("start_date", _l("Start date"), "date"),
        ("end_date", _l("End date"), "date"),
        ("budget_eur", _l("Budget (EUR)"), "number"),
        ("website", _l("Website"), "link"),
    ),
    "Event": (
        ("date", _l("Date"), "date"),
        ("type", _l("Type"), "term"),
    ),
}


def _sort_date(value: Any) -> str:
    parsed = parse_date(value)
    return parsed[0].isoformat() if parsed else "9999"


#: Headings for part-of ties of a theme (a theme's parts are subthemes, not units).
THEME_PARTS = {
    True: lazy_pgettext("entity page", "Broader theme"),
    False: lazy_pgettext("entity page", "Subthemes"),
}


def _section_of(rel_type: str, outgoing: bool, label: str | None = None) -> tuple[str, str]:
    """(key, heading) of the section that lists ties of ``rel_type`` in this direction."""
    for t, out, key, heading in SECTIONS:
        if label == "Theme" and t == rel_type == "PART_OF" and out == outgoing:
            return key, str(THEME_PARTS[outgoing])
        if (t, out) == (rel_type, outgoing):
            return key, str(heading)
    return f"{rel_type.lower()}{'' if outgoing else '-in'}", relation(rel_type, outgoing)


def ties(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """Every relation of ``id``, from its side: ``{type, outgoing, verb, other, facts, sources}``."""
    rows = []
    for u, v, key, props in [
        *G.out_edges(id, keys=True, data=True),
        *G.in_edges(id, keys=True, data=True),
    ]:
        outgoing = u == id
        other = v if outgoing else u
        rows.append(
            {
                "type": key,
                "outgoing": outgoing,
                "section": _section_of(key, outgoing)[0],
                "verb": relation(key, outgoing),
                "other": summary(G, other),
                "facts": edge_facts(props),
                "sources": sources(props),
                "confidence": props.get("confidence"),
            }
        )
    order = {(t, out): i for i, (t, out, _, _) in enumerate(SECTIONS)}
    rows.sort(
        key=lambda r: (order.get((r["type"], r["outgoing"]), 99), r["other"]["display"].casefold())
    )
    return rows


def agreement(G: nx.MultiDiGraph, a: str, id: str) -> dict[str, Any]:
    """Agreement ``a`` as a row of ``id``'s page: its type, dates, status and other parties."""
    attrs = G.nodes[a]
    return {
        **summary(G, a),
        "type": attrs.get("type"),
        "status": attrs.get("status"),
        "signed_on": attrs.get("signed_on"),
        "council_decision": attrs.get("council_decision"),
        "notes": attrs.get("notes"),
        "parties": [
            summary(G, p) for p in G.predecessors(a) if p != id and G.has_edge(p, a, "PARTY_TO")
        ],
        "sources": sources(attrs),
    }


def agreements(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """The agreements ``id`` is party to (or, for an agreement, itself), oldest first."""
    label = G.nodes[id].get("label")
    ids = (
        [id]
        if label == "Agreement"
        else [a for a in G.successors(id) if G.has_edge(id, a, "PARTY_TO")]
    )
    out = [agreement(G, a, id) for a in ids]
    out.sort(key=lambda a: (_sort_date(a["signed_on"]), a["display"]))
    return out


def events(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """Events ``id`` took part in, newest first."""
    found = [e for e in G.successors(id) if G.nodes[e].get("label") == "Event"]
    rows = [
        {**summary(G, e), "date": G.nodes[e].get("date"), "type": G.nodes[e].get("type")}
        for e in found
    ]
    rows.sort(key=lambda e: _sort_date(e["date"]), reverse=True)
    return rows


def themes(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    rows = [
        {**summary(G, t), "kind": props.get("kind"), "weight": props.get("weight")}
        for _, t, key, props in G.out_edges(id, keys=True, data=True)
        if key == "HAS_THEME"
    ]
    rows.sort(key=lambda t: (t["kind"] != "priority", t["display"]))
    return rows


def _row(G: nx.MultiDiGraph, id: str, tie: dict[str, Any]) -> dict[str, Any]:
    """A tie as a row of its section: with the status and date a reader sorts by."""
    other = G.nodes[tie["other"]["id"]]
    row = dict(tie)
    if tie["type"] == "PARTY_TO" and tie["outgoing"]:
        row["agreement"] = agreement(G, tie["other"]["id"], id)
    row["status"] = tie["facts"].get("status") or other.get("status")
    row["date"] = (
        tie["facts"].get("since")
        or other.get("signed_on")
        or other.get("date")
        or other.get("start_date")
    )
    row["type_code"] = other.get("type") if other.get("label") in ("Agreement", "Event") else None
    return row


def sort_rows(rows: list[dict[str, Any]]) -> None:
    """Current ties first (by status), then the newest, then by name; themes: priorities first."""
    rows.sort(key=lambda r: r["other"]["display"].casefold())
    if rows and rows[0]["type"] == "HAS_THEME":
        rows.sort(key=lambda r: r["facts"].get("kind") != "priority")
        return
    rows.sort(key=lambda r: _sort_date(r["date"]) if r["date"] else "", reverse=True)
    rows.sort(key=lambda r: STATUS_RANK.get(r["status"], 2))


def sections(
    G: nx.MultiDiGraph, id: str, all_ties: list[dict[str, Any]], refs: References
) -> list[dict[str, Any]]:
    """The ties of ``id`` grouped by type and direction, each group sorted current-first."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for tie in all_ties:
        grouped.setdefault(tie["section"], []).append(_row(G, id, tie))
    out = []
    label = G.nodes[id].get("label")
    for key, rows in grouped.items():
        sort_rows(rows)
        for row in rows[:ROWS_MAX]:
            cited = row["sources"] + (row["agreement"]["sources"] if "agreement" in row else [])
            row["refs"] = refs.cite(cited)
        first = rows[0]
        out.append(
            {
                "key": key,
                "type": first["type"],
                "outgoing": first["outgoing"],
                "title": _section_of(first["type"], first["outgoing"], label)[1],
                "total": len(rows),
                "open": key in OPEN or not out,  # the first section is always open
                "rows": rows[:ROWS_MAX],
            }
        )
    return out


def _score(row: dict[str, Any]) -> int:
    weight = TIE_WEIGHT.get(row.get("type_code") or "", 0) or TIE_WEIGHT.get(row["type"], 0)
    if row["type"] == "PARTY_TO" and not row["outgoing"]:
        weight = 5  # the parties of an agreement
    status = {"active": 2, "planned": 1, "applied": 1, "completed": 1}.get(row["status"], 0)
    return weight * 3 + status if weight else 0


def top_ties(secs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ties a reader should see first: agreements (by type), networks, projects, current first.

    An agreement is shown by its partners (``Nürnberg · sister city``), linked to the agreement.
    """
    rows = [r for s in secs for r in s["rows"] if _score(r) > 0]
    rows.sort(key=lambda r: -_score(r))  # stable: each section's own order breaks ties
    out = []
    for row in rows[:TOP_TIES]:
        deal = row.get("agreement")
        out.append(
            {
                "with": deal["parties"] if deal and deal["parties"] else [row["other"]],
                "via": row["other"] if deal else None,
                "what": term(row["type_code"]) if row.get("type_code") else row["verb"],
                "status": row["status"],
                "date": row["date"],
            }
        )
    return out


def figures(G: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    """The key figures of ``id`` for its kind: ``[{key, label, value, format}]``."""
    attrs = G.nodes[id]
    return [
        {"key": key, "label": str(label), "value": attrs[key], "format": fmt}
        for key, label, fmt in FIGURES.get(attrs.get("label"), ())
        if attrs.get(key) not in (None, "", [])
    ]


def with_home(G: nx.MultiDiGraph, id: str, home: str | None) -> dict[str, Any] | None:
    """What ties ``id`` to the home city: shared agreements, networks and projects."""
    if not home or home == id or home not in G:
        return None

    def shared(link: str, label: str) -> list[str]:
        mine = {x for x in G.successors(home) if G.has_edge(home, x, link)}
        if G.nodes[id].get("label") == label:
            return [id] if id in mine else []
        return sorted(x for x in G.successors(id) if G.has_edge(id, x, link) and x in mine)

    deals = shared("PARTY_TO", "Agreement")
    return {
        "home": summary(G, home),
        "agreements": [agreement(G, a, home) for a in deals],
        "networks": len(shared("MEMBER_OF", "Network")),
        "projects": len(shared("PARTNER_IN", "Project")),
    }


def small_map(G: nx.MultiDiGraph, id: str, secs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entity and its partners with coordinates, for the summary's map (None: nothing to draw)."""
    here = coords(G, id)
    points: dict[str, dict[str, Any]] = {}
    for section in secs:
        for row in section["rows"]:
            deal = row.get("agreement")
            for other in deal["parties"] if deal else [row["other"]]:
                where = (
                    coords(G, other["id"]) if other["kind"] in ("City", "Organization") else None
                )
                if where is None or other["id"] in points or other["id"] == id:
                    continue
                if here and abs(where[0] - here[0]) + abs(where[1] - here[1]) < 0.05:
                    continue  # in the same city: one point is enough
                points[other["id"]] = {
                    "id": other["id"],
                    "display": other["display"],
                    "url": other["url"],
                    "lat": where[0],
                    "lon": where[1],
                    "tie": "agreement" if deal else "other",
                }
    if here is None and not points:
        return None
    chosen = sorted(points.values(), key=lambda p: p["tie"] != "agreement")[:MAP_POINTS]
    return {
        "focus": {"display": summary(G, id)["display"], "lat": here[0], "lon": here[1]}
        if here
        else None,
        "points": chosen,
        "shapes": url_for("static", filename="vendor/world-atlas/countries-110m.json"),
    }


@page(bp, "/entity/<id>", "entity.html")
@requires(READ)
def entity(id: str) -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    acc.node(id, G)  # EntityNotFound (404) for an unknown id
    key = ("entity", id, lang(), request.script_root, date.today())
    data = dict(acc.memo(key, lambda G: entity_data(G, id), G))
    present = [s["key"] for s in data["sections"]]
    data["expanded"] = [k for k in params.many("all", [*SECTION_KEYS, *present]) if k in present]
    data["page_size"] = PAGE_SIZE
    return data


def entity_data(G: nx.MultiDiGraph, id: str) -> dict[str, Any]:
    """Everything the entity page shows about ``id`` (in the chosen language)."""
    acc = access()
    attrs = G.nodes[id]
    all_ties = ties(G, id)
    label = attrs.get("label")
    refs = References()
    own = sources(attrs)
    refs.cite(own)
    secs = sections(G, id, all_ties, refs)
    home = acc.home()
    return {
        "entity": {
            **summary(G, id),
            "aliases": aliases(attrs),
            "properties": entity_props(attrs),
            "sources": own,
            "refs": refs.cite(own),
            "status": attrs.get("status"),
            "confidence": attrs.get("confidence"),
            "updated_at": attrs.get("updated_at"),
            "is_home": id == home,
        },
        "summary": {
            "figures": figures(G, id),
            "counts": [{"key": s["key"], "title": s["title"], "total": s["total"]} for s in secs],
            "top_ties": top_ties(secs),
            "with_home": with_home(G, id, home),
            "map": small_map(G, id, secs),
        },
        "sections": secs,
        "references": refs.items(),
        "ties": all_ties[:TIES_MAX],
        "ties_total": len(all_ties),
        "agreements": agreements(G, id) if label in ("City", "Organization", "Agreement") else [],
        "events": events(G, id),
        "themes": themes(G, id),
        "suggestions": insights.suggestions(G, id, limit=5)
        if label in insights.FOCUS_KINDS
        else [],
    }
