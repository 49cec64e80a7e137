#!/usr/bin/env python3
"""Build graph/reference/data/twinning-pack.json.gz from the public data sets.

Reads the Wikipedia twin-towns pairs and the Wikidata P190 pairs from the folder of
the setting DIPLOMAP_DATASETS_DIR (default ../shared/datasets; ETMUN is never read:
it has no licence). The same files give the same bytes.

    .venv/bin/python tools/build_reference_pack.py [--datasets DIR] [--out FILE] [--check]

--check rebuilds in memory and fails (exit 1) when the file on disk differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import settings  # noqa: E402
from graph.errors import DiplomapError  # noqa: E402
from graph.reference.pack import PACK_PATH, read_pack_bytes  # noqa: E402
from importers.datasets import dataset_path  # noqa: E402
from importers.reference_pack import PACK_DATASETS, build_pack  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", help="folder of the data sets (default: the setting)")
    parser.add_argument("--out", type=Path, default=PACK_PATH, help="pack file to write")
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    config = settings.load()
    if args.datasets:
        config["DIPLOMAP_DATASETS_DIR"] = args.datasets
    try:
        paths = {name: dataset_path(name, config) for name in PACK_DATASETS}
        raw = build_pack(paths)
    except DiplomapError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    pack = read_pack_bytes(raw)
    summary = (
        f"reference pack {pack.version}: {len(pack.cities):,} cities, {len(pack.pairs):,} pairs, "
        f"{len(raw) / 1e6:.2f} MB"
    )
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == raw
        print(f"{summary}: {'same bytes as' if same else 'DIFFERS from'} {args.out}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(raw)
    print(f"{summary} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
