"""Name matching: exact after Turkish-aware folding, known aliases, then fuzzy.

The rule (DESIGN.md, STYLE.md #10):

- the same name after :func:`~graph.ids.fold`, a known alias, or a GeoNames
  alternate name of the same city in the same country: **linked**;
- a rapidfuzz score at or above the cutoff: **near** - reported with its score,
  never merged;
- two or more exact candidates: **ambiguous** - an error that lists them.

>>> idx = NameIndex(cutoff=85)
>>> idx.add("city-de-nuremberg", "City", ["Nuremberg"], country="DE")
>>> idx.add("city-tr-antalya", "City", ["Antalya"], country="TR")
>>> idx.exact("NÜRNBERG", {"City"})[0].id       # GeoNames alternate name
'city-de-nuremberg'
>>> idx.exact("antalya", {"City"})[0].via
'name'
>>> [(c.id, c.score) for c in idx.near("Antakya", {"City"}, country="TR")]
[('city-tr-antalya', 86)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graph.ids import fold

#: Words that say what kind of body a name is, not which one; fuzzy scores ignore them,
#: so "Kemer Municipality" and "Kepez Municipality" are not near each other.
GENERIC_WORDS = frozenset(
    {
        "municipality",
        "municipal",
        "metropolitan",
        "city",
        "council",
        "district",
        "of",
        "the",
        "and",
        "belediyesi",
        "belediye",
        "buyuksehir",
        "ilce",
        "ve",
    }
)


def distinctive(key: str) -> str:
    """A folded name without its generic words (the whole key if nothing else is left).

    >>> distinctive("kemer municipality"), distinctive("mersin buyuksehir belediyesi")
    ('kemer', 'mersin')
    >>> distinctive("city of london"), distinctive("city council")
    ('london', 'city council')
    """
    words = [w for w in key.split() if w not in GENERIC_WORDS]
    return " ".join(words) or key


@dataclass(frozen=True)
class Candidate:
    """A possible match for a name: the entity, its score (0-100) and how it was found."""

    id: str
    label: str
    name: str
    country: str | None
    score: int
    via: str  # id, name, alias, gazetteer, fuzzy

    def describe(self) -> str:
        """The candidate in one line for a report: name, id, country and score."""
        where = f", {self.country}" if self.country else ""
        return f"{self.name} ({self.id}{where})"


@dataclass
class _Entry:
    id: str
    label: str
    name: str
    country: str | None


class NameIndex:
    """Names of entities, folded, with aliases, GeoNames links for cities and fuzzy search."""

    def __init__(self, cutoff: int = 85, use_gazetteer: bool = True):
        self.cutoff = cutoff
        self.use_gazetteer = use_gazetteer
        self.entries: dict[str, _Entry] = {}
        self._keys: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key -> [(id, via)]
        self._geo: dict[str, set[str]] = defaultdict(set)  # geoname id -> entity ids
        # (label, country, first two letters) -> distinctive key -> entity ids
        self._blocks: dict[tuple[str, str | None, str], dict[str, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._countries: set[str] = set()

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def add(
        self,
        entity_id: str,
        label: str,
        names: Iterable[str],
        country: str | None = None,
        aliases: Iterable[str] = (),
    ) -> None:
        """Index an entity under its names and aliases (folded, Turkish-aware) for :meth:`find`."""
        names = [n for n in names if n]
        if not names:
            return
        self.entries[entity_id] = _Entry(entity_id, label, names[0], country)
        if label == "City" and country:
            self._countries.add(country)
        for via, texts in (("name", names), ("alias", aliases)):
            for text in texts:
                key = fold(text)
                if key and (entity_id, via) not in self._keys[key]:
                    self._keys[key].append((entity_id, via))
                    short = distinctive(key)
                    self._blocks[(label, country, short[:2])][short].add(entity_id)
        if label == "City" and country and self.use_gazetteer:
            from graph.reference.gazetteer import gazetteer

            for text in (*names, *aliases):
                gid = gazetteer().geoname_id(text, country)
                if gid:
                    self._geo[gid].add(entity_id)

    def _candidate(self, entity_id: str, score: int, via: str) -> Candidate:
        e = self.entries[entity_id]
        return Candidate(e.id, e.label, e.name, e.country, score, via)

    def exact(
        self, text: str, labels: set[str] | None = None, country: str | None = None
    ) -> list[Candidate]:
        """Entities whose id, folded name or alias equals ``text``; GeoNames spellings for cities."""
        text = text.strip()
        if text in self.entries:
            return [self._candidate(text, 100, "id")]
        found: dict[str, Candidate] = {}
        for entity_id, via in self._keys.get(fold(text), ()):
            found.setdefault(entity_id, self._candidate(entity_id, 100, via))
        if self.use_gazetteer and (labels is None or "City" in labels) and self._geo:
            from graph.reference.gazetteer import gazetteer

            countries = {country} if country else self._countries
            for cc in countries:
                gid = gazetteer().geoname_id(text, cc)
                for entity_id in self._geo.get(gid, ()) if gid else ():
                    found.setdefault(entity_id, self._candidate(entity_id, 100, "gazetteer"))
        out = [
            c
            for c in found.values()
            if (labels is None or c.label in labels)
            and (not country or c.country in (None, country) or c.label != "City")
        ]
        return sorted(out, key=lambda c: c.id)

    def near(
        self,
        text: str,
        labels: set[str] | None = None,
        country: str | None = None,
        limit: int = 3,
        exclude: Iterable[str] = (),
    ) -> list[Candidate]:
        """Entities whose folded name scores at or above the cutoff (same first two letters,
        same label, and same country for cities), best first."""
        key = distinctive(fold(text))
        skip = set(exclude)
        scored: dict[str, int] = {}
        for (label, cc, block), choices in self._blocks.items():
            if labels is not None and label not in labels:
                continue
            if label == "City" and country and cc != country:
                continue
            if block != key[:2]:
                continue
            for choice, score, _ in process.extract(
                key, list(choices), scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=limit
            ):
                for entity_id in choices[choice] - skip:
                    scored[entity_id] = max(scored.get(entity_id, 0), round(score))
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [self._candidate(i, s, "fuzzy") for i, s in ranked]


def near_pairs(
    index: NameIndex, ids: Iterable[str], window: int = 25, per_entity: int = 3
) -> list[tuple[str, Candidate]]:
    """Possible duplicates of the entities ``ids`` among everything in ``index``.

    Sorted-neighbourhood blocking: names are grouped by label, country (for
    cities) and first two letters, sorted once, and each name of ``ids`` is
    compared with the ``window`` names on either side. The cost grows as
    n log n, so a 10 MB file is checked as quickly as a small one. At most
    ``per_entity`` best matches are kept for each entity.
    """
    wanted = set(ids)
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for choices in index._blocks.values():
        if not any(wanted.intersection(ids) for ids in choices.values()):
            continue
        keys = sorted(choices)
        for i, key in enumerate(keys):
            for entity_id in choices[key] & wanted:
                for other in keys[max(0, i - window) : i + window + 1]:
                    score = fuzz.ratio(key, other, score_cutoff=index.cutoff)
                    for other_id in choices[other] - {entity_id} if score else ():
                        best = found[entity_id]
                        best[other_id] = max(best.get(other_id, 0), round(score))
    out: list[tuple[str, Candidate]] = []
    for entity_id, best in found.items():
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:per_entity]
        out.extend((entity_id, index._candidate(o, s, "fuzzy")) for o, s in ranked)
    return out
