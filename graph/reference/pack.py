"""The reference pack of public twinning data shipped with Diplomap, and its attribution.

``graph/reference/data/twinning-pack.json.gz`` holds sister-city pairs from the
Wikipedia twin-towns lists (facts from Wikipedia, CC BY-SA 4.0) and Wikidata P190
(CC0), built by ``tools/build_reference_pack.py`` (see :mod:`importers.reference_pack`).
:mod:`graph.reference.layer` brings it into a store.

>>> pack = read_pack()
>>> pack.version == PACK_VERSION, len(pack.cities) > 15000, len(pack.pairs) > 25000
(True, True, True)
>>> [s["key"] for s in pack.sources]
['twin-towns', 'wikidata']
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import ImportFailed

#: Layout of the pack file; a reader refuses other formats.
FORMAT = 1
#: Version of the pack's content (raise it when the data sets or the build change).
PACK_VERSION = "2026.12.2"
#: Where the shipped pack lives.
PACK_PATH = Path(__file__).resolve().parent / "data" / "twinning-pack.json.gz"

#: Origin, licence and credit of each data set a pack may hold.
SOURCES: dict[str, dict[str, str]] = {
    "twin-towns": {
        "title": "Wikipedia: Lists of twin towns and sister cities",
        "origin": "https://github.com/Hekman/twincities (app/public/twin_cities.csv)",
        "licence": "MIT (c) 2026 Erik Hekman; facts from Wikipedia, CC BY-SA 4.0",
        "credit": "Wikipedia contributors, 'List of twin towns and sister cities' pages, "
        "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)",
    },
    "wikidata": {
        "title": "Wikidata P190 (twinned administrative body), 25 EU countries, 2017",
        "origin": "https://github.com/rogorido/sistercities (sparql/data/*.tsv)",
        "licence": "CC0 1.0 (Wikidata)",
        "credit": "Wikidata, CC0 (https://www.wikidata.org/wiki/Property:P190)",
    },
}

#: One line of credit, shown in the app's footer and the README.
ATTRIBUTION = {
    "en": "Reference twinning data: Wikipedia contributors (CC BY-SA 4.0) and Wikidata (CC0).",
    "tr": "Kaynak kardeş şehir verisi: Wikipedia katkıcıları (CC BY-SA 4.0) ve Wikidata (CC0).",
}


@dataclass(frozen=True, slots=True)
class PackCity:
    """A city of the pack: its pack id, name, ISO2 country, coordinates, population and aliases."""

    id: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ReferencePack:
    """A read pack: its version, sources (with licence and credit), cities and pairs."""

    version: str
    sources: list[dict[str, Any]]
    cities: list[PackCity]
    #: (index of a city, index of a city, names of the data sets that list the pair).
    pairs: list[tuple[int, int, tuple[str, ...]]]
    gazetteer: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def source_names(self, keys: tuple[str, ...]) -> str:
        """The ``source`` text of records from the data sets ``keys`` (credit included)."""
        return " | ".join(f"{SOURCES[k]['title']} ({SOURCES[k]['licence']})" for k in keys)


def read_pack_bytes(raw: bytes) -> ReferencePack:
    """The pack held in the gzipped bytes ``raw``.

    Raises :class:`ImportFailed` when the bytes are not a pack this version reads.
    """
    try:
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, EOFError, ValueError) as exc:
        raise ImportFailed(
            f"the reference pack cannot be read: {exc}",
            hint="rebuild it with tools/build_reference_pack.py",
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailed(
            f"the reference pack has format {data.get('format') if isinstance(data, dict) else '?'}, "
            f"this Diplomap reads format {FORMAT}",
            hint="rebuild it with tools/build_reference_pack.py",
        )
    bits = data["source_bits"]
    cities = [
        PackCity(cid, name, country, lat, lon, population, tuple(aliases))
        for cid, name, country, lat, lon, population, aliases in data["cities"]
    ]
    pairs = [
        (first, second, tuple(k for k, bit in bits.items() if mask & bit))
        for first, second, mask in data["pairs"]
    ]
    meta = {k: v for k, v in data.items() if k not in ("cities", "pairs")}
    return ReferencePack(
        data["version"], data["sources"], cities, pairs, data.get("gazetteer", ""), meta
    )


def read_pack(path: str | Path | None = None) -> ReferencePack:
    """The pack at ``path`` (default: the one shipped with Diplomap, :data:`PACK_PATH`)."""
    path = Path(path) if path else PACK_PATH
    if not path.is_file():
        raise ImportFailed(
            f"no reference pack at {path}",
            hint="build it with tools/build_reference_pack.py, or give the path of a pack",
        )
    return read_pack_bytes(path.read_bytes())
