"""Safe rendering: headers on every response, no inline code, payloads escaped, safe links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web_fixtures import signed_in
from web.security import BASE_POLICY, vis_style_hashes

URLS = [
    "/",
    "/explore",
    "/entity/city-tr-antalya",
    "/synergy",
    "/map",
    "/path?a=city-de-nuremberg",
    "/index.json",
    "/search.json?q=a",
    "/entity/nope",
    "/static/css/app.css",
    "/synergy.csv",
]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_the_security_headers(viewer_client, url):
    with viewer_client.get(url) as r:
        headers = dict(r.headers)
    csp = headers["Content-Security-Policy"]
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    for name, sources in BASE_POLICY.items():
        assert directives[name].split()[: len(sources)] == sources
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_only_vis_network_stylesheets_are_allowed_by_hash():
    hashes = vis_style_hashes()
    assert len(hashes) == 8  # the empty text and the seven stylesheets the bundle injects
    assert hashes[0] == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/explore",
        "/entity/city-de-nuremberg",
        "/synergy",
        "/map",
        "/path?a=city-de-nuremberg&b=city-us-austin",
        "/entity/nope",
    ],
)
def test_pages_have_no_inline_script_or_style(viewer_client, url):
    html = viewer_client.get(url).get_data(as_text=True)
    for tag, attrs in tags(html):
        assert "style" not in attrs, f"style attribute on <{tag}>"
        assert not any(a.startswith("on") for a in attrs), f"event handler on <{tag}>"
        assert tag != "style"
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json"


def test_payloads_are_escaped_in_every_page(make_app, xss_dir, xss_payloads):
    from tests.web_fixtures import app_config
    from web import create_app

    client = signed_in(create_app(app_config(xss_dir)).test_client())
    pages = [
        "/",
        "/explore?collapse=1&kind=City,Network,Organization,Event,Agreement",
        "/synergy?kind=Network",
        "/map",
        *(f"/entity/city-de-payload-{i}" for i in range(len(xss_payloads))),
    ]
    raw = [p for p in xss_payloads if "<" in p]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        for payload in raw:
            assert payload not in html, f"{payload!r} unescaped in {url}"
        # data blocks cannot be closed early: "</script" never appears inside them
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
            assert "</" not in block and "<script" not in block.lower()


def test_only_http_sources_become_links_and_they_do_not_leak_the_referrer(make_app, xss_dir):
    from tests.web_fixtures import app_config
    from web import create_app

    client = signed_in(create_app(app_config(xss_dir)).test_client())
    for url in [
        "/entity/city-de-payload-2",
        "/entity/city-tr-antalya",
        "/entity/agreement-antalya-nurnberg",
    ]:
        for tag, attrs in tags(client.get(url).get_data(as_text=True)):
            href = attrs.get("href") or ""
            assert not href.lower().startswith(("javascript:", "data:", "vbscript:"))
            if tag == "a" and href.startswith("http"):
                assert attrs.get("rel") == "noopener noreferrer"
    data = client.get("/entity/agreement-antalya-nurnberg.json").get_json()
    assert [s["url"] for s in data["entity"]["sources"]] == ["https://nuernberg.de/x", None]


def test_jinja_autoescape_is_on(app):
    assert app.jinja_env.autoescape("page.html")
