"""The property-graph model of DESIGN.md: labels, relationship types, properties.

A :class:`Node` has a stable ``id``, a ``label`` and plain properties (strings,
numbers, booleans, lists of those), the same on both backends. A
:class:`Relation` is identified by ``(start, type, end)``. Provenance
(``source``, ``updated_at``) is kept on both; the store sets ``updated_at``
when a record is created or changes.

>>> n = Node("city-tr-antalya", "City", {"name": "Antalya", "country": "TR"})
>>> n.name
'Antalya'
>>> validate_node(Node("city-tr-izmir", "City", {"aliases": ["Smyrna", 1]}))
Traceback (most recent call last):
...
graph.errors.InvalidData: City.aliases: a list must hold values of one type, not ['Smyrna', 1]
>>> validate_relation(Relation("MEMBER_OF", "city-tr-antalya", "network-cittaslow"),
...                   {"city-tr-antalya": "City", "network-cittaslow": "Network"})
>>> validate_relation(Relation("MEMBER_OF", "network-cittaslow", "city-tr-antalya"),
...                   {"city-tr-antalya": "City", "network-cittaslow": "Network"})
Traceback (most recent call last):
...
graph.errors.InvalidData: MEMBER_OF cannot go from Network to City
  -> MEMBER_OF goes from City/Organization to Network
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import InvalidData
from graph.ids import id_problem

LABELS: tuple[str, ...] = (
    "City",
    "Network",
    "Organization",
    "Agreement",
    "Project",
    "Theme",
    "Country",
    "Event",
    # The internationalisation action plan (issue 13): see graph/plan/.
    "Plan",
    "Stage",
    "Committee",
    "Activity",
    "Indicator",
    "Measurement",
)

ACTORS = ("City", "Organization")

#: Relationship type -> (allowed start labels, allowed end labels).
REL_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "MEMBER_OF": (ACTORS, ("Network",)),
    "PARTY_TO": (ACTORS, ("Agreement",)),
    "PARTNER_IN": (ACTORS, ("Project",)),
    "HAS_THEME": (LABELS, ("Theme",)),
    "STAKEHOLDER_OF": (("Organization",), ("City",)),
    "PART_OF": (("Organization", "Theme"), ("Organization", "City", "Theme")),
    "LOCATED_IN": (("City", "Organization"), ("Country", "City")),
    "PARTICIPATED_IN": (ACTORS, ("Event",)),
    # The plan: its stages, committees, activities and indicators (graph/plan/).
    "STAGE_OF": (("Stage",), ("Plan",)),
    "COMMITTEE_OF": (("Committee",), ("Plan",)),
    "SITS_ON": (ACTORS, ("Committee",)),
    "ACTIVITY_OF": (("Activity",), ("Plan",)),
    "LED_BY": (("Activity",), ACTORS),
    "CONTRIBUTES_TO": ((*ACTORS, "Network"), ("Activity",)),
    "LINKED_TO": (("Activity",), ("Project", "Agreement", "Event")),
    "INDICATOR_OF": (("Indicator",), ("Plan", "Activity", "Theme")),
    "MEASUREMENT_OF": (("Measurement",), ("Indicator",)),
}

#: Controlled vocabularies, by (label or relationship type, property).
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Agreement", "type"): ("sister_city", "cooperation_protocol", "mou", "letter_of_intent"),
    ("Agreement", "status"): ("active", "dormant", "expired", "planned"),
    ("Project", "status"): ("planned", "active", "completed", "cancelled"),
    ("Organization", "kind"): (
        "department",
        "university",
        "chamber",
        "ngo",
        "agency",
        "district_municipality",
        "utility",
        "international_body",
        "business_association",
        "company",
        "other",
    ),
    ("Event", "type"): (
        "visit",
        "workshop",
        "conference",
        "delegation",
        "signing",
        "meeting",
        "training",
        "other",
    ),
    ("MEMBER_OF", "status"): ("active", "inactive", "lapsed", "applied"),
    ("PARTNER_IN", "role"): ("lead", "partner", "associate"),
    ("HAS_THEME", "kind"): ("priority", "expertise", "focus", "inferred"),
    ("*", "confidence"): ("high", "medium", "low"),
    ("Plan", "status"): ("in_preparation", "approved", "in_implementation", "completed"),
    ("Stage", "status"): ("not_started", "in_progress", "done"),
    ("Committee", "kind"): ("political", "technical", "monitoring"),
    ("Activity", "status"): ("planned", "in_progress", "done", "on_hold", "cancelled"),
    ("Indicator", "direction"): ("increase", "decrease"),
}

PROVENANCE = ("source", "updated_at")


def allowed_values(owner: str, prop: str) -> tuple[str, ...] | None:
    """The controlled vocabulary of ``owner.prop``, or None when free."""
    return ENUMS.get((owner, prop)) or ENUMS.get(("*", prop))


@dataclass(slots=True)
class Node:
    """An entity of the graph: a stable id, a label from :data:`LABELS` and its properties."""

    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The display name: ``name``, else ``name_en``, else the id."""
        return self.props.get("name") or self.props.get("name_en") or self.id

    def to_dict(self) -> dict[str, Any]:
        """This Node as plain data for JSON twins and exports."""
        return {"id": self.id, "label": self.label, **self.props}


