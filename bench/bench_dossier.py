"""How long a partner dossier takes: its page and its PDF, beside the entity page as the baseline.

    .venv/bin/python bench/bench_dossier.py            # the demo store (sample and peers)
    .venv/bin/python bench/bench_dossier.py --runs 5

The Antalya sample and its peers are imported into an embedded store in a temporary
folder; the app answers in-process (Flask's test client, a signed-in viewer), so the
figures are the server's work only. For each entity of a fixed set (a sister city,
a network, a peer, a city we have no tie with), three requests are timed, each on a
fresh app-level cache (``memo`` cleared) so nothing is reused between them:
the entity page (HTML, the baseline), the dossier page (HTML) and the dossier PDF
(WeasyPrint). The first PDF of a process also loads Pango and the fonts; it is
reported apart. Medians over ``--runs``; ratios against the entity page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.stores.embedded import EmbeddedStore  # noqa: E402
from importers.pipeline import import_path  # noqa: E402
from tests.web_fixtures import app_config, sign_in  # noqa: E402
from web import create_app  # noqa: E402
from web.store import access  # noqa: E402

ENTITIES = ("city-de-nuremberg", "network-medcities", "city-tr-izmir", "city-de-bremen")


def forget(app) -> None:
    """Drop the pages and rankings the app keeps, so the next request builds from the graph."""
    with app.app_context():
        acc = access()
        with acc._lock:
            acc._memo.clear()


def timed(client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    took = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="diplomap-bench-dossier-"))
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, ROOT / "data" / "antalya")
        import_path(store, ROOT / "data" / "peers")
    app = create_app(app_config(folder))
    client = app.test_client()
    sign_in(client, "viewer")
    with app.app_context():
        access().graph()
    first_pdf = timed(client, f"/dossier/{ENTITIES[0]}.pdf")
    rows = []
    for ident in ENTITIES:
        found: dict[str, list[float]] = {"entity": [], "dossier": [], "pdf": []}
        for _ in range(args.runs):
            for name, path in (
                ("entity", f"/entity/{ident}"),
                ("dossier", f"/dossier/{ident}"),
                ("pdf", f"/dossier/{ident}.pdf"),
            ):
                forget(app)
                found[name].append(timed(client, path))
        med = {k: statistics.median(v) for k, v in found.items()}
        rows.append((ident, med))
    print(f"first PDF of the process (Pango and fonts load): {first_pdf * 1000:.0f} ms")
    print(
        "| entity | entity page ms | dossier page ms | dossier PDF ms | page / entity | PDF / entity |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for ident, med in rows:
        print(
            f"| `{ident}` | {med['entity'] * 1000:.0f} | {med['dossier'] * 1000:.0f} | "
            f"{med['pdf'] * 1000:.0f} | {med['dossier'] / med['entity']:.1f} | "
            f"{med['pdf'] / med['entity']:.1f} |"
        )
    app.extensions["diplomap"].close()


if __name__ == "__main__":
    main()
