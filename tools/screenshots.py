"""Take the README's screenshots: Chromium at 1366x900 over the sample (with its peers).

Builds a throw-away store from ``data/antalya`` and ``data/peers``, serves it on loopback,
signs in, and saves one PNG per page and language to ``docs/img/``::

    .venv/bin/python tools/screenshots.py            # all pages, Turkish and English
    .venv/bin/python tools/screenshots.py --out /tmp/shots --page explorer \
        --extra "timeline=/explore?until=2010"        # a look at some pages while working
    .venv/bin/python tools/screenshots.py --out /tmp/shots --page none \
        --extra "bad=/new/plan_activities?name=X&planned_end=soon" --check bad  # a checked form

Needs Debian's Chromium (``tools/bootstrap.sh --test`` installs it) and Playwright.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from graph.accounts.users import UserStore  # noqa: E402
from graph.stores.embedded import EmbeddedStore  # noqa: E402
from importers.pipeline import import_path  # noqa: E402
from web import create_app  # noqa: E402

OUT = ROOT / "docs" / "img"
PAGES = {
    "overview": "/",
    "explorer": "/explore",
    "questions": "/questions",
    "entity": "/entity/city-tr-antalya",
    "synergy": "/synergy",
    "plan": "/plan",
    "dossier": "/dossier/city-de-bremen",
}
PASSWORD = "screenshots passphrase kept long"


def main() -> None:
    import argparse

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    parser.add_argument("--extra", action="append", default=[], help="NAME=/path to add")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="load the public reference layer too, as the demo does",
    )
    parser.add_argument(
        "--check",
        action="append",
        default=[],
        help="NAME of a form page whose Check button is pressed before the picture",
    )
    parser.add_argument(
        "--fill",
        action="append",
        default=[],
        help="NAME:FIELD=VALUE typed into a form's field before its check (repeatable)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="the whole page, not the first screen; prints its height",
    )
    args = parser.parse_args()
    pages = {k: v for k, v in PAGES.items() if not args.page or k in args.page}
    pages.update(dict(item.split("=", 1) for item in args.extra))
    out = args.out

    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("no chromium on PATH: run tools/bootstrap.sh --test")
    folder = Path(tempfile.mkdtemp(prefix="diplomap-shots-"))
    with EmbeddedStore(folder / "graph.sqlite") as store:
        import_path(store, ROOT / "data" / "antalya")
        import_path(store, ROOT / "data" / "peers")
        if args.reference:
            from graph.reference.layer import load_reference

            load_reference(store)
    UserStore(folder / "users.sqlite").add("screenshots", PASSWORD, "admin")
    app = create_app(
        {
            "DIPLOMAP_DATA_DIR": str(folder),
            "DIPLOMAP_BACKEND": "embedded",
            "DIPLOMAP_SECURE_COOKIES": False,
            "SECRET_KEY": "screenshots",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
            page.goto(base + "/login")
            page.fill("#login-form input[name=username]", "screenshots")
            page.fill("#login-form input[name=password]", PASSWORD)
            page.click("#login-form button[type=submit]")
            page.wait_for_load_state()
            for name, path in pages.items():
                for lang in ("tr", "en"):
                    sep = "&" if "?" in path else "?"
                    page.goto(f"{base}{path}{sep}lang={lang}")
                    page.wait_for_load_state("networkidle")
                    for item in args.fill:
                        owner, _, rest = item.partition(":")
                        if owner == name:
                            field, _, value = rest.partition("=")
                            page.fill(f"[name={field}]", value)
                    if name in args.check:  # a form: its check, with problems by field
                        page.click("button[name=action][value=preview]")
                        page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1500)  # the network view settles
                    target = out / f"{name}-{lang}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    height = page.evaluate("document.documentElement.scrollHeight")
                    print(target, f"{height} px high" if args.full else "")
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