@dataclass(slots=True)
class Relation:
    """A relationship from ``start`` to ``end`` of a type from :data:`REL_TYPES`, with its properties."""

    type: str
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """(start, type, end): a relation is unique by its key."""
        return (self.start, self.type, self.end)

    def to_dict(self) -> dict[str, Any]:
        """This Relation as plain data for JSON twins and exports."""
        return {"type": self.type, "start": self.start, "end": self.end, **self.props}


#: owner -> property -> vocabulary, with the ("*", prop) entries folded in (built once).
_VOCABS: dict[str, dict[str, tuple[str, ...]]] = {
    owner: {
        **{p: v for (o, p), v in ENUMS.items() if o == "*"},
        **{p: v for (o, p), v in ENUMS.items() if o == owner},
    }
    for owner in (*LABELS, *REL_TYPES)
}


def _check_props(owner: str, props: Mapping[str, Any]) -> None:
    vocabs = _VOCABS.get(owner) or {p: v for (o, p), v in ENUMS.items() if o == "*"}
    for key, value in props.items():
        if isinstance(value, list):
            if not all(isinstance(v, str | int | float | bool) for v in value):
                raise InvalidData(f"{owner}.{key}: lists may hold only plain values")
            kinds = {
                str if isinstance(v, str) else bool if isinstance(v, bool) else float for v in value
            }
            if len(kinds) > 1:  # Neo4j stores only lists of one type
                raise InvalidData(
                    f"{owner}.{key}: a list must hold values of one type, not {value!r}"
                )
        elif value is not None and not isinstance(value, str | int | float | bool):
            raise InvalidData(f"{owner}.{key}: {type(value).__name__} is not a plain value")
        vocab = vocabs.get(key)
        if vocab and value not in (None, "") and value not in vocab:
            raise InvalidData(f"{owner}.{key}={value!r} is not one of {', '.join(vocab)}")


def validate_node(node: Node) -> None:
    """Raise :class:`InvalidData` if ``node`` breaks the model."""
    if node.label not in LABELS:
        raise InvalidData(f"unknown label {node.label!r}", hint=f"use one of {', '.join(LABELS)}")
    problem = id_problem(node.id) if isinstance(node.id, str) else "an id must be text"
    if problem:
        raise InvalidData(
            f"{node.label} id {node.id!r}: {problem}",
            hint="write the id without /, \\ or |, e.g. city-tr-antalya or IZM-01",
        )
    _check_props(node.label, node.props)


def validate_relation(rel: Relation, labels: Mapping[str, str]) -> None:
    """Raise :class:`InvalidData` if ``rel`` breaks the model; ``labels`` maps id -> label."""
    if rel.type not in REL_TYPES:
        raise InvalidData(
            f"unknown relationship type {rel.type!r}", hint=f"use one of {', '.join(REL_TYPES)}"
        )
    starts, ends = REL_TYPES[rel.type]
    a, b = labels.get(rel.start), labels.get(rel.end)
    if a is None or b is None:
        missing = rel.start if a is None else rel.end
        raise InvalidData(f"{rel.type} refers to {missing!r}, which is not in the graph")
    if a not in starts or b not in ends:
        raise InvalidData(
            f"{rel.type} cannot go from {a} to {b}",
            hint=f"{rel.type} goes from {'/'.join(starts)} to {'/'.join(ends)}",
        )
    _check_props(rel.type, rel.props)
