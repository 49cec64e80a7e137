"""Build data/peers/ (the import format) from the public records of the peer municipalities.

Reads ``<DIPLOMAP_DATASETS_DIR>/peers/`` (İzmir, Konya and Mersin: their networks and sister
cities, each row with its sources and confidence) and writes ``data/peers/`` with
``cities.csv``, ``networks.csv``, ``memberships.csv`` and ``agreements.csv``. Peers are never
the home city. A network that the Antalya sample already has (same acronym or name) keeps the
sample's id, so that shared networks are one node; a partner city that the sample already has
(same name and country, or a known alternate name) keeps its id. Nothing is invented: rows
carry their own sources and confidence, and a missing date stays missing.

    .venv/bin/python tools/peer_sample.py          # then: diplomap import data/peers
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.ids import fold, make_id  # noqa: E402
from graph.reference.countries import country_code  # noqa: E402

PEERS = {"izmir": ("city-tr-izmir", "İzmir"), "konya": ("city-tr-konya", "Konya"),
         "mersin": ("city-tr-mersin", "Mersin")}  # fmt: skip
SAMPLE = ROOT / "data" / "antalya"
OUT = ROOT / "data" / "peers"
SCOPES = {"global", "european", "mediterranean", "national", "regional"}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, header: list[str], rows: list[list]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def year(text: str) -> str:
    text = (text or "").strip()
    return text[:4] if text[:4].isdigit() else ""


def main() -> None:
    datasets = Path(os.environ.get("DIPLOMAP_DATASETS_DIR") or ROOT.parent / "shared" / "datasets")
    folder = datasets / "peers"
    if not folder.is_dir():
        raise SystemExit(f"no {folder}: set DIPLOMAP_DATASETS_DIR to the data sets folder")
    sample_networks = read(SAMPLE / "networks.csv")
    by_acronym = {fold(n["acronym"]): n["id"] for n in sample_networks if n.get("acronym")}
    by_name = {fold(n["name"]): n["id"] for n in sample_networks}
    sample_cities = {(fold(c["name"]), c["country"]): c["id"] for c in read(SAMPLE / "cities.csv")}
    for c in read(SAMPLE / "cities.csv"):
        for alias in (c.get("aliases") or "").split(";"):
            if alias.strip():
                sample_cities.setdefault((fold(alias), c["country"]), c["id"])

    cities: dict[str, list] = {}
    networks: dict[str, list] = {}
    memberships, agreements = [], []
    for peer, (peer_id, peer_name) in PEERS.items():
        cities[peer_id] = [peer_id, peer_name, "TR", "", ""]
        for row in read(folder / f"{peer}_networks.csv"):
            key_a, key_n = fold(row["acronym"] or ""), fold(row["network_name"])
            network = by_acronym.get(key_a) or by_name.get(key_n)
            if network is None:
                network = make_id("Network", row["acronym"] or row["network_name"])
                scope = fold(row["scope"]).split(" ")[0] if row.get("scope") else ""
                networks.setdefault(
                    network,
                    [network, row["network_name"], row["acronym"],
                     scope if scope in SCOPES else "", row["source_url"], row["confidence"]],
                )  # fmt: skip
            memberships.append(
                [peer_id, network, year(row["member_since"]), "active",
                 row["source_url"], row["confidence"], row.get("notes", "")]
            )  # fmt: skip
        for row in read(folder / f"{peer}_sister_cities.csv"):
            code = (row.get("country_iso2") or "").strip().upper() or country_code(row["country"])
            if not code:
                print(
                    f"skipped {row['city']!r}: unknown country {row['country']!r}", file=sys.stderr
                )
                continue
            city = sample_cities.get((fold(row["city"]), code)) or make_id(
                "City", row["city"], code
            )
            if city not in cities and city not in sample_cities.values():
                cities[city] = [city, row["city"], code, row["source_url"], row["confidence"]]
            agreements.append(
                [f"agreement-sister-city-{peer}-{city.removeprefix('city-')}", "sister_city",
                 f"{peer_id};{city}", year(row["year_signed"]), "",
                 row["source_url"], row["confidence"], row.get("notes", "")]
            )  # fmt: skip
    write("cities.csv", ["id", "name", "country", "source", "confidence"], list(cities.values()))
    write(
        "networks.csv",
        ["id", "name", "acronym", "scope", "source", "confidence"],
        sorted(networks.values()),
    )
    write(
        "memberships.csv",
        ["member", "network", "since", "status", "source", "confidence", "notes"],
        memberships,
    )
    write(
        "agreements.csv",
        ["id", "type", "parties", "signed_on", "status", "source", "confidence", "notes"],
        agreements,
    )
    print(
        f"data/peers: {len(cities)} cities, {len(networks)} new networks, "
        f"{len(memberships)} memberships, {len(agreements)} sister-city agreements"
    )


if __name__ == "__main__":
    main()
