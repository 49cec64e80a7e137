"""PDF from a page's own HTML, with WeasyPrint, and nothing fetched from the network.

WeasyPrint lays out the HTML with the ``print`` media of its stylesheets (so a page's
print stylesheet is its PDF's). It fetches what the HTML links to through
:func:`static_file`, which serves the app's static files and refuses everything
else (other hosts, other paths, ``file:``): a name in the data cannot make the server
fetch anything. Fonts come from the machine (fontconfig: DejaVu, installed by
``tools/bootstrap.sh``) and are embedded, subset, in the PDF.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import current_app, request
from werkzeug.security import safe_join

log = logging.getLogger(__name__)


def static_file(url: str, base_url: str, static_folder: str, static_path: str) -> tuple[bytes, str]:
    """The bytes and type of ``url`` when it is a file of ``static_folder`` served under
    ``base_url + static_path``; ValueError for anything else (other hosts, paths, schemes).

    >>> static_file("http://h/static/css/app.css", "http://h/", "web/static", "/static")[1]
    'text/css'
    >>> static_file("http://other.org/static/css/app.css", "http://h/", "web/static", "/static")
    Traceback (most recent call last):
    ValueError: not fetched (only the app's static files are): http://other.org/static/css/app.css
    >>> static_file("file:///etc/passwd", "http://h/", "web/static", "/static")
    Traceback (most recent call last):
    ValueError: not fetched (only the app's static files are): file:///etc/passwd
    """
    base, parts = urlsplit(base_url), urlsplit(url)
    prefix = static_path.rstrip("/") + "/"
    if (parts.scheme, parts.netloc) == (base.scheme, base.netloc) and parts.path.startswith(prefix):
        found = safe_join(static_folder, unquote(parts.path[len(prefix) :]))
        if found is not None and Path(found).is_file():
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return Path(found).read_bytes(), mime
    raise ValueError(f"not fetched (only the app's static files are): {url}")


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html``, a page of this request (links resolved against its address)."""
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    base = request.url_root
    static_path = (request.script_root or "") + (current_app.static_url_path or "/static")
    folder = current_app.static_folder or ""

    class StaticOnly(URLFetcher):
        """Serves the app's static files; refuses every other address (nothing is fetched)."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            body, mime = static_file(url, base, folder, static_path)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # refused fetches are expected
    return HTML(string=html, base_url=request.url, url_fetcher=StaticOnly()).write_pdf()
