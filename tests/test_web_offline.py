"""Offline: every page and every file it loads comes from the app; nothing points outside.

The crawl starts at every page family, follows same-site links one level, and
reads every ``src``, ``href``, ``url()``, ``srcset`` and ``action``. Only ``<a href>``
may point outside (sources of a record are data), and then only to http(s) with
``rel="noopener noreferrer"``. Scripts, stylesheets, fonts, images and fetch targets
must be local, and every local asset must exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from tests.test_web_security import tags

START = [
    "/",
    "/explore",
    "/entity/city-tr-antalya",
    "/entity/city-de-nuremberg",
    "/synergy",
    "/path?a=city-de-nuremberg&b=city-us-austin",
    "/map",
    "/plan",
    "/entity/nope",
]
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def outside(url: str) -> bool:
    if url.startswith(("data:", "#", "mailto:")):
        return False
    host = urlsplit(url).hostname
    return bool(OUTSIDE.match(url)) and host not in ("localhost", "127.0.0.1")


def test_no_page_loads_anything_from_outside(viewer_client):
    seen, assets, todo = set(), set(), list(START)
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = viewer_client.get(url)
        if response.mimetype != "text/html":
            continue  # a download (a zip of CSV files, a workbook): no page to read
        html = response.get_data(as_text=True)
        for tag, attrs in tags(html):
            for name in ("src", "href", "action", "srcset", "poster", "data"):
                value = attrs.get(name)
                if not value:
                    continue
                if tag == "a" and name == "href":
                    if outside(value):
                        assert value.startswith(("http://", "https://")), value
                        assert attrs.get("rel") == "noopener noreferrer", value
                    elif (
                        value.startswith("/")
                        and len(seen) < 60
                        and not value.endswith((".csv", ".xlsx"))
                        and "download" not in attrs  # a file (a report, an export), not a page
                    ):
                        todo.append(value)
                    continue
                assert not outside(value), f"<{tag} {name}={value!r}> on {url}"
                if value.startswith("/static/"):
                    assets.add(value)
        assert not any(outside(u) for u in CSS_URL.findall(html)), url
    assert len(seen) > 20
    for asset in assets:
        with viewer_client.get(asset) as r:
            assert r.status_code == 200, asset


def test_stylesheets_and_scripts_of_the_app_name_no_outside_url():
    for path in [
        *STATIC.glob("css/*.css"),
        *STATIC.glob("js/*.js"),
        STATIC / "vendor/leaflet/leaflet.css",
    ]:
        text = path.read_text(encoding="utf-8")
        assert not any(outside(u) for u in CSS_URL.findall(text)), path
        if path.parent.name == "js":
            assert not re.search(r"""["'](?:https?:)?//""", text), f"{path} names an outside URL"


def test_map_shapes_are_served_by_the_app(viewer_client):
    shapes = viewer_client.get("/map.json").get_json()["shapes"]
    assert shapes.startswith("/static/vendor/world-atlas/")
    with viewer_client.get(shapes) as r:
        assert r.get_json()["type"] == "Topology"
