"""Security headers on every response, and the Content-Security-Policy.

The policy allows scripts, styles, images, fetches and forms from the app only;
no inline script and no inline style attribute anywhere. Data reaches the
scripts through ``<script type="application/json">`` blocks filled with
``|tojson``, which the browser never executes.

One precise exception: the vendored vis-network standalone bundle injects its own
stylesheet as seven ``<style>`` elements when it loads (VENDORED.md). Rather than
``'unsafe-inline'``, the policy lists the SHA-256 of exactly those seven texts,
computed from the vendored file when the app starts, and of the empty text (each
element is inserted empty before its text is added). Any other inline style (an
injected ``<style>`` or a ``style=""`` attribute) stays blocked. Without the
hashes the network's tooltips and navigation would lose their CSS. Vendoring
vis-network's *peer* build with its ``vis-network.min.css`` would remove the
exception (see bench/results/web.md).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from flask import Flask, Response

VIS_BUNDLE = Path(__file__).parent / "static" / "vendor" / "vis-network" / "vis-network.min.js"

# The bundle's style injector is called as A("css") / A('css') right after its definition.
_INJECTION = re.compile(r"""A\((['"])((?:\\.|(?!\1).)*)\1\);?""", re.S)
_FIRST = 'A(".vis-overlay{'

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@cache
def vis_style_hashes(bundle: Path = VIS_BUNDLE) -> tuple[str, ...]:
    """CSP sources (``'sha256-…'``) of the stylesheets the vis-network bundle injects."""
    try:
        text = bundle.read_text(encoding="utf-8")
    except OSError:
        return ()
    pos = text.find(_FIRST)
    styles = []
    while pos >= 0:
        match = _INJECTION.match(text, pos)
        if not match:
            break
        styles.append(match.group(2))
        pos = match.end()
    # The injector inserts each <style> empty and then adds its text: the browser checks both.
    return tuple(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in ["", *styles]
    )


def content_security_policy() -> str:
    """The policy sent with every response."""
    policy = {k: list(v) for k, v in BASE_POLICY.items()}
    policy["style-src"] += vis_style_hashes()
    return "; ".join(f"{k} {' '.join(v)}" for k, v in policy.items())


def init_app(app: Flask) -> None:
    policy = content_security_policy()

    @app.after_request
    def secure_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        response.vary.add("Cookie")  # the language is kept in the session
        return response
