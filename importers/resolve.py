"""Resolve references and detect duplicates, then build the change set.

A reference (a member, a party, a theme...) may be an id or a name. It is
linked when exactly one entity of the right kind has that id, or that name or
alias after Turkish-aware folding, or (for cities) that GeoNames spelling. Two
or more such entities: an error listing them. None: an error, with the nearest
names and their scores when rapidfuzz finds some above the cutoff.

A new entity whose name matches an existing one (or one earlier in the same
import) is reported as a possible duplicate with its score, and never merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.ids import ID_PREFIX, fold, is_slug, slugify
from graph.matching import NameIndex, near_pairs
from graph.model import Node, Relation
from graph.reference.countries import country_props
from graph.reference.themes import Catalogue, catalogue
from graph.stores.changes import ChangeSet
from graph.words import AGREEMENT_TYPES
from importers.mapping import PendingNode, PendingRel, Problem, Ref

NAMED_LABELS = (
    "City",
    "Network",
    "Organization",
    "Project",
    "Agreement",
    "Event",
    "Theme",
    "Country",
    "Plan",
    "Stage",
    "Committee",
    "Activity",
    "Indicator",
)


@dataclass
class Resolution:
    changes: ChangeSet = field(default_factory=ChangeSet)
    problems: list[Problem] = field(default_factory=list)


#: Agreement types in Turkish, for the Turkish name of an agreement named from its parties.
AGREEMENT_TYPES_TR = {code: names[1] for code, names in AGREEMENT_TYPES.items()}


def _stem(entity_id: str) -> str:
    """A party's part of a generated agreement id: a generated id without its kind
    (``city-tr-izmir`` -> ``tr-izmir``, as always), any other id as a slug of itself."""
    for prefix in ID_PREFIX.values():
        if entity_id.startswith(prefix + "-") and is_slug(entity_id):
            return entity_id[len(prefix) + 1 :]
    return slugify(entity_id) or "x"


def _names(props: dict) -> list[str]:
    return [props[k] for k in ("name", "name_en", "name_tr", "acronym") if props.get(k)]


class Resolver:
    def __init__(
        self,
        existing: Iterable[Node],
        cutoff: int = 85,
        themes: Catalogue | None = None,
        broken: Iterable[str] = (),
    ):
        self.index = NameIndex(cutoff=cutoff)
        #: Ids and names of rows that failed their own checks: references to them are not
        #: reported again as unknown (the row's own problem says what to fix).
        self.broken = {fold(t) for t in broken}
        self.themes = themes or catalogue()
        self.existing: dict[str, Node] = {}
        self._memo: dict[int, tuple[Ref, str | None]] = {}
        for node in existing:
            self.existing[node.id] = node
            self.index.add(
                node.id,
                node.label,
                _names(node.props),
                node.props.get("country"),
                node.props.get("aliases") or (),
            )

    # -- entities ---------------------------------------------------------------------------
    def _register(
        self, nodes: list[PendingNode], problems: list[Problem]
    ) -> dict[str, PendingNode]:
        seen: dict[str, PendingNode] = {}
        fuzzy_check: list[str] = []
        for node in nodes:
            if node.label == "Agreement":
                continue  # ids depend on the parties; registered after resolution
            if node.id in seen:
                first = seen[node.id]
                same_kind = (
                    "the same id" if node.explicit_id else "the same name after normalisation"
                )
                problems.append(
                    Problem(
                        node.loc,
                        (
                            f"duplicate: this {node.label.lower()} {node.props.get('name')!r} has {same_kind} as "
                            f"{first.props.get('name')!r} at {first.loc} (id {node.id}); remove one row, or give "
                            f"them different ids if they are different"
                        ),
                    )
                )
                continue
            if node.id not in self.existing and not self._report_exact(node, problems):
                fuzzy_check.append(node.id)
            seen[node.id] = node
            self.index.add(
                node.id, node.label, _names(node.props), node.props.get("country"), node.aliases
            )
        reported: set[frozenset[str]] = set()
        for node_id, c in near_pairs(self.index, fuzzy_check):
            pair = frozenset((node_id, c.id))
            if pair not in reported:
                reported.add(pair)
                self._warn(seen[node_id], c, problems)
        return seen

    def _report_exact(self, node: PendingNode, problems: list[Problem]) -> bool:
        """Warn about entities with the same name, alias or GeoNames spelling; True if any."""
        country = node.props.get("country")
        hits = {}
        for name in _names(node.props) + node.aliases:
            for c in self.index.exact(name, {node.label}, country):
                if c.id != node.id and (node.label != "City" or c.country == country):
                    hits.setdefault(c.id, c)
        for c in hits.values():
            self._warn(node, c, problems)
        return bool(hits)

    @staticmethod
    def _warn(node: PendingNode, c, problems: list[Problem]) -> None:
        how = {
            "gazetteer": "a GeoNames alternate name",
            "alias": "a known alias",
            "name": "the same name after normalisation",
            "id": "the same id",
            "fuzzy": "a similar name",
        }[c.via]
        problems.append(
            Problem(
                node.loc,
                (
                    f"possible duplicate: {node.props.get('name')!r} and {c.describe()} "
                    f"(score {c.score}, {how}); both kept - merge them by hand if they are one"
                ),
                "warning",
            )
        )

    # -- references ------------------------------------------------------------------------
    def resolve_ref(self, ref: Ref, problems: list[Problem], new_ids: set[str]) -> str | None:
        # The same Ref object (an agreement's party) is resolved once and reported once.
        key = id(ref)
        if key not in self._memo:
            self._memo[key] = (ref, self._resolve(ref, problems, new_ids))
        return self._memo[key][1]

    def _resolve(self, ref: Ref, problems: list[Problem], new_ids: set[str]) -> str | None:
        text = ref.text.strip()
        if ref.labels == ("Country",):
            return text
        if ref.labels == ("Theme",):
            theme = self.themes.resolve(text)
            if theme:
                return theme.node_id
            own = f"theme-{slugify(text.removeprefix('theme-'))}"
            if own in new_ids or own in self.existing:
                return own
            found = self.index.exact(text, {"Theme"})
            if len(found) == 1:
                return found[0].id
            known = ", ".join(t.id for t in list(self.themes)[:12])
            problems.append(
                Problem(
                    ref.loc,
                    f"unknown theme {text!r}: use a catalogue id or name "
                    f"(e.g. {known}...) or add it to the themes sheet",
                )
            )
            return None
        if text in new_ids or text in self.existing:
            return text
        labels = set(ref.labels)
        found = self.index.exact(text, labels, ref.country)
        if len(found) == 1:
            return found[0].id
        if not found and fold(text) in self.broken:
            return None
        kinds = "/".join(label.lower() for label in ref.labels)
        if len(found) > 1:
            problems.append(
                Problem(
                    ref.loc,
                    (
                        f"{text!r} is ambiguous: it could be {'; '.join(c.describe() for c in found)}; "
                        "write the id instead of the name"
                    ),
                )
            )
            return None
        near = self.index.near(text, labels, ref.country)
        if near:
            options = "; ".join(f"{c.describe()} score {c.score}" for c in near)
            problems.append(
                Problem(
                    ref.loc,
                    f"unknown {kinds} {text!r}; did you mean {options}? "
                    "Write the exact name or id (near matches are never linked)",
                )
            )
        else:
            problems.append(
                Problem(
                    ref.loc,
                    f"unknown {kinds} {text!r}: no entity has this id or name; "
                    "add it to its sheet first",
                )
            )
        return None

    def build(self, nodes: list[PendingNode], rels: list[PendingRel]) -> Resolution:
        out = Resolution()
        problems = out.problems
        registered = self._register(nodes, problems)
        new_ids = set(registered)
        # Agreements: resolve parties, then derive ids.
        agreements: dict[str, PendingNode] = {}
        for node in (n for n in nodes if n.label == "Agreement"):
            party_ids = [self.resolve_ref(p, problems, new_ids) for p in node.parties]
            if None in party_ids:
                node.id = None
                continue
            if node.id is None:
                stems = sorted(_stem(p) for p in set(party_ids))
                node.id = f"agreement-{'-'.join(stems)}-{slugify(node.props['type'])}"
            if node.id in agreements or node.id in registered:
                problems.append(
                    Problem(
                        node.loc,
                        f"duplicate agreement id {node.id} (also at "
                        f"{(agreements.get(node.id) or registered[node.id]).loc}); "
                        "give one an explicit id if they are two agreements",
                    )
                )
                node.id = None
                continue
            node.props.setdefault("name", None)
            if not node.props.get("name"):
                names = [self._name_of(p, registered) for p in party_ids]
                kind = node.props["type"]
                node.props["name"] = f"{' – '.join(names)} ({kind.replace('_', ' ')})"
                if not node.props.get("name_tr"):
                    node.props["name_tr"] = (
                        f"{' – '.join(names)} ({AGREEMENT_TYPES_TR.get(kind, kind)})"
                    )
            agreements[node.id] = node
            node.resolved_parties = party_ids  # type: ignore[attr-defined]
        new_ids |= set(agreements)
        all_nodes = {**registered, **agreements}

        relations: dict[tuple[str, str, str], Relation] = {}
        countries: set[str] = set()
        for rel in rels:
            start = self._end(rel.start, problems, new_ids)
            end = self._end(rel.end, problems, new_ids)
            if start is None or end is None:
                continue
            if rel.type == "LOCATED_IN" and end.startswith("country-"):
                countries.add(end.removeprefix("country-").upper())  # ISO code, ASCII
            key = (start, rel.type, end)
            props = {k: v for k, v in rel.props.items() if v is not None}
            if key in relations:
                for k, v in props.items():
                    relations[key].props.setdefault(k, v)
            else:
                relations[key] = Relation(rel.type, start, end, props)

        theme_nodes, theme_rels = self.themes.graph_records()
        out.changes.nodes = (
            [Node(n.id, n.label, n.props) for n in all_nodes.values()]
            + [Node(f"country-{c.lower()}", "Country", country_props(c)) for c in sorted(countries)]
            + [t for t in theme_nodes if t.id not in all_nodes]
        )
        for r in theme_rels:
            relations.setdefault(r.key, r)
        out.changes.relations = list(relations.values())
        return out

    def _name_of(self, entity_id: str, registered: dict[str, PendingNode]) -> str:
        if entity_id in registered:
            return registered[entity_id].props.get("name") or entity_id
        node = self.existing.get(entity_id)
        return node.name if node else entity_id

    def _end(
        self, end: Ref | PendingNode, problems: list[Problem], new_ids: set[str]
    ) -> str | None:
        if isinstance(end, PendingNode):
            return end.id
        return self.resolve_ref(end, problems, new_ids)
