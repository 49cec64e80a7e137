"""Find entities by name as the user types: Turkish-aware, forgiving, with a cutoff.

Every name, Turkish name and alias is folded with :func:`graph.ids.fold` (so
"İzmir", "IZMIR" and "izmir" are one key). A query matches, best first: the
exact key (100), the start of a key (95), the start of a word in a key (90), then
rapidfuzz's WRatio at or above :data:`CUTOFF`, so "Nurnburg" still finds
Nürnberg, and "xyz" finds nothing rather than noise.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("city-de-nurnberg", label="City", name="Nuremberg", name_tr="Nürnberg",
...            aliases=["Nürnberg"])
>>> G.add_node("city-tr-izmir", label="City", name="İzmir")
>>> idx = SearchIndex(G)
>>> [(h.id, h.score) for h in idx.search("IZMIR")]
[('city-tr-izmir', 100.0)]
>>> idx.search("nurnburg")[0].id, idx.search("qqqq")
('city-de-nurnberg', [])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
from flask import request
from rapidfuzz import fuzz, process

from graph.errors import EntityNotFound
from graph.ids import fold
from web import params
from web.present import summary
from web.store import access

#: Lowest WRatio (0-100) of a fuzzy hit; below it the hit is noise.
CUTOFF = 72.0
#: Queries shorter than this (after folding) match by prefix only.
FUZZY_FROM = 3


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    matched: str


def _names(attrs: dict) -> list[str]:
    names = [attrs.get("name"), attrs.get("name_tr"), attrs.get("name_en"), attrs.get("acronym")]
    aliases = attrs.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.split(";")
    return [str(n) for n in [*names, *aliases] if n and str(n).strip()]


class SearchIndex:
    """Folded names of every entity of ``G`` (built once per store version)."""

    def __init__(self, G: nx.MultiDiGraph):
        self.keys: list[str] = []
        self.owners: list[str] = []
        self.texts: list[str] = []
        self.kind: dict[str, str] = {}
        for n, attrs in G.nodes(data=True):
            self.kind[n] = attrs.get("label", "")
            for text in dict.fromkeys(_names(attrs) or [n]):
                self.keys.append(fold(text))
                self.owners.append(n)
                self.texts.append(text)

    def search(self, query: str, limit: int = 10, kinds: tuple[str, ...] = ()) -> list[Hit]:
        """The best ``limit`` entities for ``query``, one hit per entity."""
        q = fold(query or "")
        if not q:
            return []
        best: dict[str, Hit] = {}

        def offer(i: int, score: float) -> None:
            owner = self.owners[i]
            if kinds and self.kind[owner] not in kinds:
                return
            if owner not in best or score > best[owner].score:
                best[owner] = Hit(owner, float(score), self.texts[i])

        for i, key in enumerate(self.keys):
            if key == q:
                offer(i, 100.0)
            elif key.startswith(q):
                offer(i, 95.0)
            elif f" {q}" in f" {key}":
                offer(i, 90.0)
        if len(q) >= FUZZY_FROM and len(best) < limit:
            for _, score, i in process.extract(
                q, self.keys, scorer=fuzz.WRatio, score_cutoff=CUTOFF, limit=limit * 4
            ):
                offer(i, min(float(score), 89.0))
        hits = sorted(best.values(), key=lambda h: (-h.score, len(h.matched), h.id))
        return hits[:limit]


def find(query: str, limit: int = 10, kinds: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Search results as summaries, for this page and for pages that accept a name."""
    acc = access()
    index = acc.derived("search-index", SearchIndex)
    G = acc.graph()
    return [
        {**summary(G, hit.id), "score": round(hit.score, 1), "matched": hit.matched}
        for hit in index.search(query, limit=limit, kinds=kinds)
        if hit.id in G
    ]


def pick(name: str) -> str | None:
    """The entity a form's picker names: the id in ``name``, else the best match for ``name_q``.

    Returns None when both are empty; raises :class:`EntityNotFound` for an unknown id
    or a text that matches nothing.
    """
    chosen = params.one(name)
    if chosen:
        access().node(chosen)
        return chosen
    text = params.one(f"{name}_q")
    if not text:
        return None
    found = find(text[:200], limit=1)
    if not found:
        raise EntityNotFound(
            f"nothing matches {text!r}",
            hint="try another spelling, or pick a name from the list while typing",
        )
    return found[0]["id"]


def asked(name: str) -> bool:
    """True when the form sent ``name`` or ``name_q`` at all (even empty)."""
    return name in request.args or f"{name}_q" in request.args
